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

from . import _compat
from . import nodes as bio
from .dates import display_pieces
from .domain import get_domain
from .i18n import gettext_for
from .model import Person, Project
from .quotes import QuoteStyle, educate, quote_style
from .structured import person_jsonld, project_jsonld, script_json, time_classes
from .svg import to_svg
from .timeline import (
    ENTRY_TEXTS,
    EVENT_TIMES,
    TITLE_MF,
    entry_meta,
    entry_text,
    is_h_event,
    record_link_key,
)

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


def visit_timeline_heading(self: HTML5Translator, node: Element) -> None:
    # A heading for screen readers, one level below the section's, without
    # the theme's heading styles (a year is not a section of the page).
    attributes: dict[str, Any] = {'role': 'heading', 'aria-level': min(self.section_level + 1, 6)}
    self.body.append(self.starttag(node, 'p', '', **attributes))


def depart_infobox(self: HTML5Translator, node: Element) -> None:
    """Close the ``<aside>``, after the record as JSON-LD (indexed infoboxes; not in EPUB)."""
    key = node.get('bio_record')
    if key and self.builder.config.biography_jsonld and not _is_epub(self):
        script = jsonld_script(self, node['kind'], key, node['ids'][0] if node['ids'] else '')
        if script:
            self.body.append(script)
    self.body.append('</aside>\n')


infobox = (wrapper('aside')[0], depart_infobox)
infobox_title = wrapper('p')
timeline = wrapper('div')
timeline_group = wrapper('div')
timeline_heading = (visit_timeline_heading, wrapper('p')[1])
timeline_list = wrapper('ol')
date = wrapper('span', block=False)
time = (visit_time, depart_time)


# -- JSON-LD ------------------------------------------------------------------
#
# Each indexed infobox describes its record in schema.org terms, built by
# structured.py.  A node's @id is the address of the record's main page and
# anchor: absolute under html_baseurl, else relative to this page.


def node_id(self: HTML5Translator, kind: str, key: str) -> str | None:
    """The ``@id`` of a record's node: where links to it go; None if no page shows it."""
    found = get_domain(self.builder.env).link_target(kind, key)
    if found is None:
        return None
    docname, anchor = found[0], found[1]
    base = self.builder.config.html_baseurl
    target = self.builder.get_target_uri(docname)
    if base and not target.startswith('#'):  # singlehtml has one page: relative ids
        return f'{base.rstrip("/")}/{target}#{anchor}'
    current = self.builder.current_docname
    return f'{_compat.page_uri(self.builder, current, docname)}#{anchor}'


def jsonld_script(self: HTML5Translator, kind: str, key: str, anchor: str) -> str | None:
    """The ``<script type="application/ld+json">`` of one infobox's record."""
    dataset = _dataset(self)
    record = dataset.lookup(kind, key)
    own_id = node_id(self, kind, key) or f'#{anchor}'

    def ids(other_kind: str, other: str) -> str | None:
        return node_id(self, other_kind, other)

    if isinstance(record, Person):
        phrases = tuple(self.builder.config.biography_doubtful)
        data = person_jsonld(record, own_id, ids, phrases)
    elif isinstance(record, Project):
        data = project_jsonld(record, own_id, dataset, ids)
    else:
        return None
    return f'<script type="application/ld+json">{script_json(data)}</script>\n'


# -- Compact timeline entries ------------------------------------------------
#
# A timeline entry reaches the HTML writer compact (see timeline.TimelineRenderer.timeline_entry):
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
    event_mf = is_h_event(node)
    title_class = ' '.join(['bio-event-title', *TITLE_MF[event_mf]])
    self.body.append(
        '<p class="bio-event-head">'
        f'{_date_html(self, event.date, EVENT_TIMES if event_mf else None)} '
        f'<strong class="{title_class}">{self.encode(title)}</strong></p>\n'
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
        for label, items in entry_meta(event, _gettext_for(self)):
            links = ', '.join(_link_html(self, node, kind, key, text) for kind, key, text in items)
            related.append(f'{self.encode(label)}: {links}')
        if related:
            self.body.append(f'<p class="bio-event-meta">{" · ".join(related)}</p>\n')
    self.body.append('</li>\n')


def _texts_around_children(node: Element) -> tuple[list[str], list[str]]:
    """Summary and note that are not child nodes: those before the children, those after."""
    child_classes = {c['classes'][0] for c in node.children if isinstance(c, nodes.paragraph)}
    fields = list(ENTRY_TEXTS)
    first_child = next(
        (i for i, field in enumerate(fields) if ENTRY_TEXTS[field] in child_classes),
        len(fields),
    )
    after = [f for f in fields[first_child:] if ENTRY_TEXTS[f] not in child_classes]
    return fields[:first_child], after


def _write_text(self: HTML5Translator, node: Element, event: Event, field: str) -> None:
    """A summary or note, through the writer's own paragraph and inline visitors."""
    paragraph = entry_text(node, event, field, _quote_style(self))
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


def _date_html(
    self: HTML5Translator, value: DateValue, microformats: tuple[str, str, str] | None
) -> str:
    """A date as :meth:`.NodeFactory.date` gives it, written directly."""
    pieces = []
    classes = iter(time_classes(value, *microformats) if microformats else ())
    for text, iso in display_pieces(value, _gettext_for(self)):
        text = self.encode(text)
        if iso is None:
            pieces.append(text)
            continue
        cls = next(classes, '')
        attribute = f' class="{cls}"' if cls else ''
        pieces.append(f'<time{attribute} datetime="{iso}">{text}</time>')
    return f'<span class="bio-date">{"".join(pieces)}</span>'


def _link_html(self: HTML5Translator, entry: Element, kind: str, key: str, text: str | None) -> str:
    """A link of an entry's meta line, as the expanded entry's reference node gives it."""
    if kind == 'url':
        return (
            f'<a class="bio-link reference external" href="{self.attval(key)}">'
            f'{self.encode(text or key)}</a>'
        )
    return _record_links(self)[record_link_key(entry['bio_page'], kind, key)]


def _record_links(self: HTML5Translator) -> dict[str, str]:
    """The page's links to people and projects, resolved by Sphinx, written once each.

    :class:`.PrepareCompactEntries` put them in the page's link_targets node.
    """
    cache = _page_cache(self)
    if ('records',) not in cache:
        written: dict[str, str] = {}
        targets = self.document.next_node(bio.link_targets)
        for wrapper in targets.children if targets is not None else ():
            assert isinstance(wrapper, nodes.inline)
            saved, self.body = self.body, []
            try:
                for child in wrapper.children:
                    child.walkabout(self)
                written[wrapper['bio_record']] = ''.join(self.body)
            finally:
                self.body = saved
        cache['records',] = written
    links: dict[str, str] = cache['records',]
    return links


timeline_entry = (visit_compact_entry, depart_compact_entry)


# -- Project cards -----------------------------------------------------------
#
# The directive's bullet list (see cards.py), laid out as cards: with
# sphinx-design's grid and card classes where it is loaded, so the cards look
# like the theme's other cards, and with this extension's own otherwise.
# Either way a list (<ul>, <li>) whose card links by the project's name.
# EPUB gets the plain list, as print does.

#: sphinx-design's classes for a row of *n* columns on a wide screen (one on a phone).
_SD_ROW_COLUMNS = {
    1: 'sd-row-cols-1',
    2: 'sd-row-cols-1 sd-row-cols-sm-2',
    3: 'sd-row-cols-1 sd-row-cols-sm-2 sd-row-cols-md-3',
    4: 'sd-row-cols-1 sd-row-cols-sm-2 sd-row-cols-md-3 sd-row-cols-lg-4',
}


def _card_layout(self: HTML5Translator) -> str:
    return get_domain(self.builder.env).card_layout


def visit_cards(self: HTML5Translator, node: Element) -> None:
    layout = _card_layout(self)
    if layout == 'list':
        assert isinstance(node, nodes.bullet_list)
        self.visit_bullet_list(node)
        return
    columns = node['columns']
    box, row = 'bio-cards-box', f'bio-cards-{columns}'
    if layout == 'sphinx-design':
        box += ' sd-container-fluid sd-sphinx-override sd-mb-4'
        row += f' sd-row {_SD_ROW_COLUMNS[columns]} sd-g-2'
    self.body.append(f'<div class="{box}">\n')
    self.body.append(self.starttag(node, 'ul', '\n', CLASS=row))


def depart_cards(self: HTML5Translator, node: Element) -> None:
    if _card_layout(self) == 'list':
        assert isinstance(node, nodes.bullet_list)
        self.depart_bullet_list(node)
    else:
        self.body.append('</ul>\n</div>\n')


def visit_card(self: HTML5Translator, node: Element) -> None:
    layout = _card_layout(self)
    if layout == 'list':
        assert isinstance(node, nodes.list_item)
        self.visit_list_item(node)
    elif layout == 'sphinx-design':
        self.body.append(self.starttag(node, 'li', '', CLASS='sd-col sd-d-flex-row'))
        self.body.append(
            '<div class="bio-card-box sd-card sd-sphinx-override sd-w-100 sd-shadow-sm '
            'sd-card-hover"><div class="sd-card-body">\n'
        )
    else:
        self.body.append(self.starttag(node, 'li', ''))


def depart_card(self: HTML5Translator, node: Element) -> None:
    layout = _card_layout(self)
    if layout == 'list':
        assert isinstance(node, nodes.list_item)
        self.depart_list_item(node)
    else:
        self.body.append('</div></div></li>\n' if layout == 'sphinx-design' else '</li>\n')


project_cards = (visit_cards, depart_cards)
project_card = (visit_card, depart_card)

# -- Pictures -----------------------------------------------------------------
#
# A picture is a <div> of a <figure> (the scene as inline SVG, the caption)
# and its data as a list in a <details> (closed; screen readers and
# keyboards reach it); HTML allows no <details> in a <figure>.
# EPUB gets the list open and no SVG: inline SVG needs the manifest
# property "svg", which Sphinx's EPUB builder does not write.


def _is_epub(self: HTML5Translator) -> bool:
    return _compat.is_epub(type(self.builder))


def picture_links(node: Element) -> dict[tuple[str, str], Element]:
    """The resolved references of a picture's links, by record; unresolved ones left out."""
    found: dict[tuple[str, str], Element] = {}
    links = node.next_node(bio.picture_links)
    for wrapper in links.children if links is not None else ():
        assert isinstance(wrapper, nodes.Element)
        ref = wrapper.next_node(nodes.reference)
        if ref is not None:
            kind, _, key = wrapper['bio_record'].partition(':')
            found[kind, key] = ref
    return found


#: A picture wider than this (in points) keeps its size and scrolls sideways
#: in any column: shrunk to fit, its text would be too small to read.
SCROLL_WIDTH = 760
#: A narrower one shrinks to fit its column, but to no less than this share
#: of its size (names stay above 8 px, the legend at 7 px), and scrolls past
#: that: on a phone, the family graph on the site's landing page would
#: otherwise shrink to less than half its size.
SMALLEST_SCALE = 0.7
#: A picture that can shrink to this width (in points) fits a phone's column
#: (about 340 px) and needs no scroll area: a lineage graph of one or two
#: boxes, as wide as its legend (360 pt), is one.
PHONE_COLUMN = 255


def visit_picture(self: HTML5Translator, node: Element) -> None:
    width = node['scene'].width
    smallest = width if width > SCROLL_WIDTH else width * SMALLEST_SCALE
    if smallest > PHONE_COLUMN and not _is_epub(self):
        # The scroll area takes the keyboard focus, so it scrolls without a mouse.
        figure = (f'<figure class="bio-pic-scroll" tabindex="0" '
                  f'style="--bio-pic-min-width: {smallest:.0f}pt">\n')  # fmt: skip
    else:
        figure = '<figure>\n'
    self.body.append(self.starttag(node, 'div', '\n') + figure)
    if _is_epub(self):
        return
    hrefs = {}
    for key, ref in picture_links(node).items():
        href = ref.get('refuri') or '#' + ref.get('refid', '')
        if href != '#':
            hrefs[key] = href
    self.body.append(to_svg(node['scene'], hrefs, node['ids'][0]) + '\n')


def depart_picture(self: HTML5Translator, node: Element) -> None:
    self.body.append('</div>\n')


def visit_picture_alt(self: HTML5Translator, node: Element) -> None:
    self.body.append('</figure>\n')  # the alternative follows the figure
    if _is_epub(self):
        self.body.append(self.starttag(node, 'div', '\n'))
        return
    self.body.append(self.starttag(node, 'details', '\n'))
    self.body.append(f'<summary>{self.encode(node["label"])}</summary>\n')


def depart_picture_alt(self: HTML5Translator, node: Element) -> None:
    self.body.append('</div>\n' if _is_epub(self) else '</details>\n')


picture = (visit_picture, depart_picture)
picture_caption = wrapper('figcaption')
picture_alt = (visit_picture_alt, depart_picture_alt)
