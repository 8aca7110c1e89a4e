"""Markup in data fields: the fast route for simple text equals MyST-Parser's renderer."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_biography import markup

#: Characters that make or break inline markup, and some that do not.
ALPHABET = 'ab *_`\'"\\[](){}<>:!#-~^$|&.\n'


@pytest.fixture
def renderer_document(app):
    """A document of the test project, as a directive's parse would see it."""
    from sphinx.util.docutils import new_document

    document = new_document('widget.md')
    document.settings.env = app.env
    document['source'] = 'widget.md'
    app.env.prepare_settings('widget')
    return document


@pytest.mark.sphinx('html', testroot='basic')
@settings(
    max_examples=400,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=st.text(alphabet=ALPHABET, max_size=30))
def test_simple_route_equals_myst_renderer(renderer_document, text: str) -> None:
    renderer = markup._renderer(renderer_document)
    expected = markup.render_with_myst(renderer, text, 1)
    simple = markup._simple_nodes(renderer.md.parseInline(text, renderer.md_env))
    if simple is not None:
        assert [n.pformat() for n in simple] == [n.pformat() for n in expected]


@pytest.mark.sphinx('html', testroot='basic')
def test_simple_route_is_taken_and_refused(renderer_document) -> None:
    renderer = markup._renderer(renderer_document)

    def simple(text: str) -> list[str] | None:
        parsed = markup._simple_nodes(renderer.md.parseInline(text, renderer.md_env))
        return None if parsed is None else [n.pformat().strip() for n in parsed]

    assert simple('a *b* **c** `d`') is not None
    assert simple('a *b* **c** `d`')[1] == '<emphasis>\n    b'
    for text in (
        '[a](https://example.org)',
        '{project}`widget`',
        '<b>x</b>',
        '<https://example.org>',
        '![i](x.png)',
        'a\\\nb',
    ):
        assert simple(text) is None, text
