"""The ``biography``, ``project``, ``timeline``, ``sources``, ``project-cards``,
``lifespan-chart`` and ``lineage-graph`` directives.

Options are checked here, not by docutils: an unknown option, or a value
an option cannot take, is a located ``biography.option`` warning and the
directive goes on without it, instead of the block being dropped.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from . import nodes as bio_nodes
from .cards import CARD_FIELDS, CARD_ORDERS, DEFAULT_COLUMNS, MAX_COLUMNS, CardsRenderer, ordered
from .dates import DateError, DateValue, parse_date
from .domain import get_domain, label_name
from .i18n import KIND_PLURAL, gettext
from .infobox import FIELDS, InfoboxRenderer
from .lifespan import lifespan_chart
from .lineage import lineage_graph
from .markup import parse_myst_inline
from .model import RELATION_KINDS, close_match_hint, display_name
from .pictures import PictureRenderer
from .render import NodeFactory, TextOrigin, defuse
from .sources import SourcesRenderer
from .timeline import TimelineRenderer
from .warnings import warn, warnings_located

if TYPE_CHECKING:
    import contextlib
    from collections.abc import Callable, Iterable, Sequence

    from .domain import BiographyDomain


#: Text without these characters cannot hold inline markup, so it skips the parser.
_MARKUP_CHARS = re.compile(r'[*_`\[\]{}<>\\&:|$~^]|https?:')

GROUPINGS = ('year', 'decade', 'none')
#: The kind of record each id-list option of a timeline names.
KIND_OF_OPTION = {'people': 'person', 'projects': 'project'}
#: The farthest a lineage graph's :around: reaches.
MAX_DEPTH = 9


#: A renderer of one kind of block.
Renderer = TypeVar('Renderer', bound=NodeFactory)


class TolerantOptions(dict[str, Any]):
    """An option spec whose options never fail: problems are left for the directive to report.

    docutils drops a whole reST directive over one unknown option or one
    value its converter refuses; a typo in ``:peoples:`` or ``:reversed:
    yes`` should cost a warning, not the timeline.  Unknown options are
    taken as they are; a refused value becomes an :class:`OptionProblem`.
    """

    def __init__(self, spec: dict[str, Callable[..., Any]]) -> None:
        super().__init__({name: _tolerant(convert) for name, convert in spec.items()})

    def __missing__(self, name: str) -> Callable[[str | None], str]:
        return _unknown_option


class OptionProblem(str):
    """An option value its converter refused, with the reason."""

    reason: str


class _Tolerant:
    """An option converter that returns an :class:`OptionProblem` instead of raising."""

    def __init__(self, convert: Callable[..., Any]) -> None:
        self.converts = convert

    def __call__(self, value: str | None) -> Any:
        try:
            return self.converts(value)
        except (ValueError, TypeError) as err:
            problem = OptionProblem(value or '')
            problem.reason = str(err)
            return problem


def _tolerant(convert: Callable[..., Any]) -> _Tolerant:
    # A spec built from another one's options holds converters already wrapped.
    return convert if isinstance(convert, _Tolerant) else _Tolerant(convert)


def _unknown_option(value: str | None) -> str:
    return value or ''


class DataDirective(SphinxDirective):
    """What the three directives share: data access, warnings, ids, index entries."""

    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = TolerantOptions(
        {
            'no-index': directives.flag,
            'class': directives.class_option,
        }
    )
    #: One line per option, for the generated reference (a test keeps it complete).
    option_help: ClassVar[dict[str, str]] = {
        'no-index': 'Not an index entry or link target; use it on repeated blocks.',
        'class': 'Extra CSS classes for the block.',
    }

    @property
    def domain(self) -> BiographyDomain:
        return get_domain(self.env)

    def warn(self, message: str, subtype: str) -> None:
        warn(message, subtype, self.get_location())

    def drop_unknown_options(self) -> None:
        """Report options the directive does not have, and values it cannot take.

        See :class:`TolerantOptions`.  A flag given a value counts as set;
        any other refused value is ignored.
        """
        known = list(dict.keys(self.option_spec))
        for name, value in list(self.options.items()):
            if name not in known:
                del self.options[name]
                self.warn(
                    f'unknown option :{name}: of {self.name}; it is ignored'
                    f'{close_match_hint(name, known)} (options: {", ".join(known)})',
                    'option',
                )
            elif isinstance(value, OptionProblem):
                if getattr(self.option_spec[name], 'converts', None) is directives.flag:
                    self.options[name] = None
                    self.warn(f':{name}: takes no value; got {str(value)!r}, taken as set',
                              'option')  # fmt: skip
                else:
                    del self.options[name]
                    self.warn(f':{name}: {value.reason}; got {str(value)!r}; it is ignored',
                              'option')  # fmt: skip

    def factory(self, renderer: type[Renderer]) -> Renderer:
        """The renderer of this directive's block, for this page."""
        made = renderer(
            self.domain.dataset,
            gettext,
            self.parse_markup,
            self.domain.today,
            self.get_source_info(),
            self.env.docname,
        )
        # Structured data describes each record once: where it is indexed.
        made.microformats = self.config.biography_microformats and self.indexed
        made.doubtful = tuple(self.config.biography_doubtful)
        return made

    def parse_markup(self, text: str, origin: TextOrigin) -> list[nodes.Node]:
        """Inline MyST markup, made safe; plain text skips the parser.

        A problem in the markup (an unknown role, a bad id) is a problem in
        the data, so its warning points at the data file, naming the page;
        so do cross-references in it that fail to resolve later.
        """
        if not _MARKUP_CHARS.search(text):
            return [nodes.Text(text)]

        def located() -> contextlib.AbstractContextManager[None]:
            where, field = self.domain.dataset.text_origin(*origin)
            page = ':'.join(map(str, self.get_source_info()))
            return warnings_located(str(where), f'{field}: ', f' (shown on {page})')

        parsed = parse_myst_inline(text, self.state.document, self.lineno, located)
        parsed = [defuse(node) for node in parsed]
        xrefs = [x for node in parsed if isinstance(node, nodes.Element)
                 for x in node.findall(addnodes.pending_xref)]  # fmt: skip
        for xref in [x for x in xrefs if x.get('reftype') == 'myst']:
            # MyST's links to pages ([text](page.md), <project:...>) are resolved
            # only where myst_parser is loaded: the same everywhere means text.
            with located():
                warn(f'a link to a page ({xref["reftarget"]!r}) does not work in data texts; '
                     'use a role, such as {doc}`page`', 'markup')  # fmt: skip
            text = nodes.Text(xref.astext())
            if xref in parsed:  # at the top: the list holds it, not a parent
                parsed[parsed.index(xref)] = text
            else:
                xref.replace_self(text)
            xrefs.remove(xref)
        if xrefs:
            where, field = self.domain.dataset.text_origin(*origin)
            page = ':'.join(map(str, self.get_source_info()))
            for xref in xrefs:  # where Sphinx reports a reference it cannot resolve
                xref.source, xref.line = where.file, where.line
                xref['bio_text'] = (field, page)
        return parsed

    @property
    def indexed(self) -> bool:
        return 'no-index' not in self.options

    def unique_id(self, base: str) -> str:
        """*base*, or *base*-2, -3, ... if the page already uses it."""
        used, candidate, number = self.state.document.ids, base, 1
        while candidate in used:
            number += 1
            candidate = f'{base}-{number}'
        return candidate

    def register(self, node: nodes.Element) -> None:
        self.set_source_info(node)
        if node['ids']:
            self.state.document.set_id(node)
        node['classes'] += self.options.get('class', [])

    def index_node(self, kind: str, name: str, anchor: str) -> addnodes.index:
        return addnodes.index(entries=index_entries(kind, name, anchor))

    def field_names(self, known: Sequence[str]) -> list[str]:
        """The ``:fields:`` option, checked; all fields when it is absent or wrong."""
        if 'fields' not in self.options:
            return list(known)
        names = split_list(self.options['fields'])
        for name in names:
            if name not in known:
                self.warn(
                    f'unknown field {name!r} in :fields:{close_match_hint(name, known)} '
                    f'(fields: {", ".join(known)})',
                    'option',
                )
        return [name for name in names if name in known] or list(known)


class InfoboxDirective(DataDirective):
    """Shared by ``biography`` and ``project``: one record, one infobox."""

    required_arguments = 1
    kind: ClassVar[str]
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = TolerantOptions(
        {
            **DataDirective.option_spec,
            'fields': directives.unchanged,
        }
    )
    option_help: ClassVar[dict[str, str]] = {
        'fields': 'Which fields to show, in this order (comma-separated); default: all.',
        **DataDirective.option_help,
    }

    def run(self) -> list[nodes.Node]:
        self.drop_unknown_options()
        key = self.arguments[0].strip()
        self.domain.note_use(self.env.docname, (self.kind, key))
        record = self.domain.dataset.lookup(self.kind, key)
        if record is None:
            self.domain.unknown_id(self.kind, key, self.get_location())
            return []
        renderer = self.factory(InfoboxRenderer)
        anchor = self.unique_id(label_name(self.kind, key))
        name = display_name(record)
        table = FIELDS[self.kind]
        rows = renderer.rows(table, record, self.field_names(list(table)))
        box = renderer.infobox(self.kind, name, rows, anchor)
        if self.indexed:  # the HTML writer describes it in JSON-LD
            box['bio_record'] = key
        self.register(box)
        self.domain.note_object(self.kind, key, name, anchor, int(self.indexed))
        if self.indexed:
            return [self.index_node(self.kind, name, anchor), box]
        return [box]


class BiographyDirective(InfoboxDirective):
    """An infobox for a person: ``{biography} <person-id>``."""

    kind = 'person'


class ProjectDirective(InfoboxDirective):
    """A project's infobox; the page that has it is where project links go."""

    kind = 'project'


class TimelineDirective(DataDirective):
    """A filtered, grouped list of events: ``{timeline}`` with options."""

    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = TolerantOptions(
        {
            **DataDirective.option_spec,
            'people': directives.unchanged,
            'projects': directives.unchanged,
            'tags': directives.unchanged,
            'since': directives.unchanged,
            'until': directives.unchanged,
            'group-by': directives.unchanged,
            'reversed': directives.flag,
            'limit': directives.unchanged,
        }
    )
    option_help: ClassVar[dict[str, str]] = {
        'people': 'Only events naming one of these person ids.',
        'projects': 'Only events naming one of these project ids.',
        'tags': 'Only events with one of these tags.',
        'since': 'Only events that end on or after this date.',
        'until': 'Only events that start on or before this date.',
        'group-by': 'year (default), decade, or none.',
        'reversed': 'Newest first.',
        'limit': 'Show at most this many events (after reversed: the newest).',
        **DataDirective.option_help,
    }

    def run(self) -> list[nodes.Node]:
        self.drop_unknown_options()
        dataset = self.domain.dataset
        people = self.ids_option('people', dataset.people)
        projects = self.ids_option('projects', dataset.projects)
        tags = split_list(self.options.get('tags', ''))
        since, until = self.date_option('since'), self.date_option('until')
        grouping, limit = self.grouping(), self.limit_option()
        if tags:
            known_tags = dataset.tags()
            for tag in tags:
                if tag not in known_tags:
                    self.warn(f'no event has the tag {tag!r} in :tags:'
                              f'{close_match_hint(tag, known_tags)}', 'option')  # fmt: skip
        if since and until and since.earliest > until.latest:
            self.warn(f':since: {since.text} is after :until: {until.text}', 'option')
        self.domain.note_use(
            self.env.docname,
            ('events', people, projects, tags, since and since.text, until and until.text),
        )
        events = dataset.select_events(
            people=people, projects=projects, tags=tags, since=since, until=until
        )
        if 'reversed' in self.options:
            events.reverse()
        if limit is not None:
            events = events[:limit]
        if not events:
            if dataset.unreadable:  # its events may be in the unreadable file
                self.domain.note_held_back()
            else:
                self.warn('the timeline shows no events (check its filters)', 'option')
            return []
        weight = len(events) if self.indexed else 0
        factory = self.factory(TimelineRenderer)
        # Event ids are unique in the data, so one timeline cannot collide
        # with itself; unique_id() only avoids ids already on the page.
        box = factory.timeline(
            events, grouping, lambda event: self.unique_id(label_name('event', event.id))
        )
        by_id = {event.id: event for event in events}
        # One index node holds the entries of the whole timeline (the index
        # and the search read it): one node per event would be ten thousand
        # more for every transform to walk.  Each entry keeps its own for
        # the formats that write them in place (LaTeX's \index, Texinfo's
        # @cindex); see ExpandTimelineEntries.
        timeline_index = addnodes.index(entries=[], bio_timeline=True)
        in_general_index = self.indexed and self.config.biography_index_events
        for entry in box.findall(bio_nodes.timeline_entry):
            event, anchor = by_id[entry['event']], entry['ids'][0]
            self.state.document.set_id(entry)
            self.domain.note_object('event', event.id, event.title, anchor, weight)
            if in_general_index:
                entry['index_entries'] = index_entries('event', event.title, anchor)
                timeline_index['entries'] += entry['index_entries']
        if timeline_index['entries']:
            box.insert(0, timeline_index)
        self.register(box)
        return [box]

    def ids_option(self, name: str, known: dict[str, Any]) -> tuple[str, ...]:
        ids = split_list(self.options.get(name, ''))
        for key in ids:
            if key not in known:
                self.domain.unknown_id(KIND_OF_OPTION[name], key, self.get_location(), known)
        return tuple(ids)

    def date_option(self, name: str) -> DateValue | None:
        text = self.options.get(name, '').strip()
        if not text:
            return None
        try:
            return parse_date(text)
        except DateError as err:
            self.warn(f':{name}: {err}; got {text!r}; the option is ignored', 'option')
            return None

    def limit_option(self) -> int | None:
        text = self.options.get('limit', '').strip()
        if not text:
            return None
        if text.isdigit() and int(text) > 0:
            return int(text)
        self.warn(f':limit: expected a positive whole number, got {text!r}; showing all', 'option')
        return None

    def grouping(self) -> str:
        value = self.options.get('group-by', 'year').strip() or 'year'
        if value not in GROUPINGS:
            self.warn(
                f':group-by: expected one of {", ".join(GROUPINGS)}, got {value!r}; '
                'grouping by year',
                'option',
            )
            return 'year'
        return value


def index_entries(kind: str, name: str, anchor: str) -> list[tuple[str, str, str, str, None]]:
    """A record's entries in the general index: under its kind, and people and projects by name.

    Events are under "Events" only: thousands of event titles at the top
    level would bury the people and projects, and Sphinx writes each entry
    again on every build.  The search still finds an event by its title,
    as it indexes both parts of "Events; title".
    """
    grouped = ('single', f'{gettext(KIND_PLURAL[kind])}; {name}', anchor, '', None)
    if kind == 'event':
        return [grouped]
    return [('single', name, anchor, '', None), grouped]


def split_list(text: str) -> tuple[str, ...]:
    """Ids separated by commas and/or spaces."""
    return tuple(part for part in re.split(r'[\s,]+', text.strip()) if part)


class SourcesDirective(DataDirective):
    """Every source the data cites, grouped by site, with what each one backs."""

    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = TolerantOptions(
        {
            'class': directives.class_option,
        }
    )
    option_help: ClassVar[dict[str, str]] = {
        'class': DataDirective.option_help['class'],
    }

    def run(self) -> list[nodes.Node]:
        self.drop_unknown_options()
        self.domain.note_use(self.env.docname, ('sources',))
        box = self.factory(SourcesRenderer).source_list()
        self.register(box)
        return [box]


class ProjectCardsDirective(DataDirective):
    """Cards of projects, from their records: ``{project-cards}`` with options."""

    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = TolerantOptions(
        {
            'projects': directives.unchanged,
            'sort': directives.unchanged,
            'columns': directives.unchanged,
            'fields': directives.unchanged,
            'class': directives.class_option,
        }
    )
    option_help: ClassVar[dict[str, str]] = {
        'projects': 'These project ids (comma-separated); default: every project.',
        'sort': 'date (start, else first release; default; undated last), name, or data '
        '(the order of :projects:, or of the data file).',
        'columns': f'Cards side by side on a wide screen, 1 to {MAX_COLUMNS} '
        f'(default {DEFAULT_COLUMNS}); fewer on narrow ones.',
        'fields': f'What a card shows under the name: {", ".join(CARD_FIELDS)} (default: both).',
        'class': DataDirective.option_help['class'],
    }

    def run(self) -> list[nodes.Node]:
        self.drop_unknown_options()
        dataset = self.domain.dataset
        ids = self.project_ids()
        self.domain.note_use(self.env.docname, ('cards', ids))
        projects = [dataset.projects[key] for key in ids if key in dataset.projects]
        if not ids:
            projects = list(dataset.projects.values())
        if not projects:
            if dataset.unreadable:  # its projects may be in the unreadable file
                self.domain.note_held_back()
            elif not ids:
                self.warn('no data file defines a project: the project cards show nothing',
                          'option')  # fmt: skip
            return []
        order = self.choice('sort', CARD_ORDERS, 'date')
        fields = self.field_names(CARD_FIELDS)
        box = self.factory(CardsRenderer).cards(ordered(projects, order), self.columns(), fields)
        self.register(box)
        return [box]

    def project_ids(self) -> tuple[str, ...]:
        """``:projects:``, checked: unknown ids reported, repeated ones shown once."""
        ids: list[str] = []
        known = self.domain.dataset.projects
        for key in split_list(self.options.get('projects', '')):
            if key in ids:
                self.warn(f':projects: names {key!r} twice; shown once', 'option')
                continue
            if key not in known:
                self.domain.unknown_id('project', key, self.get_location(), known)
            ids.append(key)
        return tuple(ids)

    def choice(self, name: str, allowed: Sequence[str], default: str) -> str:
        value = self.options.get(name, '').strip() or default
        if value not in allowed:
            self.warn(f':{name}: expected one of {", ".join(allowed)}, got {value!r}'
                      f'{close_match_hint(value, allowed)}; using {default}', 'option')  # fmt: skip
            return default
        return value

    def columns(self) -> int:
        text = self.options.get('columns', '').strip()
        if not text:
            return DEFAULT_COLUMNS
        if text.isdigit() and 1 <= int(text) <= MAX_COLUMNS:
            return int(text)
        self.warn(f':columns: expected a whole number from 1 to {MAX_COLUMNS}, got {text!r}; '
                  f'using {DEFAULT_COLUMNS}', 'option')  # fmt: skip
        return DEFAULT_COLUMNS


class PictureDirective(TimelineDirective):
    """What the pictures share: a caption as the argument or ``:caption:``, id options."""

    optional_arguments = 1
    final_argument_whitespace = True

    def caption(self) -> str:
        caption = ' '.join(self.arguments).strip()
        if caption and self.options.get('caption'):
            self.warn('the caption is given twice (argument and :caption:); '
                      'the argument is used', 'option')  # fmt: skip
        return caption or self.options.get('caption', '').strip()

    def shows_nothing(
        self, what: str, named: Sequence[str], known: Iterable[str]
    ) -> list[nodes.Node]:
        """No picture: a warning, unless every id *named* was unknown (reported already)."""
        if self.domain.dataset.unreadable:  # its records may be in the unreadable file
            self.domain.note_held_back()
        elif not named or set(named) & set(known):
            self.warn(f'the {what} shows nothing (check its filters)', 'option')
        return []


class LifespanChartDirective(PictureDirective):
    """A chart of projects' and people's spans on a year axis: ``{lifespan-chart}``."""

    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = TolerantOptions(
        {
            'people': directives.unchanged,
            'projects': directives.unchanged,
            'tags': directives.unchanged,
            'since': directives.unchanged,
            'until': directives.unchanged,
            'caption': directives.unchanged,
            'class': directives.class_option,
        }
    )
    option_help: ClassVar[dict[str, str]] = {
        'people': 'Only these people (ids); with neither this nor :projects:, everyone.',
        'projects': 'Only these projects (ids); with neither this nor :people:, every project.',
        'tags': 'Only events with one of these tags are marked.',
        'since': 'The axis starts with the year of this date.',
        'until': 'The axis ends with the year of this date.',
        'caption': 'The caption (or give it as the argument).',
        'class': DataDirective.option_help['class'],
    }

    def run(self) -> list[nodes.Node]:
        self.drop_unknown_options()
        dataset = self.domain.dataset
        people = self.ids_option('people', dataset.people)
        projects = self.ids_option('projects', dataset.projects)
        tags = split_list(self.options.get('tags', ''))
        since, until = self.date_option('since'), self.date_option('until')
        if tags:
            known_tags = dataset.tags()
            for tag in tags:
                if tag not in known_tags:
                    self.warn(f'no event has the tag {tag!r} in :tags:'
                              f'{close_match_hint(tag, known_tags)}', 'option')  # fmt: skip
        if since and until and since.earliest > until.latest:
            self.warn(f':since: {since.text} is after :until: {until.text}', 'option')
            since = until = None
        caption = self.caption()
        self.domain.note_use(
            self.env.docname,
            ('lifespan', people, projects, tags, since and since.text, until and until.text),
        )
        chart = lifespan_chart(dataset, people=people, projects=projects, tags=tags, since=since,
                               until=until, today=self.domain.today, gettext=gettext,
                               title=caption or None)  # fmt: skip
        if not any(row.when or row.events for row in chart.rows):  # no bar, no dot
            return self.shows_nothing('lifespan chart', (*people, *projects),
                                      (*dataset.people, *dataset.projects))  # fmt: skip
        anchor = self.unique_id('lifespan-chart')
        box = self.factory(PictureRenderer).lifespan(chart, caption, anchor)
        self.register(box)
        return [box]


class LineageGraphDirective(PictureDirective):
    """Projects and their typed relations as a graph: ``{lineage-graph}``."""

    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = TolerantOptions(
        {
            'projects': directives.unchanged,
            'people': directives.unchanged,
            'relations': directives.unchanged,
            'around': directives.unchanged,
            'depth': directives.unchanged,
            'show-people': directives.flag,
            'caption': directives.unchanged,
            'class': directives.class_option,
        }
    )
    option_help: ClassVar[dict[str, str]] = {
        'projects': 'Only these projects (ids); with neither this nor :people:, every project.',
        'people': 'Only the projects these people made (ids).',
        'relations': 'Only these relations: ' + ', '.join(RELATION_KINDS) + ' (default: all).',
        'around': 'Only the projects near this one (an id), in either direction.',
        'depth': f'How many relations away from :around: (1 to {MAX_DEPTH}; default 1).',
        'show-people': 'Show the people who made the projects, with an arrow to each.',
        'caption': 'The caption (or give it as the argument).',
        'class': DataDirective.option_help['class'],
    }

    def run(self) -> list[nodes.Node]:
        self.drop_unknown_options()
        dataset = self.domain.dataset
        projects = self.ids_option('projects', dataset.projects)
        people = self.ids_option('people', dataset.people)
        kinds = self.kinds_option()
        around = self.options.get('around', '').strip() or None
        if around is not None and around not in dataset.projects:
            self.domain.unknown_id('project', around, self.get_location(), dataset.projects)
        depth = self.depth_option()
        with_people = 'show-people' in self.options
        caption = self.caption()
        key = ('lineage', projects, people, kinds, around, depth, with_people)
        self.domain.note_use(self.env.docname, key)
        records = dataset.lineage_records(
            projects=projects, people=people, kinds=kinds, around=around, depth=depth,
            with_people=with_people,
        )  # fmt: skip
        if not records.projects or (around is not None and len(records.projects) < 2):
            named = [key for key in (*projects, *people, around) if key is not None]
            return self.shows_nothing('lineage graph', named, (*dataset.people, *dataset.projects))
        graph = lineage_graph(records, gettext=gettext, title=caption or None)
        anchor = self.unique_id('lineage-graph')
        box = self.factory(PictureRenderer).lineage(graph, caption, anchor)
        self.register(box)
        return [box]

    def kinds_option(self) -> tuple[str, ...] | None:
        if 'relations' not in self.options:
            return None
        kinds = split_list(self.options['relations'])
        for kind in kinds:
            if kind not in RELATION_KINDS:
                self.warn(f'unknown relation {kind!r} in :relations:'
                          f'{close_match_hint(kind, RELATION_KINDS)} '
                          f'(relations: {", ".join(RELATION_KINDS)})', 'option')  # fmt: skip
        known = tuple(kind for kind in kinds if kind in RELATION_KINDS)
        return known or None  # none it knows: every relation, as without the option

    def depth_option(self) -> int:
        text = self.options.get('depth', '').strip()
        if not text:
            return 1
        if text.isdigit() and 1 <= int(text) <= MAX_DEPTH:
            if 'around' not in self.options:
                self.warn(':depth: has no effect without :around:', 'option')
            return int(text)
        self.warn(f':depth: expected a whole number from 1 to {MAX_DEPTH}, got {text!r}; '
                  'using 1', 'option')  # fmt: skip
        return 1
