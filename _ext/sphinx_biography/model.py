"""The data model: people, projects and events read from YAML files.

Loading never raises for bad data.  Every problem becomes a located
:class:`~sphinx_biography.schema.Problem` (file, line, column, field path, what was
expected, what was found); the smallest broken piece is left out (a bad list
item, a bad optional field, or the whole record when a required field is
bad) and everything else is kept.

No Sphinx imports here: the Sphinx side turns problems into warnings.
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import functools
import gc
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast
from urllib.parse import quote

import yaml

from . import yamltree
from .dates import DATE_FORMS, N_, C, DateError, DateValue, age_between, parse_date, pickles_fast
from .schema import (
    INVALID,
    SINGULAR,
    Context,
    Date,
    Identifier,
    ListOf,
    Location,
    Problem,
    Record,
    Reference,
    ReferenceOrRecord,
    RelativePath,
    Source,
    Text,
    Url,
    _bad_tag,
    describe,
    mapping_items,
    record_schema,
    spec,
    unknown_key_message,
    value_node,
)
from .yamltree import MappingNode, Node, ScalarNode, SequenceNode

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable, Iterator, Sequence
    from pathlib import Path

R = TypeVar('R')

#: Largest data file read, in bytes; bigger files are refused with a warning.
MAX_FILE_BYTES = 32 * 1024 * 1024


def record(cls: C) -> C:
    """A record class: frozen, and slotted (a file may hold tens of thousands)."""
    # dataclass() keeps the class; its stubs lose the type variable.
    return pickles_fast(cast('C', dataclass(frozen=True, kw_only=True, slots=True)(cls)))


def replaced(record: R, **changes: Any) -> R:
    """*record* with *changes*: :func:`dataclasses.replace`, for records made by :func:`record`."""
    return cast('R', dataclasses.replace(cast('Any', record), **changes))


@record
class Citation:
    """A source that backs the facts of a record."""

    url: str = spec(Url(), 'Address of the source.', required=True)
    title: str | None = spec(Text(), 'Title shown instead of the address.')


@record
class LifeDate:
    """A date and place of birth or death."""

    date: DateValue | None = spec(Date(), 'When it happened.')
    place: str | None = spec(Text(), 'Where it happened.')
    note: str | None = spec(Text(markup=True), 'A remark shown with the entry (e.g. on sources).')
    sources: tuple[Citation, ...] = spec(ListOf(Source(Citation)), 'Sources for this entry.')


@record
class Education:
    """A school or university attended."""

    institution: str = spec(Text(), 'Name of the school or university.', required=True)
    degree: str | None = spec(Text(), 'Degree or course.')
    period: DateValue | None = spec(Date(), 'When, usually a period such as 2009/2012.')
    note: str | None = spec(Text(markup=True), 'A remark shown with the entry (e.g. on sources).')
    sources: tuple[Citation, ...] = spec(ListOf(Source(Citation)), 'Sources for this entry.')


@record
class Employment:
    """A job or a company the person worked for."""

    name: str = spec(Text(), 'Name of the employer.', required=True)
    role: str | None = spec(Text(), 'Job title or role.')
    period: DateValue | None = spec(Date(), 'When, usually a period such as 2015/2025.')
    url: str | None = spec(Url(), "The employer's web site.")
    note: str | None = spec(Text(markup=True), 'A remark shown with the entry.')
    sources: tuple[Citation, ...] = spec(ListOf(Source(Citation)), 'Sources for this entry.')


@record
class Award:
    """A prize, grant or honour."""

    title: str = spec(Text(), 'Name of the award.', required=True)
    date: DateValue | None = spec(Date(), 'When it was given.')
    by: str | None = spec(Text(), 'Who gave it.')
    note: str | None = spec(Text(markup=True), 'A remark shown with the entry.')
    sources: tuple[Citation, ...] = spec(ListOf(Source(Citation)), 'Sources for this entry.')


@record
class Link:
    """A labelled link shown in an infobox."""

    label: str = spec(Text(), 'Text of the link.', required=True)
    url: str = spec(Url(), 'Address of the link.', required=True)


@record
class Release:
    """A release of a project."""

    date: DateValue | None = spec(Date(), 'Release date.')
    version: str | None = spec(Text(), 'Version number (quote it: 1.10 is not 1.1).')


@record
class Dependency:
    """A project that another one uses, and since when."""

    project: str = spec(Reference('projects'), 'Id of the project it uses.', required=True)
    since: str | None = spec(
        Text(located=True),
        'Since when: a version in the releases of the project that uses it '
        '(first_release or releases), or a date.',
    )


@record
class Person:
    """A person with a biography infobox."""

    id: str = spec(Identifier(), 'Unique id, used by roles and filters.', required=True)
    name: str = spec(Text(), 'Full name as displayed.', required=True)
    nickname: str | None = spec(Text(), 'Nickname or handle.')
    born: LifeDate | None = spec(Record(LifeDate), 'Birth: date and place.')
    died: LifeDate | None = spec(Record(LifeDate), 'Death: date and place.')
    nationality: str | None = spec(Text(), 'Nationality.')
    occupations: tuple[str, ...] = spec(ListOf(Text()), 'Occupations.')
    known_for: tuple[str, ...] = spec(ListOf(Reference('projects')), 'Ids of projects.')
    education: tuple[Education, ...] = spec(ListOf(Record(Education)), 'Education.')
    employers: tuple[Employment, ...] = spec(ListOf(Record(Employment)), 'Employers.')
    awards: tuple[Award, ...] = spec(ListOf(Record(Award)), 'Awards and honours.')
    links: tuple[Link, ...] = spec(ListOf(Record(Link)), 'Web sites and profiles.')
    image: str | None = spec(RelativePath(), 'Image file, relative to the source directory.')
    note: str | None = spec(Text(markup=True), 'A remark shown in the infobox.')
    sources: tuple[Citation, ...] = spec(ListOf(Source(Citation)), 'Sources for the facts above.')

    def age(self, today: dt.date) -> int | None:
        """Age today; None if the person died or the birth date is not to the day."""
        born = self.born.date if self.born else None
        if born is None or born.is_period or self.died is not None:
            return None
        return age_between(born.start, today)

    def age_at_death(self) -> int | None:
        """Age at death, when both dates are known to the day."""
        born = self.born.date if self.born else None
        died = self.died.date if self.died else None
        if born is None or died is None or born.is_period or died.is_period:
            return None
        if died.start.day is None or died.start.approximate or died.start.uncertain:
            return None
        return age_between(born.start, died.start.earliest)

    def problems(self) -> Iterator[tuple[str, str, str]]:
        born = self.born.date if self.born else None
        died = self.died.date if self.died else None
        if born and died and died.latest < born.earliest:
            yield 'died.date', f'death ({died}) is before birth ({born})', 'date'


@record
class Project:
    """A software project or organisation with its own infobox and page."""

    id: str = spec(Identifier(), 'Unique id, used by roles and filters.', required=True)
    name: str = spec(Text(), 'Name as displayed.', required=True)
    summary: str | None = spec(Text(markup=True), 'One or two sentences; inline markup allowed.')
    authors: tuple[str, ...] = spec(ListOf(Reference('people')), 'Ids of the people who made it.')
    started: DateValue | None = spec(
        Date(), 'When work on it began or it was founded, for a start before its first release.'
    )
    first_release: Release | None = spec(Record(Release), 'First public release.')
    releases: tuple[Release, ...] = spec(
        ListOf(Record(Release)),
        'Later releases worth naming, such as those a depends_on since names.',
    )
    license: str | None = spec(Text(), 'Licence, e.g. BSD-3-Clause.')
    repository: str | None = spec(Url(), 'Source repository.')
    pypi: str | None = spec(Text(), 'Package name on PyPI.')
    docs: str | None = spec(Url(), 'Documentation.')
    home: str | None = spec(Text(markup=True), 'Where it lives now, e.g. an organisation.')
    status: str | None = spec(Text(), 'Status, e.g. active, archived, handed over.')
    ended: DateValue | None = spec(
        Date(), 'When it ended: discontinued, archived, or merged into another project.'
    )
    # The relations (see RELATION_KINDS): each names older projects.
    lineage: tuple[str, ...] = spec(
        ListOf(Reference('projects')), 'Ids of projects it grew out of.'
    )
    depends_on: tuple[Dependency, ...] = spec(
        ListOf(ReferenceOrRecord(Dependency, 'project')),
        'Projects it uses: ids, or mappings with project and since.',
    )
    replaces: tuple[str, ...] = spec(
        ListOf(Reference('projects')), 'Ids of projects it succeeded as their replacement.'
    )
    forked_from: tuple[str, ...] = spec(
        ListOf(Reference('projects')), 'Ids of projects whose code it copied to go its own way.'
    )
    inspired_by: tuple[str, ...] = spec(
        ListOf(Reference('projects')),
        'Ids of projects it was modelled on or written in the spirit of.',
    )
    port_of: tuple[str, ...] = spec(
        ListOf(Reference('projects')),
        'Ids of projects it reimplements for another language or platform.',
    )
    note: str | None = spec(Text(markup=True), 'A remark shown in the infobox.')
    sources: tuple[Citation, ...] = spec(ListOf(Source(Citation)), 'Sources for the facts above.')

    @property
    def pypi_url(self) -> str | None:
        # Quoted: the name is free text, and a space or quote would break the address.
        return f'https://pypi.org/project/{quote(self.pypi, safe="")}/' if self.pypi else None

    def all_releases(self) -> tuple[Release, ...]:
        """The first release, then the others listed."""
        return (self.first_release, *self.releases) if self.first_release else self.releases

    def first_release_date(self) -> DateValue | None:
        """When it was first released: the earliest date among its releases."""
        dates = [release.date for release in self.all_releases() if release.date]
        return min(dates, key=lambda date: date.sort_key) if dates else None

    def start_date(self) -> DateValue | None:
        """Where its life begins: ``started``, else its first release."""
        return self.started or self.first_release_date()

    def problems(self) -> Iterator[tuple[str, str, str]]:
        first, start = self.first_release_date(), self.start_date()
        if self.started and first and first.latest < self.started.earliest:
            yield (
                'started',
                f'the start ({self.started}) is after the first release ({first})',
                'date',
            )
            start = first  # the start is left out
        if self.ended and start and self.ended.latest < start.earliest:
            yield 'ended', f'the end ({self.ended}) is before the start ({start})', 'date'

    def resolve_since(self, text: str) -> tuple[str | None, DateValue | None] | None:
        """What a dependency's *since* means: ``(version, date)``, or None if nothing.

        A version of this project (one of its releases) comes first, with its
        release's date (None when undated); else *text* is read as a date
        (``version`` None).
        """
        for release in self.all_releases():
            if release.version == text:
                return text, release.date
        try:
            return None, parse_date(text)
        except DateError:
            return None


#: The relations between projects, in display order: each is a field of
#: :class:`Project`, written on the newer or dependent project and naming
#: older ones, with the labels of the relation read forward (on the project
#: that has the field) and in reverse (on the project it names).
RELATION_KINDS: dict[str, tuple[str, str]] = {
    'lineage': (N_('Grew out of'), N_('Led to')),
    'depends_on': (N_('Depends on'), N_('Used by')),
    'replaces': (N_('Replaces'), N_('Replaced by')),
    'forked_from': (N_('Forked from'), N_('Forks')),
    'inspired_by': (N_('Inspired by'), N_('Inspired')),
    'port_of': (N_('Port of'), N_('Ports')),
}

#: The relations that say their target came first, so may form no cycle, in
#: one kind or across them.  Dependencies (which may be mutual) and
#: inspiration (which may go both ways over the years) are not among them.
ACYCLIC_KINDS = ('lineage', 'replaces', 'forked_from', 'port_of')

#: The first items of the fingerprint keys (see :meth:`Dataset.fingerprint`)
#: of blocks that draw a picture.
PICTURE_KEYS = ('lifespan', 'lineage')


# A record as ``record`` makes them, written out so that type checkers see the dataclass.
@pickles_fast
@dataclass(frozen=True, kw_only=True, slots=True)
class Relation:
    """One relation between two projects (see :data:`RELATION_KINDS`)."""

    #: The field it is written in: a key of :data:`RELATION_KINDS`.
    kind: str
    #: The project whose field it is (the newer or dependent one).
    source: str
    #: The project the field names.
    target: str
    #: For ``depends_on``: since when, as written.
    since: str | None = None
    #: *since* resolved: the date of the source's release it names, or the date it is.
    since_date: DateValue | None = None
    #: *since* when it names a release of the source (a version), else None.
    since_version: str | None = None


@record
class Event:
    """Something that happened, shown in timelines."""

    id: str = spec(Identifier(), 'Unique id, used by the event role.', required=True)
    date: DateValue = spec(Date(), 'When it happened.', required=True)
    title: str = spec(Text(), 'One line saying what happened.', required=True)
    summary: str | None = spec(Text(markup=True), 'More detail; inline markup allowed.')
    people: tuple[str, ...] = spec(ListOf(Reference('people')), 'Ids of the people involved.')
    projects: tuple[str, ...] = spec(ListOf(Reference('projects')), 'Ids of the projects.')
    tags: tuple[str, ...] = spec(ListOf(Identifier()), 'Tags for filtering timelines.')
    note: str | None = spec(Text(markup=True), 'A remark shown with the event.')
    sources: tuple[Citation, ...] = spec(ListOf(Source(Citation)), 'Sources for the event.')


#: The top-level keys of a data file and the record each list holds.
COLLECTIONS: dict[str, type] = {'people': Person, 'projects': Project, 'events': Event}
#: The collection of each kind of record: ``person`` → ``people``.
COLLECTION_OF = {kind: collection for collection, kind in SINGULAR.items()}


@dataclass
class Dataset:
    """Everything read from the data files, valid records only."""

    people: dict[str, Person] = dataclasses.field(default_factory=dict)
    projects: dict[str, Project] = dataclasses.field(default_factory=dict)
    events: dict[str, Event] = dataclasses.field(default_factory=dict)
    #: Where each record is defined, by ``(collection, id)``.
    origins: dict[tuple[str, str], Location] = dataclasses.field(default_factory=dict)
    #: Where each text that may hold markup is, by ``(file, field path)``.
    markup_origins: dict[tuple[str, str], Location] = dataclasses.field(default_factory=dict)
    #: The file and field path of each record, e.g. ``('data.yaml', 'events[3]')``.
    paths: dict[tuple[str, str], tuple[str, str]] = dataclasses.field(default_factory=dict)
    problems: list[Problem] = dataclasses.field(default_factory=list)
    #: Data files that could not be read at all (missing, broken YAML, ...).
    #: While there are any, a reference to an unknown id may be to a record
    #: in one of them, so such references are counted, not reported one by one.
    unreadable: list[str] = dataclasses.field(default_factory=list)
    #: References in the data kept so (see ``unreadable``): kind, id, location.
    unreported_references: list[tuple[str, str, str]] = dataclasses.field(default_factory=list)
    #: Each record as read and the digest of it made then, by ``(collection, id)``.
    #: Kept in the data cache, so after an edit only the edited records are
    #: digested again (see :meth:`record_digest`).
    digests: dict[tuple[str, str], tuple[Any, str]] = dataclasses.field(
        default_factory=dict, repr=False
    )
    _relations: list[Relation] | None = dataclasses.field(default=None, repr=False, compare=False)
    _related: dict[str, list[tuple[str, bool, Relation]]] | None = dataclasses.field(
        default=None, repr=False, compare=False
    )
    _by_filter: dict[tuple[str, str], set[int]] | None = dataclasses.field(default=None, repr=False)

    def collection(self, name: str) -> dict[str, Any]:
        records: dict[str, Any] = getattr(self, name)
        return records

    def lookup(self, kind: str, key: str) -> Person | Project | Event | None:
        """The record of *kind* (person, project, event) with id *key*."""
        record: Person | Project | Event | None = self.collection(COLLECTION_OF[kind]).get(key)
        return record

    def text_origin(self, collection: str, key: str, field: str) -> tuple[Location, str]:
        """Where a record's text field is written, and its field path (``events[3].summary``)."""
        file, path = self.paths[collection, key]
        full_path = f'{path}.{field}'
        where = self.markup_origins.get((file, full_path), self.origins[collection, key])
        return where, full_path

    def select_events(
        self,
        *,
        people: Iterable[str] = (),
        projects: Iterable[str] = (),
        tags: Iterable[str] = (),
        since: DateValue | None = None,
        until: DateValue | None = None,
    ) -> list[Event]:
        """Events matching every given filter (any of the listed ids), by date.

        A filter on people, projects or tags keeps an event that names at
        least one of them; ``since``/``until`` keep events that overlap.
        """
        filters = [(field, set(ids)) for field, ids in
                   (('people', people), ('projects', projects), ('tags', tags)) if ids]  # fmt: skip
        ordered = list(self.events.values())
        if filters:
            index = self._event_index()
            positions: set[int] | None = None
            for field, ids in filters:
                matching = set().union(*(index.get((field, key), ()) for key in ids))
                positions = matching if positions is None else positions & matching
            pool: Iterable[Event] = [ordered[n] for n in sorted(positions or ())]
        else:
            pool = ordered
        chosen = [
            event
            for event in pool
            if (since is None or event.date.latest >= since.earliest)
            and (until is None or event.date.earliest <= until.latest)
        ]
        return sorted(chosen, key=lambda event: event.date.sort_key)

    def _event_index(self) -> dict[tuple[str, str], set[int]]:
        """Positions (in data order) of the events naming each person, project, tag.

        A site with a hundred timelines over ten thousand events would
        otherwise test every event against every timeline's filters.
        """
        if self._by_filter is None:
            self._by_filter = {}
            for position, event in enumerate(self.events.values()):
                for field in ('people', 'projects', 'tags'):
                    for key in getattr(event, field):
                        self._by_filter.setdefault((field, key), set()).add(position)
        return self._by_filter

    def record_digest(self, collection: str, record: Person | Project | Event) -> str:
        """The digest of one record: the one made when it was read, if it is still that record."""
        read, made = self.digests.get((collection, record.id), (None, ''))
        return made if read is record else digest(record)

    def tags(self) -> list[str]:
        """Every tag some event has."""
        return sorted(key for field, key in self._event_index() if field == 'tags')

    def relations(self, kinds: Iterable[str] | None = None) -> list[Relation]:
        """Every relation between two known projects, of *kinds* (default: all).

        In data order: by the project that has the field, then in the order
        of :data:`RELATION_KINDS`, then as listed.
        """
        if self._relations is None:
            self._relations = []
            projects = self.projects
            for project in projects.values():
                for kind in RELATION_KINDS:
                    for item in getattr(project, kind):
                        if isinstance(item, Dependency):
                            relation = self._dependency(project, item)
                        else:
                            relation = Relation(kind=kind, source=project.id, target=item)
                        if relation.target in projects:
                            self._relations.append(relation)
        if kinds is None:
            return list(self._relations)
        wanted = set(kinds)
        unknown = wanted - RELATION_KINDS.keys()
        if unknown:
            raise ValueError(f'unknown relation kinds: {", ".join(sorted(unknown))}')
        return [relation for relation in self._relations if relation.kind in wanted]

    @staticmethod
    def _dependency(project: Project, item: Dependency) -> Relation:
        version, date = None, None
        if item.since is not None:
            version, date = project.resolve_since(item.since) or (None, None)
        return Relation(
            kind='depends_on',
            source=project.id,
            target=item.project,
            since=item.since,
            since_date=date,
            since_version=version,
        )

    def related(self, project_id: str) -> list[tuple[str, bool, Relation]]:
        """The relations of one project: ``(kind, reverse, relation)`` in display order.

        For each kind of :data:`RELATION_KINDS`: the project's own (its
        field's items, in order), then those naming it (``reverse``, in data
        order).
        """
        if self._related is None:
            forward: dict[tuple[str, str], list[Relation]] = {}
            backward: dict[tuple[str, str], list[Relation]] = {}
            for relation in self.relations():
                forward.setdefault((relation.source, relation.kind), []).append(relation)
                backward.setdefault((relation.target, relation.kind), []).append(relation)
            self._related = {}
            for key in self.projects:
                self._related[key] = [
                    (kind, reverse, relation)
                    for kind in RELATION_KINDS
                    for reverse, found in ((False, forward), (True, backward))
                    for relation in found.get((key, kind), ())
                ]
        return self._related.get(project_id, [])

    def descendants(self, project_id: str) -> list[Project]:
        """Projects that name *project_id* in their lineage ("Led to")."""
        return [
            self.projects[relation.source]
            for kind, reverse, relation in self.related(project_id)
            if kind == 'lineage' and reverse
        ]

    def fingerprint(self, key: tuple[Any, ...], today: dt.date) -> str:
        """A digest of everything a page shows for *key*.

        Keys: ``('person', id)``, ``('project', id)``, ``('name', kind, id)``,
        ``('events', people, projects, tags, since, until)`` and
        ``('lifespan', people, projects, tags, since, until)`` with the
        filters as tuples of ids and date texts, ``('lineage', ...)`` (see
        ``LineageGraphDirective``), ``('cards', ids)`` for project
        cards (no ids: every project), and ``('unreadable',)`` for
        a page that held warnings back while a file could not be read.  The digest covers the
        records shown and the names of the records they link to, and for a
        living person the age, so a page is re-read exactly when its output
        would change.
        """
        kind = key[0]
        if kind == 'unreadable':
            return digest(self.unreadable)
        if kind == 'name':
            return digest(self.name_of(key[1], key[2]))
        if kind == 'person':
            person = self.people.get(key[1])
            if person is None:
                return digest(None)
            return digest(person, self.names_of('project', person.known_for), person.age(today))
        if kind == 'project':
            project = self.projects.get(key[1])
            if project is None:
                return digest(None)
            # The relations both ways (another project's field may name this
            # one), with the names of the projects at their other ends.
            related = [
                (relation, self.name_of('project', relation.source if reverse else relation.target))
                for _kind, reverse, relation in self.related(project.id)
            ]
            return digest(project, self.names_of('person', project.authors), related)
        if kind == 'events':
            _kind, people, projects, tags, since, until = key
            events = self.select_events(
                people=people,
                projects=projects,
                tags=tags,
                since=parse_date(since) if since else None,
                until=parse_date(until) if until else None,
            )
            linked = {
                (k, self.name_of(k, i))
                for e in events
                for k, ids in (('person', e.people), ('project', e.projects))
                for i in ids
            }
            shown = [self.record_digest('events', event) for event in events]
            return digest(shown, sorted(linked, key=str))
        if kind == 'sources':
            return digest(sorted(self.citations().items()))
        if kind == 'cards':  # ('cards', ids): no ids is every project
            cards = [self.projects.get(project) for project in key[1] or self.projects]
            return digest([(p.id, p.name, p.start_date(), p.summary)
                           if p else None for p in cards])  # fmt: skip
        if kind == 'lifespan':
            # The chart draws these records (names, dates, event titles) and
            # links to them; ongoing bars end with the current year.
            _kind, people, projects, tags, _since, _until = key
            drawn_projects, drawn_people, events = self.lifespan_records(people, projects, tags)
            return digest(
                [self.record_digest('projects', project) for project in drawn_projects],
                [self.record_digest('people', person) for person in drawn_people],
                [self.record_digest('events', event) for event in events],
                today.year,
            )
        if kind == 'lineage':
            # The graph draws these records (names, start years) and relations.
            _kind, projects, people, kinds, around, depth, with_people = key
            graph = self.lineage_records(
                projects=projects, people=people, kinds=kinds, around=around, depth=depth,
                with_people=with_people,
            )  # fmt: skip
            return digest(
                [self.record_digest('projects', project) for project in graph.projects],
                [self.record_digest('people', person) for person in graph.people],
                graph.relations,
            )
        raise ValueError(f'unknown fingerprint key {key!r}')

    def lineage_records(
        self,
        *,
        projects: Sequence[str] = (),
        people: Sequence[str] = (),
        kinds: Sequence[str] | None = None,
        around: str | None = None,
        depth: int = 1,
        with_people: bool = False,
    ) -> LineageRecords:
        """What a lineage graph with these filters shows.

        *projects* and *people* (the projects they made) narrow the projects
        to those named; *around* keeps the projects at most *depth*
        relations away from that one, either way; *kinds* keeps only those
        relations.  With *with_people*, the makers of the shown projects
        (only the named ones, if *people* is given) are shown too.
        """
        relations = self.relations(kinds)
        chosen = set(self.projects)
        if projects or people:
            wanted = set(people)
            chosen = set(projects)
            chosen.update(key for key, project in self.projects.items()
                          if wanted.intersection(project.authors))  # fmt: skip
        if around is not None:
            pairs = [(relation.source, relation.target) for relation in relations]
            chosen &= _neighbourhood(around, depth, pairs)
        shown = tuple(project for key, project in self.projects.items() if key in chosen)
        makers: list[tuple[str, str]] = []
        if with_people:
            makers = [
                (person, project.id)
                for project in shown
                for person in project.authors
                if person in self.people and (not people or person in people)
            ]
        drawn_people = {person for person, _project in makers}
        return LineageRecords(
            shown,
            tuple(person for key, person in self.people.items() if key in drawn_people),
            tuple(r for r in relations if r.source in chosen and r.target in chosen),
            tuple(makers),
        )

    def lifespan_records(
        self, people: Sequence[str], projects: Sequence[str], tags: Sequence[str]
    ) -> tuple[list[Project], list[Person], list[Event]]:
        """What a lifespan chart with these filters draws: its projects, people and events.

        No people and no projects named: every project and every person.
        Naming either draws only those named.  The events are those naming
        a drawn project or person (with one of *tags*, if given).
        """
        if people or projects:
            drawn_projects = [self.projects[key] for key in projects if key in self.projects]
            drawn_people = [self.people[key] for key in people if key in self.people]
        else:
            drawn_projects, drawn_people = list(self.projects.values()), list(self.people.values())
        project_ids = {project.id for project in drawn_projects}
        person_ids = {person.id for person in drawn_people}
        wanted = set(tags)
        events = [
            event
            for event in self.events.values()
            if (project_ids.intersection(event.projects) or person_ids.intersection(event.people))
            and (not wanted or wanted.intersection(event.tags))
        ]
        return drawn_projects, drawn_people, sorted(events, key=lambda e: (e.date.sort_key, e.id))

    def citations(self) -> dict[str, tuple[str | None, list[tuple[str, str, str]]]]:
        """Every cited URL: its title (if any citation gives one) and who cites it.

        The citing records are ``(kind, id, name)`` in data order, each once,
        including people whose education, employers or awards cite the URL.
        """
        cited: dict[str, tuple[str | None, list[tuple[str, str, str]]]] = {}
        for collection in COLLECTIONS:
            kind = SINGULAR[collection]
            for record in self.collection(collection).values():
                for citation in _all_citations(record):
                    title, citing = cited.setdefault(citation.url, (None, []))
                    if title is None and citation.title:
                        cited[citation.url] = (citation.title, citing)
                    entry = (kind, record.id, display_name(record))
                    if entry not in citing:
                        citing.append(entry)
        return cited

    def name_of(self, kind: str, key: str) -> str | None:
        """The name (or, for an event, the title) of a record; None if unknown."""
        record = self.lookup(kind, key)
        return None if record is None else display_name(record)

    def names_of(self, kind: str, keys: Iterable[str]) -> list[str | None]:
        return [self.name_of(kind, key) for key in keys]


@dataclass(frozen=True, slots=True)
class LineageRecords:
    """The records a lineage graph shows, each in data order."""

    projects: tuple[Project, ...]
    people: tuple[Person, ...]
    #: The relations between two shown projects.
    relations: tuple[Relation, ...]
    #: Who made what, as ``(person id, project id)``, when people are shown.
    authorship: tuple[tuple[str, str], ...]


def _neighbourhood(start: str, depth: int, pairs: Sequence[tuple[str, str]]) -> set[str]:
    """The projects at most *depth* relations away from *start*, in either direction."""
    neighbours: dict[str, set[str]] = {}
    for one, other in pairs:
        neighbours.setdefault(one, set()).add(other)
        neighbours.setdefault(other, set()).add(one)
    seen, frontier = {start}, {start}
    for _step in range(depth):
        frontier = {other for key in frontier for other in neighbours.get(key, ())} - seen
        seen |= frontier
    return seen


def _all_citations(record: Person | Project | Event) -> Iterator[Citation]:
    yield from record.sources
    if isinstance(record, Person):
        lives = [life for life in (record.born, record.died) if life is not None]
        entries: list[LifeDate | Education | Employment | Award] = [
            *lives,
            *record.education,
            *record.employers,
            *record.awards,
        ]
        for entry in entries:
            yield from entry.sources


def display_name(record: Person | Project | Event) -> str:
    """What links to a record show: a person's or project's name, an event's title."""
    return record.title if isinstance(record, Event) else record.name


def digest(*values: object) -> str:
    """A short fingerprint of frozen records, to see whether a page is stale."""
    return hashlib.blake2b(repr(values).encode(), digest_size=12).hexdigest()


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Hold off Python's cycle collector while building many small objects.

    Reading allocates hundreds of thousands of YAML nodes and records that
    all stay alive, and each allocation burst triggers a collection that
    walks them again: at 10,000 events that is two thirds of the load time.
    Nothing is lost; anything unreachable is collected once it resumes.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load(
    paths: Sequence[Path], *, max_bytes: int = MAX_FILE_BYTES, refused: Sequence[str] = ()
) -> Dataset:
    """Read, validate and cross-check the data files, in order.

    *refused* names data files the caller would not read (they count as
    unreadable: see :attr:`Dataset.unreadable`).
    """
    with paused_gc():
        return _load(paths, max_bytes, refused)


def _load(paths: Sequence[Path], max_bytes: int, refused: Sequence[str]) -> Dataset:
    return assemble([read_file(path, max_bytes) for path in paths], refused)


@pickles_fast
@dataclass(slots=True)
class Unit:
    """One top-level record item (``events[3]``) as read, before the cross-checks.

    What converting the item reported, kept apart from the other items so
    that an edit to one item re-reads only that item (see ``datacache``).
    """

    collection: str
    index: int
    #: Line of the item's node (0-based), where its ``-`` is in a block list.
    line: int
    #: The record before its references are checked, or INVALID.
    item: Any
    problems: list[Problem]
    #: The item's reference lists and texts with markup, as in :class:`Context`.
    references: dict[str, list[tuple[int, str, Location]]]
    markup_origins: dict[str, Location]
    origin: Location
    #: Where its id is, for a duplicate's warning.
    id_origin: Location
    #: Work budget the item spent, and whether it ran out of budget.
    spent: int
    exhausted: bool
    #: The digest of ``item`` (see :meth:`Dataset.record_digest`).
    digest: str = ''


@dataclass(slots=True)
class Block:
    """One top-level key of a file: its list-level problems and its items."""

    name: str
    problems: list[Problem]
    units: list[Unit]
    #: Column of a block-style list's ``-``, or -1 when edits to it are not patched.
    column: int = -1


@dataclass(slots=True)
class FileRead:
    """One data file as read: everything :func:`assemble` needs, and its text."""

    file: str
    #: None when the file could not be read or parsed.
    text: str | None
    #: Problems with the file or its top level, reported before any record's.
    head: list[Problem]
    blocks: list[Block]
    budget: int = 0
    #: Budget spent on the top-level keys.
    head_spent: int = 0
    #: Lines (0-based) where each top-level key starts; items end at the next.
    key_lines: list[int] = dataclasses.field(default_factory=list)
    #: Whether an edit inside the items may be patched in (no anchors, block style).
    patchable: bool = False

    @property
    def readable(self) -> bool:
        return self.text is not None


def read_file(path: Path, max_bytes: int) -> FileRead:
    """Parse and check one file's records, each on its own (no cross-checks)."""
    ctx = Context(str(path), budget=0)
    composed = _compose(path, ctx, max_bytes)
    if composed is None:
        return FileRead(ctx.file, None, ctx.problems, [])
    root, text, anchored = composed
    read = FileRead(ctx.file, text, ctx.problems, [], budget=ctx.budget)
    _read_collections(root, ctx, read)
    read.patchable = (
        not anchored
        and not ctx.exhausted
        and '<<' not in text
        and not any(c in text for c in OTHER_LINE_BREAKS)
        and _block_style(root, read)
    )
    return read


#: Line breaks YAML counts besides ``\n``; a file with any is never patched.
OTHER_LINE_BREAKS = ('\r', '\x85', '\u2028', '\u2029')


def _block_style(root: Node, read: FileRead) -> bool:
    """Whether the file is a block mapping of block lists, each item starting a line.

    Only then is an item's text exactly the lines from its ``-`` to the
    next item's (or top-level key's), which :mod:`datacache` relies on.
    """
    if not isinstance(root, MappingNode) or root.column != 0 or read.text is None:
        return False
    text = read.text
    starts = _line_starts(text)
    if text[starts[root.line] : starts[root.line] + 1] in ('{', '!') or any(
        key.column != 0 for key, _value in root.value
    ):
        return False  # a flow mapping, or a tag before the first key
    for block in read.blocks:
        if block.column < 0:
            continue
        for unit in block.units:
            offset = starts[unit.line]
            if text[offset : offset + block.column].strip(' ') or (
                text[offset + block.column : offset + block.column + 1] != '-'
            ):
                return False
        if any(unit.exhausted for unit in block.units):
            return False
    return True


def _line_starts(text: str) -> list[int]:
    """The offset where each line starts."""
    starts = [0]
    find = text.find
    position = find('\n')
    while position >= 0:
        starts.append(position + 1)
        position = find('\n', position + 1)
    return starts


def assemble(reads: Sequence[FileRead], refused: Sequence[str] = ()) -> Dataset:
    """The dataset of the files read: duplicates left out, references checked.

    The problems come in the order reading found them in each file, the
    reference problems of each file after all its records'.
    """
    dataset = Dataset(unreadable=list(refused))
    contexts = []
    for read in reads:
        ctx = Context(read.file, budget=0)
        ctx.problems.extend(read.head)
        if not read.readable:
            dataset.unreadable.append(read.file)
        else:
            _add_blocks(read, ctx, dataset)
        contexts.append(ctx)
    items: ItemPlaces = {}
    for ctx in contexts:  # references may point into any file, so check them last
        _check_references(dataset, ctx, items)
        dataset.markup_origins.update(((ctx.file, path), where)
                                      for path, where in ctx.markup_origins.items())  # fmt: skip
    problems: dict[str, list[Problem]] = {}
    for ctx in contexts:
        problems.setdefault(ctx.file, ctx.problems)
    _check_relations(dataset, items, problems)
    for ctx in contexts:
        dataset.problems.extend(ctx.problems)
    return dataset


def _add_blocks(read: FileRead, ctx: Context, dataset: Dataset) -> None:
    problems, references, markup_origins = ctx.problems, ctx.references, ctx.markup_origins
    origins, paths, digests, file = dataset.origins, dataset.paths, dataset.digests, read.file
    for block in read.blocks:
        problems.extend(block.problems)
        if not block.units:
            continue
        name = block.name
        records = dataset.collection(name)
        for unit in block.units:
            problems.extend(unit.problems)
            references.update(unit.references)
            markup_origins.update(unit.markup_origins)
            if unit.exhausted:
                return  # a record cut short by the budget would be silently incomplete
            item = unit.item
            if item is INVALID:
                continue
            if item.id in records:
                problems.append(
                    Problem(
                        unit.id_origin,
                        f'{name}[{unit.index}].id',
                        f'duplicate id {item.id!r} (first defined at {origins[name, item.id]}); '
                        'this one is left out',
                        'duplicate',
                    )
                )
                continue
            records[item.id] = item
            digests[name, item.id] = (item, unit.digest)
            origins[name, item.id] = unit.origin
            paths[name, item.id] = (file, f'{name}[{unit.index}]')


def _compose(path: Path, ctx: Context, max_bytes: int) -> tuple[Node, str, bool] | None:
    """Parse one file: its YAML node tree, its text, and whether it has anchors.

    None (and the reason reported) when it cannot be read.
    """
    start = Location(str(path), 1, 1)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            ctx.problems.append(
                Problem(
                    start,
                    '',
                    f'the file is {size:,} bytes; the limit is '
                    f'{max_bytes:,} (biography_max_file_size)',
                    'yaml',
                )
            )
            return None
        raw = path.read_bytes()
    except OSError as err:
        ctx.problems.append(
            Problem(start, '', f'cannot read the data file: {err.strerror}', 'file')
        )
        return None
    try:
        text = raw.decode('utf-8-sig')
    except UnicodeDecodeError as err:
        line = raw.count(b'\n', 0, err.start) + 1
        line_start = raw.rfind(b'\n', 0, err.start) + 1
        # Columns count characters, as YAML's own errors do.
        column = len(raw[line_start : err.start].decode('utf-8', errors='replace')) + 1
        ctx.problems.append(
            Problem(
                Location(str(path), line, column),
                '',
                f'the file is not UTF-8 (byte 0x{raw[err.start]:02x})',
                'yaml',
            )
        )
        return None
    # Each node visit costs one unit; a file cannot expand (through aliases)
    # to much more than its own size.
    ctx.budget = 1_000 + 4 * len(text)
    stats: dict[str, Any] = {}
    try:
        root = yamltree.compose(text, stats)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = Location(str(path), mark.line + 1, mark.column + 1) if mark else start
        context = err.context
        opened = err.context_mark
        if context and opened and mark and (opened.line, opened.column) != (mark.line, mark.column):
            context += f' (which began at line {opened.line + 1}, column {opened.column + 1})'
        message = ' '.join(filter(None, [context, err.problem])) or str(err)
        if mark and text[mark.index : mark.index + 1] == '\t':
            message += ' (a tab; YAML indents with spaces only)'
        ctx.problems.append(Problem(where, '', f'YAML syntax error: {message}', 'yaml'))
        return None
    except yaml.reader.ReaderError as err:  # a character YAML does not allow
        line = text.count('\n', 0, err.position) + 1
        column = err.position - (text.rfind('\n', 0, err.position) + 1) + 1
        message = f'unacceptable character #x{err.character:04x}: {err.reason}'
        ctx.problems.append(Problem(Location(str(path), line, column), '',
                                    f'YAML error: {message}', 'yaml'))  # fmt: skip
        return None
    except (yaml.YAMLError, RecursionError, MemoryError) as err:
        ctx.problems.append(Problem(start, '', f'YAML error: {type(err).__name__}: {err}', 'yaml'))
        return None
    if root is None or (isinstance(root, ScalarNode) and root.tag.endswith(':null')):
        ctx.problems.append(
            Problem(
                start,
                '',
                'the file is empty; expected a mapping with people, projects and/or events',
                'yaml',
            )
        )
        return None
    return root, text, stats['anchors']


def _read_collections(root: Node, ctx: Context, read: FileRead) -> None:
    """Convert the records of one file, each item on its own, into *read*."""
    if not isinstance(root, MappingNode):
        ctx.report(
            root,
            '',
            'expected a mapping with people, projects and/or events at the top of the file, '
            f'got {describe(root)}',
            'schema',
        )
        return
    if _bad_tag(root):
        ctx.report(root, '', f'the YAML tag {root.tag!r} is not allowed here', 'yaml')
    budget = ctx.budget
    pairs = mapping_items(root, ctx, '')
    read.head_spent = budget - ctx.budget
    read.key_lines = [key.line for key, _value in root.value]
    for key_node, list_node in pairs:
        name = key_node.value
        block = Block(name, [], [])
        read.blocks.append(block)
        ctx.problems = block.problems  # reported in this order, after the head's
        if name not in COLLECTIONS:
            ctx.report(key_node, name or "''", unknown_key_message(name, COLLECTIONS), 'schema')
            continue
        if _bad_tag(list_node):  # reported; the tag is never acted on, so read on
            ctx.report(list_node, name, f'the YAML tag {list_node.tag!r} is not allowed here; '
                       'expected a list', 'yaml')  # fmt: skip
        if not isinstance(list_node, SequenceNode):
            if list_node.tag != 'tag:yaml.org,2002:null':
                ctx.report(list_node, name, f'expected a list, got {describe(list_node)}')
            continue
        if not block.problems and list_node.value and list_node.line == list_node.value[0].line:
            block.column = list_node.column  # may be a block list: see _block_style
        kind = Record(COLLECTIONS[name])
        for index, node in enumerate(list_node.value):
            if ctx.exhausted:  # by the top-level keys: the item would read as nothing
                return
            unit = read_unit(kind, name, index, node, ctx.file, ctx.budget)
            block.units.append(unit)
            ctx.budget -= unit.spent
            if unit.exhausted:
                return  # a record cut short by the budget would be silently incomplete


def read_unit(kind: Record, name: str, index: int, node: Node, file: str, budget: int) -> Unit:
    """Convert one top-level item with what is left of its file's work budget."""
    ctx = Context(file, budget)
    item = kind.convert(node, ctx, f'{name}[{index}]')
    where = ctx.where(node)
    id_origin = ctx.where(value_node(node, 'id')) if item is not INVALID else where
    return Unit(
        name, index, node.line, item, ctx.problems, ctx.references, ctx.markup_origins,
        where, id_origin, budget - ctx.budget, ctx.exhausted,
        '' if item is INVALID else digest(item),
    )  # fmt: skip


#: Where the kept items of the projects' relation fields are, by ``(project id, field)``:
#: ``(index as written, location)`` for each item of the field, in order.
ItemPlaces = dict[tuple[str, str], list[tuple[int, Location]]]


def _check_references(dataset: Dataset, ctx: Context, items: ItemPlaces) -> None:
    """Drop (and report) references to unknown ids, to the record itself, and repeats.

    For the relation fields of projects, *items* gets where each kept item
    is: ``(project id, field)`` -> ``(index as written, location)``, in order.
    """
    owners = {
        (file, path): (collection, key)
        for (collection, key), (file, path) in dataset.paths.items()
        if file == ctx.file
    }
    for list_path, references in ctx.references.items():
        record_path, _, field = list_path.rpartition('.')
        owner = owners.get((ctx.file, record_path))
        if owner is None:
            continue  # the record itself was left out
        collection, key = owner
        records = dataset.collection(collection)
        kind = _field_kind(collection, field)
        targets = dataset.collection(kind.item.collection)
        # The field's values, one for each reference in order (see ListOf.read):
        # an id, or a record that holds one (a Dependency).
        values = getattr(records[key], field)
        if len(values) != len(references):
            continue  # the field was left out (Record.build); nothing to check
        kept: list[Any] = []
        seen: set[str] = set()  # kept, as a set: lists may hold thousands of ids
        relation = collection == 'projects' and field in RELATION_KINDS
        places: list[tuple[int, Location]] = []
        for (index, value, location), item in zip(references, values, strict=True):
            problem = None
            singular = SINGULAR[kind.item.collection]
            if value not in targets and dataset.unreadable and not close_match_hint(value, targets):
                dataset.unreported_references.append((singular, value, str(location)))
                continue
            if value not in targets:
                problem = f'unknown {singular} id {value!r}{_suggest(value, targets, ctx)}'
            elif relation and value == key:
                problem = 'a project cannot list itself'
            elif value in seen:
                problem = f'{value!r} is listed twice'
            if problem:
                where = f'{list_path}[{index}]'
                ctx.problems.append(Problem(location, where, problem, 'reference'))
            else:
                kept.append(item)
                seen.add(value)
                places.append((index, location))
        if relation:
            items[key, field] = places
        if tuple(kept) != values:
            records[key] = dataclasses.replace(records[key], **{field: tuple(kept)})


def _check_relations(
    dataset: Dataset, items: ItemPlaces, problems: dict[str, list[Problem]]
) -> None:
    """Check what the projects' relations say together, once references are checked.

    A dependency's ``since`` must name a release of the project or be a
    date, and not come before either project's first release; the
    relations of :data:`ACYCLIC_KINDS` may form no cycle, in one kind or
    across them.  What fails is left out: the ``since``, or the relation
    that closes the cycle.  Problems go to *problems* by file.
    """
    _check_since(dataset, items, problems)
    for kind in ACYCLIC_KINDS:
        _break_cycles(dataset, (kind,), items, problems)
    _break_cycles(dataset, ACYCLIC_KINDS, items, problems)


def _check_since(dataset: Dataset, items: ItemPlaces, problems: dict[str, list[Problem]]) -> None:
    projects = dataset.projects
    for key, project in list(projects.items()):
        if not any(dependency.since for dependency in project.depends_on):
            continue
        places = items.get((key, 'depends_on'), [])
        kept = []
        for position, dependency in enumerate(project.depends_on):
            found = None
            used = projects.get(dependency.project)
            if dependency.since is not None and used is not None and position < len(places):
                found = _since_problem(project, used, dependency.since)
            if found is None:
                kept.append(dependency)
                continue
            message, subtype = found
            where, path = dataset.text_origin(
                'projects', key, f'depends_on[{places[position][0]}].since'
            )
            problems[where.file].append(Problem(where, path, message, subtype))
            kept.append(replaced(dependency, since=None))
        if tuple(kept) != project.depends_on:
            projects[key] = replaced(project, depends_on=tuple(kept))


def _since_problem(project: Project, used: Project, since: str) -> tuple[str, str] | None:
    """What is wrong with a dependency's *since*, and the warning subtype; None if nothing."""
    resolved = project.resolve_since(since)
    if resolved is None:
        versions = [release.version for release in project.all_releases() if release.version]
        listed = f'its releases: {", ".join(versions)}' if versions else 'it lists no releases'
        return (
            f'{since!r} is neither a version of this project ({listed}) nor a date '
            f'({DATE_FORMS}); it is left out',
            'reference',
        )
    version, date = resolved
    if date is None:
        return None
    for whose in (project, used):
        first = whose.first_release_date()
        if first is not None and date.latest < first.earliest:
            released = f' (released {date})' if version else ''
            return (
                f'{since!r}{released} is before the first release of {whose.id!r} '
                f'({first}); it is left out',
                'date',
            )
    return None


def _break_cycles(
    dataset: Dataset,
    kinds: tuple[str, ...],
    items: ItemPlaces,
    problems: dict[str, list[Problem]],
) -> None:
    """Report and drop each relation of *kinds* that closes a cycle."""
    projects = dataset.projects
    edges = {
        key: [(target, kind) for kind in kinds for target in getattr(project, kind)]
        for key, project in projects.items()
    }
    for nodes, steps in cycles(projects, edges):
        source, target, kind = nodes[0], nodes[1], steps[0]
        project = projects[source]
        values = getattr(project, kind)
        position = values.index(target)
        places = items.get((source, kind), [])
        if position < len(places):
            index, where = places.pop(position)
        else:  # not reached: every kept relation has its place
            index, where = position, dataset.origins['projects', source]
        file, path = dataset.paths['projects', source]
        if len(kinds) == 1:
            shown = ' → '.join(nodes)
            message = f'{kind} cycle: {shown}; this one is left out'
        else:
            shown = nodes[0] + ''.join(
                f' —{step}→ {node}' for step, node in zip(steps, nodes[1:], strict=True)
            )
            message = (
                f'cycle across {" and ".join(dict.fromkeys(sorted(steps)))}: {shown}; '
                'each names a project that came first; this one is left out'
            )
        problems[file].append(Problem(where, f'{path}.{kind}[{index}]', message, 'reference'))
        kept = values[:position] + values[position + 1 :]
        projects[source] = replaced(project, **{kind: kept})


def cycles(
    order: Iterable[str], edges: dict[str, list[tuple[str, str]]]
) -> list[tuple[list[str], list[str]]]:
    """The edges that close a cycle in a depth-first search, each with its cycle.

    *edges* gives each node's ``(target, kind)`` edges in order; the search
    starts from the nodes in *order*.  Each cycle is its nodes, from the
    source of the closing edge round to it again, and the kind of each
    step.  Without these edges, the graph has no cycle.
    """
    found: list[tuple[list[str], list[str]]] = []
    done: set[str] = set()
    for root in order:
        if root in done:
            continue
        path, steps = [root], list[str]()  # steps[n]: the kind of path[n] -> path[n + 1]
        position = {root: 0}
        stack = [iter(edges.get(root, ()))]
        while stack:
            node = path[-1]
            for target, kind in stack[-1]:
                if target in position:  # on the path: a cycle closes
                    at = position[target]
                    found.append(([node, *path[at:]], [kind, *steps[at:]]))
                elif target not in done:
                    position[target] = len(path)
                    path.append(target)
                    steps.append(kind)
                    stack.append(iter(edges.get(target, ())))
                    break
            else:
                stack.pop()
                done.add(path.pop())
                del position[node]
                if steps:
                    steps.pop()
    return found


@functools.cache
def _field_kind(collection: str, field: str) -> Any:
    """The kind of a field of the records of *collection* (``dataclasses.fields`` is slow)."""
    return next(
        f.metadata['kind'] for f in dataclasses.fields(COLLECTIONS[collection]) if f.name == field
    )


def _suggest(value: str, known: Iterable[str], ctx: Context) -> str:
    """A "did you mean" hint; only for the first few misses, as each costs a scan."""
    ctx.suggestions += 1
    if ctx.suggestions > 50:
        return ''
    return close_match_hint(value, known)


def close_match_hint(value: str, known: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` for the id in *known* closest to *value*, or nothing."""
    close = difflib.get_close_matches(value, list(known), n=1)
    return f"; did you mean '{close[0]}'?" if close else ''


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a data file, generated from the record classes."""
    return {
        '$schema': 'https://json-schema.org/draft/2020-12/schema',
        'title': 'Biography data file',
        'description': 'People, projects and events for the biography Sphinx extension.',
        'type': 'object',
        'additionalProperties': False,
        'properties': {
            name: {'type': 'array', 'items': record_schema(cls)}
            for name, cls in COLLECTIONS.items()
        },
    }


if __name__ == '__main__':  # ``make schema``
    import json

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
