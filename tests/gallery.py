"""The theme gallery: tests/roots/test-themes on each theme, screenshotted.

``make gallery`` builds the test root once per theme (the builds
tests/test_themes.py checks) and has ``tests/themes.mjs`` screenshot the
blocks in Chromium, light and dark where the theme has a dark mode; a
light-only theme is shown with the system in dark mode, which must leave it
light.  The PNGs go to ``source/_static/gallery/``, shown by
``source/extension/themes.md``.  pngquant (Debian ``pngquant``), when
present, reduces them to 64 colours, which text and flat panels survive
unchanged to the eye, at a third of the size.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

TESTS = Path(__file__).parent
ROOT = TESTS.parent
THEMES_ROOT = TESTS / 'roots' / 'test-themes'
GALLERY = ROOT / 'source' / '_static' / 'gallery'

#: The themes the extension is proven on: module names for ``html_theme``.
THEMES = ['alabaster', 'furo', 'sphinx_rtd_theme', 'pydata_sphinx_theme', 'sphinx_book_theme']
#: Themes with a dark mode of their own; the others are light-only.
DARK_THEMES = {'furo', 'pydata_sphinx_theme', 'sphinx_book_theme'}
#: 2026-01-01: the infobox's "(age ...)" is the same on every build.
SOURCE_DATE_EPOCH = '1767225600'


def build_themes(out: Path, themes: list[str] = THEMES) -> Path:
    """Build the test root with each theme into ``out/<theme>``, in parallel."""

    def build(theme: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, '-m', 'sphinx', '-b', 'html', '-q', '-W', '--keep-going',
             '-D', f'html_theme={theme}', '-d', str(out / '.doctrees' / theme),
             str(THEMES_ROOT), str(out / theme)],
            capture_output=True, text=True, check=False,
            env={**os.environ, 'SOURCE_DATE_EPOCH': SOURCE_DATE_EPOCH},
        )  # fmt: skip

    with ThreadPoolExecutor() as pool:
        runs = dict(zip(themes, pool.map(build, themes), strict=True))
    for theme, run in runs.items():
        assert run.returncode == 0, f'{theme}: {run.stdout[-2000:]}{run.stderr}'
        assert 'WARNING' not in run.stderr, f'{theme}: {run.stderr}'
    return out


def chromium(builds: Path, *options: str) -> list[dict]:
    """Run tests/themes.mjs on the builds; one dict per view."""
    run = subprocess.run(
        ['node', str(TESTS / 'themes.mjs'), str(builds), *options],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return [json.loads(line) for line in run.stdout.splitlines() if line.strip()]


def main() -> None:
    GALLERY.mkdir(parents=True, exist_ok=True)
    for old in GALLERY.glob('*.png'):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        shots = chromium(build_themes(Path(tmp)), '--shots', str(GALLERY))
    pngquant = shutil.which('pngquant')
    for shot in shots:
        path = GALLERY / shot['file']
        if pngquant:
            quantize = [pngquant, '--force', '--strip', '--speed', '1', '64']
            subprocess.run([*quantize, '--output', str(path), str(path)], check=True)
        print(f'{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KiB')
    total = sum(p.stat().st_size for p in GALLERY.glob('*.png'))
    print(f'{len(shots)} screenshots, {total // 1024} KiB')


if __name__ == '__main__':
    main()
