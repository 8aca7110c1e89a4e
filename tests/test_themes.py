"""The blocks on five themes, light and dark, judged in Chromium.

``tests/roots/test-themes`` is built once per theme (in parallel), then
``tests/themes.mjs`` opens every build in one Chromium with the system in
light and in dark mode and, on the themes with a switch of their own (Furo,
pydata, book), with that switch on light, dark and auto.  For each view it
reports axe-core's violations inside our blocks (color-contrast included),
the list style of the timeline's entries and the infobox's colours.
"""

from __future__ import annotations

import importlib.util

import pytest
from gallery import DARK_THEMES, THEMES, build_themes, chromium

pytestmark = pytest.mark.validators


@pytest.fixture(scope='module')
def views(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    # requirements.txt pins the themes; the venvs of make test-oldest and
    # test-newest leave these tests out (-m "not validators").
    missing = [theme for theme in THEMES if importlib.util.find_spec(theme) is None]
    if missing:
        pytest.fail(f'themes not installed: {", ".join(missing)} (pip install -r requirements.txt)')
    return chromium(build_themes(tmp_path_factory.mktemp('themes')))


def name(view: dict) -> str:
    mode = f', theme switch on {view["mode"]}' if view['mode'] else ''
    return f'{view["theme"]} (system {view["system"]}{mode})'


def test_every_theme_and_mode_was_seen(views) -> None:
    seen = {(v['theme'], v['system'], v['mode']) for v in views}
    for theme in THEMES:
        modes = [None, 'light', 'dark', 'auto'] if theme in DARK_THEMES else [None]
        assert {(theme, s, m) for s in ('light', 'dark') for m in modes} <= seen


def test_theme_switch_was_applied(views) -> None:
    """The forced mode really reached the page, or the dark views prove nothing."""
    for view in views:
        if view['theme'] == 'furo':
            assert view['switched'] == (view['mode'] or 'auto'), name(view)
        elif view['theme'] in DARK_THEMES:
            resolved = view['system'] if view['mode'] in (None, 'auto') else view['mode']
            assert view['switched'] == resolved, name(view)


def test_no_axe_violations_in_our_blocks(views) -> None:
    found = {name(v): v['violations'] for v in views if v['violations']}
    assert found == {}


def test_timeline_entries_are_not_numbered(views) -> None:
    for view in views:
        assert view['listStyles'], name(view)
        assert set(view['listStyles']) == {'none'}, name(view)


def test_infobox_is_readable_and_follows_the_theme(views) -> None:
    for view in views:
        assert len(view['infoboxes']) == 2, name(view)
        for box in view['infoboxes']:
            assert box['contrast'] >= 4.5, (name(view), box)
            # Dark only on a dark page: never under a light-only theme.
            assert box['dark'] == box['pageDark'], (name(view), box)
            if view['theme'] not in DARK_THEMES:
                assert not box['dark'], (name(view), box)


def test_picture_texts_are_readable(views) -> None:
    """The chart's names, years and legend keep 4.5:1 on every theme, light and dark."""
    for view in views:
        assert len(view['pictures']) == 1, name(view)
        for picture in view['pictures']:
            assert picture['texts'] > 5, (name(view), picture)
            assert picture['contrast'] >= 4.5, (name(view), picture)


def test_dark_views_are_dark(views) -> None:
    """The dark modes really were dark: the checks above saw both kinds of page."""
    dark = {v['theme'] for v in views if any(b['dark'] for b in v['infoboxes'])}
    assert dark == DARK_THEMES
