"""The data model: every problem is located, explained, and leaves the rest intact."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from sphinx_biography import datacache, model

SCHEMA_FILE = Path(__file__).parents[1] / '_ext' / 'sphinx_biography' / 'data.schema.json'


def load(tmp_path: Path, text: str, name: str = 'data.yaml') -> model.Dataset:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding='utf-8')
    return model.load([path])


def problems(dataset: model.Dataset) -> list[str]:
    """Problems as 'line:col field: message [subtype]', file name dropped."""
    return [f'{p.location.line}:{p.location.column} {p} [{p.subtype}]' for p in dataset.problems]


def test_valid_file_has_no_problems(tmp_path: Path) -> None:
    data = load(
        tmp_path,
        """
        people:
          - id: ada
            name: Ada
            born: {date: 1990-03-15}
            known_for: [widget]
        projects:
          - id: widget
            name: Widget
            first_release: {date: 2010-04, version: 1.10}
        events:
          - {id: e1, date: 2010, title: Start, projects: [widget], people: [ada]}
        """,
    )
    assert problems(data) == []
    assert data.projects['widget'].first_release.version == '1.10'  # not 1.1
    assert str(data.people['ada'].born.date) == '1990-03-15'  # YAML dates read as text
    assert data.events['e1'].date.start.year == 2010  # YAML ints too


def test_field_problems_are_located(tmp_path: Path) -> None:
    data = load(
        tmp_path,
        """
        events:
          - id: ok
            date: 2010-02-28
            title: Fine
          - id: bad-date
            date: 2010-02-30
            title: Broken
          - id: bad-url
            date: 2011
            title: Link
            sources: ["javascript:alert(1)", "https://example.org/"]
          - id: typo
            date: 2012
            titel: Typo
        """,
    )
    assert problems(data) == [
        "7:11 events[1].date: February 2010 has no day 30; got '2010-02-30' [date]",
        '12:15 events[2].sources[0]: expected a URL (http, https or mailto), got '
        "'javascript:alert(1)' (the scheme javascript: is not allowed) [url]",
        "15:5 events[3].titel: unknown key; did you mean 'title'? (expected one of: id, date, "
        'title, summary, people, projects, tags, note, sources) [schema]',
        '13:5 events[3].title: is required: One line saying what happened. [schema]',
    ]
    # The bad entries are left out; the bad source only loses the bad item.
    assert list(data.events) == ['ok', 'bad-url']
    assert [c.url for c in data.events['bad-url'].sources] == ['https://example.org/']


def test_duplicates_and_dangling_references(tmp_path: Path) -> None:
    data = load(
        tmp_path,
        """
        projects:
          - {id: flask, name: Flask, lineage: [werkzeug, flask, jinja2]}
          - {id: werkzeug, name: Werkzeug}
          - {id: flask, name: Flask again}
        events:
          - {id: e, date: 2010, title: T, projects: [flsk], people: [nobody]}
        """,
    )
    assert problems(data) == [
        "5:10 projects[2].id: duplicate id 'flask' (first defined at "
        f'{tmp_path / "data.yaml"}:3:5); this one is left out [duplicate]',
        '3:50 projects[0].lineage[1]: a project cannot list itself [reference]',
        "3:57 projects[0].lineage[2]: unknown project id 'jinja2' [reference]",
        "7:46 events[0].projects[0]: unknown project id 'flsk'; did you mean 'flask'? [reference]",
        "7:62 events[0].people[0]: unknown person id 'nobody' [reference]",
    ]
    assert data.projects['flask'].name == 'Flask'
    assert data.projects['flask'].lineage == ('werkzeug',)
    assert data.events['e'].projects == ()


def test_references_across_files(tmp_path: Path) -> None:
    first = tmp_path / 'a.yaml'
    first.write_text('events:\n  - {id: e, date: 2010, title: T, projects: [p]}\n')
    second = tmp_path / 'b.yaml'
    second.write_text('projects:\n  - {id: p, name: P}\n')
    data = model.load([first, second])
    assert data.problems == []
    assert data.events['e'].projects == ('p',)


@pytest.mark.parametrize(
    ('text', 'expected'),
    [
        (
            '',
            '1:1 the file is empty; expected a mapping with people, projects and/or events [yaml]',
        ),
        (
            '- a\n- b\n',
            '1:1 expected a mapping with people, projects and/or events at the top of '
            'the file, got a list [schema]',
        ),
        (
            'people:\n\t- id: x\n',
            '2:1 YAML syntax error: while scanning for the next token found '
            'character that cannot start any token (a tab; YAML indents with spaces only) [yaml]',
        ),
        (
            'people: [\n',
            '2:1 YAML syntax error: while parsing a flow node did not find expected '
            'node content [yaml]',
        ),
        (
            'peeple: []\n',
            "1:1 peeple: unknown key; did you mean 'people'? (expected one of: "
            'people, projects, events) [schema]',
        ),
        ('people: {id: x}\n', '1:9 people: expected a list, got a mapping [schema]'),
        (
            'people:\n  - !!python/object/apply:os.system [ls]\n',
            '2:5 people[0]: the YAML tag '
            "'tag:yaml.org,2002:python/object/apply:os.system' is not allowed here; expected a "
            'mapping (person) [yaml]',
        ),
        (
            'people:\n  - {id: a, name: A, name: B}\n',
            '2:22 people[0].name: duplicate key (first at line 2); this one is ignored [yaml]',
        ),
        (
            'people:\n  - {id: Bad Id, name: A}\n',
            '2:10 people[0].id: expected an id (lowercase '
            "letters, digits, and '.', '_' or '-' inside), got 'Bad Id' [id]",
        ),
        (
            'people:\n  - {id: a, name: [A]}\n',
            '2:19 people[0].name: expected text, got a list [schema]',
        ),
        (
            'people:\n  - {id: a, name: "  "}\n',
            '2:19 people[0].name: expected text, got an empty string [schema]',
        ),
        (
            'people:\n  - {id: a, name: A, born: {date: 2000}, died: {date: 1999}}\n',
            '2:55 people[0].died.date: death (1999) is before birth (2000) [date]',
        ),
    ],
)
def test_file_level_problems(tmp_path: Path, text: str, expected: str) -> None:
    assert problems(load(tmp_path, text)) == [expected]


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / 'data.yaml'
    path.write_bytes(b'people:\n  - {id: a, name: "M\xfcller"}\n')
    data = model.load([path])
    assert problems(data) == ['2:21 the file is not UTF-8 (byte 0xfc) [yaml]']


def test_missing_file(tmp_path: Path) -> None:
    data = model.load([tmp_path / 'nope.yaml'])
    assert problems(data) == ['1:1 cannot read the data file: No such file or directory [file]']


def test_file_too_big(tmp_path: Path) -> None:
    path = tmp_path / 'data.yaml'
    path.write_text('people: []\n' + '#' * 100)
    data = model.load([path], max_bytes=50)
    assert problems(data) == [
        '1:1 the file is 111 bytes; the limit is 50 (biography_max_file_size) [yaml]'
    ]


def test_alias_bomb_is_bounded(tmp_path: Path) -> None:
    """Aliases nest records 1000 x 1000 x 1000 deep; the walk stops at its budget."""
    urls = ', '.join(['*u'] * 1000)
    schools = ', '.join(['*s'] * 1000)
    people = ', '.join(['*p'] * 1000)
    text = (
        'x: &u https://example.org/\n'
        f'y: &s {{institution: S, sources: [{urls}]}}\n'
        f'z: &p {{id: p, name: P, education: [{schools}]}}\n'
        f'people: [{people}]\n'
    )
    data = load(tmp_path, text)
    assert 'p' not in data.people
    assert problems(data)[0].startswith('1:1 x: unknown key')
    assert any('alias bomb' in line for line in problems(data))


def test_merge_keys(tmp_path: Path) -> None:
    data = load(
        tmp_path,
        """
        events:
          - &base {id: a, date: 2010, title: Base, tags: [x]}
          - {<<: *base, id: b, title: Other}
        """,
    )
    assert problems(data) == []
    assert data.events['b'].tags == ('x',)
    assert data.events['b'].title == 'Other'


def test_select_events(tmp_path: Path) -> None:
    data = load(
        tmp_path,
        """
        events:
          - {id: c, date: 2012, title: C, tags: [t]}
          - {id: a, date: 2009/2011, title: A}
          - {id: b, date: 2010-05, title: B, tags: [t, u]}
        """,
    )
    ids = lambda **kw: [e.id for e in data.select_events(**kw)]  # noqa: E731
    assert ids() == ['a', 'b', 'c']
    assert ids(tags=['t']) == ['b', 'c']
    since = model.parse_date('2011')
    assert ids(since=since) == ['a', 'c']  # the period 2009–2011 overlaps 2011
    assert ids(until=model.parse_date('2010-04')) == ['a']


def test_select_events_matches_a_plain_scan() -> None:
    """The filter index gives what testing every event would, in the same order."""
    import itertools

    data = model.load([Path(__file__).parents[1] / 'source' / '_data' / 'pocoo.yaml'])
    people, projects = sorted(data.people)[:4], sorted(data.projects)[:6]
    tags = sorted({tag for event in data.events.values() for tag in event.tags})

    def scan(**filters: list[str]) -> list[str]:
        chosen = [
            e for e in data.events.values()
            if all(set(ids) & set(getattr(e, field)) for field, ids in filters.items() if ids)
        ]  # fmt: skip
        return [e.id for e in sorted(chosen, key=lambda e: e.date.sort_key)]

    checked = 0
    pairs = [[], *map(list, itertools.combinations(people, 2))]
    for who, what, tag in itertools.product(pairs, [[], *([p] for p in projects)], [[], tags[:1]]):
        expected = scan(people=who, projects=what, tags=tag)
        got = [e.id for e in data.select_events(people=who, projects=what, tags=tag)]
        assert got == expected, (who, what, tag)
        checked += bool(expected)
    assert checked > 10  # the combinations are not all empty


def test_json_schema_file_is_current() -> None:
    """The schema shipped for editors is the one the model generates (make schema)."""
    assert json.loads(SCHEMA_FILE.read_text(encoding='utf-8')) == model.json_schema()


@pytest.mark.parametrize(
    ('text', 'expected'),
    [
        (
            'people:\n- &a {id: a, name: A, <<: *a}\n',
            '2:23 people[0]: a mapping cannot merge itself (<<) [yaml]',
        ),
        (
            'events:\n- {id: e, date: "0000", title: T}\n',
            "2:17 events[0].date: there is no year 0000; got '0000' [date]",
        ),
        (
            'events:\n- {id: e, date: "2000\\a", title: T}\n',
            "2:17 events[0].date: text contains the control character '\\x07' [schema]",
        ),
        (
            'people:\n- {id: a, name: A}\nprojects:\n- {id: p, name: P, authors: [a, a]}\n',
            "4:33 projects[0].authors[1]: 'a' is listed twice [reference]",
        ),
        (
            'people:\n- {id: a, name: A}\nprojects:\n- {id: p, name: P, authors: [!foo a]}\n',
            "4:30 projects[0].authors[0]: the YAML tag '!foo' is not allowed here; expected "
            'the id of a person [yaml]',
        ),
        (
            'people:\n- {id: a, name: A, image: ../../etc/hosts}\n',
            "2:27 people[0].image: expected a path relative to the source directory (no '..', "
            "no URL), got '../../etc/hosts' [file]",
        ),
    ],
)
def test_hostile_input(tmp_path: Path, text: str, expected: str) -> None:
    data = load(tmp_path, text)
    assert problems(data) == [expected]


def test_control_characters_in_text_are_shown_as_symbols(tmp_path: Path) -> None:
    data = load(tmp_path, 'events:\n- {id: e, date: 2000, title: "a\\ab\\x7fc\\x85d\\fe"}\n')
    assert data.events['e'].title == 'a[U+0007]b[U+007F]c[U+0085]d[U+000C]e'
    assert len(data.problems) == 1  # one warning for the field, naming the first


def test_rejected_reference_stays_out(tmp_path: Path) -> None:
    text = 'people:\n- {id: a, name: A}\nprojects:\n- {id: p, name: P, authors: [!foo a, a, a]}\n'
    assert load(tmp_path, text).projects['p'].authors == ('a',)


def test_merge_bomb_is_bounded(tmp_path: Path) -> None:
    lines = ['a0: &a0 {id: x, name: X}']
    lines += [f'a{i}: &a{i} {{<<: [*a{i - 1}, *a{i - 1}]}}' for i in range(1, 40)]
    data = load(tmp_path, '\n'.join(lines) + '\npeople: [*a39]\n')
    assert any('alias bomb' in line for line in problems(data))


def test_text_is_one_line(tmp_path: Path) -> None:
    data = load(tmp_path, 'events:\n- id: e\n  date: 2000\n  title: |\n    two\n\n    lines\n')
    assert data.events['e'].title == 'two lines'


def test_death_before_birth_drops_only_the_death(tmp_path: Path) -> None:
    data = load(tmp_path, 'people:\n- {id: a, name: A, born: {date: 2000}, died: {date: 1999}}\n')
    assert data.people['a'].died is None
    assert str(data.people['a'].born.date) == '2000'


def test_age_needs_a_living_person_born_on_a_known_day(tmp_path: Path) -> None:
    import datetime as dt

    data = load(
        tmp_path,
        """
        people:
          - {id: a, name: A, born: {date: 1989-05-10}}
          - {id: b, name: B, born: {date: 1900-01-02}, died: {place: Rome}}
          - {id: c, name: C, born: {date: 1900-01-02}, died: {date: 1950-01-01}}
        """,
    )
    today = dt.date(2026, 11, 25)
    assert data.people['a'].age(today) == 37
    assert data.people['b'].age(today) is None  # dead, date unknown: no current age
    assert data.people['c'].age_at_death() == 49


def test_load_cached_reuses_only_an_unchanged_file(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / 'data.yaml'
    path.write_text('events:\n  - {id: a, date: 2010, title: A}\n', encoding='utf-8')
    cache = tmp_path / 'doctrees' / 'data.pickle'
    first = datacache.load_cached([path], max_bytes=1000, cache=cache)
    assert list(first.events) == ['a'] and cache.exists()

    def no_reading(*args, **kwargs):
        raise AssertionError('the files were read again')

    with monkeypatch.context() as patch:
        patch.setattr(datacache, 'read_file', no_reading)
        patch.setattr(datacache, 'reread', no_reading)
        assert datacache.load_cached([path], max_bytes=1000, cache=cache) == first
        with pytest.raises(AssertionError):  # another limit is another key
            datacache.load_cached([path], max_bytes=999, cache=cache)
    path.write_text('events:\n  - {id: b, date: 2010, title: B}\n  - {bad: 1}\n', encoding='utf-8')
    changed = datacache.load_cached([path], max_bytes=1000, cache=cache)
    assert list(changed.events) == ['b'] and changed.problems
    assert datacache.load_cached([path], max_bytes=1000, cache=cache).problems == changed.problems
    cache.write_bytes(b'not a pickle')
    assert list(datacache.load_cached([path], max_bytes=1000, cache=cache).events) == ['b']


# -- Relations between projects --------------------------------------------------

RELATED = """
    projects:
      - id: flask
        name: Flask
        first_release: {date: 2010-04-16, version: "0.1"}
        releases:
          - {version: "0.10", date: 2013-06-13}
          - {version: "0.11", date: 2016-05-29}
          - {version: "2.0"}
        lineage: [werkzeug, denied]
        depends_on:
          - werkzeug
          - {project: itsdangerous, since: "0.10"}
          - project: click
            since: "0.11"
          - {project: blinker, since: 2018-04}
          - {project: markupsafe, since: "2.0"}
      - {id: werkzeug, name: Werkzeug, first_release: {date: 2007-12-09}, replaces: [colubrid]}
      - {id: colubrid, name: Colubrid}
      - {id: denied, name: Denied, first_release: {date: 2010-04-01}, lineage: [werkzeug]}
      - {id: itsdangerous, name: ItsDangerous, first_release: {date: 2011-06-24}}
      - {id: click, name: Click, first_release: {date: 2014-04-28}}
      - {id: blinker, name: Blinker}
      - {id: markupsafe, name: MarkupSafe}
      - {id: minijinja, name: MiniJinja, port_of: [jinja], inspired_by: [jinja]}
      - {id: jinja, name: Jinja, forked_from: []}
      - {id: fork, name: Fork, forked_from: [jinja]}
    """


def test_relations_in_data_order(tmp_path: Path) -> None:
    data = load(tmp_path, RELATED)
    assert problems(data) == []
    assert [(r.kind, r.source, r.target) for r in data.relations()] == [
        ('lineage', 'flask', 'werkzeug'),
        ('lineage', 'flask', 'denied'),
        ('depends_on', 'flask', 'werkzeug'),
        ('depends_on', 'flask', 'itsdangerous'),
        ('depends_on', 'flask', 'click'),
        ('depends_on', 'flask', 'blinker'),
        ('depends_on', 'flask', 'markupsafe'),
        ('replaces', 'werkzeug', 'colubrid'),
        ('lineage', 'denied', 'werkzeug'),
        ('inspired_by', 'minijinja', 'jinja'),
        ('port_of', 'minijinja', 'jinja'),
        ('forked_from', 'fork', 'jinja'),
    ]
    assert [r.target for r in data.relations(['depends_on'])][:2] == ['werkzeug', 'itsdangerous']
    assert [r.kind for r in data.relations(('port_of', 'replaces'))] == ['replaces', 'port_of']
    with pytest.raises(ValueError, match='unknown relation kinds: lineages'):
        data.relations(['lineages'])
    # Each kind has its labels: forward and reverse.
    assert list(model.RELATION_KINDS) == [
        'lineage',
        'depends_on',
        'replaces',
        'forked_from',
        'inspired_by',
        'port_of',
    ]
    assert model.RELATION_KINDS['depends_on'] == ('Depends on', 'Used by')


def test_since_is_a_version_or_a_date(tmp_path: Path) -> None:
    data = load(tmp_path, RELATED)
    since = {r.target: (r.since, r.since_version, r.since_date and r.since_date.text)
             for r in data.relations(['depends_on'])}  # fmt: skip
    assert since == {
        'werkzeug': (None, None, None),
        'itsdangerous': ('0.10', '0.10', '2013-06-13'),  # a release: its date
        'click': ('0.11', '0.11', '2016-05-29'),
        'blinker': ('2018-04', None, '2018-04'),  # a date
        'markupsafe': ('2.0', '2.0', None),  # a release with no date
    }
    flask = data.projects['flask']
    assert flask.depends_on[0] == model.Dependency(project='werkzeug')
    assert flask.depends_on[1] == model.Dependency(project='itsdangerous', since='0.10')
    # A version wins over a date: a project may number its releases by year.
    assert flask.resolve_since('2013') == (None, model.parse_date('2013'))
    calendar = model.Project(id='c', name='C', releases=(model.Release(version='2013'),))
    assert calendar.resolve_since('2013') == ('2013', None)
    assert calendar.resolve_since('0.10') is None


def test_first_release_is_the_earliest_dated(tmp_path: Path) -> None:
    data = load(
        tmp_path,
        """
        projects:
          - id: a
            name: A
            first_release: {version: "1.0"}
            releases: [{version: "2.0", date: 2012}, {version: "0.9", date: 2011-05}]
          - {id: b, name: B}
        """,
    )
    assert str(data.projects['a'].first_release_date()) == '2011-05'
    assert data.projects['b'].first_release_date() is None


def test_related_both_ways_in_display_order(tmp_path: Path) -> None:
    data = load(tmp_path, RELATED)
    shown = [(kind, reverse, r.source, r.target) for kind, reverse, r in data.related('werkzeug')]
    assert shown == [
        ('lineage', True, 'flask', 'werkzeug'),  # "Led to", in data order
        ('lineage', True, 'denied', 'werkzeug'),
        ('depends_on', True, 'flask', 'werkzeug'),  # "Used by"
        ('replaces', False, 'werkzeug', 'colubrid'),
    ]
    assert [(kind, reverse) for kind, reverse, _r in data.related('jinja')] == [
        ('forked_from', True),
        ('inspired_by', True),
        ('port_of', True),
    ]
    assert data.related('blinker')[0][:2] == ('depends_on', True)
    assert data.related('nobody') == []
    assert [p.id for p in data.descendants('werkzeug')] == ['flask', 'denied']


@pytest.mark.parametrize('kind', list(model.RELATION_KINDS))
def test_a_project_cannot_relate_to_itself(tmp_path: Path, kind: str) -> None:
    data = load(
        tmp_path, f'projects:\n- {{id: a, name: A, {kind}: [b, a]}}\n- {{id: b, name: B}}\n'
    )
    column = 26 + len(kind)
    assert problems(data) == [
        f'2:{column} projects[0].{kind}[1]: a project cannot list itself [reference]'
    ]
    assert [r.target for r in data.relations()] == ['b']


def test_depends_on_items(tmp_path: Path) -> None:
    data = load(
        tmp_path,
        """
        projects:
          - id: a
            name: A
            depends_on:
              - b
              - {project: b, since: 2020}
              - {project: nope, since: 2020}
              - {since: 2020}
              - [b]
              - {project: c, version: 1}
          - {id: b, name: B}
          - {id: c, name: C}
        """,
    )
    assert problems(data) == [
        '9:9 projects[0].depends_on[3].project: is required: Id of the project it uses. [schema]',
        '10:9 projects[0].depends_on[4]: expected the id of a project or a mapping (dependency), '
        'got a list [schema]',
        '11:22 projects[0].depends_on[5].version: unknown key (expected one of: project, since) '
        '[schema]',
        "7:19 projects[0].depends_on[1]: 'b' is listed twice [reference]",
        "8:19 projects[0].depends_on[2]: unknown project id 'nope' [reference]",
    ]
    assert data.projects['a'].depends_on == (
        model.Dependency(project='b'),
        model.Dependency(project='c'),
    )


def test_since_that_names_nothing_is_left_out(tmp_path: Path) -> None:
    data = load(
        tmp_path,
        """
        projects:
          - id: a
            name: A
            first_release: {date: 2010, version: "0.1"}
            depends_on:
              - {project: b, since: "0.2"}
              - project: c
                since: someday
          - {id: b, name: B}
          - {id: c, name: C}
          - {id: d, name: D, depends_on: [{project: b, since: "1.0"}]}
        """,
    )
    assert problems(data) == [
        "7:29 projects[0].depends_on[0].since: '0.2' is neither a version of this project "
        '(its releases: 0.1) nor a date (YYYY, YYYY-MM or YYYY-MM-DD, optionally ending in ~ '
        '(circa), ? (uncertain) or % (both), or a period A/B or A/..); it is left out [reference]',
        "9:16 projects[0].depends_on[1].since: 'someday' is neither a version of this project "
        '(its releases: 0.1) nor a date (YYYY, YYYY-MM or YYYY-MM-DD, optionally ending in ~ '
        '(circa), ? (uncertain) or % (both), or a period A/B or A/..); it is left out [reference]',
        "12:55 projects[3].depends_on[0].since: '1.0' is neither a version of this project "
        '(it lists no releases) nor a date (YYYY, YYYY-MM or YYYY-MM-DD, optionally ending in ~ '
        '(circa), ? (uncertain) or % (both), or a period A/B or A/..); it is left out [reference]',
    ]
    # The dependency stays, without its since.
    assert [(r.source, r.target, r.since) for r in data.relations()] == [
        ('a', 'b', None),
        ('a', 'c', None),
        ('d', 'b', None),
    ]


def test_since_before_a_first_release_is_left_out(tmp_path: Path) -> None:
    data = load(
        tmp_path,
        """
        projects:
          - id: a
            name: A
            first_release: {date: 2010-04-16, version: "0.1"}
            releases: [{version: "0.0.9", date: 2009}]
            depends_on:
              - {project: b, since: 2010-04-15}
              - {project: b2, since: 2010-04-17}
              - {project: c, since: 2013~}
              - {project: c2, since: 2014/2015}
              - {project: d, since: "0.0.9"}
          - {id: b, name: B}
          - {id: b2, name: B2}
          - {id: c, name: C, first_release: {date: 2014-04-28}}
          - {id: c2, name: C2, first_release: {date: 2014-04-28}}
          - {id: d, name: D, first_release: {date: 2010-01}}
        """,
    )
    assert problems(data) == [
        # The first release is the earliest one dated: 2009, not 0.1's 2010.
        "10:29 projects[0].depends_on[2].since: '2013~' is before the first release of 'c' "
        '(2014-04-28); it is left out [date]',
        "12:29 projects[0].depends_on[4].since: '0.0.9' (released 2009) is before the first "
        "release of 'd' (2010-01); it is left out [date]",
    ]
    assert [r.since for r in data.relations()] == [
        '2010-04-15',
        '2010-04-17',
        None,
        '2014/2015',
        None,
    ]


@pytest.mark.parametrize(
    ('kind', 'text', 'expected'),
    [
        (
            'lineage',
            '- {id: flask, name: F, lineage: [werkzeug]}\n'
            '- {id: werkzeug, name: W, lineage: [flask]}\n',
            '3:37 projects[1].lineage[0]: lineage cycle: werkzeug → flask → werkzeug; '
            'this one is left out [reference]',
        ),
        (
            'replaces',
            '- {id: a, name: A, replaces: [b]}\n'
            '- {id: b, name: B, replaces: [c]}\n'
            '- {id: c, name: C, replaces: [x, a]}\n'
            '- {id: x, name: X}\n',
            '4:34 projects[2].replaces[1]: replaces cycle: c → a → b → c; '
            'this one is left out [reference]',
        ),
        (
            'forked_from',
            '- {id: a, name: A, forked_from: [b]}\n- {id: b, name: B, forked_from: [a]}\n',
            '3:34 projects[1].forked_from[0]: forked_from cycle: b → a → b; '
            'this one is left out [reference]',
        ),
        (
            'port_of',
            '- {id: a, name: A, port_of: [a2]}\n- {id: a2, name: A2, port_of: [a]}\n',
            '3:32 projects[1].port_of[0]: port_of cycle: a2 → a → a2; '
            'this one is left out [reference]',
        ),
    ],
)
def test_a_cycle_is_reported_once_and_broken(
    tmp_path: Path, kind: str, text: str, expected: str
) -> None:
    data = load(tmp_path, 'projects:\n' + text)
    assert problems(data) == [expected]
    # The relation that closed it is left out; the others stay.
    targets = [(r.source, r.target) for r in data.relations([kind])]
    closing = expected.split(': ')[2].split(' → ')[:2]
    assert tuple(closing) not in targets
    # Every item written is kept, but that one.
    assert len(targets) == text.count(f'{kind}: [') + text.count(', a]') - 1


def test_a_cycle_across_kinds(tmp_path: Path) -> None:
    data = load(
        tmp_path,
        """
        projects:
          - {id: a, name: A, lineage: [b]}
          - {id: b, name: B, replaces: [c]}
          - {id: c, name: C, forked_from: [a]}
        """,
    )
    assert problems(data) == [
        '5:36 projects[2].forked_from[0]: cycle across forked_from and lineage and replaces: '
        'c —forked_from→ a —lineage→ b —replaces→ c; each names a project that came first; '
        'this one is left out [reference]'
    ]
    assert [r.kind for r in data.relations()] == ['lineage', 'replaces']


def test_relations_that_may_go_both_ways(tmp_path: Path) -> None:
    """Dependencies may be mutual, inspiration may go both ways, a dependency may be a child."""
    data = load(
        tmp_path,
        """
        projects:
          - {id: a, name: A, depends_on: [b], inspired_by: [b]}
          - {id: b, name: B, depends_on: [a], inspired_by: [a], lineage: [a]}
        """,
    )
    assert problems(data) == []
    assert len(data.relations()) == 5


def test_the_cycle_finder_leaves_no_cycle() -> None:
    """Without the closing edges a random graph has none; each cycle found is one."""
    hypothesis = pytest.importorskip('hypothesis')
    st = hypothesis.strategies
    nodes = [f'n{n}' for n in range(8)]

    @hypothesis.settings(max_examples=300, deadline=None, database=None)
    @hypothesis.given(st.lists(st.tuples(st.sampled_from(nodes), st.sampled_from(nodes),
                                         st.sampled_from('xy')), max_size=25))  # fmt: skip
    def check(pairs: list[tuple[str, str, str]]) -> None:
        edges: dict[str, list[tuple[str, str]]] = {}
        for source, target, kind in dict.fromkeys(pairs):
            if source != target:
                edges.setdefault(source, []).append((target, kind))
        found = model.cycles(nodes, edges)
        for cycle, steps in found:
            assert cycle[0] == cycle[-1] and len(steps) == len(cycle) - 1
            for source, target, kind in zip(cycle, cycle[1:], steps, strict=False):
                assert (target, kind) in edges[source]
        closing = {(cycle[0], cycle[1], steps[0]) for cycle, steps in found}
        assert len(closing) == len(found)  # one report per closing edge
        left = {s: [(t, k) for t, k in out if (s, t, k) not in closing] for s, out in edges.items()}
        # No cycle left: Kahn's algorithm removes every node.
        incoming = dict.fromkeys(nodes, 0)
        for out in left.values():
            for target, _kind in out:
                incoming[target] += 1
        ready = [node for node in nodes if incoming[node] == 0]
        removed = 0
        while ready:
            node = ready.pop()
            removed += 1
            for target, _kind in left.get(node, []):
                incoming[target] -= 1
                if incoming[target] == 0:
                    ready.append(target)
        assert removed == len(nodes)
        assert model.cycles(nodes, left) == []

    check()
    assert model.cycles(['a', 'b'], {'a': [('b', 'k')], 'b': [('a', 'k')]}) == [
        (['b', 'a', 'b'], ['k', 'k'])
    ]


def test_a_projects_life_starts_at_started_else_at_its_first_release(tmp_path: Path) -> None:
    data = load(
        tmp_path,
        """
        projects:
          - {id: team, name: Team, started: 2004?, ended: 2016-04}
          - {id: lib, name: Lib, first_release: {date: 2007-03-01}, releases: [{date: 2006}]}
          - {id: app, name: App, started: 2009~, first_release: {date: 2010-04}}
          - {id: late, name: Late, started: 2011, first_release: {date: 2010}, ended: 2010-06}
          - {id: back, name: Back, first_release: {date: 2010}, ended: 2009}
        """,
    )
    starts = {key: str(p.start_date()) for key, p in data.projects.items()}
    assert starts == {'team': '2004?', 'lib': '2006', 'app': '2009~', 'late': '2010',
                      'back': '2010'}  # fmt: skip
    assert str(data.projects['team'].ended) == '2016-04'
    # A start after the first release is left out; the end is checked against that release.
    assert data.projects['late'].started is None
    assert str(data.projects['late'].ended) == '2010-06'
    assert data.projects['back'].ended is None
    assert problems(data) == [
        '6:37 projects[3].started: the start (2011) is after the first release (2010) [date]',
        '7:64 projects[4].ended: the end (2009) is before the start (2010) [date]',
    ]
