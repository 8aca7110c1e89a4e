"""Test fixtures: Sphinx's own, the test roots, snapshots, and the TeX switch."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

pytest_plugins = ['sphinx.testing.fixtures']

TESTS = Path(__file__).parent
#: The Debian packages that provide what the PDF tests need.
TEX_PACKAGES = (
    'latexmk texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended '
    'texlive-xetex tex-gyre fonts-freefont-otf xindy poppler-utils'
)


@pytest.fixture(scope='session')
def rootdir() -> Path:
    return TESTS / 'roots'


def missing_tex_tools() -> list[str]:
    return [tool for tool in ('xelatex', 'latexmk', 'xindy', 'pdftotext') if not shutil.which(tool)]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip TeX tests when TeX is missing, unless CI demands them (BIOGRAPHY_REQUIRE_TEX=1)."""
    missing = missing_tex_tools()
    if not missing or os.environ.get('BIOGRAPHY_REQUIRE_TEX') == '1':
        return
    reason = (
        f'TeX tools missing ({", ".join(missing)}); '
        f'install with: apt-get install --no-install-recommends {TEX_PACKAGES}'
    )
    for item in items:
        if item.get_closest_marker('tex'):
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture
def snapshot(request: pytest.FixtureRequest):
    """Compare text with ``tests/snapshots/<name>``; UPDATE_SNAPSHOTS=1 rewrites it."""

    def check(text: str, name: str) -> None:
        path = TESTS / 'snapshots' / name
        if os.environ.get('UPDATE_SNAPSHOTS') == '1' or not path.exists():
            path.write_text(text, encoding='utf-8')
            if os.environ.get('UPDATE_SNAPSHOTS') != '1':
                pytest.fail(f'snapshot {name} was missing and has been written; check it in')
        assert text == path.read_text(encoding='utf-8'), f'{name} differs from its snapshot'

    return check
