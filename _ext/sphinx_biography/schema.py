"""Field kinds: how one YAML node becomes one validated Python value.

Each record in :mod:`sphinx_biography.model` is a frozen dataclass whose fields
carry a :class:`Kind` in their metadata.  A kind converts a composed YAML
node (which still knows its line and column) into a value, or reports a
:class:`Problem` and returns :data:`INVALID`.  The same kinds describe
themselves for the JSON Schema and for the reference documentation, so the
validator, the schema and the docs cannot drift apart.

No Sphinx imports here.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import urlsplit

from .dates import DATE_FORMS, DATE_PATTERN, DateError, parse_date, pickles_fast
from .yamltree import MappingNode, Node, ScalarNode, SequenceNode

#: Longest text accepted in any one field, in characters.
MAX_TEXT_LENGTH = 20_000

#: URL schemes a link may use; anything else (``javascript:``, ``data:``) is refused.
URL_SCHEMES = ('http', 'https', 'mailto')

_YAML = 'tag:yaml.org,2002:'
#: Tags of plain scalars whose source text we read as text (so ``name: yes``
#: stays "yes" and ``version: 1.10`` stays "1.10").
_SCALAR_TAGS = {_YAML + t for t in ('str', 'int', 'float', 'bool', 'timestamp')}
_NULL_TAG = _YAML + 'null'
#: The collections of a data file and what one of their records is called.
SINGULAR = {'people': 'person', 'projects': 'project', 'events': 'event'}
_ID_PATTERN = r'^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$'
_ID = re.compile(_ID_PATTERN)
_CONTROL = re.compile(r'[\x00-\x08\x0b-\x1f\x7f-\x9f]')


#: reStructuredText's inline syntax that MyST reads differently: a role
#: (:project:`flask`, which MyST shows as text and code) and a link with its
#: address (`Flask <https://...>`_, which MyST shows as code).
_RST_ROLE = re.compile(r'(?<![\w`{}]):([A-Za-z][\w.:+-]*):`([^`]+)`')
_RST_LINK = re.compile(r'`([^`<]*?)\s*<([^`>]+)>`__?')


def rst_syntax(text: str) -> list[tuple[str, str]]:
    """Every reStructuredText role and link in *text*, in order, with its MyST spelling."""
    found = [(role.start(), role.group(), f'{{{role.group(1)}}}`{role.group(2)}`')
             for role in _RST_ROLE.finditer(text)]  # fmt: skip
    found += [(link.start(), link.group(), f'[{link.group(1) or link.group(2)}]({link.group(2)})')
              for link in _RST_LINK.finditer(text)]  # fmt: skip
    return [(written, myst) for _start, written, myst in sorted(found)]


def _control_picture(match: re.Match[str]) -> str:
    """A control character written out as its code point, such as ``[U+0007]``.

    Plain ASCII, so that it shows in every output format and font: Unicode's
    control pictures (␇) are missing from bold and italic faces.
    """
    return f'[U+{ord(match.group()):04X}]'


def _escaped_control_picture(match: re.Match[str]) -> str:
    return _control_picture(match).replace('[', '\\[').replace(']', '\\]')


class _Invalid:
    """Marker for a value that failed validation (a problem was reported)."""

    def __repr__(self) -> str:
        return 'INVALID'

    def __reduce__(self) -> str:
        return 'INVALID'  # unpickled as the one marker, so ``is INVALID`` holds


INVALID: Any = _Invalid()


@pickles_fast
@dataclass(frozen=True, slots=True)
class Location:
    """Where something is in a data file; line and column count from 1."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f'{self.file}:{self.line}:{self.column}'


@pickles_fast
@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the data, located and explained."""

    location: Location
    field: str
    message: str
    #: Warning subtype, usable as ``suppress_warnings = ['biography.<subtype>']``.
    subtype: str

    def __str__(self) -> str:
        where = f'{self.field}: ' if self.field else ''
        return f'{where}{self.message}'


class Context:
    """Carries the file name, the problems found, and the work budget."""

    def __init__(self, file: str, budget: int) -> None:
        self.file = file
        self.problems: list[Problem] = []
        #: Valid items of reference lists, by list path: ``(index, id, location)``;
        #: checked against every file's ids once all are read.
        self.references: dict[str, list[tuple[int, str, Location]]] = {}
        self.suggestions = 0
        self.budget = budget
        self.exhausted = False
        #: Where each text checked after reading starts, by field path: a text
        #: that may hold markup (a problem the page's parser finds in it is
        #: reported there) or one the cross-checks look at (``located``).
        self.markup_origins: dict[str, Location] = {}

    def where(self, node: Node) -> Location:
        return Location(self.file, node.line + 1, node.column + 1)

    def report(self, node: Node, path: str, message: str, subtype: str = 'schema') -> Any:
        self.problems.append(Problem(self.where(node), path, message, subtype))
        return INVALID

    def spend(self, node: Node) -> bool:
        """Count one node visit; False (reported once) when the budget is spent.

        Aliases let a small file describe a huge tree ("billion laughs");
        the budget bounds the work whatever the file does.
        """
        self.budget -= 1
        if self.budget >= 0:
            return True
        if not self.exhausted:
            self.exhausted = True
            self.report(
                node,
                '',
                'the data expands to too many values (an alias bomb?); '
                'the rest of this file is ignored',
                'yaml',
            )
        return False


def describe(node: Node) -> str:
    """Name what was found, for "expected X, got Y" messages."""
    if isinstance(node, MappingNode):
        return 'a mapping'
    if isinstance(node, SequenceNode):
        return 'a list'
    if node.tag == _NULL_TAG:
        return 'nothing (null)'
    value = node.value if len(node.value) <= 60 else node.value[:57] + '...'
    return repr(value)


def _bad_tag(node: Node) -> bool:
    """Explicit tags such as ``!!python/object`` are never honoured."""
    if isinstance(node, ScalarNode):
        return node.tag not in _SCALAR_TAGS and node.tag != _NULL_TAG
    expected = _YAML + ('map' if isinstance(node, MappingNode) else 'seq')
    return node.tag != expected


class Kind:
    """How to read and describe one field's value."""

    #: Short description for messages and docs ("a date", "a list of ...").
    expected: ClassVar[str] = 'a value'

    def convert(self, node: Node, ctx: Context, path: str) -> Any:
        if not ctx.spend(node):
            return INVALID
        if _bad_tag(node):
            return ctx.report(
                node,
                path,
                f'the YAML tag {node.tag!r} is not allowed here; expected {self.describe()}',
                'yaml',
            )
        return self.read(node, ctx, path)

    def read(self, node: Node, ctx: Context, path: str) -> Any:
        raise NotImplementedError

    def describe(self) -> str:
        return self.expected

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def wrong(self, node: Node, ctx: Context, path: str, subtype: str = 'schema') -> Any:
        return ctx.report(node, path, f'expected {self.describe()}, got {describe(node)}', subtype)

    def referenced(self, value: Any, node: Node) -> tuple[str, Node] | None:
        """The id *value* (read from *node*) refers to, and where it is; None if none."""
        return None


class Text(Kind):
    """A non-empty line of text; ``markup`` texts may hold inline MyST markup.

    The place of a ``markup`` or ``located`` text is kept (``Context.markup_origins``),
    so that what is found in it later is reported where it is written.
    """

    expected = 'text'

    #: Whether a control character is shown as its code point (free text),
    #: or makes the value invalid (ids, dates, URLs, paths).
    shows_controls = True

    def __init__(self, *, markup: bool = False, located: bool = False) -> None:
        self.markup = markup
        self.located = located

    def read(self, node: Node, ctx: Context, path: str) -> Any:
        if not isinstance(node, ScalarNode) or node.tag == _NULL_TAG:
            return self.wrong(node, ctx, path)
        text = node.value.strip()
        if not text:
            return ctx.report(node, path, f'expected {self.describe()}, got an empty string')
        control = _CONTROL.search(text)
        if control and not self.shows_controls:
            return ctx.report(
                node, path, f'text contains the control character {control.group()!r}'
            )
        if control:
            # Only a double-quoted escape (\a, \e, \f ...) can put one here;
            # YAML refuses them written out.  Shown as its code point, so
            # every output format can show it and the reader sees what is there.
            ctx.report(
                node,
                path,
                f'text contains the control character {control.group()!r}, shown as '
                f'{_control_picture(control)!r}; in double quotes a backslash starts an '
                'escape: write \\\\ for a backslash, or use single quotes',
            )
            # In a text with markup the brackets are escaped: "[U+0007](x)" would be a link.
            picture = _escaped_control_picture if self.markup else _control_picture
            text = _CONTROL.sub(picture, text)
        # Every text is inline, so line breaks from YAML block scalars are spaces.
        text = ' '.join(text.split())
        if len(text) > MAX_TEXT_LENGTH:
            return ctx.report(
                node,
                path,
                f'text is {len(text):,} characters long; the limit is {MAX_TEXT_LENGTH:,}',
            )
        value = self.check(text, node, ctx, path)
        if (self.markup or self.located) and value is not INVALID:
            ctx.markup_origins[path] = ctx.where(node)
        if self.markup and value is not INVALID:
            for written, myst in rst_syntax(text):
                ctx.report(
                    node,
                    path,
                    f'{written!r} is reStructuredText, but texts in the data are MyST on every '
                    f'page; write {myst!r}',
                    'markup',
                )
        return value

    def check(self, text: str, node: Node, ctx: Context, path: str) -> Any:
        return text

    def json_schema(self) -> dict[str, Any]:
        return {
            'type': ['string', 'number', 'boolean'],
            'minLength': 1,
            'maxLength': MAX_TEXT_LENGTH,
        }


class Identifier(Text):
    """An id: lowercase letters, digits, and ``. _ -`` inside."""

    shows_controls = False

    expected = "an id (lowercase letters, digits, and '.', '_' or '-' inside)"

    def check(self, text: str, node: Node, ctx: Context, path: str) -> Any:
        if not _ID.match(text):
            return ctx.report(node, path, f'expected {self.expected}, got {text!r}', 'id')
        return text

    def json_schema(self) -> dict[str, Any]:
        return {'type': 'string', 'pattern': _ID_PATTERN}


class Reference(Identifier):
    """The id of a record in another collection; checked once all files are read."""

    def __init__(self, collection: str) -> None:
        super().__init__()
        self.collection = collection

    def describe(self) -> str:
        return f'the id of a {SINGULAR[self.collection]}'

    def referenced(self, value: Any, node: Node) -> tuple[str, Node] | None:
        return value, node


class ReferenceOrRecord(Kind):
    """A reference given as the id alone, or as a mapping with the id under *key* and more.

    ``depends_on: [jinja, {project: click, since: "0.11"}]``: either way the
    value is a record (*cls*), and its id is checked once all files are read.
    """

    def __init__(self, cls: type, key: str) -> None:
        #: The record class; its field *key* is a :class:`Reference`.
        self.cls = cls
        self.key = key
        self.reference: Reference = next(
            f.metadata['kind'] for f in dataclasses.fields(cls) if f.name == key
        )
        self.collection = self.reference.collection
        other = [f.name for f in dataclasses.fields(cls) if 'kind' in f.metadata and f.name != key]
        #: How a list of them is described in messages.
        self.as_list = (
            f'a list of {self.collection} ids or mappings with {key} and {", ".join(other)}'
        )

    def describe(self) -> str:
        return f'{self.reference.describe()} or a mapping ({self.cls.__name__.lower()})'

    def read(self, node: Node, ctx: Context, path: str) -> Any:
        if isinstance(node, ScalarNode):
            key = self.reference.read(node, ctx, path)
            return INVALID if key is INVALID else self.cls(**{self.key: key})
        if not isinstance(node, MappingNode):
            return self.wrong(node, ctx, path)
        return Record(self.cls).read(node, ctx, path)

    def referenced(self, value: Any, node: Node) -> tuple[str, Node] | None:
        return getattr(value, self.key), value_node(node, self.key)

    def json_schema(self) -> dict[str, Any]:
        return {'oneOf': [self.reference.json_schema(), record_schema(self.cls)]}


class Date(Text):
    expected = f'a date ({DATE_FORMS})'
    shows_controls = False

    def check(self, text: str, node: Node, ctx: Context, path: str) -> Any:
        try:
            return parse_date(text)
        except DateError as err:
            return ctx.report(node, path, f'{err}; got {text!r}', 'date')

    def json_schema(self) -> dict[str, Any]:
        return {'type': ['string', 'integer'], 'pattern': DATE_PATTERN, 'description': DATE_FORMS}


class Url(Text):
    expected = 'a URL (http, https or mailto)'
    shows_controls = False

    def check(self, text: str, node: Node, ctx: Context, path: str) -> Any:
        reason = url_problem(text)
        if reason:
            return ctx.report(
                node, path, f'expected {self.expected}, got {text!r} ({reason})', 'url'
            )
        return text

    def json_schema(self) -> dict[str, Any]:
        return {'type': 'string', 'format': 'uri', 'pattern': '^(https?://|mailto:)'}


def url_problem(text: str) -> str | None:
    """Why *text* is not an acceptable link target, or None if it is."""
    if _CONTROL.search(text) or any(c.isspace() for c in text):
        return 'it contains spaces or control characters'
    try:
        parts = urlsplit(text)
    except ValueError as err:
        return str(err)
    if parts.scheme.lower() not in URL_SCHEMES:
        return f'the scheme {parts.scheme + ":" if parts.scheme else "(none)"} is not allowed'
    try:
        host = parts.hostname
    except ValueError as err:
        return str(err)
    if parts.scheme.lower() != 'mailto' and not host:
        return 'it has no host'
    if parts.scheme.lower() == 'mailto' and not parts.path:
        return 'it has no address'
    return None


class RelativePath(Text):
    """A file in the source directory: relative, no ``..``, no URL."""

    shows_controls = False

    expected = "a path relative to the source directory (no '..', no URL)"

    def check(self, text: str, node: Node, ctx: Context, path: str) -> Any:
        parts = text.replace('\\', '/').split('/')
        if text.startswith(('/', '\\')) or '..' in parts or ':' in text:
            return ctx.report(node, path, f'expected {self.expected}, got {text!r}', 'file')
        return text

    def json_schema(self) -> dict[str, Any]:
        return {'type': 'string', 'pattern': r'^(?![/\\])(?!.*(^|/)\.\.(/|$))[^:]+$'}


class ListOf(Kind):
    """A list; an invalid item is reported and left out, the rest is kept."""

    def __init__(self, item: Kind) -> None:
        self.item = item

    def describe(self) -> str:
        return getattr(self.item, 'as_list', None) or f'a list of {self.item.describe()}'

    def read(self, node: Node, ctx: Context, path: str) -> Any:
        if not isinstance(node, SequenceNode):
            return self.wrong(node, ctx, path)
        values = []
        for index, child in enumerate(node.value):
            value = self.item.convert(child, ctx, f'{path}[{index}]')
            if value is INVALID:
                continue
            values.append(value)
            referenced = self.item.referenced(value, child)
            if referenced is not None:
                # One entry for each value kept, in order (model._check_references relies on it).
                key, where = referenced
                ctx.references.setdefault(path, []).append((index, key, ctx.where(where)))
        return tuple(values)

    def json_schema(self) -> dict[str, Any]:
        return {'type': 'array', 'items': self.item.json_schema()}


class Record(Kind):
    """A mapping read into a frozen dataclass whose fields carry their kinds."""

    def __init__(self, cls: type) -> None:
        self.cls = cls

    def describe(self) -> str:
        return f'a mapping ({self.cls.__name__.lower()})'

    def read(self, node: Node, ctx: Context, path: str) -> Any:
        if not isinstance(node, MappingNode):
            return self.wrong(node, ctx, path)
        specs = {f.name: f for f in dataclasses.fields(self.cls) if 'kind' in f.metadata}
        values: dict[str, Any] = {}
        given: set[str] = set()  # keys present, valid or not
        for key_node, value_node in mapping_items(node, ctx, path):
            key = key_node.value
            if key not in specs:
                ctx.report(key_node, _join(path, key), unknown_key_message(key, specs), 'schema')
                continue
            if value_node.tag == _NULL_TAG and not specs[key].metadata.get('required'):
                continue  # "key:" with no value means the same as leaving it out
            given.add(key)
            value = specs[key].metadata['kind'].convert(value_node, ctx, _join(path, key))
            if value is not INVALID:
                values[key] = value
        required = [name for name, spec in specs.items() if spec.metadata.get('required')]
        for name in required:
            if name not in given:  # a bad value was reported already
                ctx.report(node, _join(path, name), f'is required: {specs[name].metadata["help"]}')
        if any(name not in values for name in required) or (given and not values):
            return INVALID  # all it said was wrong: an empty record would hide that
        return self.build(values, node, ctx, path)

    def build(self, values: dict[str, Any], node: Node, ctx: Context, path: str) -> Any:
        """Make the record; a cross-field problem (``problems()``) drops that field only."""
        instance = self.cls(**values)
        check = getattr(instance, 'problems', None)
        problems = list(check()) if check else []
        for field, message, subtype in problems:
            ctx.report(value_node(node, field), _join(path, field), message, subtype)
            values.pop(field.split('.')[0], None)
        return self.cls(**values) if problems else instance

    def json_schema(self) -> dict[str, Any]:
        return record_schema(self.cls)


class Source(Kind):
    """A citation: a URL, or a mapping with ``url`` and an optional ``title``."""

    expected = 'a URL or a mapping with url and title'

    #: How a list of sources is described in messages.
    as_list = 'a list of sources (each a URL or a mapping with url and title)'

    def read(self, node: Node, ctx: Context, path: str) -> Any:
        if isinstance(node, ScalarNode):
            url = Url().read(node, ctx, path)
            return INVALID if url is INVALID else self.cls(url=url)
        if not isinstance(node, MappingNode):
            return self.wrong(node, ctx, path)
        return Record(self.cls).read(node, ctx, path)

    def __init__(self, cls: type) -> None:
        #: The record class of a citation given as a mapping (``model.Citation``).
        self.cls = cls

    def json_schema(self) -> dict[str, Any]:
        return {'oneOf': [Url().json_schema(), record_schema(self.cls)]}


#: Merges deeper than this are refused: each level is a Python call.
MAX_MERGE_DEPTH = 50


def mapping_items(
    node: MappingNode, ctx: Context, path: str, _merging: tuple[int, ...] = ()
) -> list[tuple[Node, Node]]:
    """The key/value pairs of a mapping, merge keys applied, duplicates reported.

    Merged mappings spend the work budget like any other value; a mapping
    that merges itself (through an alias), or merges nested too deep, is
    reported at its ``<<``, not followed.
    """
    pairs: dict[str, tuple[Node, Node]] = {}
    merged: dict[str, tuple[Node, Node]] = {}
    merging = (*_merging, id(node))
    for key_node, value_node in node.value:
        if not ctx.spend(key_node):
            break
        if key_node.tag == _YAML + 'merge':
            sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
            for source in sources:
                if not isinstance(source, MappingNode):
                    ctx.report(key_node, path, 'a merge key (<<) needs a mapping', 'yaml')
                elif id(source) in merging:
                    ctx.report(key_node, path, 'a mapping cannot merge itself (<<)', 'yaml')
                elif len(merging) > MAX_MERGE_DEPTH:
                    ctx.report(key_node, path, f'merge keys (<<) nest more than '
                               f'{MAX_MERGE_DEPTH} deep', 'yaml')  # fmt: skip
                else:
                    for pair in mapping_items(source, ctx, path, merging):
                        merged.setdefault(pair[0].value, pair)
            continue
        if not isinstance(key_node, ScalarNode) or key_node.tag == _NULL_TAG:
            ctx.report(key_node, path, f'expected a text key, got {describe(key_node)}', 'yaml')
            continue
        if _bad_tag(key_node):
            message = f'the YAML tag {key_node.tag!r} is not allowed on a key'
            ctx.report(key_node, _join(path, key_node.value), message, 'yaml')
            continue
        if key_node.value in pairs:
            first = ctx.where(pairs[key_node.value][0])
            ctx.report(
                key_node,
                _join(path, key_node.value),
                f'duplicate key (first at line {first.line}); this one is ignored',
                'yaml',
            )
            continue
        pairs[key_node.value] = (key_node, value_node)
    return list({**merged, **pairs}.values())


def value_node(node: Node, dotted: str) -> Node:
    """The node at *dotted* (``died.date``) inside mapping *node*, or *node* itself."""
    for key in dotted.split('.'):
        if not isinstance(node, MappingNode):
            break
        found = next((v for k, v in node.value if getattr(k, 'value', None) == key), None)
        if found is None:
            break
        node = found
    return node


def unknown_key_message(key: str, known: dict[str, Any]) -> str:
    close = difflib.get_close_matches(key, known, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ''
    return f'unknown key{hint} (expected one of: {", ".join(known)})'


def _join(path: str, key: str) -> str:
    key = key or "''"  # an empty key must still show in the field path
    return f'{path}.{key}' if path else key


def record_schema(cls: type) -> dict[str, Any]:
    """JSON Schema of a record dataclass, from its fields' kinds and help."""
    properties = {}
    required = []
    for spec in dataclasses.fields(cls):
        if 'kind' not in spec.metadata:
            continue
        field_schema = dict(spec.metadata['kind'].json_schema())
        field_schema['description'] = spec.metadata['help']
        properties[spec.name] = field_schema
        if spec.metadata.get('required'):
            required.append(spec.name)
    schema: dict[str, Any] = {
        'type': 'object',
        'properties': properties,
        'additionalProperties': False,
    }
    if cls.__doc__:
        schema['description'] = cls.__doc__.strip().splitlines()[0]
    if required:
        schema['required'] = required
    return schema


def spec(kind: Kind, help: str, *, required: bool = False) -> Any:
    """Declare a record field: its kind, a one-line help text, and whether it is required."""
    default: dict[str, Any] = (
        {} if required else {'default': () if isinstance(kind, ListOf) else None}
    )
    return dataclasses.field(**default, metadata={'kind': kind, 'help': help, 'required': required})
