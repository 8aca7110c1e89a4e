"""Timelines: events grouped by year or decade, and each entry's parts.

A timeline may hold thousands of events.  At read time an entry is compact
(its event's id and what needs the page's parser); it gets its full content
when the page is written: :meth:`TimelineRenderer.expand_entry` as nodes for
every builder but HTML, whose writer (``html.py``) writes the same parts
straight from the record.  Both follow :func:`entry_meta` and
:func:`entry_text`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from . import nodes as bio
from .i18n import DECADE, EVENT_PEOPLE, EVENT_PROJECTS, SOURCES
from .quotes import QuoteStyle, educate, educate_inline
from .render import NodeFactory, freeze_inline, paragraph, short_url, thaw_inline

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from .dates import Gettext
    from .model import Event


class TimelineRenderer(NodeFactory):
    """Makes a timeline, and expands its compact entries."""

    def timeline(
        self, events: Sequence[Event], group_by: str, anchors: Callable[[Event], str | None]
    ) -> bio.timeline:
        box = bio.timeline(classes=['bio-timeline'])
        if group_by == 'none':
            box += self._event_list(events, anchors)
            return box
        groups: dict[str, list[Event]] = {}
        for event in events:
            groups.setdefault(self.group_label(event, group_by), []).append(event)
        for label, members in groups.items():
            group = bio.timeline_group(classes=['bio-timeline-group'])
            group += bio.timeline_heading(label, label, classes=['bio-timeline-heading'])
            group += self._event_list(members, anchors)
            box += group
        return box

    def group_label(self, event: Event, group_by: str) -> str:
        year = event.date.start.year
        if group_by == 'decade':
            return self.gettext(DECADE).format(decade=year - year % 10)
        return str(year)

    def _event_list(
        self, events: Sequence[Event], anchors: Callable[[Event], str | None]
    ) -> bio.timeline_list:
        listing = bio.timeline_list(classes=['bio-timeline-list'])
        for event in events:
            listing += self.timeline_entry(event, anchors(event))
        return listing

    def timeline_entry(self, event: Event, anchor: str | None) -> bio.timeline_entry:
        """A compact entry: the event's id, and only what needs the page's parser.

        A timeline may hold thousands of events, and Sphinx spends time on
        every node it reads, transforms and pickles.  So at read time an
        entry holds its anchor, and a summary or note with markup as plain
        data (:func:`freeze_inline`), or as child nodes when the markup has
        something (a cross-reference, a warning) that Sphinx's later passes
        must see.  :meth:`expand_entry` and the HTML writer add the rest when
        the page is written.
        """
        entry = bio.timeline_entry(classes=['bio-event', *self.mf('h-event')], event=event.id)
        if anchor:
            entry['ids'].append(anchor)
        for field, cls in ENTRY_TEXTS.items():
            text = getattr(event, field)
            parsed = self.parse_markup(text, ('events', event.id, field)) if text else []
            if not parsed or (
                len(parsed) == 1 and isinstance(parsed[0], nodes.Text) and parsed[0] == text
            ):
                continue  # plain text: written from the record
            frozen = freeze_inline(parsed)
            if frozen is None:
                entry += paragraph(*parsed, classes=[cls, *text_microformats(entry, field)])
            else:
                entry[field] = frozen
        return entry

    def expand_entry(self, entry: bio.timeline_entry, event: Event) -> None:
        """Give a compact entry its date, title, texts and links (write time)."""
        parsed = {child['classes'][0]: child for child in entry.children
                  if isinstance(child, nodes.paragraph)}  # fmt: skip
        title = educate(self.quote_style, event.title)
        event_mf = is_h_event(entry)
        head = paragraph(
            *([addnodes.index(entries=entry['index_entries'])] if 'index_entries' in entry else []),
            self.date(event.date, EVENT_TIMES if event_mf else None),
            nodes.Text(' '),
            nodes.strong(title, title, classes=['bio-event-title', *TITLE_MF[event_mf]]),
            classes=['bio-event-head'],
        )
        body: list[nodes.Node] = [head]
        for field, cls in ENTRY_TEXTS.items():
            text = entry_text(entry, event, field, self.quote_style)
            if text is not None:
                body.append(text)
            elif cls in parsed:
                body.append(parsed[cls])
            entry.attributes.pop(field, None)
        related: list[list[nodes.Node]] = []
        for label, items in entry_meta(event, self.gettext):
            links = self.joined(
                self.link(key, text) if kind == 'url' else self.xref(kind, key)
                for kind, key, text in items
            )
            related.append([nodes.Text(f'{label}: '), *links])
        if related:
            body.append(paragraph(*self.joined(related, ' · '), classes=['bio-event-meta']))
        entry.children = []
        entry.extend(body)
        entry.attributes.pop('index_entries', None)
        entry['expanded'] = True


#: The texts of a timeline entry that may hold markup, with their classes.
ENTRY_TEXTS = {'summary': 'bio-event-summary', 'note': 'bio-note'}

# Microformats2 of an entry that is an h-event (both routes write these).
#: The classes of the date's ``<time>``: a single date, a period's start and end.
EVENT_TIMES = ('dt-start', 'dt-start', 'dt-end')
#: The title's classes, by whether the entry is an h-event.
TITLE_MF: dict[bool, list[str]] = {True: ['p-name'], False: []}
#: The texts' classes.
TEXT_MF = {'summary': 'p-summary'}


def is_h_event(entry: nodes.Element) -> bool:
    """Whether a timeline entry carries microformats (its directive decided, at read time)."""
    return 'h-event' in entry['classes']


def text_microformats(entry: nodes.Element, field: str) -> list[str]:
    """The microformats2 classes of an entry's summary or note paragraph."""
    return [TEXT_MF[field]] if field in TEXT_MF and is_h_event(entry) else []


#: One link of an entry's meta line: ``(kind, id, None)`` for a person or
#: project, ``('url', address, text)`` for a source.
MetaItem = tuple[str, str, 'str | None']


def entry_meta(event: Event, gettext: Gettext) -> list[tuple[str, list[MetaItem]]]:
    """The meta line of a timeline entry: its groups of links, each with its label.

    The one description of that line: :meth:`TimelineRenderer.expand_entry` and
    the HTML writer both write what this gives, in this order.
    """
    groups: list[tuple[str, list[MetaItem]]] = []
    if event.projects:
        groups.append((gettext(EVENT_PROJECTS), [('project', key, None) for key in event.projects]))
    if event.people:
        groups.append((gettext(EVENT_PEOPLE), [('person', key, None) for key in event.people]))
    if event.sources:
        sources: list[MetaItem] = [
            ('url', c.url, c.title or short_url(c.url)) for c in event.sources
        ]
        groups.append((gettext(SOURCES), sources))
    return groups


def linked_records(events: Iterable[Event]) -> set[tuple[str, str]]:
    """The people and projects the meta lines of *events* link to."""
    return {(kind, key) for event in events
            for kind, keys in (('project', event.projects), ('person', event.people))
            for key in keys}  # fmt: skip


def entry_text(
    entry: nodes.Element, event: Event, field: str, style: QuoteStyle | None
) -> nodes.paragraph | None:
    """An entry's summary or note paragraph, made from its record at write time.

    None if the event has no such text, or if the entry holds it as a child
    node (markup that had to stay nodes, see :meth:`TimelineRenderer.timeline_entry`).
    """
    cls = ENTRY_TEXTS[field]
    classes = [cls, *text_microformats(entry, field)]
    if field in entry:
        made = paragraph(*thaw_inline(entry[field]), classes=classes)
    elif getattr(event, field) and not any(
        cls in child['classes'] for child in entry.children if isinstance(child, nodes.paragraph)
    ):
        made = paragraph(nodes.Text(getattr(event, field)), classes=classes)
    else:
        return None
    educate_inline(made, style)
    return made


def record_link_key(page: str, kind: str, key: str) -> str:
    """Names the resolved link to a record from a page (see ``PrepareCompactEntries``)."""
    return f'{page}|{kind}:{key}'
