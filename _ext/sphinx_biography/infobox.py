"""Infoboxes of people and projects: one table per kind of record.

Each row of a table is a field: its ``:fields:`` name, its label and how it
is shown.  The directives check ``:fields:`` against these tables, the
reference page lists them, and the renderer shows them in this order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes

from . import nodes as bio
from .dates import N_
from .i18n import AGE, AGED, SOURCES
from .model import RELATION_KINDS
from .render import NodeFactory, TextOrigin, paragraph
from .structured import doubtful

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from .dates import DateValue
    from .model import Award, Education, Employment, LifeDate, Person, Project

#: What one field of a record shows: a few block nodes, or none.
Body = list[nodes.Element]


@dataclass(frozen=True, slots=True)
class InfoboxField:
    """A row of an infobox: its label (translated when shown) and how it is made."""

    label: str
    show: Callable[[InfoboxRenderer, Any], Body]


#: One shown row: field name, translated label, body.
Row = tuple[str, str, Body]


class InfoboxRenderer(NodeFactory):
    """Makes a person's or a project's infobox."""

    def infobox(
        self, kind: str, title: str, rows: Iterable[Row], anchor: str | None
    ) -> bio.infobox:
        card = self.microformats and kind == 'person'  # a person's infobox is an h-card
        box = bio.infobox(classes=['bio-infobox', f'bio-{kind}', *self.mf('h-card', card)],
                          kind=kind)  # fmt: skip
        if anchor:
            box['ids'].append(anchor)
        box += bio.infobox_title(
            title, title, classes=['bio-infobox-title', *self.mf('p-name', card)]
        )
        table = nodes.definition_list(classes=['bio-fields'])
        for name, label, body in rows:
            if name == 'image':  # above the rows, not one of them
                box += body
                continue
            item = nodes.definition_list_item(classes=[f'bio-field-{name.replace("_", "-")}'])
            item += nodes.term(label, label)
            item += nodes.definition('', *body)
            table += item
        if len(table):
            box += table
        return box

    def rows(
        self, table: dict[str, InfoboxField], record: Any, names: Sequence[str]
    ) -> Iterator[Row]:
        """The rows of *record* that have something to show, in the order of *names*."""
        for name in names:
            field = table[name]
            body = field.show(self, record)
            if body:
                yield name, self.gettext(field.label), body

    # -- a person's fields --------------------------------------------------

    def image(self, person: Person) -> Body:
        if not person.image:
            return []
        # A leading / makes the path relative to the source directory, not the page.
        uri = '/' + person.image.lstrip('/')
        return [nodes.image(uri=uri, alt=person.name, classes=['bio-image', *self.mf('u-photo')])]

    def born(self, person: Person) -> Body:
        return self._life(person, 'born', person.born)

    def died(self, person: Person) -> Body:
        return self._life(person, 'died', person.died)

    def known_for(self, person: Person) -> Body:
        return self.xrefs('project', person.known_for)

    def education(self, person: Person) -> Body:
        return self.lines([self._education(entry, ('people', person.id, f'education[{n}]'))
                           for n, entry in enumerate(person.education)])  # fmt: skip

    def employers(self, person: Person) -> Body:
        return self.lines([self._employment(entry, ('people', person.id, f'employers[{n}]'))
                           for n, entry in enumerate(person.employers)])  # fmt: skip

    def awards(self, person: Person) -> Body:
        return self.lines([self._award(entry, ('people', person.id, f'awards[{n}]'))
                           for n, entry in enumerate(person.awards)])  # fmt: skip

    def links(self, person: Person) -> Body:
        links = [self.link(link.url, link.label) for link in person.links]
        for link in links:
            link['classes'] += self.mf('u-url')
        return self.lines([[link] for link in links])

    def _life(self, person: Person, name: str, life: LifeDate | None) -> Body:
        if life is None:
            return []
        out: list[nodes.Node] = []
        if life.date:
            # The h-card's birthday: exact dates only, and none the note doubts.
            bday = name == 'born' and self.microformats and not doubtful([life.note], self.doubtful)
            out.append(self.date(life.date, ('dt-bday', '', '') if bday else None))
            if name == 'born':
                age, pattern = person.age(self.today), AGE
            else:
                age, pattern = person.age_at_death(), AGED
            if age is not None:
                out.append(nodes.Text(f' ({self.gettext(pattern).format(age=age)})'))
        if life.place:
            out += [nodes.Text(', '), nodes.Text(life.place)] if out else [nodes.Text(life.place)]
        return [paragraph(*self._tail(out, None, life, ('people', person.id, name)))]

    def _education(self, entry: Education, origin: TextOrigin) -> list[nodes.Node]:
        out: list[nodes.Node] = [nodes.Text(entry.institution)]
        if entry.degree:
            out.append(nodes.Text(f', {entry.degree}'))
        return self._tail(out, entry.period, entry, origin)

    def _employment(self, entry: Employment, origin: TextOrigin) -> list[nodes.Node]:
        name: nodes.Node = nodes.Text(entry.name)
        if entry.url:
            name = self.link(entry.url, entry.name)
            if entry.period and entry.period.ongoing:  # the h-card's organisation now
                name['classes'] += self.mf('p-org')
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
            note = self.parse_markup(entry.note, (*origin[:2], f'{origin[2]}.note'))
            out += [nodes.Text(' '), nodes.emphasis('', '', *note, classes=['bio-note'])]
        return out + self.source_marks(entry.sources)

    # -- a project's fields -------------------------------------------------

    def authors(self, project: Project) -> Body:
        return self.xrefs('person', project.authors)

    def relations(self, project: Project, kind: str, reverse: bool) -> Body:
        """The projects related to *project* by *kind*: the ones it names, or (reverse) names it."""
        shown = []
        for found, backward, relation in self.dataset.related(project.id):
            if found == kind and backward == reverse:
                other = relation.source if reverse else relation.target
                shown.append([self.xref('project', other), *self.since(relation)])
        return [paragraph(*self.joined(shown))] if shown else []

    def first_release(self, project: Project) -> Body:
        release = project.first_release
        out: list[nodes.Node] = []
        if release and release.version:
            out.append(nodes.Text(release.version))
        if release and release.date:
            out += [nodes.Text(' (' if out else ''), self.date(release.date)]
            out += [nodes.Text(')')] if release.version else []
        return [paragraph(*out)] if out else []

    def pypi(self, project: Project) -> Body:
        if not project.pypi or not project.pypi_url:
            return []
        return [paragraph(self.link(project.pypi_url, project.pypi))]

    # -- what both kinds have -----------------------------------------------

    def xrefs(self, kind: str, keys: Sequence[str]) -> Body:
        return [paragraph(*self.joined(self.xref(kind, key) for key in keys))] if keys else []

    def sources(self, record: Person | Project) -> Body:
        return [self.sources_list(record.sources)] if record.sources else []


def _text(name: str, microformat: str = '') -> Callable[[InfoboxRenderer, Any], Body]:
    """A field shown as its plain text (a list as its items, comma-separated)."""

    def show(renderer: InfoboxRenderer, record: Any) -> Body:
        value = getattr(record, name)
        if isinstance(value, tuple):
            value = ', '.join(value)
        classes = renderer.mf(microformat, bool(microformat))
        return [paragraph(nodes.Text(value), classes=classes)] if value else []

    return show


def _markup(name: str, collection: str, classes: Sequence[str] = ()) -> Callable[..., Body]:
    """A field whose text may hold inline MyST markup."""

    def show(renderer: InfoboxRenderer, record: Any) -> Body:
        value = getattr(record, name)
        if not value:
            return []
        return [paragraph(*renderer.parse_markup(value, (collection, record.id, name)),
                          classes=classes)]  # fmt: skip

    return show


def _date(name: str) -> Callable[[InfoboxRenderer, Any], Body]:
    """A field that is a date or period."""

    def show(renderer: InfoboxRenderer, record: Any) -> Body:
        value = getattr(record, name)
        return [paragraph(renderer.date(value))] if value else []

    return show


def _url(name: str) -> Callable[[InfoboxRenderer, Any], Body]:
    """A field that is an address, shown as a link."""

    def show(renderer: InfoboxRenderer, record: Any) -> Body:
        value = getattr(record, name)
        return [paragraph(renderer.link(value))] if value else []

    return show


R = InfoboxRenderer

#: The ``:fields:`` name of each relation read in reverse ("Led to", "Used by").
REVERSE_FIELDS = {
    'lineage': 'descendants',
    'depends_on': 'used_by',
    'replaces': 'replaced_by',
    'forked_from': 'forks',
    'inspired_by': 'inspired',
    'port_of': 'ports',
}


def _relation(kind: str, reverse: bool) -> Callable[[InfoboxRenderer, Any], Body]:
    """A relation of a project read forward (its field) or in reverse (fields naming it)."""

    def show(renderer: InfoboxRenderer, project: Project) -> Body:
        return renderer.relations(project, kind, reverse)

    return show


#: Two rows per relation, in the order of ``RELATION_KINDS``: forward, then reverse.
RELATION_FIELDS = {
    name: InfoboxField(label, _relation(kind, reverse))
    for kind, labels in RELATION_KINDS.items()
    for name, label, reverse in ((kind, labels[0], False), (REVERSE_FIELDS[kind], labels[1], True))
}

#: A person's fields, in display order.
PERSON_FIELDS = {
    'image': InfoboxField(N_('Image'), R.image),
    'nickname': InfoboxField(N_('Nickname'), _text('nickname', 'p-nickname')),
    'born': InfoboxField(N_('Born'), R.born),
    'died': InfoboxField(N_('Died'), R.died),
    'nationality': InfoboxField(N_('Nationality'), _text('nationality')),
    'occupations': InfoboxField(N_('Occupations'), _text('occupations')),
    'known_for': InfoboxField(N_('Known for'), R.known_for),
    'education': InfoboxField(N_('Education'), R.education),
    'employers': InfoboxField(N_('Employers'), R.employers),
    'awards': InfoboxField(N_('Awards'), R.awards),
    'links': InfoboxField(N_('Links'), R.links),
    'note': InfoboxField(N_('Note'), _markup('note', 'people', ['bio-note'])),
    'sources': InfoboxField(SOURCES, R.sources),
}

#: A project's fields, in display order.
PROJECT_FIELDS = {
    'summary': InfoboxField(N_('Summary'), _markup('summary', 'projects')),
    'authors': InfoboxField(N_('Authors'), R.authors),
    'started': InfoboxField(N_('Started'), _date('started')),
    'first_release': InfoboxField(N_('First release'), R.first_release),
    'license': InfoboxField(N_('Licence'), _text('license')),
    'status': InfoboxField(N_('Status'), _text('status')),
    'ended': InfoboxField(N_('Ended'), _date('ended')),
    'home': InfoboxField(N_('Home'), _markup('home', 'projects')),
    'repository': InfoboxField(N_('Repository'), _url('repository')),
    'pypi': InfoboxField(N_('PyPI'), R.pypi),
    'docs': InfoboxField(N_('Documentation'), _url('docs')),
    **RELATION_FIELDS,
    'note': InfoboxField(N_('Note'), _markup('note', 'projects', ['bio-note'])),
    'sources': InfoboxField(SOURCES, R.sources),
}

#: The field tables by kind of record.
FIELDS = {'person': PERSON_FIELDS, 'project': PROJECT_FIELDS}
