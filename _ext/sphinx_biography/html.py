"""HTML visitors: semantic wrappers around the standard nodes inside.

An infobox is an ``<aside>``, a timeline an ``<ol>`` of ``<li>`` and each
date a ``<time datetime>``.  ``starttag`` keeps the node's ids and classes
and escapes attribute values.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import NoUri

from . import _compat, render
from .dates import display_pieces
from .domain import get_domain
from .i18n import EVENT_PEOPLE, EVENT_PROJECTS, SOURCES, gettext_for
from .model import display_name
from .quotes import QuoteStyle, educate, quote_style

if TYPE_CHECKING:
    from docutils.nodes import Element
    from sphinx.writers.html5 import HTML5Translator

    from .dates import DateValue
    from .model import Dataset, Event

Visitor = Callable[['HTML5Translator', 'Element'], None]


def wrapper(tag: str, *, block: bool = True) -> tuple[Visitor, Visitor]:
    """A visit/depart pair that opens and closes *tag* around the children."""
    newline = '\n' if block else ''

    def visit(self: HTML5Translator, node: Element) -> None:
        self.body.append(self.starttag(node, tag, newline))

    def depart(self: HTML5Translator, node: Element) -> None:
        self.body.append(f'</{tag}>{newline}')

    return visit, depart


def visit_time(self: HTML5Translator, node: Element) -> None:
    self.body.append(self.starttag(node, 'time', '', datetime=node['datetime']))


def depart_time(self: HTML5Translator, node: Element) -> None:
    self.body.append('</time>')


infobox = wrapper('aside')
infobox_title = wrapper('p')
timeline = wrapper('div')
timeline_group = wrapper('div')
timeline_heading = wrapper('p')
timeline_list = wrapper('ol')
date = wrapper('span', block=False)
time = (visit_time, depart_time)


# -- Compact timeline entries ------------------------------------------------
#
# A timeline entry reaches the HTML writer compact (see render.timeline_entry):
# writing its markup here, straight from the record, spares Sphinx a dozen
# nodes per event in every post-transform and in the writer.  The output is
# the same as the expanded nodes give elsewhere (tests compare them).


def visit_compact_entry(self: HTML5Translator, node: Element) -> None:
    self.body.append(self.starttag(node, 'li', ''))
    self.body.append('\n')
    event = _dataset(self).events.get(node['event'])
    if event is None or node.get('expanded'):
        return
    title = educate(_quote_style(self), event.title)
    self.body.append(
        '<p class="bio-event-head">'
        f'{_date_html(self, event.date)} '
        f'<strong class="bio-event-title">{self.encode(title)}</strong></p>\n'
    )
    before_children, _after = _texts_around_children(node)
    for field in before_children:
        _write_text(self, node, event, field)


def depart_compact_entry(self: HTML5Translator, node: Element) -> None:
    event = _dataset(self).events.get(node['event'])
    if event is not None and not node.get('expanded'):
        for field in _texts_around_children(node)[1]:
            _write_text(self, node, event, field)
        related = []
        for kind, keys, label in (
            ('project', event.projects, EVENT_PROJECTS),
            ('person', event.people, EVENT_PEOPLE),
        ):
            if keys:
                links = ', '.join(_xref_html(self, kind, key) for key in keys)
                related.append(f'{self.encode(_gettext_for(self)(label))}: {links}')
        if event.sources:
            links = ', '.join(
                f'<a class="bio-link reference external" href="{self.attval(c.url)}">'
                f'{self.encode(c.title or render.short_url(c.url))}</a>'
                for c in event.sources
            )
            related.append(f'{self.encode(_gettext_for(self)(SOURCES))}: {links}')
        if related:
            self.body.append(f'<p class="bio-event-meta">{" · ".join(related)}</p>\n')
    self.body.append('</li>\n')


def _texts_around_children(node: Element) -> tuple[list[str], list[str]]:
    """Summary and note that are not child nodes: those before the children, those after."""
    child_classes = {c['classes'][0] for c in node.children if isinstance(c, nodes.paragraph)}
    fields = list(render.ENTRY_TEXTS)
    first_child = next(
        (i for i, field in enumerate(fields) if render.ENTRY_TEXTS[field] in child_classes),
        len(fields),
    )
    after = [f for f in fields[first_child:] if render.ENTRY_TEXTS[f] not in child_classes]
    return fields[:first_child], after


def _write_text(self: HTML5Translator, node: Element, event: Event, field: str) -> None:
    """A summary or note, through the writer's own paragraph and inline visitors."""
    paragraph = render.entry_text(node, event, field, _quote_style(self))
    if paragraph is not None:
        paragraph.parent = node  # visitors look at the parent; the tree stays as it is
        paragraph.walkabout(self)


#: Per translator (a translator writes one page): what stays the same meanwhile.
_page_caches: weakref.WeakKeyDictionary[HTML5Translator, dict[tuple[str, ...], Any]] = (
    weakref.WeakKeyDictionary()
)


def _page_cache(self: HTML5Translator) -> dict[tuple[str, ...], Any]:
    """What stays the same while one page is written."""
    return _page_caches.setdefault(self, {})


def _quote_style(self: HTML5Translator) -> QuoteStyle | None:
    cache = _page_cache(self)
    if ('quotes',) not in cache:
        cache['quotes',] = quote_style(self.builder.env)
    style: QuoteStyle | None = cache['quotes',]
    return style


def _dataset(self: HTML5Translator) -> Dataset:
    return get_domain(self.builder.env).dataset


def _gettext_for(self: HTML5Translator) -> Callable[[str], str]:
    return gettext_for(self.builder.config.language)


def _date_html(self: HTML5Translator, value: DateValue) -> str:
    pieces = []
    for text, iso in display_pieces(value, _gettext_for(self)):
        text = self.encode(text)
        pieces.append(f'<time datetime="{iso}">{text}</time>' if iso else text)
    return f'<span class="bio-date">{"".join(pieces)}</span>'


def _xref_html(self: HTML5Translator, kind: str, key: str) -> str:
    """The same link a resolved {project} reference gives, here or on another site."""
    domain = get_domain(self.builder.env)
    record = domain.dataset.lookup(kind, key)
    text = display_name(record) if record else key
    span = f'<span class="bio-xref bio-{kind}">{self.encode(text)}</span>'
    fromdoc = self.builder.current_docname
    target = domain.link_target(kind, key, fromdoc)
    if target is None:
        cache = _page_cache(self)
        if ('elsewhere', kind, key) not in cache:  # one question per record and page
            cache['elsewhere', kind, key] = _resolve_elsewhere(self, kind, key, text)
        return cache['elsewhere', kind, key] or span
    docname, anchor, name, _weight = target
    uri = f'{_compat.page_uri(self.builder, fromdoc, docname)}#{anchor}'
    return (
        f'<a class="reference internal" href="{self.attval(uri)}" '
        f'title="{self.attval(name)}">{span}</a>'
    )


def _resolve_elsewhere(self: HTML5Translator, kind: str, key: str, text: str) -> str | None:
    """A record no page here shows: ask ``missing-reference`` (intersphinx), as roles do."""
    env = self.builder.env
    contnode = nodes.inline(text, text, classes=['bio-xref', f'bio-{kind}'])
    pending = addnodes.pending_xref(
        '', contnode, refdomain='bio', reftype=kind, reftarget=key,
        refexplicit=True, refwarn=False, refdoc=self.builder.current_docname,
    )  # fmt: skip
    try:
        found = env.events.emit_firstresult('missing-reference', env, pending, contnode,
                                            allowed_exceptions=(NoUri,))  # fmt: skip
    except NoUri:
        found = None
    if found is None or found is contnode:
        return None
    nodes.inline('', '', found)  # a parent, as the reference visitor expects
    saved, self.body = self.body, []
    try:
        found.walkabout(self)
        return ''.join(self.body)
    finally:
        self.body = saved


timeline_entry = (visit_compact_entry, depart_compact_entry)
