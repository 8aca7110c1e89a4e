# Two commands from a fresh clone: `make html` and `make test`.
# Both create .venv from requirements.txt when it is missing.

PYTHON      ?= python3.11
VENV        ?= .venv
SPHINXOPTS  ?= -W --keep-going
SOURCEDIR    = source
BUILDDIR     = _build
BIN          = $(VENV)/bin
SPHINXBUILD  = $(BIN)/sphinx-build
# The Debian packages the PDF needs (xelatex, latexmk, xindy, fonts); the
# one list, also read by .ci/run and the tests.
TEX_PACKAGES := $(shell cat .ci/tex-packages)

.PHONY: help gallery dist test-oldest test-newest bench html livehtml latexpdf pdf epub text man singlehtml test check lint schema translations clean tex-check

help:
	@echo "make html      build the site into $(BUILDDIR)/html (warnings are errors)"
	@echo "make test      run the test suite"
	@echo "make latexpdf  build the PDF into $(BUILDDIR)/latex (needs TeX; 'make pdf' is the same)"
	@echo "make epub|text|man|singlehtml   other formats"
	@echo "make livehtml  rebuild and reload in the browser while you write (sphinx-autobuild)"
	@echo "make check     lint, type check (mypy), then the tests (what CI runs)"
	@echo "make dist      build the extension's wheel and sdist into dist/"
	@echo "make test-oldest|test-newest   the extension's tests on the oldest/newest supported Sphinx"
	@echo "make bench     timeline vs. hand-written MyST vs. empty pages (about 12 minutes)"
	@echo "make gallery   screenshot the blocks on five themes into source/_static/gallery (Chromium, npm ci)"
	@echo "make schema    regenerate _ext/sphinx_biography/data.schema.json"
	@echo "make translations   extract the extension's labels, update and compile the catalogs"
	@echo "make clean     remove $(BUILDDIR)"

# The venv is rebuilt when requirements.txt or the package's metadata changes;
# requirements.txt installs the extension editable, as a user would install it.
$(BIN)/sphinx-build: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

html epub text man singlehtml: $(BIN)/sphinx-build
	$(SPHINXBUILD) -M $@ $(SOURCEDIR) $(BUILDDIR) -c . $(SPHINXOPTS)

# sphinx-autobuild is for writing only, so it is installed on first use.
AUTOBUILD_VERSION = 2025.8.25
livehtml: $(BIN)/sphinx-build
	test -x $(BIN)/sphinx-autobuild || $(BIN)/python -m pip install --quiet sphinx-autobuild==$(AUTOBUILD_VERSION)
	$(BIN)/sphinx-autobuild source $(BUILDDIR)/html -c . --watch _ext $(SPHINXOPTS)

tex-check:
	@missing=""; for tool in xelatex latexmk xindy; do \
	  command -v $$tool >/dev/null 2>&1 || missing="$$missing $$tool"; done; \
	if [ -n "$$missing" ]; then \
	  echo "The PDF needs TeX, and these are missing:$$missing"; \
	  echo "Install them with:"; \
	  echo "  sudo apt-get install --no-install-recommends $(TEX_PACKAGES)"; \
	  exit 1; fi

# Characters the fonts lack do not stop the PDF; they are listed as warnings.
latexpdf pdf: $(BIN)/sphinx-build tex-check
	$(SPHINXBUILD) -M latexpdf $(SOURCEDIR) $(BUILDDIR) -c . $(SPHINXOPTS)
	@grep -h '^Missing character' $(BUILDDIR)/latex/*.log | sort -u | sed 's/^/WARNING: PDF: /' || true

test: $(BIN)/sphinx-build
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(BIN)/sphinx-build
	$(BIN)/ruff check _ext tests conf.py
	$(BIN)/ruff format --check _ext tests conf.py

# mypy: strict on the data layer (model, schema, dates, yamltree), checked
# untyped definitions elsewhere; settings in pyproject.toml.
typecheck: $(BIN)/sphinx-build
	$(BIN)/mypy

check: lint typecheck test

# The distribution `sphinx-biography`: a wheel and an sdist in dist/, built
# in isolation by the backend pyproject.toml names (hatchling).
# The wheel is built from the sdist, which proves the sdist complete.
dist: $(BIN)/sphinx-build
	rm -rf dist
	$(BIN)/python -m build --outdir dist .
	@ls dist

# The extension's own tests (not the site) against the oldest and newest
# Sphinx it supports, each in its own venv with the versions that go with it
# (the site, the wheel and the browser checks run once, in .venv).
test-oldest test-newest: test-%: $(BIN)/sphinx-build
	test -x .venv-$*/bin/python || $(PYTHON) -m venv .venv-$*
	.venv-$*/bin/python -m pip install --quiet -r tests/requirements-$*.txt -e .
	.venv-$*/bin/python -m pytest -m "not site and not packaging and not validators" -p no:cacheprovider $(PYTEST_ARGS)

# The extensions we compare against live in their own venv, so they never
# touch the site's; if they do not install, the benchmark runs without them.
BENCH_VENV = .venv-bench
COMPARED   = sphinx-timeline==0.2.1 sphinxcontrib-datatemplates==0.11.0
bench: $(BIN)/sphinx-build
	test -x $(BENCH_VENV)/bin/python || ($(PYTHON) -m venv $(BENCH_VENV) && \
	  $(BENCH_VENV)/bin/python -m pip install --quiet -r requirements.txt $(COMPARED)) || \
	  rm -rf $(BENCH_VENV)
	$(BIN)/python tests/bench/bench.py $(BENCH_ARGS) \
	  $$(test -x $(BENCH_VENV)/bin/python && echo --compare-python $(BENCH_VENV)/bin/python)

# The screenshots source/extension/themes.md shows: tests/roots/test-themes
# built with each theme, light and dark, shot by tests/themes.mjs.
gallery: $(BIN)/sphinx-build
	$(BIN)/python tests/gallery.py

schema: $(BIN)/sphinx-build
	$(BIN)/python -m sphinx_biography.model > _ext/sphinx_biography/data.schema.json

LOCALE = _ext/sphinx_biography/locale
translations: $(BIN)/sphinx-build
	$(BIN)/pybabel extract -k N_ --no-location --sort-output --project=biography \
	  --copyright-holder="the biography project contributors" -o $(LOCALE)/biography.pot _ext/sphinx_biography
	$(BIN)/pybabel update -i $(LOCALE)/biography.pot -d $(LOCALE) -D biography --width=100
	$(BIN)/pybabel compile -d $(LOCALE) -D biography

clean:
	rm -rf $(BUILDDIR)
