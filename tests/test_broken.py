"""Broken data files: every problem is located, explained, and leaves the rest intact.

Each ``tests/broken/NN-name.yaml`` holds one problem beside a valid record (an event or a
person with the id ``ok``).  Its first lines say what is broken and which records must
still load (``# Loads: events/ok people/ada``; without that line nothing may load).  A file
of the same name in ``tests/broken/companions/`` is read first, for problems that need two
files.  Cases that a text file cannot hold (bad bytes, huge or generated data, files that
are missing or too big) are written by the tests themselves.

``EXPECTED`` holds the exact warnings as 'line:col field: message [subtype]', each checked by
hand against its file.  ``FINDINGS`` are known faults of the extension: for those, the
expected lines say what the warning should be, and the case is a strict xfail until it is.

The property-based tests at the end need hypothesis and are skipped without it.
"""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from sphinx_biography import model

if TYPE_CHECKING:
    from collections.abc import Callable

BROKEN = Path(__file__).parent / 'broken'
COMPANIONS = BROKEN / 'companions'
#: The rest of the warning for a control character in free text.
CONTROL_HINT = (
    ", shown as '{}'; in double quotes a backslash starts an escape: "
    'write \\\\ for a backslash, or use single quotes [schema]'
)
FILES = sorted(BROKEN.glob('*.yaml'))
SUBTYPES = {'yaml', 'schema', 'id', 'date', 'url', 'file', 'reference', 'duplicate'}

EXPECTED: dict[str, list[str]] = {
    '01-unclosed-bracket.yaml': [
        "10:7 YAML syntax error: while parsing a flow sequence (which began at line 9, column 11) did not find expected ',' or ']' [yaml]",
    ],
    '02-bad-indentation.yaml': [
        "7:4 YAML syntax error: while parsing a block collection (which began at line 3, column 3) did not find expected '-' indicator [yaml]",
    ],
    '03-tab-indentation.yaml': [
        '7:1 YAML syntax error: while scanning a plain scalar (which began at line 6, column 9) found a tab character that violates indentation (a tab; YAML indents with spaces only) [yaml]',
    ],
    '04-duplicate-key.yaml': [
        '10:5 events[1].title: duplicate key (first at line 9); this one is ignored [yaml]',
    ],
    '05-multiple-documents.yaml': [
        '6:1 YAML syntax error: expected a single document in the stream (which began at line 2, column 1) but found another document [yaml]',
    ],
    '06-empty-file.yaml': [
        '1:1 the file is empty; expected a mapping with people, projects and/or events [yaml]',
    ],
    '07-only-comments.yaml': [
        '1:1 the file is empty; expected a mapping with people, projects and/or events [yaml]',
    ],
    '08-top-level-list.yaml': [
        '2:1 expected a mapping with people, projects and/or events at the top of the file, '
        'got a list [schema]',
    ],
    '09-top-level-scalar.yaml': [
        '2:1 expected a mapping with people, projects and/or events at the top of the file, '
        "got 'events are listed elsewhere' [schema]",
    ],
    '10-unknown-top-level-key.yaml': [
        "7:1 event: unknown key; did you mean 'events'? (expected one of: people, projects, "
        'events) [schema]',
    ],
    '11-collection-is-mapping.yaml': [
        '8:3 people: expected a list, got a mapping [schema]',
    ],
    '12-name-is-list.yaml': [
        '7:11 people[1].name: expected text, got a list [schema]',
    ],
    '13-tags-is-string.yaml': [
        "10:11 events[1].tags: expected a list of an id (lowercase letters, digits, and '.', "
        "'_' or '-' inside), got 'release' [schema]",
    ],
    '14-date-is-mapping.yaml': [
        '8:11 events[1].date: expected a date (YYYY, YYYY-MM or YYYY-MM-DD, optionally ending '
        'in ~ (circa), ? (uncertain) or % (both), or a period A/B or A/..), got a mapping '
        '[schema]',
    ],
    '15-sources-mapping-of-mappings.yaml': [
        '11:7 events[1].sources: expected a list of sources (each a URL or a mapping with url '
        'and title), got a mapping [schema]',
    ],
    '16-source-is-list.yaml': [
        '12:9 events[1].sources[1]: expected a URL or a mapping with url and title, got a '
        'list [schema]',
    ],
    '17-unknown-key-close-match.yaml': [
        "10:5 events[1].summery: unknown key; did you mean 'summary'? (expected one of: id, "
        'date, title, summary, people, projects, tags, note, sources) [schema]',
    ],
    '18-unknown-key-no-match.yaml': [
        '10:5 events[1].colour: unknown key (expected one of: id, date, title, summary, '
        'people, projects, tags, note, sources) [schema]',
    ],
    '19-missing-id.yaml': [
        '7:5 events[1].id: is required: Unique id, used by the event role. [schema]',
    ],
    '20-missing-name.yaml': [
        '6:5 people[1].name: is required: Full name as displayed. [schema]',
    ],
    '21-missing-event-title.yaml': [
        '7:5 events[1].title: is required: One line saying what happened. [schema]',
    ],
    '22-missing-event-date.yaml': [
        '7:5 events[1].date: is required: When it happened. [schema]',
    ],
    '23-id-uppercase.yaml': [
        "7:9 events[1].id: expected an id (lowercase letters, digits, and '.', '_' or '-' "
        "inside), got 'Release' [id]",
    ],
    '24-id-with-spaces.yaml': [
        "7:9 events[1].id: expected an id (lowercase letters, digits, and '.', '_' or '-' "
        "inside), got 'first release' [id]",
    ],
    '25-id-leading-dash.yaml': [
        "7:9 events[1].id: expected an id (lowercase letters, digits, and '.', '_' or '-' "
        "inside), got '-release' [id]",
    ],
    '26-duplicate-id.yaml': [
        "7:9 events[1].id: duplicate id 'ok' (first defined at 26-duplicate-id.yaml:4:5); this one is left out [duplicate]",
    ],
    '27-duplicate-id-across-files.yaml': [
        "8:9 people[0].id: duplicate id 'ada' (first defined at companions/27-duplicate-id-across-files.yaml:3:5); this one is left out [duplicate]",
    ],
    '28-duplicate-id-not-first-key.yaml': [
        "9:9 events[1].id: duplicate id 'ok' (first defined at 28-duplicate-id-not-first-key.yaml:4:5); this one is left out [duplicate]",
    ],
    '29-dangling-event-project.yaml': [
        "10:24 events[0].projects[1]: unknown project id 'widgit'; did you mean 'widget'? "
        '[reference]',
    ],
    '30-dangling-event-person.yaml': [
        "10:19 events[0].people[1]: unknown person id 'bob' [reference]",
    ],
    '31-dangling-project-author.yaml': [
        "9:15 projects[0].authors[0]: unknown person id 'adaa'; did you mean 'ada'? [reference]",
    ],
    '32-dangling-project-lineage.yaml': [
        "6:15 projects[0].lineage[0]: unknown project id 'gizmo' [reference]",
    ],
    '33-dangling-person-known-for.yaml': [
        "6:17 people[0].known_for[0]: unknown project id 'widget' [reference]",
    ],
    '34-self-lineage.yaml': [
        '8:22 projects[1].lineage[1]: a project cannot list itself [reference]',
    ],
    '35-duplicate-reference.yaml': [
        "12:9 events[0].people[1]: 'ada' is listed twice [reference]",
    ],
    '36-date-february-30.yaml': [
        "8:11 events[1].date: February 2010 has no day 30; got '2010-02-30' [date]",
    ],
    '37-date-february-29-non-leap.yaml': [
        "8:11 events[1].date: February 2011 has no day 29; got '2011-02-29' [date]",
    ],
    '38-date-month-13.yaml': [
        "8:11 events[1].date: there is no month 13; got '2010-13' [date]",
    ],
    '39-date-year-0000.yaml': [
        "8:11 events[1].date: there is no year 0000; got '0000' [date]",
    ],
    '40-date-day-month-name.yaml': [
        '8:11 events[1].date: expected YYYY, YYYY-MM or YYYY-MM-DD, optionally ending in ~ '
        "(circa), ? (uncertain) or % (both), or a period A/B or A/..; got '10 May 1989' [date]",
    ],
    '41-date-unpadded.yaml': [
        '8:11 events[1].date: expected YYYY, YYYY-MM or YYYY-MM-DD, optionally ending in ~ '
        "(circa), ? (uncertain) or % (both), or a period A/B or A/..; got '1989-5-1' [date]",
    ],
    '42-date-period-no-end.yaml': [
        "8:11 events[1].date: a period needs an end date, or '..' when it is ongoing; got "
        "'2010/' [date]",
    ],
    '43-date-period-open-start.yaml': [
        '8:11 events[1].date: a period needs a start date (an open start is not supported); '
        "got '../2010' [date]",
    ],
    '44-period-ends-before-start.yaml': [
        "8:11 events[1].date: the period ends (2010) before it starts (2012); got '2012/2010' "
        '[date]',
    ],
    '45-date-with-time.yaml': [
        '8:11 events[1].date: expected YYYY, YYYY-MM or YYYY-MM-DD, optionally ending in ~ '
        "(circa), ? (uncertain) or % (both), or a period A/B or A/..; got '2011-04-16 "
        "10:30:00' [date]",
    ],
    '46-death-before-birth.yaml': [
        '11:13 people[0].died.date: death (1989) is before birth (1990-03-15) [date]',
    ],
    '47-url-javascript.yaml': [
        '9:9 events[0].sources[1]: expected a URL (http, https or mailto), got '
        "'javascript:alert(document.cookie)' (the scheme javascript: is not allowed) [url]",
    ],
    '48-url-data.yaml': [
        '9:9 events[0].sources[1]: expected a URL (http, https or mailto), got '
        "'data:text/html,<script>alert(1)</script>' (the scheme data: is not allowed) [url]",
    ],
    '49-url-ftp.yaml': [
        '9:9 events[0].sources[1]: expected a URL (http, https or mailto), got '
        "'ftp://example.org/pub/widget.tar.gz' (the scheme ftp: is not allowed) [url]",
    ],
    '50-url-no-host.yaml': [
        '9:9 events[0].sources[1]: expected a URL (http, https or mailto), got '
        "'https:///widget' (it has no host) [url]",
    ],
    '51-url-with-spaces.yaml': [
        '9:9 events[0].sources[1]: expected a URL (http, https or mailto), got '
        "'https://example.org/widget docs' (it contains spaces or control characters) [url]",
    ],
    '52-url-empty-host-with-port.yaml': [
        '9:9 events[0].sources[1]: expected a URL (http, https or mailto), got '
        "'http://:8080/widget' (it has no host) [url]",
    ],
    '53-python-object-tag.yaml': [
        "7:14 events[0].summary: the YAML tag 'tag:yaml.org,2002:python/object:os.system' is "
        'not allowed here; expected text [yaml]',
    ],
    '54-python-object-apply-tag.yaml': [
        "7:5 events[1]: the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not "
        'allowed here; expected a mapping (event) [yaml]',
    ],
    '55-custom-tag.yaml': [
        "8:11 events[1].date: the YAML tag '!date' is not allowed here; expected a date (YYYY, "
        'YYYY-MM or YYYY-MM-DD, optionally ending in ~ (circa), ? (uncertain) or % (both), or '
        'a period A/B or A/..) [yaml]',
    ],
    '56-tag-on-collection.yaml': [
        "6:9 events: the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not "
        'allowed here; expected a list [yaml]',
    ],
    '57-merge-alias-to-scalar.yaml': [
        '10:5 events[1]: a merge key (<<) needs a mapping [yaml]',
    ],
    '58-merge-itself.yaml': [
        '11:5 events[1]: a mapping cannot merge itself (<<) [yaml]',
    ],
    '59-undefined-alias.yaml': [
        "6:5 YAML syntax error: found undefined alias 'release' [yaml]",
    ],
    '60-control-character-bell.yaml': [
        "9:12 events[1].title: text contains the control character '\\x07'"
        + CONTROL_HINT.format('[U+0007]'),
    ],
    '61-control-character-escape.yaml': [
        "9:12 events[1].title: text contains the control character '\\x1b'"
        + CONTROL_HINT.format('[U+001B]'),
    ],
    '62-empty-name.yaml': [
        '7:11 people[1].name: expected text, got an empty string [schema]',
    ],
    '63-image-parent-directory.yaml': [
        "6:12 people[0].image: expected a path relative to the source directory (no '..', no "
        "URL), got '../../secret/ada.png' [file]",
    ],
    '64-image-absolute-path.yaml': [
        "6:12 people[0].image: expected a path relative to the source directory (no '..', no "
        "URL), got '/etc/ada.png' [file]",
    ],
    '65-null-record.yaml': [
        '7:4 events[1]: expected a mapping (event), got nothing (null) [schema]',
    ],
    '66-duplicate-collection-key.yaml': [
        '7:1 events: duplicate key (first at line 3); this one is ignored [yaml]',
    ],
    '67-non-text-key.yaml': [
        '7:7 events[0]: expected a text key, got a list [yaml]',
    ],
    '68-empty-key.yaml': [
        "7:1 '': unknown key (expected one of: people, projects, events) [schema]",
    ],
    '69-lineage-cycle.yaml': [
        '10:15 projects[1].lineage[0]: lineage cycle: ok → gizmo → ok; this one is left out '
        '[reference]',
    ],
    '70-cycle-across-kinds.yaml': [
        '9:16 projects[1].replaces[0]: cycle across lineage and replaces: ok —replaces→ gizmo '
        '—lineage→ ok; each names a project that came first; this one is left out [reference]',
    ],
    '71-depends-on-unknown-version.yaml': [
        "14:16 projects[1].depends_on[0].since: '0.1O' is neither a version of this project "
        '(its releases: 0.1, 0.10) nor a date (YYYY, YYYY-MM or YYYY-MM-DD, optionally ending '
        'in ~ (circa), ? (uncertain) or % (both), or a period A/B or A/..); it is left out '
        '[reference]',
    ],
    '72-depends-on-before-first-release.yaml': [
        "11:42 projects[1].depends_on[0].since: '2011-01' is before the first release of "
        "'gizmo' (2011-06-24); it is left out [date]",
    ],
    '73-depends-on-list-item.yaml': [
        '10:9 projects[1].depends_on[0]: expected the id of a project or a mapping (dependency), '
        'got a list [schema]',
        '11:9 projects[1].depends_on[1].project: is required: Id of the project it uses. [schema]',
    ],
}

#: Known faults: file name -> what is wrong.  EXPECTED says what the warning should be.
FINDINGS: dict[str, str] = {}


def problems(dataset: model.Dataset, folder: Path = BROKEN) -> list[str]:
    """Problems as 'line:col field: message [subtype]', with *folder* dropped from paths."""
    return [
        f'{p.location.line}:{p.location.column} {p} [{p.subtype}]'.replace(f'{folder}{os.sep}', '')
        for p in dataset.problems
    ]


def loaded(dataset: model.Dataset) -> set[str]:
    """Every record read, as 'collection/id'."""
    return {f'{name}/{key}' for name in model.COLLECTIONS for key in dataset.collection(name)}


def declared_loads(path: Path) -> set[str]:
    """The records a broken file says must still load (its '# Loads:' line)."""
    for line in path.read_text(encoding='utf-8').splitlines():
        if line.startswith('# Loads:'):
            return set(line.removeprefix('# Loads:').split())
    return set()


def paths_for(path: Path) -> list[Path]:
    companion = COMPANIONS / path.name
    return [companion, path] if companion.exists() else [path]


def assert_located(dataset: model.Dataset, path: Path) -> None:
    """Every problem is in *path*, at a line and column that exist (or just past the end)."""
    text = path.read_bytes().decode('utf-8', errors='replace')
    lines = text.splitlines() or ['']
    for problem in dataset.problems:
        where = problem.location
        assert where.file == str(path), problem
        assert 1 <= where.line <= len(lines) + 1, problem
        length = len(lines[where.line - 1]) if where.line <= len(lines) else 0
        assert 1 <= where.column <= length + 1, problem
        assert problem.subtype in SUBTYPES, problem
        assert '\n' not in problem.message, problem


def case(path: Path, *, xfail: bool = True) -> Any:
    marks = []
    if xfail and path.name in FINDINGS:
        marks.append(pytest.mark.xfail(reason=FINDINGS[path.name], strict=True))
    return pytest.param(path, id=path.stem, marks=marks)


@pytest.mark.parametrize('path', [case(p, xfail=False) for p in FILES])
def test_problems_are_located(path: Path) -> None:
    assert_located(model.load(paths_for(path)), path)


@pytest.mark.parametrize('path', [case(p) for p in FILES])
def test_expected_warnings(path: Path) -> None:
    assert problems(model.load(paths_for(path))) == EXPECTED[path.name]


@pytest.mark.parametrize('path', [case(p, xfail=False) for p in FILES])
def test_valid_records_still_load(path: Path) -> None:
    data = model.load(paths_for(path))
    assert loaded(data) == declared_loads(path)


def test_every_file_is_a_case() -> None:
    """A file added to tests/broken/ without an EXPECTED entry fails here, and vice versa."""
    names = {p.name for p in FILES}
    assert names == set(EXPECTED)
    assert set(FINDINGS) <= names
    for path in BROKEN.rglob('*'):
        if path.is_dir():
            continue
        assert path.suffix == '.yaml', f'{path}: only .yaml files belong here'
        assert path.parent in (BROKEN, COMPANIONS), f'{path}: not a case or a companion'
        assert path.name in names, f'{path}: a companion without its case'
        assert re.fullmatch(r'[0-9]{2}-[a-z0-9-]+\.yaml', path.name), path.name
        if path.parent == BROKEN and path.stat().st_size:
            assert path.read_text(encoding='utf-8').startswith('# Broken: '), path.name
    numbers = sorted(name[:2] for name in names)
    assert len(numbers) == len(set(numbers)), 'two cases share a number'


# Generated cases ------------------------------------------------------------------------

OK_EVENT = 'events:\n  - id: ok\n    date: 2010-04-16\n    title: A valid event\n'
OK_FILE = 'ok.yaml'


def release(last: str) -> str:
    """OK_EVENT and a second event, lines 5-8, ending in *last* (line 8, no newline)."""
    return OK_EVENT + f'  - id: release\n    date: 2011\n    title: Released\n{last}'


def write(folder: Path, data: str | bytes, name: str = 'data.yaml') -> Path:
    path = folder / name
    if isinstance(data, str):
        data = data.encode('utf-8')
    path.write_bytes(data)
    return path


def not_utf8(folder: Path) -> list[Path]:
    return [write(folder, release('    summary: "Caf').encode() + b'\xe9"\n')]


def not_utf8_after_accents(folder: Path) -> list[Path]:
    return [write(folder, release('    summary: "Zoë Löwe, café ').encode() + b'\xe9"\n')]


def raw_control_character(folder: Path) -> list[Path]:
    return [write(folder, release('    summary: Released \x07 now\n'))]


def byte_order_mark(folder: Path) -> list[Path]:
    return [write(folder, b'\xef\xbb\xbf' + ('evnts: []\n' + OK_EVENT).encode())]


def huge_text(folder: Path) -> list[Path]:
    limit = 'x' * 20_000
    return [
        write(
            folder,
            release(f'    summary: {limit}\n  - id: huge\n    date: 2012\n    title: {limit}y\n'),
        )
    ]


def _libyaml_limits_nesting() -> bool:
    try:
        list(yaml.parse('[' * 1100 + ']' * 1100, Loader=yaml.CSafeLoader))
    except yaml.YAMLError:
        return True
    return False


LIBYAML_LIMITS_NESTING = yaml.__with_libyaml__ and _libyaml_limits_nesting()


def deep_nesting(folder: Path) -> list[Path]:
    return [write(folder, release('    tags: ' + '[' * 2000 + ']' * 2000 + '\n'))]


def nesting_within_limits(folder: Path) -> list[Path]:
    return [write(folder, release('    tags: [ok, ' + '[' * 500 + ']' * 500 + ']\n'))]


def alias_bomb(folder: Path) -> list[Path]:
    """An 8 kB file that expands to a million citations."""
    urls = ', '.join(['*u'] * 1000)
    schools = ', '.join(['*s'] * 1000)
    return [
        write(
            folder,
            OK_EVENT + 'people:\n  - id: bomb\n    name: Bomb\n'
            '    sources: [&u https://example.org/]\n'
            f'    education: [&s {{institution: School, sources: [{urls}]}}, {schools}]\n',
        )
    ]


def too_big(folder: Path) -> list[Path]:
    return [write(folder, OK_EVENT + '#' * 200 + '\n'), write(folder, OK_EVENT, OK_FILE)]


def missing_file(folder: Path) -> list[Path]:
    return [folder / 'missing.yaml', write(folder, OK_EVENT, OK_FILE)]


def directory(folder: Path) -> list[Path]:
    (folder / 'data.yaml').mkdir()
    return [folder / 'data.yaml', write(folder, OK_EVENT, OK_FILE)]


#: Generated case -> (writer, expected warnings, records that still load).  The problems
#: are all in the first file the writer returns.
GENERATED: dict[str, tuple[Callable[[Path], list[Path]], list[str], set[str]]] = {
    'not-utf8': (not_utf8, ['8:18 the file is not UTF-8 (byte 0xe9) [yaml]'], set()),
    'not-utf8-after-accents': (
        not_utf8_after_accents,
        ['8:30 the file is not UTF-8 (byte 0xe9) [yaml]'],
        set(),
    ),
    'raw-control-character': (
        raw_control_character,
        [
            '8:23 YAML error: unacceptable character #x0007: control characters are not '
            'allowed [yaml]'
        ],
        set(),
    ),
    'byte-order-mark': (
        byte_order_mark,
        [
            "1:1 evnts: unknown key; did you mean 'events'? (expected one of: people, "
            'projects, events) [schema]'
        ],
        {'events/ok'},
    ),
    'huge-text': (
        huge_text,
        ['11:12 events[2].title: text is 20,001 characters long; the limit is 20,000 [schema]'],
        {'events/ok', 'events/release'},
    ),
    'deep-nesting': (
        deep_nesting,
        # PyYAML 6.0.4's libyaml stops the scanner at 1000 levels before the
        # composer sees the 512th; older ones leave it to the composer.
        [
            '8:1008 YAML syntax error: while increasing flow level exceeded maximum nesting '
            'depth [yaml]'
            if LIBYAML_LIMITS_NESTING
            else '8:520 YAML syntax error: collections nested deeper than 512 levels [yaml]'
        ],
        set(),
    ),
    'nesting-within-limits': (
        nesting_within_limits,
        [
            "8:16 events[1].tags[1]: expected an id (lowercase letters, digits, and '.', '_' "
            "or '-' inside), got a list [schema]"
        ],
        {'events/ok', 'events/release'},
    ),
    'alias-bomb': (
        alias_bomb,
        [
            '8:15 the data expands to too many values (an alias bomb?); the rest of this file '
            'is ignored [yaml]'
        ],
        {'events/ok'},
    ),
    'too-big': (
        too_big,
        ['1:1 the file is 266 bytes; the limit is 100 (biography_max_file_size) [yaml]'],
        {'events/ok'},
    ),
    'missing-file': (
        missing_file,
        ['1:1 cannot read the data file: No such file or directory [file]'],
        {'events/ok'},
    ),
    'directory': (
        directory,
        ['1:1 cannot read the data file: Is a directory [file]'],
        {'events/ok'},
    ),
}

GENERATED_FINDINGS: dict[str, str] = {}
#: Loaded with a lower size limit, so the test does not need a 32 MiB file.
MAX_BYTES = {'too-big': 100}
#: The pure-Python parser fails with a RecursionError first (also reported, less precisely).
NEEDS_LIBYAML = {'deep-nesting'}


def generated(name: str) -> Any:
    marks = []
    if name in GENERATED_FINDINGS:
        marks.append(pytest.mark.xfail(reason=GENERATED_FINDINGS[name], strict=True))
    if name in NEEDS_LIBYAML:
        marks.append(pytest.mark.skipif(not yaml.__with_libyaml__, reason='needs libyaml'))
    return pytest.param(name, id=name, marks=marks)


@pytest.mark.parametrize('name', [generated(name) for name in GENERATED])
def test_generated_case(tmp_path: Path, name: str) -> None:
    writer, expected, kept = GENERATED[name]
    paths = writer(tmp_path)
    data = model.load(paths, max_bytes=MAX_BYTES.get(name, model.MAX_FILE_BYTES))
    if paths[0].is_file():
        assert_located(data, paths[0])
    else:
        assert [(p.location.file, p.location.line, p.location.column) for p in data.problems] == [
            (str(paths[0]), 1, 1)
        ]
    assert problems(data, tmp_path) == expected
    assert loaded(data) == kept


def test_long_merge_chain_does_not_crash(tmp_path: Path) -> None:
    links = ''.join(f'  - &t{i} {{<<: *t{i - 1}}}\n' for i in range(1, 1500))
    text = 'templates:\n  - &t0 {summary: The base.}\n' + links + release('    <<: *t1499\n')
    data = model.load([write(tmp_path, text)])
    assert_located(data, tmp_path / 'data.yaml')
    assert loaded(data) == {'events/ok', 'events/release'}


# Property-based tests (need hypothesis) --------------------------------------------------

#: Messages that concern the file or its top level, where there is no field to name.
FILE_LEVEL = (
    'YAML syntax error: ',
    'YAML error: ',
    'the file is ',
    'cannot read the data file',
    'expected a mapping with people, projects and/or events',
    'the data expands to too many values',
    'expected a text key',
    'a merge key (<<) needs a mapping',
    'a mapping cannot merge itself',
    'merge keys (<<) nest more than',
    'the YAML tag ',  # on the whole file
)
RECORDS = (
    model.Person,
    model.Project,
    model.Event,
    model.LifeDate,
    model.Education,
    model.Employment,
    model.Award,
    model.Link,
    model.Release,
    model.Dependency,
    model.Citation,
)
FIELD_NAMES = sorted({f.name for cls in RECORDS for f in dataclasses.fields(cls)})
SPECIAL = [
    'ok',
    'ada',
    'widget',
    'Ada',
    '',
    ' ',
    '..',
    '/',
    '2010/',
    '../2010',
    '2010/..',
    '0000',
    '2010-02-30',
    'https://example.org/',
    'javascript:alert(1)',
    'mailto:',
    '../x.png',
    '/x',
    'yes',
    'null',
    '~',
    '1.10',
    '<<',
    '&a',
    '*a',
    '!tag',
    '- x',
    'a: b',
    '#',
    '\t',
    '\x1b',
]
#: Dates and near-dates: digits, dashes, flags and periods in any arrangement.
DATE_LIKE = r'-?[0-9]{1,5}(-[0-9]{1,3}){0,2}[~?%]?(/([0-9]{4}(-[0-9]{2}){0,2}[~?%]?|\.\.)?)?'


def hypothesis_api() -> Any:
    return pytest.importorskip('hypothesis')


def settings(hypothesis: Any, examples: int = 150) -> Any:
    return hypothesis.settings(
        max_examples=examples,
        deadline=None,
        database=None,  # no example database (.hypothesis/ still holds a cache)
        suppress_health_check=[
            hypothesis.HealthCheck.too_slow,
            hypothesis.HealthCheck.data_too_large,
        ],
    )


def assert_well_reported(data: model.Dataset, path: Path) -> None:
    """The properties every load has, whatever the input: located, named, one line."""
    assert_located(data, path)
    for problem in data.problems:
        # The one known exception: an empty key's warning names no field (68-empty-key.yaml).
        empty_key = problem.message.startswith('unknown key')
        assert problem.field or empty_key or problem.message.startswith(FILE_LEVEL), problem
    for name in model.COLLECTIONS:
        for key, record in data.collection(name).items():
            assert record.id == key
            assert data.origins[name, key].file == str(path)


def test_random_documents(tmp_path: Path) -> None:
    """Random trees under people/projects/events: never an exception, always located."""
    hypothesis = hypothesis_api()
    st = hypothesis.strategies
    dates = st.one_of(st.from_regex(DATE_LIKE, fullmatch=True), st.dates().map(str))
    text = st.text(max_size=20)
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        text,
        dates,
        st.sampled_from(SPECIAL),
    )
    keys = st.one_of(st.sampled_from(FIELD_NAMES), text)
    values = st.recursive(
        scalars,
        lambda children: (
            st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=5)
        ),
        max_leaves=25,
    )
    records = st.dictionaries(keys, values, max_size=8)
    # Repeating a record makes safe_dump write an anchor and an alias.
    collections = st.one_of(
        st.lists(records, max_size=4).map(lambda items: items + items[:1]),
        values,
    )
    names = st.one_of(st.sampled_from(list(model.COLLECTIONS)), text)
    documents = st.one_of(st.dictionaries(names, collections, max_size=4), values)
    path = tmp_path / 'data.yaml'

    @settings(hypothesis)
    @hypothesis.given(
        document=documents,
        flow=st.sampled_from([None, False, True]),
        unicode=st.booleans(),
    )
    def check(document: Any, flow: bool | None, unicode: bool) -> None:
        dumped = yaml.safe_dump(
            document, default_flow_style=flow, allow_unicode=unicode, sort_keys=False
        )
        path.write_text(dumped, encoding='utf-8')
        assert_well_reported(model.load([path]), path)

    check()


def test_random_dates(tmp_path: Path) -> None:
    """A date is read exactly as written, or is one located problem at events[0].date."""
    hypothesis = hypothesis_api()
    st = hypothesis.strategies
    path = tmp_path / 'data.yaml'

    @settings(hypothesis, examples=300)
    @hypothesis.given(
        st.one_of(
            st.from_regex(DATE_LIKE, fullmatch=True),
            st.dates().map(str),
            st.text(alphabet='0123456789-/~?%. ', max_size=22),
            st.text(max_size=12),
        )
    )
    def check(value: str) -> None:
        event = {'id': 'e', 'date': value, 'title': 'T'}
        path.write_text(yaml.safe_dump({'events': [event]}), encoding='utf-8')
        data = model.load([path])
        assert_well_reported(data, path)
        if 'e' in data.events:
            assert data.problems == []
            date = data.events['e'].date
            assert date.text == ' '.join(value.split())
            assert date.earliest <= date.latest
        else:
            assert [(p.field, p.subtype) for p in data.problems] in (
                [('events[0].date', 'date')],
                [('events[0].date', 'schema')],
            )

    check()


def yaml_printable(char: str) -> bool:
    """Characters YAML allows in a file; the others are the raw-control-character finding."""
    code = ord(char)
    return (
        char in '\t\n'
        or 0x20 <= code <= 0x7E
        or code == 0x85
        or 0xA0 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or code >= 0x10000
    )


def test_mutated_files(tmp_path: Path) -> None:
    """The broken files with random edits (YAML punctuation, indentation): still reported."""
    hypothesis = hypothesis_api()
    st = hypothesis.strategies
    sources = [p.read_text(encoding='utf-8') for p in FILES]
    inserts = st.one_of(
        st.sampled_from([*'[]{}:-&*!<>|\'"#,?%@` \t\n', '<<: ', '*a', '&a ', '---\n']),
        st.characters().filter(yaml_printable),
    )
    edits = st.lists(st.tuples(st.floats(0, 1), st.integers(0, 3), inserts), max_size=6)
    path = tmp_path / 'data.yaml'

    @settings(hypothesis, examples=300)
    @hypothesis.given(source=st.sampled_from(sources), edits=edits)
    def check(source: str, edits: list[tuple[float, int, str]]) -> None:
        text = source
        for where, cut, insert in edits:
            at = int(where * len(text))
            text = text[:at] + insert + text[at + cut :]
        path.write_text(text, encoding='utf-8')
        assert_well_reported(model.load([path]), path)

    check()
