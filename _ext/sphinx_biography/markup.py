"""Inline MyST markup in data fields, the same on MyST and reStructuredText pages.

``summary``, ``note`` and ``home`` are MyST wherever they are shown: a data
file should not mean one thing on a ``.md`` page and another on a ``.rst``
page, nor change when a project adds or removes ``myst_parser``.  The text
is parsed with MyST-Parser's own renderer, with its default settings, bound
to the page being read (so roles such as ``{project}`` work and report at
that page), with inline rules only.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ._compat import myst_inline_renderer

if TYPE_CHECKING:
    from collections.abc import Callable
    from contextlib import AbstractContextManager

    from docutils.nodes import document

#: The document last parsed for, and its renderer: one page is read at a time.
#: The document itself is kept (not its id), so a new page is never mistaken for it.
_cached: tuple[document, Any] | None = None


def parse_myst_inline(
    text: str,
    doc: document,
    lineno: int,
    located: Callable[[], AbstractContextManager[None]] = contextlib.nullcontext,
) -> list[nodes.Node]:
    """Inline nodes for *text*.

    Warnings from the renderer (an unknown role, say) are logged within
    ``located()``, which says where they belong.
    """
    renderer = _renderer(doc)
    simple = _simple_nodes(renderer.md.parseInline(text, renderer.md_env))
    if simple is not None:
        return simple  # nothing here can warn
    with located():
        return render_with_myst(renderer, text, lineno)


def render_with_myst(renderer: Any, text: str, lineno: int) -> list[nodes.Node]:
    """*text* through MyST-Parser's own renderer: roles, links, everything."""
    container = nodes.Element()
    with renderer.current_node_context(container):
        renderer.nested_render_text(text, lineno, inline=True)
    return list(container.children)


#: Tokens that :func:`_simple_nodes` turns into nodes the way MyST-Parser's
#: renderer does: text, emphasis, strong emphasis and code.
_OPENERS = {'em_open': nodes.emphasis, 'strong_open': nodes.strong}
_CLOSERS = frozenset({'em_close', 'strong_close'})


def _simple_nodes(tokens: list[Any]) -> list[nodes.Node] | None:
    """Nodes for plain text with emphasis and code, or None for anything more.

    Most summaries hold nothing else, and MyST-Parser's general renderer
    costs about 80 µs for each; these few token types need none of it.
    A test compares the two on generated text.
    """
    if len(tokens) != 1 or tokens[0].type != 'inline':
        return None
    root = nodes.Element()
    open_nodes: list[nodes.Element] = [root]
    for token in tokens[0].children or ():
        if token.attrs:
            return None  # attributes ({.class}) need the renderer's rules
        kind = token.type
        if kind == 'text':
            open_nodes[-1] += nodes.Text(token.content)
        elif kind == 'code_inline':
            open_nodes[-1] += nodes.literal(token.content, token.content)
        elif kind in _OPENERS:
            node = _OPENERS[kind]()
            open_nodes[-1] += node
            open_nodes.append(node)
        elif kind in _CLOSERS:
            open_nodes.pop()
        else:
            return None
    return list(root.children)


def _renderer(doc: document) -> Any:
    global _cached
    if _cached is None or _cached[0] is not doc:
        _cached = (doc, myst_inline_renderer(doc))
    return _cached[1]
