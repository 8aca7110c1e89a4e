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
