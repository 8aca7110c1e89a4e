"""Build docutils node trees for infoboxes and timeline entries from records.

Everything a reader sees is made here from the validated records, as real
nodes: no text is generated and parsed again as markup.  Labels go through
the ``gettext`` callable, so a translated build shows translated labels and
dates.  Links to people, projects and events are ``pending_xref`` nodes
that the ``bio`` domain resolves once every page is read.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from docutils import nodes
from sphinx import addnodes

from . import nodes as bio
from .dates import N_, DateValue, Gettext, display_pieces
from .i18n import (
    AGE,
    AGED,
    CITED_FOR,
    DECADE,
    EVENT_PEOPLE,
    EVENT_PROJECTS,
    SOURCE,
    SOURCES,
)
from .model import display_name
from .quotes import QuoteStyle, educate, educate_inline
from .schema import url_problem

if TYPE_CHECKING:
    import datetime as dt

    from .model import (
        Award,
        Citation,
        Dataset,
        Education,
        Employment,
        Event,
        LifeDate,
        Person,
        Project,
    )

#: Where a text is in the data: collection, record id, field path in the record.
TextOrigin = tuple[str, str, str]
#: Turns a text that may hold inline markup into inline nodes; problems are
#: reported where the text is written.
MarkupParser = Callable[[str, TextOrigin], list[nodes.Node]]


#: Infobox fields of a person, in display order, with their labels.
PERSON_FIELDS = {
    'image': N_('Image'),
    'nickname': N_('Nickname'),
    'born': N_('Born'),
    'died': N_('Died'),
    'nationality': N_('Nationality'),
    'occupations': N_('Occupations'),
    'known_for': N_('Known for'),
    'education': N_('Education'),
    'employers': N_('Employers'),
    'awards': N_('Awards'),
    'links': N_('Links'),
    'note': N_('Note'),
    'sources': SOURCES,
}

#: Infobox fields of a project, in display order, with their labels.
PROJECT_FIELDS = {
    'summary': N_('Summary'),
    'authors': N_('Authors'),
    'first_release': N_('First release'),
    'license': N_('Licence'),
    'status': N_('Status'),
    'home': N_('Home'),
    'repository': N_('Repository'),
    'pypi': N_('PyPI'),
    'docs': N_('Documentation'),
    'lineage': N_('Grew out of'),
    'descendants': N_('Led to'),
    'note': N_('Note'),
    'sources': SOURCES,
}


class NodeFactory:
    """Makes nodes for one page; holds what every builder method needs."""

    def __init__(
        self,
        dataset: Dataset,
        gettext: Gettext,
        parse_markup: MarkupParser,
        today: dt.date,
        source: tuple[str, int],
        docname: str,
        quote_style: QuoteStyle | None = None,
    ) -> None:
        self.dataset = dataset
        #: The page the nodes are for: where their links start from.
        self.docname = docname
        #: Smart quotes for text made after Sphinx's own pass (entries, at write time).
        self.quote_style = quote_style
        # Sphinx's gettext costs ~35 µs a call, and a timeline asks for the
        # same few labels and month names for every event.
        self.gettext = functools.cache(gettext)
        self.parse_markup = parse_markup
        self.today = today
        self.source, self.line = source

    # -- small pieces -------------------------------------------------------

    def date(self, value: DateValue) -> bio.bio_date:
        node = bio.bio_date(classes=['bio-date'])
        for text, iso in display_pieces(value, self.gettext):
            if iso is None:
                node += nodes.Text(text)
            else:
                node += bio.bio_time(text, text, datetime=iso)
        return node

    def xref(self, kind: str, key: str, title: str | None = None) -> addnodes.pending_xref:
        """A link to a person, project or event; plain text if it has no page."""
        record = self.dataset.lookup(kind, key)
        text = title or (display_name(record) if record else key)
        ref = addnodes.pending_xref(
            '',
            nodes.inline(text, text, classes=['bio-xref', f'bio-{kind}']),
            refdomain='bio',
            reftype=kind,
            reftarget=key,
            refexplicit=True,
            refwarn=False,
            # Builders that join pages into one tree (LaTeX, Texinfo) resolve
            # it from the root page; a link from the wrong page is wrong in print.
            refdoc=self.docname,
        )
        ref.source, ref.line = self.source, self.line
        return ref

    def link(self, url: str, text: str | None = None) -> nodes.reference:
        text = text or short_url(url)
        return nodes.reference(text, text, refuri=url, classes=['bio-link'])

    def joined(
        self, parts: Iterable[nodes.Node | list[nodes.Node]], sep: str = ', '
    ) -> list[nodes.Node]:
        """Inline nodes separated by *sep*."""
        out: list[nodes.Node] = []
        for index, part in enumerate(parts):
            if index:
                out.append(nodes.Text(sep))
            out.extend(part if isinstance(part, list) else [part])
        return out

    def source_marks(self, sources: Sequence[Citation]) -> list[nodes.Node]:
        """Bracketed source links after an entry: " [source] [source]"."""
        out: list[nodes.Node] = []
        for citation in sources:
            out += [
                nodes.Text(' ['),
                self.link(citation.url, citation.title or self.gettext(SOURCE)),
                nodes.Text(']'),
            ]
        return out

    def sources_list(self, sources: Sequence[Citation]) -> nodes.enumerated_list:
        listing = nodes.enumerated_list(
            enumtype='arabic', prefix='', suffix='.', classes=['bio-sources']
        )
        for citation in sources:
            item = nodes.list_item()
            item += nodes.paragraph('', '', self.link(citation.url, citation.title))
            listing += item
        return listing

    def lines(self, entries: Sequence[list[nodes.Node]]) -> list[nodes.Element]:
        """One paragraph for one entry, a bullet list for several."""
        if len(entries) == 1:
            return [nodes.paragraph('', '', *entries[0])]
        listing = nodes.bullet_list(classes=['bio-entries'])
        for entry in entries:
            listing += nodes.list_item('', nodes.paragraph('', '', *entry))
        return [listing]

    # -- infoboxes ----------------------------------------------------------

    def infobox(
        self,
        kind: str,
        title: str,
        fields: Iterable[tuple[str, str, list[nodes.Element]]],
        anchor: str | None,
    ) -> bio.infobox:
        box = bio.infobox(classes=['bio-infobox', f'bio-{kind}'], kind=kind)
        if anchor:
            box['ids'].append(anchor)
        box += bio.infobox_title(title, title, classes=['bio-infobox-title'])
        table = nodes.definition_list(classes=['bio-fields'])
        for name, label, body in fields:
            if name == 'image':
                box += body
                continue
            item = nodes.definition_list_item(classes=[f'bio-field-{name.replace("_", "-")}'])
            item += nodes.term(label, label)
            item += nodes.definition('', *body)
            table += item
        if len(table):
            box += table
        return box

    def person_fields(self, person: Person, names: Sequence[str]) -> Iterator[Field]:
        for name in names:
            body = self._person_field(person, name)
            if body:
                yield name, self.gettext(PERSON_FIELDS[name]), body

    def _person_field(self, person: Person, name: str) -> list[nodes.Element]:
        par = _paragraph
        if name == 'image' and person.image:
            # A leading / makes the path relative to the source directory, not the page.
            uri = '/' + person.image.lstrip('/')
            return [nodes.image(uri=uri, alt=person.name, classes=['bio-image'])]
        if name == 'nickname' and person.nickname:
            return [par(nodes.Text(person.nickname))]
        if name in ('born', 'died'):
            life = getattr(person, name)
            return [par(*self._life_date(person, name))] if life else []
        if name == 'nationality' and person.nationality:
            return [par(nodes.Text(person.nationality))]
        if name == 'occupations' and person.occupations:
            return [par(nodes.Text(', '.join(person.occupations)))]
        if name == 'known_for' and person.known_for:
            return [par(*self.joined(self.xref('project', key) for key in person.known_for))]
        if name == 'education' and person.education:
            return self.lines([self._education(entry, ('people', person.id, f'education[{n}]'))
                               for n, entry in enumerate(person.education)])  # fmt: skip
        if name == 'employers' and person.employers:
            return self.lines([self._employment(entry, ('people', person.id, f'employers[{n}]'))
                               for n, entry in enumerate(person.employers)])  # fmt: skip
        if name == 'awards' and person.awards:
            return self.lines([self._award(entry, ('people', person.id, f'awards[{n}]'))
                               for n, entry in enumerate(person.awards)])  # fmt: skip
        if name == 'links' and person.links:
            return self.lines([[self.link(link.url, link.label)] for link in person.links])
        if name == 'note' and person.note:
            note = self.parse_markup(person.note, ('people', person.id, 'note'))
            return [par(*note, classes=['bio-note'])]
        if name == 'sources' and person.sources:
            return [self.sources_list(person.sources)]
        return []

    def _life_date(self, person: Person, name: str) -> list[nodes.Node]:
        life = getattr(person, name)
        out: list[nodes.Node] = []
        if life.date:
            out.append(self.date(life.date))
            if name == 'born':
                age, pattern = person.age(self.today), AGE
            else:
                age, pattern = person.age_at_death(), AGED
            if age is not None:
                out.append(nodes.Text(f' ({self.gettext(pattern).format(age=age)})'))
        if life.place:
            out += [nodes.Text(', '), nodes.Text(life.place)] if out else [nodes.Text(life.place)]
        return self._tail(out, None, life, ('people', person.id, name))

    def _education(self, entry: Education, origin: TextOrigin) -> list[nodes.Node]:
        out: list[nodes.Node] = [nodes.Text(entry.institution)]
        if entry.degree:
            out.append(nodes.Text(f', {entry.degree}'))
        return self._tail(out, entry.period, entry, origin)

    def _employment(self, entry: Employment, origin: TextOrigin) -> list[nodes.Node]:
        name = self.link(entry.url, entry.name) if entry.url else nodes.Text(entry.name)
        out: list[nodes.Node] = [name]
        if entry.role:
            out.append(nodes.Text(f', {entry.role}'))
        return self._tail(out, entry.period, entry, origin)

    def _award(self, entry: Award, origin: TextOrigin) -> list[nodes.Node]:
        out: list[nodes.Node] = [nodes.Text(entry.title)]
        if entry.by:
            out.append(nodes.Text(f', {entry.by}'))
        return self._tail(out, entry.date, entry, origin)

    def _tail(
        self,
        out: list[nodes.Node],
        when: DateValue | None,
        entry: LifeDate | Education | Employment | Award,
        origin: TextOrigin,
    ) -> list[nodes.Node]:
        """Add the date in parentheses, the note and the source marks."""
        if when:
            out += [nodes.Text(' ('), self.date(when), nodes.Text(')')]
        if entry.note:
            out += [
                nodes.Text(' '),
                nodes.emphasis(
                    '',
                    '',
                    *self.parse_markup(entry.note, (*origin[:2], f'{origin[2]}.note')),
                    classes=['bio-note'],
                ),
            ]
        return out + self.source_marks(entry.sources)

    def project_fields(self, project: Project, names: Sequence[str]) -> Iterator[Field]:
        for name in names:
            body = self._project_field(project, name)
            if body:
                yield name, self.gettext(PROJECT_FIELDS[name]), body

    def _project_field(self, project: Project, name: str) -> list[nodes.Element]:
        par = _paragraph
        value = getattr(project, name, None)
        if name == 'descendants':
            children = self.dataset.descendants(project.id)
            return (
                [par(*self.joined(self.xref('project', c.id) for c in children))]
                if children
                else []
            )
        if not value:
            return []
        if name in ('summary', 'home', 'note'):
            parsed = self.parse_markup(value, ('projects', project.id, name))
            return [par(*parsed, classes=['bio-note'] if name == 'note' else [])]
        if name == 'authors':
            return [par(*self.joined(self.xref('person', key) for key in value))]
        if name == 'lineage':
            return [par(*self.joined(self.xref('project', key) for key in value))]
        if name == 'first_release':
            out: list[nodes.Node] = []
            if value.version:
                out.append(nodes.Text(value.version))
            if value.date:
                out += [nodes.Text(' (' if out else ''), self.date(value.date)]
                out += [nodes.Text(')')] if value.version else []
            return [par(*out)] if out else []
        if name in ('repository', 'docs'):
            return [par(self.link(value))]
        if name == 'pypi' and project.pypi_url:
            return [par(self.link(project.pypi_url, value))]
        if name == 'sources':
            return [self.sources_list(value)]
        return [par(nodes.Text(value))]

    # -- sources ------------------------------------------------------------

    def source_list(self) -> nodes.container:
        """Every cited source, grouped by site, each with the records it backs."""
        by_host: dict[str, list[nodes.list_item]] = {}
        for url, (title, citing) in sorted(self.dataset.citations().items()):
            host = urlsplit(url).netloc.removeprefix('www.') or urlsplit(url).scheme
            links = self.joined(self.xref(kind, key) for kind, key, _name in citing)
            item = nodes.list_item()
            # The full address, not a short form: on paper it is all there is.
            named = [nodes.emphasis(title, title), nodes.Text(', ')] if title else []
            item += _paragraph(
                *named,
                nodes.reference(url, url, refuri=url, classes=['bio-link']),
                nodes.Text(f' — {self.gettext(CITED_FOR)}: '),
                *links,
            )
            by_host.setdefault(host, []).append(item)
        box = nodes.container(classes=['bio-source-list'])
        for host, items in sorted(by_host.items()):
            box += _paragraph(nodes.strong(host, host), classes=['bio-source-host'])
            box += nodes.bullet_list('', *items, classes=['bio-sources'])
        return box

    # -- timelines ----------------------------------------------------------

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
        entry = bio.timeline_entry(classes=['bio-event'], event=event.id)
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
                entry += _paragraph(*parsed, classes=[cls])
            else:
                entry[field] = frozen
        return entry

    def expand_entry(self, entry: bio.timeline_entry, event: Event) -> None:
        """Give a compact entry its date, title, texts and links (write time)."""
        parsed = {child['classes'][0]: child for child in entry.children
                  if isinstance(child, nodes.paragraph)}  # fmt: skip
        title = educate(self.quote_style, event.title)
        head = _paragraph(
            *([addnodes.index(entries=entry['index_entries'])] if 'index_entries' in entry else []),
            self.date(event.date),
            nodes.Text(' '),
            nodes.strong(title, title, classes=['bio-event-title']),
            classes=['bio-event-head'],
        )
        body: list[nodes.Node] = [head]
        for field, cls in ENTRY_TEXTS.items():
            paragraph = entry_text(entry, event, field, self.quote_style)
            if paragraph is not None:
                body.append(paragraph)
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
            body.append(_paragraph(*self.joined(related, ' · '), classes=['bio-event-meta']))
        entry.children = []
        entry.extend(body)
        entry.attributes.pop('index_entries', None)
        entry['expanded'] = True


#: The texts of a timeline entry that may hold markup, with their classes.
ENTRY_TEXTS = {'summary': 'bio-event-summary', 'note': 'bio-note'}

#: One link of an entry's meta line: ``(kind, id, None)`` for a person or
#: project, ``('url', address, text)`` for a source.
MetaItem = tuple[str, str, 'str | None']


def entry_meta(event: Event, gettext: Gettext) -> list[tuple[str, list[MetaItem]]]:
    """The meta line of a timeline entry: its groups of links, each with its label.

    The one description of that line: :meth:`NodeFactory.expand_entry` and
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
    node (markup that had to stay nodes, see :meth:`NodeFactory.timeline_entry`).
    """
    cls = ENTRY_TEXTS[field]
    if field in entry:
        paragraph = _paragraph(*thaw_inline(entry[field]), classes=[cls])
    elif getattr(event, field) and not any(
        cls in child['classes'] for child in entry.children if isinstance(child, nodes.paragraph)
    ):
        paragraph = _paragraph(nodes.Text(getattr(event, field)), classes=[cls])
    else:
        return None
    educate_inline(paragraph, style)
    return paragraph


#: Formatting that markup in the data may produce.  :func:`freeze_inline`
#: keeps it as data: nothing in Sphinx's later passes looks at it, apart from
#: smart quotes (see :mod:`.quotes`).  Links stay nodes: builders and
#: extensions look for them (EPUB's visible URLs, the link checker,
#: ``target="_blank"`` helpers).
FORMATTING = (
    nodes.emphasis,
    nodes.strong,
    nodes.literal,
    nodes.inline,
    nodes.subscript,
    nodes.superscript,
    nodes.title_reference,
    nodes.abbreviation,
)
_FREEZABLE = {cls.__name__: cls for cls in FORMATTING}
#: Attributes that tie a node to the document (ids, targets): such nodes stay nodes.
_DOCUMENT_BOUND = ('ids', 'names', 'dupnames', 'backrefs', 'refid', 'refname')

#: Inline markup as data: a text, or (node class name, attributes, children).
Frozen = tuple['str | tuple[str, dict[str, object], Frozen]', ...]


def freeze_inline(parsed: Sequence[nodes.Node]) -> Frozen | None:
    """*parsed* as plain tuples, or None if a node has to stay a node.

    Ten thousand events with a word in italics are ten thousand small node
    trees that every transform walks and the environment pickles; as data
    they cost one tuple each, and become nodes again only when written.
    """
    frozen: list[str | tuple[str, dict[str, object], Frozen]] = []
    for node in parsed:
        if isinstance(node, nodes.Text):
            frozen.append(str(node))
            continue
        name = type(node).__name__
        if _FREEZABLE.get(name) is not type(node) or any(node.get(key) for key in _DOCUMENT_BOUND):
            return None
        children = freeze_inline(node.children)
        if children is None:
            return None
        attributes = {key: value for key, value in node.attributes.items() if value}
        frozen.append((name, attributes, children))
    return tuple(frozen)


def thaw_inline(frozen: Frozen) -> list[nodes.Node]:
    """The nodes :func:`freeze_inline` was given, made anew."""
    made: list[nodes.Node] = []
    for item in frozen:
        if isinstance(item, str):
            made.append(nodes.Text(item))
        else:
            name, attributes, children = item
            made.append(_FREEZABLE[name]('', '', *thaw_inline(children), **attributes))
    return made


Field = tuple[str, str, list[nodes.Element]]


#: Inline nodes that markup in the data may produce.  Anything else (raw HTML,
#: images, downloads: things that emit markup or copy files) becomes its text.
SAFE_INLINE = (
    nodes.Text,
    *FORMATTING,
    nodes.reference,
    addnodes.pending_xref,
    addnodes.literal_emphasis,
    nodes.problematic,
    nodes.system_message,
)


def defuse(node: nodes.Node) -> nodes.Node:
    """*node*, or its text if it is unsafe; unsafe descendants become their text too."""
    if _unsafe(node):
        return nodes.Text(node.astext())
    for child in list(node.findall(include_self=False)):
        if _unsafe(child) and isinstance(child, nodes.Element) and child.parent is not None:
            child.replace_self(nodes.Text(child.astext()))
    return node


def _unsafe(node: nodes.Node) -> bool:
    if not isinstance(node, SAFE_INLINE) or isinstance(node, addnodes.download_reference):
        return True
    uri = node.get('refuri', '') if isinstance(node, nodes.reference) else ''
    has_scheme = ':' in uri.split('/')[0]
    return has_scheme and url_problem(uri) is not None


def _paragraph(*children: nodes.Node, classes: Sequence[str] = ()) -> nodes.paragraph:
    return nodes.paragraph('', '', *children, classes=list(classes))


def short_url(url: str) -> str:
    """A readable link text for a bare URL: host and path, no scheme.

    Long paths keep only their last part ("github.com/…/CHANGES.rst"): a link
    text is one unbreakable word in print, so it has to fit on a line.
    """
    parts = urlsplit(url)
    if parts.scheme == 'mailto':
        return parts.path
    host, path = parts.netloc.removeprefix('www.'), unquote(parts.path).rstrip('/')
    if len(host + path) <= 40:
        return host + path
    last = path.rsplit('/', 1)[-1]
    last = last if len(last) <= 24 else last[:23] + '…'
    return f'{host}/…/{last}'
