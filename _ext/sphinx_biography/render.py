"""The renderers' shared base, and what markup in the data may become.

The blocks (``infobox.py``, ``timeline.py``, ``sources.py``) make
everything a reader sees from the validated records, as real nodes, with
the pieces here: no text is generated and parsed again as markup.  Labels go through
the ``gettext`` callable, so a translated build shows translated labels and
dates.  Links to people, projects and events are ``pending_xref`` nodes
that the ``bio`` domain resolves once every page is read.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from docutils import nodes
from sphinx import addnodes

from . import nodes as bio
from .dates import PATTERN_SINCE, DateValue, Gettext, display_pieces
from .i18n import (
    SOURCE,
)
from .model import display_name
from .schema import url_problem
from .structured import time_classes

if TYPE_CHECKING:
    import datetime as dt

    from .model import (
        Citation,
        Dataset,
        Relation,
    )
    from .quotes import QuoteStyle

#: Where a text is in the data: collection, record id, field path in the record.
TextOrigin = tuple[str, str, str]
#: Turns a text that may hold inline markup into inline nodes; problems are
#: reported where the text is written.
MarkupParser = Callable[[str, TextOrigin], list[nodes.Node]]


class NodeFactory:
    """Makes nodes for one page; holds what every builder method needs."""

    #: Whether the blocks get microformats2 classes (``biography_microformats``,
    #: and an indexed block), and the phrases that leave a fact out of them.
    microformats: bool = False
    doubtful: Sequence[str] = ()

    def __init__(
        self,
        dataset: Dataset,
        gettext: Gettext,
        parse_markup: MarkupParser,
        today: dt.date,
        source: tuple[str, int],
        docname: str,
        quote_style: QuoteStyle | None = None,
    ) -> None:
        self.dataset = dataset
        #: The page the nodes are for: where their links start from.
        self.docname = docname
        #: Smart quotes for text made after Sphinx's own pass (entries, at write time).
        self.quote_style = quote_style
        # Sphinx's gettext costs ~35 µs a call, and a timeline asks for the
        # same few labels and month names for every event.
        self.gettext = functools.cache(gettext)
        self.parse_markup = parse_markup
        self.today = today
        self.source, self.line = source

    # -- small pieces -------------------------------------------------------

    def since(self, relation: Relation) -> list[nodes.Node]:
        """ " (since 0.10)" or " (since 13 June 2013)" after a dependency; nothing without."""
        if relation.since is None:
            return []
        if relation.since_version is None and relation.since_date is not None:
            value: nodes.Node = self.date(relation.since_date)
        else:
            value = nodes.Text(relation.since)
        before, _, after = self.gettext(PATTERN_SINCE).partition('{date}')
        since = [nodes.Text(f'({before}'), value, nodes.Text(f'{after})')]
        return [nodes.Text(' '), nodes.inline('', '', *since, classes=['bio-since'])]

    def mf(self, cls: str, wanted: bool = True) -> list[str]:
        """``[cls]`` when the block has microformats (and *wanted*), else nothing."""
        return [cls] if self.microformats and wanted else []

    def date(
        self, value: DateValue, microformats: tuple[str, str, str] | None = None
    ) -> bio.bio_date:
        """A shown date; *microformats*: the classes of a single date, a start and an end."""
        node = bio.bio_date(classes=['bio-date'])
        classes = iter(time_classes(value, *microformats) if microformats else ())
        for text, iso in display_pieces(value, self.gettext):
            if iso is None:
                node += nodes.Text(text)
            else:
                cls = next(classes, '')
                node += bio.bio_time(text, text, datetime=iso, classes=[cls] if cls else [])
        return node

    def xref(self, kind: str, key: str, title: str | None = None) -> addnodes.pending_xref:
        """A link to a person, project or event; plain text if it has no page."""
        record = self.dataset.lookup(kind, key)
        text = title or (display_name(record) if record else key)
        ref = addnodes.pending_xref(
            '',
            nodes.inline(text, text, classes=['bio-xref', f'bio-{kind}']),
            refdomain='bio',
            reftype=kind,
            reftarget=key,
            refexplicit=True,
            refwarn=False,
            # Builders that join pages into one tree (LaTeX, Texinfo) resolve
            # it from the root page; a link from the wrong page is wrong in print.
            refdoc=self.docname,
        )
        ref.source, ref.line = self.source, self.line
        return ref

    def link(self, url: str, text: str | None = None) -> nodes.reference:
        text = text or short_url(url)
        return nodes.reference(text, text, refuri=url, classes=['bio-link'])

    def joined(
        self, parts: Iterable[nodes.Node | list[nodes.Node]], sep: str = ', '
    ) -> list[nodes.Node]:
        """Inline nodes separated by *sep*."""
        out: list[nodes.Node] = []
        for index, part in enumerate(parts):
            if index:
                out.append(nodes.Text(sep))
            out.extend(part if isinstance(part, list) else [part])
        return out

    def source_marks(self, sources: Sequence[Citation]) -> list[nodes.Node]:
        """Bracketed source links after an entry: " [source] [source]"."""
        out: list[nodes.Node] = []
        for citation in sources:
            out += [
                nodes.Text(' ['),
                self.link(citation.url, citation.title or self.gettext(SOURCE)),
                nodes.Text(']'),
            ]
        return out

    def sources_list(self, sources: Sequence[Citation]) -> nodes.enumerated_list:
        listing = nodes.enumerated_list(
            enumtype='arabic', prefix='', suffix='.', classes=['bio-sources']
        )
        for citation in sources:
            item = nodes.list_item()
            item += nodes.paragraph('', '', self.link(citation.url, citation.title))
            listing += item
        return listing

    def lines(self, entries: Sequence[list[nodes.Node]]) -> list[nodes.Element]:
        """Nothing for no entry, one paragraph for one, a bullet list for several."""
        if not entries:
            return []
        if len(entries) == 1:
            return [nodes.paragraph('', '', *entries[0])]
        listing = nodes.bullet_list(classes=['bio-entries'])
        for entry in entries:
            listing += nodes.list_item('', nodes.paragraph('', '', *entry))
        return [listing]


#: Formatting that markup in the data may produce.  :func:`freeze_inline`
#: keeps it as data: nothing in Sphinx's later passes looks at it, apart from
#: smart quotes (see :mod:`.quotes`).  Links stay nodes: builders and
#: extensions look for them (EPUB's visible URLs, the link checker,
#: ``target="_blank"`` helpers).
FORMATTING = (
    nodes.emphasis,
    nodes.strong,
    nodes.literal,
    nodes.inline,
    nodes.subscript,
    nodes.superscript,
    nodes.title_reference,
    nodes.abbreviation,
)
_FREEZABLE = {cls.__name__: cls for cls in FORMATTING}
#: Attributes that tie a node to the document (ids, targets): such nodes stay nodes.
_DOCUMENT_BOUND = ('ids', 'names', 'dupnames', 'backrefs', 'refid', 'refname')

#: Inline markup as data: a text, or (node class name, attributes, children).
Frozen = tuple['str | tuple[str, dict[str, object], Frozen]', ...]


def freeze_inline(parsed: Sequence[nodes.Node]) -> Frozen | None:
    """*parsed* as plain tuples, or None if a node has to stay a node.

    Ten thousand events with a word in italics are ten thousand small node
    trees that every transform walks and the environment pickles; as data
    they cost one tuple each, and become nodes again only when written.
    """
    frozen: list[str | tuple[str, dict[str, object], Frozen]] = []
    for node in parsed:
        if isinstance(node, nodes.Text):
            frozen.append(str(node))
            continue
        name = type(node).__name__
        if _FREEZABLE.get(name) is not type(node) or any(node.get(key) for key in _DOCUMENT_BOUND):
            return None
        children = freeze_inline(node.children)
        if children is None:
            return None
        attributes = {key: value for key, value in node.attributes.items() if value}
        frozen.append((name, attributes, children))
    return tuple(frozen)


def thaw_inline(frozen: Frozen) -> list[nodes.Node]:
    """The nodes :func:`freeze_inline` was given, made anew."""
    made: list[nodes.Node] = []
    for item in frozen:
        if isinstance(item, str):
            made.append(nodes.Text(item))
        else:
            name, attributes, children = item
            made.append(_FREEZABLE[name]('', '', *thaw_inline(children), **attributes))
    return made


#: Inline nodes that markup in the data may produce.  Anything else (raw HTML,
#: images, downloads: things that emit markup or copy files) becomes its text.
SAFE_INLINE = (
    nodes.Text,
    *FORMATTING,
    nodes.reference,
    addnodes.pending_xref,
    addnodes.literal_emphasis,
    nodes.problematic,
    nodes.system_message,
)


def defuse(node: nodes.Node) -> nodes.Node:
    """*node*, or its text if it is unsafe; unsafe descendants become their text too."""
    if _unsafe(node):
        return nodes.Text(node.astext())
    for child in list(node.findall(include_self=False)):
        if _unsafe(child) and isinstance(child, nodes.Element) and child.parent is not None:
            child.replace_self(nodes.Text(child.astext()))
    return node


def _unsafe(node: nodes.Node) -> bool:
    if not isinstance(node, SAFE_INLINE) or isinstance(node, addnodes.download_reference):
        return True
    uri = node.get('refuri', '') if isinstance(node, nodes.reference) else ''
    has_scheme = ':' in uri.split('/')[0]
    return has_scheme and url_problem(uri) is not None


def paragraph(*children: nodes.Node, classes: Sequence[str] = ()) -> nodes.paragraph:
    return nodes.paragraph('', '', *children, classes=list(classes))


def short_url(url: str) -> str:
    """A readable link text for a bare URL: host and path, no scheme.

    Long paths keep only their last part ("github.com/…/CHANGES.rst"): a link
    text is one unbreakable word in print, so it has to fit on a line.
    """
    parts = urlsplit(url)
    if parts.scheme == 'mailto':
        return parts.path
    host, path = parts.netloc.removeprefix('www.'), unquote(parts.path).rstrip('/')
    if len(host + path) <= 40:
        return host + path
    last = path.rsplit('/', 1)[-1]
    last = last if len(last) <= 24 else last[:23] + '…'
    return f'{host}/…/{last}'
