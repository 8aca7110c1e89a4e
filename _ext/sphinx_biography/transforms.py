"""Post-transforms: what happens to the doctree between reading and writing.

Sphinx runs these on each page for the builder at hand (LaTeX and Texinfo:
on the tree that joins all pages) before its writer sees it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from . import _compat
from . import nodes as bio_nodes
from .domain import get_domain
from .i18n import gettext
from .quotes import quote_style
from .render import NodeFactory
from .timeline import TimelineRenderer, linked_records, record_link_key

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.environment import BuildEnvironment

    from .model import Dataset, Event


def writes_entries_directly(env: BuildEnvironment) -> bool:
    """Whether the builder writes compact timeline entries itself (``html.py``).

    HTML builders do, except EPUB: its builder adds link addresses to the
    text (``epub_show_urls``) from the reference nodes in the doctree, so it
    gets expanded entries like every other format.
    """
    builder = _compat.builder_class(env)
    return builder.format == 'html' and not _compat.is_epub(builder)


class ExpandTimelineEntries(SphinxPostTransform):
    """Give compact timeline entries their full content, before links resolve.

    Builders that write compact entries themselves get :class:`PrepareCompactEntries`
    instead.
    """

    default_priority = 5  # before ReferencesResolver (10) resolves the new links

    def is_supported(self) -> bool:
        return not writes_entries_directly(self.env)

    def run(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        factory = TimelineRenderer(
            domain.dataset,
            gettext,
            lambda text, _origin: [nodes.Text(text)],
            domain.today,
            (str(self.env.doc2path(self.env.docname)), 0),
            self.env.docname,
            quote_style(self.env),
        )
        for timeline_index in list(self.document.findall(addnodes.index)):
            if timeline_index.get('bio_timeline'):  # the entries carry their own now
                timeline_index.parent.remove(timeline_index)
        for timeline, docname in timelines_by_page(self.document, self.env.docname):
            factory.docname = docname
            for entry in timeline.findall(bio_nodes.timeline_entry):
                event = domain.dataset.events.get(entry['event'])
                if event is not None:  # a page is re-read whenever its events change
                    factory.expand_entry(entry, event)


def timelines_by_page(
    document: nodes.document, docname: str
) -> Iterator[tuple[bio_nodes.timeline, str]]:
    """Every timeline, with the page it was read from.

    LaTeX and Texinfo join all pages into one tree, each page under a
    ``start_of_file`` node, and resolve its links from the root page.  The
    joined pages' nodes keep their old parents, so the tree is walked down.
    """
    stack: list[tuple[nodes.Node, str]] = [(document, docname)]
    while stack:
        node, page = stack.pop()
        if isinstance(node, bio_nodes.timeline):
            yield node, page
            continue
        if isinstance(node, addnodes.start_of_file):
            page = node['docname']
        if isinstance(node, nodes.Element):
            stack.extend((child, page) for child in reversed(node.children))


class ReportUnknownIds(SphinxPostTransform):
    """Report references to unknown ids that nothing resolved, intersphinx included.

    ``plain_name_or_unknown`` marked them; a reference another site's
    inventory resolved never reaches the page, so it is not reported.
    """

    default_priority = 11  # just after ReferencesResolver (10)

    def run(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        for node in list(self.document.findall(nodes.inline)):
            if node.get('bio_unknown'):
                if node.get('refwarn'):
                    domain.report_unresolved(node)
                for name in ('bio_unknown', 'reftype', 'reftarget', 'refwarn', 'bio_text'):
                    node.attributes.pop(name, None)


class PrepareCompactEntries(SphinxPostTransform):
    """What the HTML writer needs to write compact entries: their words and their links.

    Each timeline gets the words of its entries, in one node for the
    search index (a node per entry would be two nodes more per event for
    every later transform and the writer to walk).  The page gets one
    :class:`.link_targets` node with a reference to each person and project
    its entries link to, for Sphinx to resolve like any other reference:
    the writer resolves nothing itself.
    """

    default_priority = 5  # before ReferencesResolver (10) resolves the links

    def is_supported(self) -> bool:
        return writes_entries_directly(self.env)

    def run(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        dataset = domain.dataset
        # By page: singlehtml joins pages, and a link starts from the entry's own.
        events_by_page: dict[str, list[Event]] = {}
        for timeline, page in timelines_by_page(self.document, self.env.docname):
            words = []
            for entry in timeline.findall(bio_nodes.timeline_entry):
                event = dataset.events.get(entry['event'])
                if event is not None:
                    words.append(search_words(dataset, event))
                    entry['bio_page'] = page
                    events_by_page.setdefault(page, []).append(event)
            if words:
                timeline += bio_nodes.search_text('', '\n'.join(words))
        factory = NodeFactory(dataset, gettext, lambda text, _origin: [nodes.Text(text)],
                              domain.today, (str(self.env.doc2path(self.env.docname)), 0),
                              self.env.docname)  # fmt: skip
        targets = bio_nodes.link_targets()
        for page, events in sorted(events_by_page.items()):
            factory.docname = page
            for kind, key in sorted(linked_records(events)):
                targets += nodes.inline('', '', factory.xref(kind, key),
                                        bio_record=record_link_key(page, kind, key))  # fmt: skip
        if len(targets):
            self.document += targets


def search_words(dataset: Dataset, event: Event) -> str:
    """What a reader may search for: the title, plain texts and linked names."""
    names = [dataset.name_of('project', key) or key for key in event.projects]
    names += [dataset.name_of('person', key) or key for key in event.people]
    return ' '.join(filter(None, [event.title, event.summary, event.note, *names]))


class MarkInfoboxSections(SphinxPostTransform):
    """Give a section with an infobox the class ``bio-with-infobox``.

    The stylesheet makes such a section contain its floating infobox, so
    the next section starts below it.  (CSS ``:has()`` could say this
    without the class, but EPUB checkers and older readers reject it.)
    """

    default_priority = 400
    formats = ('html',)

    def run(self, **kwargs: Any) -> None:
        for box in self.document.findall(bio_nodes.infobox):
            if isinstance(box.parent, nodes.section):
                box.parent['classes'].append('bio-with-infobox')


class ShowUrlsInText(SphinxPostTransform):
    """Plain text has no links, so a source or link shows its address after its title."""

    default_priority = 400
    formats = ('text',)

    def run(self, **kwargs: Any) -> None:
        for ref in self.document.findall(nodes.reference):
            url = ref.get('refuri', '')
            if 'bio-link' in ref['classes'] and url and ref.astext() != url:
                ref.parent.insert(ref.parent.index(ref) + 1, nodes.Text(f' <{url}>'))
