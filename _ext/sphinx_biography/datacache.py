"""The data files, read once and then patched: an edit re-reads only what changed.

Reading and checking 10,000 events takes about a second, most of it YAML
parsing, and a build after an edit to one event would pay it all again.
So the last reading is cached, per file and per top-level record item
(:class:`model.FileRead`, :class:`model.Unit`), with the file's text.  On a
change, the old and new texts are compared line by line; when the changed
lines fall inside the items of one block-style list, only those items are
parsed (on their own) and checked again, the items after them are moved
(line numbers, and list indexes when items were added or removed), and the
cross-checks (duplicate ids, references) run again over all records by
:func:`model.assemble`, exactly as a full load does.

The shortcut is taken only where it provably gives what a full load gives
(``tests/test_datacache.py`` checks that on random edits); otherwise the
file is read again in full:

- the old or new text has anchors, aliases or merge keys (``&``, ``*``,
  ``<<``), or line breaks other than ``\\n``;
- the top level is not a block mapping of block lists whose items each
  start a line with their ``-``;
- the change touches anything outside the items of one list (a top-level
  key, the lines between a key and its first item, two lists);
- the changed items do not parse on their own as a list at the same
  indentation (a syntax error, an item that became something else), or
  hold a document marker or directive (``---``, ``...``, ``%``);
- the edit removes every item of a list (it would become null), or the
  work budget could run out.

No Sphinx imports here.
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import pickle
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import yaml

from . import yamltree
from .model import (
    COLLECTIONS,
    OTHER_LINE_BREAKS,
    Dataset,
    FileRead,
    Unit,
    assemble,
    paused_gc,
    read_file,
    read_unit,
)
from .schema import Location, Problem, Record
from .yamltree import SequenceNode

if TYPE_CHECKING:
    from collections.abc import Sequence

#: Changes when the code that reads data changes, so a cached result is not reused.
CODE_VERSION = hashlib.blake2b(
    b''.join(
        (Path(__file__).parent / name).read_bytes()
        for name in ('datacache.py', 'model.py', 'schema.py', 'dates.py', 'yamltree.py')
    ),
    digest_size=8,
).hexdigest()

_DUPLICATE_KEY = 'duplicate key (first at line '


#: A patch that re-read more items than this is written back to the cache.
REBASE_ITEMS = 200


def load_cached(
    paths: Sequence[Path], *, max_bytes: int, cache: Path, refused: Sequence[str] = ()
) -> Dataset:
    """:func:`model.load`, reusing the last result, patched where files changed.

    The cache sits in Sphinx's doctree directory, trusted like Sphinx's own
    pickled environment there.  It holds three parts: the key and the
    files' states, the dataset, and the files as read, the last two
    pickled a few hundred records at a time (see :data:`CHUNK`).
    Unchanged files cost the first two.  Changed files are compared with
    the text in the third and patched (see :func:`patch`); the cache is
    not written again then, as pickling it would cost more than the patch
    saves: each later build patches from the same cached reading, until a
    patch grows to more than :data:`REBASE_ITEMS` items or a file has to
    be read in full.
    """
    key = (CODE_VERSION, max_bytes, tuple(map(str, paths)), tuple(refused))
    states = tuple(_file_state(path) for path in paths)
    reads: list[FileRead] | None = None
    try:
        with cache.open('rb') as handle, paused_gc():
            cached_key, cached_states = pickle.load(handle)
            if cached_key == key:
                dataset_size = int.from_bytes(handle.read(8), 'little')
                if cached_states == states:
                    return _load_dataset(handle)
                handle.seek(dataset_size, 1)
                reads = _load_reads(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError,
            TypeError):  # fmt: skip
        reads = None  # no cache yet, or one from another version: read the files
    with paused_gc():
        if reads is None:
            reads = [read_file(path, max_bytes) for path in paths]
            write = True
        else:
            reread_items = 0
            write = False
            for number, (path, old, new) in enumerate(
                zip(paths, cached_states, states, strict=True)
            ):
                if old != new:
                    reads[number], items = reread(reads[number], path, max_bytes)
                    write = write or items is None
                    reread_items += items or 0
            write = write or reread_items > REBASE_ITEMS
        dataset = assemble(reads, refused)
    if write:
        _write(cache, (key, states), dataset, reads)
    return dataset


def _write(cache: Path, header: tuple[Any, ...], dataset: Dataset, reads: list[FileRead]) -> None:
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix('.tmp')
        with partial.open('wb') as handle:
            pickle.dump(header, handle, protocol=pickle.HIGHEST_PROTOCOL)
            # The dataset's size, filled in once written, so that a patch can skip it.
            size_at = handle.tell()
            handle.write(bytes(8))
            _dump_dataset(handle, dataset)
            reads_at = handle.tell()
            handle.seek(size_at)
            handle.write((reads_at - size_at - 8).to_bytes(8, 'little'))
            handle.seek(reads_at)
            _dump_reads(handle, reads)
        partial.replace(cache)
    except OSError:
        pass  # a read-only build directory only costs the time


#: Records pickled together.  A pickle keeps everything it wrote, and a
#: state tuple for each record part, alive until it ends (its memo): one
#: pickle of 10,000 events would add 30 MiB to the build's peak memory.
CHUNK = 500

#: The dataset's fields that hold one entry per record, by ``(collection, id)``.
_PER_RECORD = ('origins', 'paths', 'digests')


def _dump_dataset(handle: BinaryIO, dataset: Dataset) -> None:
    """The dataset: its other fields, then its records with their entries, in chunks."""
    if not _one_entry_per_record(dataset):  # built otherwise: pickled whole
        pickle.dump(dataset, handle, protocol=pickle.HIGHEST_PROTOCOL)
        return
    keys = list(dataset.paths)
    empty: dict[str, Any] = {name: {} for name in (*COLLECTIONS, *_PER_RECORD)}
    pickle.dump((dataclasses.replace(dataset, **empty), len(keys)), handle,
                protocol=pickle.HIGHEST_PROTOCOL)  # fmt: skip
    for start in range(0, len(keys), CHUNK):
        chunk = [
            (collection, key, dataset.collection(collection)[key],
             *(getattr(dataset, field)[collection, key] for field in _PER_RECORD))
            for collection, key in keys[start : start + CHUNK]
        ]  # fmt: skip
        pickle.dump(chunk, handle, protocol=pickle.HIGHEST_PROTOCOL)


def _one_entry_per_record(dataset: Dataset) -> bool:
    """Whether each record, and nothing else, has an entry in each :data:`_PER_RECORD` field."""
    records = {(name, key) for name in COLLECTIONS for key in dataset.collection(name)}
    return all(getattr(dataset, field).keys() == records for field in _PER_RECORD)


def _load_dataset(handle: BinaryIO) -> Dataset:
    loaded = pickle.load(handle)
    if isinstance(loaded, Dataset):
        return loaded
    dataset, count = loaded
    fields = [getattr(dataset, field) for field in _PER_RECORD]
    while count > 0:
        chunk = pickle.load(handle)
        if not chunk:
            raise ValueError('an empty chunk')
        count -= len(chunk)
        for collection, key, record, *entries in chunk:
            dataset.collection(collection)[key] = record
            for field, entry in zip(fields, entries, strict=True):
                field[collection, key] = entry
    if not isinstance(dataset, Dataset):
        raise TypeError('not a dataset')
    return dataset


def _dump_reads(handle: BinaryIO, reads: list[FileRead]) -> None:
    """The files as read, their units left out, then the units in chunks."""
    blocks = [block for read in reads for block in read.blocks]
    skeleton = [
        dataclasses.replace(read, blocks=[dataclasses.replace(b, units=[]) for b in read.blocks])
        for read in reads
    ]
    pickle.dump((skeleton, [len(block.units) for block in blocks]), handle,
                protocol=pickle.HIGHEST_PROTOCOL)  # fmt: skip
    for block in blocks:
        for start in range(0, len(block.units), CHUNK):
            pickle.dump(block.units[start : start + CHUNK], handle,
                        protocol=pickle.HIGHEST_PROTOCOL)  # fmt: skip


def _load_reads(handle: BinaryIO) -> list[FileRead]:
    reads, counts = pickle.load(handle)
    blocks = [block for read in reads for block in read.blocks]
    for block, count in zip(blocks, counts, strict=True):
        while len(block.units) < count:
            chunk = pickle.load(handle)
            if not chunk:
                raise ValueError('an empty chunk')
            block.units.extend(chunk)
    if not all(isinstance(read, FileRead) for read in reads):
        raise TypeError('not the files as read')
    return list(reads)


def _file_state(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def reread(old: FileRead, path: Path, max_bytes: int) -> tuple[FileRead, int | None]:
    """The file read again, and how many items were.

    *old* patched where that is provably the same; else read in full (and
    the count is None).
    """
    text = _text(path, max_bytes)
    if text is not None and old.patchable and old.text is not None:
        patched = patch(old, text)
        if patched is not None:
            return patched
    return read_file(path, max_bytes), None


def _text(path: Path, max_bytes: int) -> str | None:
    """The file's text, or None when the full reading has something to report."""
    try:
        if path.stat().st_size > max_bytes:
            return None
        return path.read_bytes().decode('utf-8-sig')
    except (OSError, UnicodeDecodeError):
        return None


def patch(old: FileRead, text: str) -> tuple[FileRead, int] | None:
    """*old* with the items that changed in *text* read again, and how many were.

    None if the result would not provably be what a full reading gives.
    """
    assert old.text is not None
    if '<<' in text or any(c in text for c in OTHER_LINE_BREAKS):
        return None
    old_lines = old.text.split('\n')
    new_lines = text.split('\n')
    # The changed lines: old_lines[first:old_end] became new_lines[first:old_end + shift].
    shortest = min(len(old_lines), len(new_lines))
    first = 0
    while first < shortest and old_lines[first] == new_lines[first]:
        first += 1
    if first == shortest and len(old_lines) == len(new_lines):
        return old, 0  # touched, not changed
    same_end = 0
    while (
        same_end < shortest - first
        and old_lines[len(old_lines) - 1 - same_end] == new_lines[len(new_lines) - 1 - same_end]
    ):
        same_end += 1
    old_end = len(old_lines) - same_end
    shift = len(new_lines) - len(old_lines)

    # The block and the items whose lines hold the change.
    found = _changed_items(old, first, old_end, len(old_lines))
    if found is None:
        return None
    block_index, low, high, start, end = found  # items low..high-1, old lines start..end-1
    block = old.blocks[block_index]
    column = block.column
    snippet_end = end + shift
    snippet = '\n'.join(new_lines[start:snippet_end])
    if snippet_end < len(new_lines):
        snippet += '\n'
    nodes = _items(snippet, column, new_lines[start:snippet_end])
    if nodes is None:
        return None
    if not nodes and len(block.units) == high - low:
        return None  # the list would be empty: null, not a list

    # Read the new items, move the ones after them, and check the budget.
    budget = 1_000 + 4 * len(text)
    kind = Record(COLLECTIONS[block.name])
    fresh = []
    for offset, node in enumerate(nodes):
        _move_node(node, start)
        fresh.append(read_unit(kind, block.name, low + offset, node, old.file, budget))
    moved_by = len(fresh) - (high - low)
    blocks = []
    for number, other in enumerate(old.blocks):
        if number < block_index:
            blocks.append(other)
        elif number == block_index:
            after = [_moved(unit, shift, moved_by) for unit in other.units[high:]]
            units = [*other.units[:low], *fresh, *after]
            blocks.append(dataclasses.replace(other, units=units))
        else:
            units = [_moved(unit, shift, 0) for unit in other.units]
            problems = [_moved_problem(p, shift, end) for p in other.problems]
            blocks.append(dataclasses.replace(other, problems=problems, units=units))
    spent = old.head_spent + sum(unit.spent for other in blocks for unit in other.units)
    if spent > budget or any(unit.exhausted for unit in fresh):
        return None
    read = FileRead(
        old.file,
        text,
        [_moved_problem(p, shift, end) for p in old.head],
        blocks,
        budget=budget,
        head_spent=old.head_spent,
        key_lines=[line + shift if line >= end else line for line in old.key_lines],
        patchable=True,
    )
    return read, high - low + len(fresh)


def _changed_items(
    old: FileRead, first: int, old_end: int, line_count: int
) -> tuple[int, int, int, int, int] | None:
    """The block and items (``low``, ``high``) whose lines cover old lines ``first:old_end``.

    Also the lines those items span, from the first's ``-`` to the line
    before the next item or top-level key.  An insertion between two items
    (``first == old_end``) belongs to the item before it.
    """
    for number, block in enumerate(old.blocks):
        if block.column < 0 or not block.units:
            continue
        starts = [unit.line for unit in block.units]
        block_start = starts[0]
        block_end = min((line for line in old.key_lines if line > starts[-1]), default=line_count)
        if first == old_end:  # an insertion before old line `first`
            if not block_start <= first <= block_end:
                continue
            low = _item_at(starts, max(first - 1, block_start))
            high = low + 1
        else:
            if not (block_start <= first and old_end <= block_end):
                continue
            low = _item_at(starts, first)
            high = _item_at(starts, old_end - 1) + 1
        end = starts[high] if high < len(starts) else block_end
        return number, low, high, starts[low], end
    return None


def _item_at(starts: list[int], line: int) -> int:
    """The index of the item whose lines hold *line* (starts are sorted)."""
    return bisect.bisect_right(starts, line) - 1


def _items(snippet: str, column: int, lines: list[str]) -> list[Any] | None:
    """The item nodes of *snippet*, a block list at *column*; None if it is not just that."""
    for line in lines:
        if line.startswith(('---', '...', '%')) or '\ufeff' in line:
            return None
    stats: dict[str, Any] = {}
    try:
        root = yamltree.compose(snippet, stats)
    except (yaml.YAMLError, RecursionError, MemoryError):
        return None
    if stats['anchors']:
        return None
    if root is None:
        return []  # nothing but comments and blank lines
    if not isinstance(root, SequenceNode) or root.line != 0 or root.column != column:
        return None
    for node in root.value:
        line = lines[node.line]
        if line[:column].strip(' ') or line[column : column + 1] != '-':
            return None
    items: list[Any] = root.value
    return items


def _move_node(node: Any, lines: int) -> None:
    """Shift a parsed snippet's nodes to where the snippet is in the file."""
    stack = [node]
    seen: set[int] = set()
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        current.line += lines
        if isinstance(current.value, list):
            for child in current.value:
                if isinstance(child, tuple):
                    stack.extend(child)
                else:
                    stack.append(child)


def _moved(unit: Unit, lines: int, items: int) -> Unit:
    """*unit* moved down *lines* lines and *items* places in its list."""
    if not lines and not items:
        return unit
    old_path = f'{unit.collection}[{unit.index}]'
    index = unit.index + items
    new_path = f'{unit.collection}[{index}]'

    def rename(path: str) -> str:
        return new_path + path[len(old_path) :] if items and path.startswith(old_path) else path

    def move(where: Location) -> Location:
        return Location(where.file, where.line + lines, where.column) if lines else where

    return Unit(
        unit.collection,
        index,
        unit.line + lines,
        unit.item,
        [_moved_problem(p, lines, 0, rename) for p in unit.problems],
        {
            rename(path): [(n, value, move(where)) for n, value, where in items_]
            for path, items_ in unit.references.items()
        },
        {rename(path): move(where) for path, where in unit.markup_origins.items()},
        move(unit.origin),
        move(unit.id_origin),
        unit.spent,
        unit.exhausted,
        unit.digest,
    )


def _moved_problem(problem: Problem, lines: int, after: int, rename: Any = None) -> Problem:
    """*problem* moved down *lines* lines if it is on line *after* (0-based) or later."""
    where = problem.location
    if not lines and rename is None:
        return problem
    message = problem.message
    if lines and message.startswith(_DUPLICATE_KEY):
        number, _, rest = message[len(_DUPLICATE_KEY) :].partition(')')
        if int(number) - 1 >= after:
            message = f'{_DUPLICATE_KEY}{int(number) + lines}){rest}'
    if lines and where.line - 1 >= after:
        where = Location(where.file, where.line + lines, where.column)
    field = rename(problem.field) if rename else problem.field
    return Problem(where, field, message, problem.subtype)


def load_record_lines(cache: Path) -> dict[str, str]:
    """Each record's line of an earlier export, by record digest (see ``structured``)."""
    try:
        with cache.open('rb') as handle:
            lines = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError, TypeError):
        return {}
    return lines if isinstance(lines, dict) else {}


def save_record_lines(cache: Path, lines: dict[str, str]) -> None:
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix('.tmp')
        with partial.open('wb') as handle:
            pickle.dump(lines, handle, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(cache)
    except OSError:
        pass  # a read-only build directory only costs the time
