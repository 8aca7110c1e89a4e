"""Inline MyST markup in data fields, the same on MyST and reStructuredText pages.

``summary``, ``note`` and ``home`` are MyST wherever they are shown: a data
file should not mean one thing on a ``.md`` page and another on a ``.rst``
page.  The text is parsed with MyST-Parser's own renderer bound to the page
being read (so roles such as ``{project}`` work and report at that page),
with inline rules only.  Without MyST-Parser, the page's own parser is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from docutils.nodes import document

#: The document last parsed for, and its renderer: one page is read at a time.
#: The document itself is kept (not its id), so a new page is never mistaken for it.
_cached: tuple[document, Any] | None = None


def parse_myst_inline(text: str, doc: document, lineno: int) -> list[nodes.Node] | None:
    """Inline nodes for *text*, or None if MyST-Parser is not loaded."""
    renderer = _renderer(doc)
    if renderer is None:
        return None
    container = nodes.Element()
    with renderer.current_node_context(container):
        renderer.nested_render_text(text, lineno, inline=True)
    return list(container.children)


def _renderer(doc: document) -> Any:
    global _cached
    if _cached is not None and _cached[0] is doc:
        return _cached[1]
    config = getattr(doc.settings.env, 'myst_config', None)
    if config is None:
        return None
    from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
    from myst_parser.parsers.mdit import create_md_parser

    parser = create_md_parser(config, SphinxRenderer)
    renderer = parser.renderer
    renderer.setup_render({'document': doc, 'myst_config': config}, {})
    _cached = (doc, renderer)
    return renderer
