"""The data cache: an edit patched into the last reading gives exactly a full reading."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import pytest

from sphinx_biography import datacache, model

if TYPE_CHECKING:
    from pathlib import Path

FIELDS = ('origins', 'markup_origins', 'paths', 'problems', 'unreadable', 'unreported_references')


def assert_same(data: model.Dataset, full: model.Dataset) -> None:
    """Same records, origins, problems (messages and locations), all in the same order."""
    for name in model.COLLECTIONS:
        assert list(data.collection(name).items()) == list(full.collection(name).items()), name
        for record in data.collection(name).values():  # the digests kept are the records'
            assert data.record_digest(name, record) == model.digest(record)
    for field in FIELDS:
        ours, theirs = getattr(data, field), getattr(full, field)
        assert ours == theirs, field
        if isinstance(ours, dict):
            assert list(ours) == list(theirs), field
    assert data == full


class Loader:
    """Loads through the cache, counting which files were patched and which read in full."""

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.path = tmp_path / 'data.yaml'
        self.cache = tmp_path / 'doctrees' / 'data.pickle'
        self.mtime = 1_000_000_000
        self.patched = self.full = 0
        patch = datacache.patch

        def counting(old: model.FileRead, text: str) -> model.FileRead | None:
            result = patch(old, text)
            if result is None:
                self.full += 1
            else:
                self.patched += 1
            return result

        monkeypatch.setattr(datacache, 'patch', counting)

    def write(self, text: str) -> None:
        self.path.write_text(text, encoding='utf-8')
        self.mtime += 10**9  # a new state even when the size stays and the clock is coarse
        os.utime(self.path, ns=(self.mtime, self.mtime))

    def check(self, text: str) -> model.Dataset:
        """Write *text*, load it through the cache and in full; they must agree."""
        self.write(text)
        data = datacache.load_cached([self.path], max_bytes=1_000_000, cache=self.cache)
        assert_same(data, model.load([self.path], max_bytes=1_000_000))
        return data


def events(count: int, flow: bool = True, indent: str = '  ') -> list[str]:
    lines = []
    for n in range(count):
        if flow:
            lines.append(
                f'{indent}- {{id: e{n}, date: {2000 + n}, title: Event {n}, people: [ada], '
                f'summary: "About *{n}*", sources: ["https://example.org/{n}"]}}'
            )
        else:
            lines += [f'{indent}- id: e{n}', f'{indent}  date: {2000 + n}-01',
                      f'{indent}  title: Event {n}', f'{indent}  projects: [widget]']  # fmt: skip
    return lines


HEAD = ['people:', '  - {id: ada, name: Ada}', 'projects:', '  - id: widget', '    name: Widget']


def test_an_edited_event_is_patched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loader = Loader(tmp_path, monkeypatch)
    lines = [*HEAD, 'events:', *events(50)]
    loader.check('\n'.join(lines) + '\n')
    lines[20] = lines[20].replace('title: Event 14', 'title: Event 14 (edited)')
    data = loader.check('\n'.join(lines) + '\n')
    assert data.events['e14'].title == 'Event 14 (edited)'
    assert (loader.patched, loader.full) == (1, 0)
    # Each record keeps the digest made when it was read (none digested again).
    assert all(data.digests['events', key][0] is event for key, event in data.events.items())


def test_chunked_pickles_give_the_records_back_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pickled a few records at a time: unchanged and patched loads agree with a full one."""
    monkeypatch.setattr(datacache, 'CHUNK', 3)
    loader = Loader(tmp_path, monkeypatch)
    lines = [*HEAD, 'events:', *events(10), 'people:', '  - {id: bob, name: Bob}']
    loader.check('\n'.join(lines) + '\n')  # read in full and written
    unchanged = datacache.load_cached([loader.path], max_bytes=1_000_000, cache=loader.cache)
    assert_same(unchanged, model.load([loader.path], max_bytes=1_000_000))
    assert all(unchanged.digests['events', key][0] is event
               for key, event in unchanged.events.items())  # fmt: skip
    lines[8] = lines[8].replace('title: Event 2', 'title: Event 2 (edited)')
    loader.check('\n'.join(lines) + '\n')
    assert (loader.patched, loader.full) == (1, 0)


def test_a_dataset_built_otherwise_is_pickled_whole(tmp_path: Path) -> None:
    path = tmp_path / 'data.yaml'
    path.write_text('\n'.join([*HEAD, 'events:', *events(3)]) + '\n', encoding='utf-8')
    dataset = model.load([path])
    # As many places as records, but one for a record that is not there.
    for field in (dataset.paths, dataset.origins, dataset.digests):
        field['events', 'elsewhere'] = field.pop(('events', 'e1'))
    cache = tmp_path / 'cache.pickle'
    with cache.open('wb') as handle:
        datacache._dump_dataset(handle, dataset)
    with cache.open('rb') as handle:
        assert datacache._load_dataset(handle) == dataset


def test_problems_come_back_until_fixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A warning about one event is reported on every build, whatever else is edited."""
    loader = Loader(tmp_path, monkeypatch)
    lines = [*HEAD, 'events:', *events(5, flow=False)]
    lines[13] = '    projects: [widgit]'  # e1's project: a typo
    first = loader.check('\n'.join(lines) + '\n')
    assert [str(p) for p in first.problems] == [
        "events[1].projects[0]: unknown project id 'widgit'; did you mean 'widget'?"
    ]
    lines[6:6] = events(1, flow=False, indent='  ')  # a new first event: all move down
    lines[6] = '  - id: new'
    moved = loader.check('\n'.join(lines) + '\n')
    assert [(str(p), p.location.line) for p in moved.problems] == [
        ("events[2].projects[0]: unknown project id 'widgit'; did you mean 'widget'?", 18)
    ]
    lines[17] = '    projects: [widget]'
    assert loader.check('\n'.join(lines) + '\n').problems == []
    assert loader.patched == 2


@pytest.mark.parametrize(
    ('old', 'new'),
    [
        ('  - {id: e3,', '  - &a {id: e3,'),  # an anchor
        ('projects:', 'projects: # the projects\n'),  # outside the items
        ('  - {id: e3,', '...\n  - {id: e3,'),  # a document end
        ('  - {id: e3,', '  - {id: e3, note: "unfinished\n  - {id: e9,'),  # a syntax error
    ],
)
def test_falls_back_to_a_full_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str
) -> None:
    loader = Loader(tmp_path, monkeypatch)
    text = '\n'.join([*HEAD, 'events:', *events(6)]) + '\n'
    loader.check(text)
    loader.check(text.replace(old, new, 1))
    assert (loader.patched, loader.full) == (0, 1)


#: Lines an edit may insert or put in place of another: good and bad items,
#: duplicates, dangling references, YAML that breaks, what is not patched.
LINES = [
    '',
    '  # a comment',
    '# a comment at the margin',
    '  - {id: e1, date: 2001, title: Again}',
    '  - {id: new, date: 2024, title: New, people: [nobody], projects: [widget, widget]}',
    '  - {id: x, date: 2024-13, title: Bad date}',
    '  - {id: Y, title: No date}',
    '  - {id: z, date: 2020, title: "Role :person:`ada`"}',
    '  - id: b',
    '    date: 2010',
    '    title: Block',
    '    title: Twice',
    '    summary: |',
    '      a block text',
    '    people: [ada, ada]',
    '  -',
    '  - null',
    '  - [a list]',
    '  - {id: u, date: 2001, title: U, unknown: 1}',
    '- {id: m, date: 2001, title: Margin}',
    '  - &a {id: anchored, date: 2001, title: A}',
    '  - *a',
    '  - {<<: {id: merged}, date: 2001, title: M}',
    '  - {id: q, date: 2001, title: "unterminated',
    '  - [broken',
    '    extra: 1',
    'events:',
    'people:',
    'other: 1',
    '---',
    '...',
    '%YAML 1.1',
    '\t- {id: tab, date: 2001, title: Tab}',
    '  - {id: e2, date: 2002, title: Twin, people: [ada]}',
]


def test_random_edits_give_a_full_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Random line and character edits, patched or not, load exactly as a full load does."""
    hypothesis = pytest.importorskip('hypothesis')
    st = hypothesis.strategies
    loader = Loader(tmp_path, monkeypatch)

    line_edits = st.one_of(
        st.tuples(st.just('insert'), st.integers(0, 10**6), st.sampled_from(LINES)),
        st.tuples(st.just('replace'), st.integers(0, 10**6), st.sampled_from(LINES)),
        st.tuples(st.just('delete'), st.integers(0, 10**6), st.integers(1, 4)),
        st.tuples(st.just('copy'), st.integers(0, 10**6), st.integers(1, 4)),
        st.tuples(st.just('char'), st.integers(0, 10**6), st.sampled_from(' :-"{}[],#&*xe1\'')),
        st.tuples(st.just('value'), st.integers(0, 10**6), st.sampled_from(['2001', 'e3', 'ada'])),
    )

    def apply(lines: list[str], edit: tuple[str, int, Any]) -> list[str]:
        action, where, what = edit
        lines = list(lines)
        at = where % (len(lines) + 1)
        if action == 'insert':
            lines.insert(at, what)
        elif lines and action == 'replace':
            lines[at % len(lines)] = what
        elif lines and action == 'delete':
            del lines[at % len(lines) : at % len(lines) + what]
        elif lines and action == 'copy':  # a run of lines, again, after itself
            start = at % len(lines)
            lines[start:start] = lines[start : start + what]
        elif lines and action == 'char':
            line = lines[at % len(lines)]
            cut = where % (len(line) + 1)
            lines[at % len(lines)] = line[:cut] + what + line[cut:]
        elif lines and action == 'value':  # change a field's value after its colon
            number = at % len(lines)
            head, colon, _rest = lines[number].partition(': ')
            if colon:
                lines[number] = f'{head}: {what}'
        return lines

    @hypothesis.settings(
        max_examples=250,
        deadline=None,
        database=None,
        suppress_health_check=[hypothesis.HealthCheck.too_slow],
    )
    @hypothesis.given(
        flow=st.booleans(),
        indent=st.sampled_from(['  ', '']),
        count=st.integers(1, 8),
        head=st.booleans(),
        edits=st.lists(st.lists(line_edits, min_size=1, max_size=3), min_size=1, max_size=4),
        rebase=st.sampled_from([0, 2, datacache.REBASE_ITEMS]),
    )
    def check(
        flow: bool, indent: str, count: int, head: bool, edits: list[Any], rebase: int
    ) -> None:
        monkeypatch.setattr(datacache, 'REBASE_ITEMS', rebase)  # when patches are written back
        lines = [*(HEAD if head else []), 'events:', *events(count, flow, indent)]
        if head:
            lines.append('# the end')
        loader.check('\n'.join(lines) + '\n')
        for build in edits:  # each build sees a few edits at once
            for edit in build:
                lines = apply(lines, edit)
            loader.check('\n'.join(lines) + '\n')

    check()
    # Both ways were taken (about one patch to three full readings: many edits break the YAML).
    assert loader.patched > 25 and loader.full > 25, (loader.patched, loader.full)


def test_an_edited_relation_is_patched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Relations are cross-checked after a patch as after a full reading: cycles, since."""
    loader = Loader(tmp_path, monkeypatch)
    lines = [
        'projects:',
        '  - id: a',
        '    name: A',
        '    first_release: {date: 2010, version: "1.0"}',
        '    lineage: [b]',
        '    depends_on: [{project: b, since: "1.0"}]',
        '  - id: b',
        '    name: B',
        '    lineage: []',
    ]
    assert loader.check('\n'.join(lines) + '\n').problems == []
    lines[8] = '    lineage: [a]'  # closes a cycle from the other record
    cycle = loader.check('\n'.join(lines) + '\n')
    assert [(str(p), p.location.line) for p in cycle.problems] == [
        ('projects[1].lineage[0]: lineage cycle: b → a → b; this one is left out', 9)
    ]
    lines[3:3] = ['    note: one line more', '    status: and another']  # a's lines grow
    lines[7] = '    depends_on: [{project: b, since: "0.9"}]'
    moved = loader.check('\n'.join(lines) + '\n')
    assert [(p.field, p.location.line) for p in moved.problems] == [
        ('projects[0].depends_on[0].since', 8),
        ('projects[1].lineage[0]', 11),
    ]
    assert moved.related('b')[0][2].source == 'a'  # "Led to" A; its own lineage left out
    assert (loader.patched, loader.full) == (2, 0)
