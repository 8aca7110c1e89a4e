"""Test fixtures: Sphinx's own, the test roots, snapshots, and the TeX switch."""

from __future__ import annotations

import io
import os
import posixpath
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

pytest_plugins = ['sphinx.testing.fixtures']

TESTS = Path(__file__).parent
ROOT = TESTS.parent
#: The Debian packages that provide what the PDF tests need: TeX (the list
#: the Makefile and CI read too) and poppler to read the PDF back.
TEX_PACKAGES = (ROOT / '.ci' / 'tex-packages').read_text('utf-8').strip() + ' poppler-utils'


@pytest.fixture(scope='session')
def rootdir() -> Path:
    return TESTS / 'roots'


#: Third-party checkers CI installs (Debian: default-jre-headless, chromium,
#: epubcheck; npm: package.json).  Missing ones skip, unless
#: BIOGRAPHY_REQUIRE_VALIDATORS=1 (CI) makes the tests fail instead.
VALIDATORS = {
    'java': 'apt-get install default-jre-headless',
    'node': 'apt-get install nodejs npm',
    'chromium': 'apt-get install chromium',
    'pdffonts': 'apt-get install poppler-utils',
    'dot': 'apt-get install graphviz',
}
VNU_JAR = ROOT / 'node_modules' / 'vnu-jar' / 'build' / 'dist' / 'vnu.jar'
#: Debian's epubcheck, run with java -jar (its /usr/bin link relies on binfmt).
EPUBCHECK_JAR = Path('/usr/share/java/epubcheck.jar')


def missing_validators() -> list[str]:
    missing = [f'{tool} ({how})' for tool, how in VALIDATORS.items() if not shutil.which(tool)]
    if not VNU_JAR.exists() or not (ROOT / 'node_modules' / 'axe-core').exists():
        missing.append('npm packages (npm ci)')
    if not EPUBCHECK_JAR.exists():
        missing.append('epubcheck (apt-get install epubcheck)')
    return missing


def missing_tex_tools() -> list[str]:
    return [tool for tool in ('xelatex', 'latexmk', 'xindy', 'pdftotext') if not shutil.which(tool)]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip TeX tests when TeX is missing, unless CI demands them (BIOGRAPHY_REQUIRE_TEX=1)."""
    skips = {}
    missing = missing_tex_tools()
    if missing and os.environ.get('BIOGRAPHY_REQUIRE_TEX') != '1':
        skips['tex'] = (
            f'TeX tools missing ({", ".join(missing)}); '
            f'install with: apt-get install --no-install-recommends {TEX_PACKAGES}'
        )
    missing = missing_validators()
    if missing and os.environ.get('BIOGRAPHY_REQUIRE_VALIDATORS') != '1':
        skips['validators'] = f'checkers missing: {"; ".join(missing)}'
    for item in items:
        if 'site' in getattr(item, 'fixturenames', ()):
            item.add_marker(pytest.mark.site)
        for marker, reason in skips.items():
            if item.get_closest_marker(marker):
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope='session')
def site(tmp_path_factory: pytest.TempPathFactory):
    """Build the real site with a builder (once per session); return the output dir."""
    built: dict[str, Path] = {}

    def build(builder: str) -> Path:
        if builder not in built:
            out = tmp_path_factory.mktemp(f'site-{builder}')
            run = subprocess.run(
                [sys.executable, '-m', 'sphinx', '-M', builder, 'source', str(out), '-c', '.',
                 '-W', '--keep-going', '-q'],
                cwd=ROOT, capture_output=True, text=True, check=False,
            )  # fmt: skip
            assert run.returncode == 0, run.stdout[-3000:] + run.stderr
            assert 'WARNING' not in run.stderr, run.stderr
            built[builder] = out / ('latex' if builder == 'latexpdf' else builder)
        return built[builder]

    return build


class InventoryItem(NamedTuple):
    uri: str
    display_name: str


def read_inventory(path: Path) -> dict[str, dict[str, InventoryItem]]:
    """An ``objects.inv`` as {object type: {name: item}}, on every supported Sphinx."""
    from sphinx.util.inventory import InventoryFile

    raw = path.read_bytes()
    if hasattr(InventoryFile, 'loads'):  # Sphinx >= 8.2
        items = InventoryFile.loads(raw, uri='').data
        return {kind: {name: InventoryItem(i.uri, i.display_name) for name, i in found.items()}
                for kind, found in items.items()}  # fmt: skip
    items = InventoryFile.load(io.BytesIO(raw), '', posixpath.join)
    return {kind: {name: InventoryItem(i[2], i[3]) for name, i in found.items()}
            for kind, found in items.items()}  # fmt: skip


@pytest.fixture
def snapshot():
    """Compare text with ``tests/snapshots/<name>``; UPDATE_SNAPSHOTS=1 rewrites it."""

    def check(text: str, name: str) -> None:
        path = TESTS / 'snapshots' / name
        if os.environ.get('UPDATE_SNAPSHOTS') == '1' or not path.exists():
            path.write_text(text, encoding='utf-8')
            if os.environ.get('UPDATE_SNAPSHOTS') != '1':
                pytest.fail(f'snapshot {name} was missing and has been written; check it in')
        assert text == path.read_text(encoding='utf-8'), f'{name} differs from its snapshot'

    return check
