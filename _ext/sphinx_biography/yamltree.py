"""A slim YAML node tree, composed from libyaml's event stream.

PyYAML's composer gives every value a node object with a dictionary and
two mark objects: 61 MB for a data file of 10,000 events, more than the
rest of a build needs at any one time.  The checks use only a node's tag,
value and position, so these nodes keep just that, in slots: a fifth of
the memory, for about 0.15 s more at that size.

The composition follows PyYAML's ``Composer``: the same tags (through the
same resolver), the same anchors and aliases (an alias is the anchored node
itself, so a small file can still describe a huge tree; the checks bound
that), and the same errors.  It is iterative, so depth costs no recursion.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml
from yaml import events as ev
from yaml.composer import ComposerError
from yaml.resolver import Resolver

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

try:  # libyaml's parser is several times faster than the pure-Python one
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader  # type: ignore[assignment]


class Node:
    """A YAML value: its resolved tag, its value, and where it starts (0-based)."""

    __slots__ = ('column', 'line', 'tag', 'value')

    def __init__(self, tag: str, value: Any, line: int, column: int) -> None:
        self.tag = tag
        self.value = value
        self.line = line
        self.column = column

    def __repr__(self) -> str:
        return f'{type(self).__name__}({self.tag!r}, {self.value!r})'


class ScalarNode(Node):
    """A text value (``value`` is the text as written, before construction)."""

    __slots__ = ()


class SequenceNode(Node):
    """A list; ``value`` is the list of item nodes."""

    __slots__ = ()


class MappingNode(Node):
    """A mapping; ``value`` is the list of ``(key node, value node)`` pairs, in order."""

    __slots__ = ()


_resolve: Callable[[type, str | None, Any], str] = Resolver().resolve
_COLLECTIONS = {
    ev.SequenceStartEvent: (SequenceNode, yaml.nodes.SequenceNode),
    ev.MappingStartEvent: (MappingNode, yaml.nodes.MappingNode),
}
_NO_KEY = object()


#: Deeper nesting is refused here, whatever libyaml the installed PyYAML
#: bundles (newer ones stop at 1000 levels, older ones never): a data file
#: needs a handful of levels.
MAX_DEPTH = 512


def compose(text: str, stats: dict[str, Any] | None = None) -> Node | None:
    """The root node of the one document in *text*, or None if there is none.

    Raises PyYAML's errors (``MarkedYAMLError`` and its kind) as its
    composer would.  A *stats* dictionary is told whether the text defines
    anchors (``stats['anchors']``): with none, no node is shared.
    """
    return _compose(yaml.parse(text, Loader=SafeLoader), stats)


def _compose(events: Iterable[Any], stats: dict[str, Any] | None = None) -> Node | None:
    # Events are Any: PyYAML's stubs type them as the bare base class,
    # and libyaml's marks as a second Mark class.
    root: Node | None = None
    root_mark = None
    anchors: dict[str, tuple[Node, Any]] = {}
    # The open collections, each with the key node waiting for its value.
    open_collections: list[list[Any]] = []

    def add(node: Node) -> None:
        nonlocal root
        if not open_collections:
            root = node
            return
        collection = open_collections[-1]
        parent, key = collection
        if isinstance(parent, SequenceNode):
            parent.value.append(node)
        elif key is _NO_KEY:
            collection[1] = node
        else:
            parent.value.append((key, node))
            collection[1] = _NO_KEY

    for event in events:
        kind = type(event)
        if kind is ev.AliasEvent:
            if event.anchor not in anchors:
                raise ComposerError(
                    None, None, f'found undefined alias {event.anchor!r}', event.start_mark
                )
            add(anchors[event.anchor][0])
            continue
        if kind is ev.DocumentStartEvent and root_mark is not None:
            raise ComposerError(
                'expected a single document in the stream',
                root_mark,
                'but found another document',
                event.start_mark,
            )
        if kind is ev.ScalarEvent or kind in _COLLECTIONS:
            mark = event.start_mark
            if root_mark is None:
                root_mark = mark
            if event.anchor is not None and event.anchor in anchors:
                raise ComposerError(
                    f'found duplicate anchor {event.anchor!r}; first occurrence',
                    anchors[event.anchor][1],
                    'second occurrence',
                    mark,
                )
            tag = event.tag
            if kind is ev.ScalarEvent:
                if tag is None or tag == '!':
                    tag = _resolve(yaml.nodes.ScalarNode, event.value, event.implicit)
                node: Node = ScalarNode(tag, event.value, mark.line, mark.column)
            else:
                ours, theirs = _COLLECTIONS[kind]
                if tag is None or tag == '!':
                    tag = _resolve(theirs, None, event.implicit)
                node = ours(tag, [], mark.line, mark.column)
            if event.anchor is not None:
                # Before the children: an alias inside may name its own parent.
                anchors[event.anchor] = (node, mark)
            add(node)
            if kind is not ev.ScalarEvent:
                if len(open_collections) >= MAX_DEPTH:
                    raise ComposerError(
                        None, None, f'collections nested deeper than {MAX_DEPTH} levels', mark
                    )
                open_collections.append([node, _NO_KEY])
        elif kind is ev.SequenceEndEvent or kind is ev.MappingEndEvent:
            open_collections.pop()
    if stats is not None:
        stats['anchors'] = bool(anchors)
    return root
