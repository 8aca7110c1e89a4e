"""The distribution as a stranger gets it: the wheel in a fresh venv, in a project of theirs.

The wheel and the sdist are built once (from the sdist, as ``make dist``
does), installed into a new virtual environment with their declared
dependencies from the package index, and used by a small reST project with
its own data, the default theme and nothing of this repository on its path.
"""

from __future__ import annotations

import email.parser
import os
import re
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
PACKAGE = ROOT / '_ext' / 'sphinx_biography'

pytestmark = pytest.mark.packaging

PAGE = """\
Lovelace
========

.. biography:: ada

Her notes (:event:`notes`) describe :project:`engine`.

.. project:: engine

.. timeline::
   :people: ada
   :group-by: decade
"""

DATA = """\
# yaml-language-server: $schema=biography.schema.json
people:
  - id: ada
    name: Ada Lovelace
    born: {date: 1815-12-10, place: London}
    died: {date: 1852-11-27, place: London}
    known_for: [engine]
  - {id: babbage, name: Charles Babbage}
projects:
  - id: engine
    name: Analytical Engine
    summary: A general-purpose *mechanical* computer, designed by {person}`babbage`.
    authors: [babbage]
events:
  - id: notes
    date: 1843
    title: The notes on the engine <script>
    people: [ada]
    projects: [engine]
  - {id: babbage-born, date: 1791-12-26, title: Babbage is born, people: [babbage]}
"""


def run(*args: str | Path, cwd: Path | None = None) -> str:
    # A stranger's environment: no PYTHONPATH pointing at a checkout.
    env = {name: value for name, value in os.environ.items() if name != 'PYTHONPATH'}
    done = subprocess.run(
        [str(arg) for arg in args], cwd=cwd, capture_output=True, text=True, check=False, env=env
    )
    assert done.returncode == 0, f'{args}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}'
    return done.stdout + done.stderr


@pytest.fixture(scope='module')
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``python -m build``: the sdist, and the wheel built from it."""
    out = tmp_path_factory.mktemp('dist')
    run(sys.executable, '-m', 'build', '--outdir', out, ROOT)
    return out


@pytest.fixture(scope='module')
def stranger(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel and its declared dependencies, nothing else."""
    env = tmp_path_factory.mktemp('venv')
    venv.create(env, with_pip=True)
    python = env / 'bin' / 'python'
    run(python, '-m', 'pip', 'install', '--quiet', next(dist.glob('*.whl')))
    return python


def test_wheel_holds_the_package_and_its_data(dist: Path) -> None:
    wheel = next(dist.glob('sphinx_biography-*-py3-none-any.whl'))
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in (
        'sphinx_biography/__init__.py',
        'sphinx_biography/static/biography.css',
        'sphinx_biography/locale/de/LC_MESSAGES/biography.mo',
        'sphinx_biography/data.schema.json',
        'sphinx_biography/py.typed',
    ):
        assert name in names, name
    assert not any(name.startswith(('tests/', 'source/', 'biography/')) for name in names)
    license_file = next(name for name in names if name.endswith('licenses/LICENSE'))
    assert 'Redistribution and use' in zipfile.ZipFile(wheel).read(license_file).decode()
    metadata_file = next(name for name in names if name.endswith('.dist-info/METADATA'))
    metadata = email.parser.Parser().parsestr(zipfile.ZipFile(wheel).read(metadata_file).decode())
    assert metadata['Name'] == 'sphinx-biography'
    assert metadata['License-Expression'] == 'BSD-3-Clause'
    assert 'Framework :: Sphinx :: Extension' in metadata.get_all('Classifier')
    requires = ' '.join(metadata.get_all('Requires-Dist'))
    for dependency in ('sphinx<10,>=8.1', 'docutils', 'myst-parser', 'pyyaml'):
        assert dependency in requires.lower(), requires


def test_sdist_builds_the_same_package(dist: Path) -> None:
    sdist = next(dist.glob('sphinx_biography-*.tar.gz'))
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
    top = names[0].split('/')[0]
    assert f'{top}/_ext/sphinx_biography/static/biography.css' in names
    assert f'{top}/LICENSE' in names
    assert not any('/tests/' in name or '/source/' in name for name in names)


def test_a_strangers_rest_project_builds_with_the_wheel(stranger: Path, tmp_path: Path) -> None:
    """reST only, the default theme, its own data; warnings are errors."""
    project = tmp_path / 'project'
    (project / '_data').mkdir(parents=True)
    (project / 'conf.py').write_text(
        "project = 'Engines'\nextensions = ['sphinx_biography']\n"
        "biography_data = ['_data/engines.yaml']\n",
        encoding='utf-8',
    )
    (project / '_data' / 'engines.yaml').write_text(DATA, encoding='utf-8')
    (project / 'index.rst').write_text(PAGE, encoding='utf-8')
    # The schema line in the data names a file the package writes.
    run(
        stranger,
        '-m',
        'sphinx_biography',
        'schema',
        '-o',
        project / '_data' / 'biography.schema.json',
    )
    assert '"$schema"' in (project / '_data' / 'biography.schema.json').read_text('utf-8')

    output = run(
        stranger, '-m', 'sphinx', '-W', '-b', 'html', project, project / '_build', cwd=tmp_path
    )
    assert 'WARNING' not in output, output
    html = (project / '_build' / 'index.html').read_text('utf-8')
    assert '<aside class="bio-infobox bio-person h-card" id="person-ada">' in html
    assert 'href="_static/biography.css' in html
    assert (project / '_build' / '_static' / 'biography.css').exists()
    assert html.count('<li class="bio-event h-event"') == 1
    assert '1810s' not in html and '1840s' in html
    assert '<em>mechanical</em>' in html  # data markup is MyST without myst_parser loaded
    assert 'The notes on the engine &lt;script&gt;' in html
    assert 'engine <script>' not in html
    # The package runs from site-packages, not from a checkout.
    where = run(stranger, '-c', 'import sphinx_biography; print(sphinx_biography.__file__)')
    assert 'site-packages' in where and str(ROOT) not in where


def test_pip_install_of_the_checkout_leaves_it_clean(stranger: Path, tmp_path: Path) -> None:
    """``pip install <clone>`` installs sphinx-biography and writes nothing into the clone."""
    clone = tmp_path / 'clone'
    run('git', 'clone', '--quiet', ROOT, clone)
    run(stranger, '-m', 'pip', 'install', '--quiet', '--no-deps', '--force-reinstall', clone)
    assert run('git', 'status', '--porcelain', '--ignored', cwd=clone).strip() == ''
    shown = run(stranger, '-m', 'pip', 'show', 'sphinx-biography')
    assert 'Name: sphinx-biography' in shown


def test_the_package_readme_names_every_option_setting_and_subtype() -> None:
    """The PyPI page is all some users read: it must not fall behind the code."""
    from sphinx_biography import directives
    from sphinx_biography.warnings import WARNING_SUBTYPES

    readme = (ROOT / '_ext' / 'README.md').read_text('utf-8')
    for directive in (
        directives.BiographyDirective,
        directives.ProjectDirective,
        directives.TimelineDirective,
        directives.SourcesDirective,
        directives.ProjectCardsDirective,
        directives.LifespanChartDirective,
    ):
        for option in directive.option_help:
            assert f'`{option}`' in readme, option
    setup_source = (PACKAGE / '__init__.py').read_text(encoding='utf-8')
    settings = re.findall(r"add_config_value\(\s*'(\w+)'", setup_source)
    assert 'biography_data' in settings
    for setting in settings:
        assert f'`{setting}`' in readme, setting
    for subtype in WARNING_SUBTYPES:
        assert f'`{subtype}`' in readme, subtype
