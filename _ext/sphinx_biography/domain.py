"""The ``bio`` domain: where people, projects and events are shown, and links to them.

The domain records, per page, every infobox and timeline entry (so links
resolve and ``objects.inv`` lists them) and the fingerprints of the data
each page used (so an edit to the data file re-reads only the pages whose
output it changes).  Both are keyed by docname, which keeps parallel reads
honest: :meth:`merge_domaindata` and :meth:`clear_doc` see all of it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from . import _compat
from .model import COLLECTION_OF, PICTURE_KEYS, Dataset, close_match_hint, display_name
from .warnings import warn

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from docutils.nodes import Element
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


#: Object kinds and the prefix of their anchors and standard labels.
KINDS = ('person', 'project', 'event')

#: ``(docname, anchor, display name, weight)``: where one object is shown.
Occurrence = tuple[str, str, str, int]


def configured_data_files(config: Config) -> list[str]:
    """``biography_data`` as a list: one path may be given as a string."""
    configured = config.biography_data
    return [configured] if isinstance(configured, str) else list(configured)


def label_name(kind: str, key: str) -> str:
    """The anchor and standard label of an object, e.g. ``project-flask``."""
    return f'{kind}-{key}'


class DataRole(XRefRole):
    """``{person}``, ``{project}``, ``{event}``: the link text is the object's name."""

    def __init__(self) -> None:
        super().__init__(innernodeclass=nodes.inline, warn_dangling=False)

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        if ':' not in self.name:  # the short names stand for bio:person, ...
            self.name = f'bio:{self.name}'
        return super().run()

    def process_link(
        self,
        env: BuildEnvironment,
        refnode: Element,
        has_explicit_title: bool,
        title: str,
        target: str,
    ) -> tuple[str, str]:
        domain = get_domain(env)
        record = domain.dataset.lookup(self.reftype, target)
        domain.note_use(env.docname, ('name', self.reftype, target))
        if record is None:
            # Another project's inventory may know the id (intersphinx):
            # only a reference that resolves nowhere is reported, by
            # BiographyDomain.report_unresolved, unless the id may be in
            # a data file that could not be read.
            refnode['refwarn'] = not domain.unreported_reference(
                self.reftype, target, self.get_location()
            )
        elif not has_explicit_title:
            title = display_name(record)
        return title, target


class BiographyDomain(Domain):
    """People, projects and events from the biography data files."""

    name = 'bio'
    label = 'Biography'
    object_types: ClassVar[dict[str, ObjType]] = {kind: ObjType(kind, kind) for kind in KINDS}
    roles: ClassVar[dict[str, Any]] = {kind: DataRole() for kind in KINDS}
    initial_data: ClassVar[dict[str, Any]] = {
        # docname -> {(kind, id): Occurrence}: what each page shows
        'shown': {},
        # docname -> {use key: fingerprint}: what each page's output depends on
        'uses': {},
        # standard label -> the value this domain published for it
        'labels': {},
        # docname -> references to unknown ids not reported one by one,
        # while a data file could not be read (see Dataset.unreadable)
        'unreported': {},
    }
    #: Set by the extension at ``builder-inited``: the loaded data and "today".
    dataset: Dataset = Dataset()
    today: dt.date = dt.date.today()
    #: Set at ``builder-inited``: how HTML shows project cards ('sphinx-design', 'own', 'list').
    card_layout: str = 'list'
    # Worked out from ``shown`` when first needed, and forgotten when it changes.
    _by_object: dict[tuple[str, str], list[Occurrence]] | None = None
    _targets: list[tuple[str, str, Occurrence]] | None = None

    @property
    def shown(self) -> dict[str, dict[tuple[str, str], Occurrence]]:
        shown: dict[str, dict[tuple[str, str], Occurrence]] = self.data['shown']
        return shown

    def note_object(self, kind: str, key: str, name: str, anchor: str, weight: int) -> None:
        """Record that the current page shows *kind* *key* at *anchor*.

        *weight* 0 means ``:no-index:``: links from this page may go there,
        links from elsewhere may not.
        """
        docname = self.env.docname
        on_page = self.shown.setdefault(docname, {})
        if (kind, key) not in on_page or on_page[kind, key][3] < weight:
            on_page[kind, key] = (docname, anchor, name, weight)
        self._shown_changed()

    def _shown_changed(self) -> None:
        self._by_object = self._targets = None

    def note_use(self, docname: str, key: tuple[Any, ...]) -> None:
        """Record that *docname* shows data described by *key* (see fingerprint)."""
        self.data['uses'].setdefault(docname, {})[key] = self.dataset.fingerprint(key, self.today)

    def has_pictures(self) -> bool:
        """Whether some page draws a picture (LaTeX then needs TikZ)."""
        return any(key[0] in PICTURE_KEYS for uses in self.data['uses'].values() for key in uses)

    def unknown_id(self, kind: str, key: str, location: Any, known: Iterable[str] = ()) -> None:
        """Report a page's reference to an id that no data file defines.

        While a data file could not be read, the id may be in it: the
        reference is counted for one summary (see :meth:`report_unreadable`)
        instead of adding to a flood of warnings that bury the real one.
        """
        if self.unreported_reference(kind, key, location):
            return
        hint = close_match_hint(key, known or self.dataset.collection(COLLECTION_OF[kind]))
        warn(f'unknown {kind} id {key!r}: no data file defines it ({self.data_files()}){hint}',
             'reference', location)  # fmt: skip

    def unreported_reference(self, kind: str, key: str, location: str) -> bool:
        """Keep a reference to an unknown id for the summary, if a data file could not be read.

        An id close to one the readable files define is a typo all the same,
        and is reported at once.
        """
        known = self.dataset.collection(COLLECTION_OF[kind])
        if not self.dataset.unreadable or close_match_hint(key, known):
            return False
        self.data['unreported'].setdefault(self.env.docname, []).append((kind, key, location))
        self.note_held_back()
        return True

    def note_held_back(self) -> None:
        """The current page held a warning back: read it again once every file reads."""
        self.note_use(self.env.docname, ('unreadable',))

    def report_unresolved(self, node: Element) -> None:
        """A reference to an unknown id that no other project's inventory resolved either.

        *node* is what the reference became (see ``plain_name_or_unknown``).
        """
        kind, key = node['reftype'], node['reftarget']
        mapping = getattr(self.env.config, 'intersphinx_mapping', None)
        if mapping is None:
            elsewhere = 'intersphinx is not loaded'
        elif mapping:
            elsewhere = f'nor does an intersphinx inventory ({", ".join(sorted(mapping))})'
        else:
            elsewhere = 'intersphinx_mapping is empty'
        # A reference in a data text names the field and the page (see parse_markup).
        field, page = node.get('bio_text', ('', ''))
        hint = close_match_hint(key, self.dataset.collection(COLLECTION_OF[kind]))
        warn(
            f'{field}: '
            * bool(field)
            + f'unknown {kind} id {key!r}: no data file defines it ({self.data_files()}), '
            f'{elsewhere}{hint}' + f' (shown on {page})' * bool(page),
            'reference',
            node,
        )

    def report_unreadable(self) -> None:
        """One warning for every reference not reported while a data file was unreadable."""
        on_pages = [ref for _docname, refs in sorted(self.data['unreported'].items())
                    for ref in refs]  # fmt: skip
        in_data = self.dataset.unreported_references
        if not self.dataset.unreadable or not on_pages + in_data:
            return
        files = ', '.join(self.dataset.unreadable)
        where = ', '.join(part for part in (
            f'{len(in_data)} in the data' if in_data else '',
            f'{len(on_pages)} on {len(self.data["unreported"])} page(s)' if on_pages else '',
        ) if part)  # fmt: skip
        first_seen: dict[tuple[str, str], str] = {}
        for kind, key, location in in_data + on_pages:
            first_seen.setdefault((kind, key), location)
        examples = [f'{kind} {key!r} ({location})' for (kind, key), location in first_seen.items()]
        shown = ', '.join(examples[:5]) + (
            f' and {len(examples) - 5} more' if len(examples) > 5 else ''
        )
        warn(
            f'{len(on_pages) + len(in_data)} reference(s) to ids that no readable data file '
            f'defines ({where}) are not reported one by one: they may be to records of {files}, '
            f'which could not be read: {shown}',
            'reference',
            f'{self.dataset.unreadable[0]}:1',
        )

    def data_files(self) -> str:
        """The configured data files, for messages."""
        names = configured_data_files(self.env.config)
        return ', '.join(names) if names else 'biography_data is empty'

    def clear_doc(self, docname: str) -> None:
        self.shown.pop(docname, None)
        self.data['uses'].pop(docname, None)
        self.data['unreported'].pop(docname, None)
        self._shown_changed()

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            for name in ('shown', 'uses', 'unreported'):
                if docname in otherdata[name]:
                    self.data[name][docname] = otherdata[name][docname]
        self._shown_changed()

    def stale_docs(self) -> set[str]:
        """Pages whose data changed since they were read."""
        cache: dict[tuple[Any, ...], str] = {}
        stale = set()
        for docname, uses in self.data['uses'].items():
            for key, old in uses.items():
                if key not in cache:
                    cache[key] = self.dataset.fingerprint(key, self.today)
                if cache[key] != old:
                    stale.add(docname)
                    break
        return stale

    def link_target(self, kind: str, key: str, fromdocname: str | None = None) -> Occurrence | None:
        """Where links to an object go: this page if it shows it, else its main page.

        The main page is an indexed one; for an event in several indexed
        timelines, the one showing the most events (the full timeline rather
        than a filtered one), then the first by name.
        """
        if fromdocname is not None and (kind, key) in self.shown.get(fromdocname, {}):
            return self.shown[fromdocname][kind, key]
        if self._by_object is None:
            self._by_object = {}
            for on_page in self.shown.values():
                for obj, occurrence in on_page.items():
                    if occurrence[3] > 0:
                        self._by_object.setdefault(obj, []).append(occurrence)
        indexed = self._by_object.get((kind, key))
        return min(indexed, key=lambda occ: (-occ[3], occ[0])) if indexed else None

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        found = self.link_target(typ, target, fromdocname)
        if found is None:
            return None  # shown nowhere (indexed): the name stays plain text
        docname, anchor, name, _weight = found
        if not _compat.page_uri(builder, fromdocname, docname):  # one file (singlehtml too)
            docname = fromdocname
        return make_refnode(builder, fromdocname, docname, anchor, contnode, name)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        results = []
        for kind in KINDS:
            ref = self.resolve_xref(env, fromdocname, builder, kind, target, node, contnode)
            if ref is not None:
                results.append((f'bio:{kind}', ref))
        return results

    def targets(self) -> list[tuple[str, str, Occurrence]]:
        """Every object with an indexed occurrence and its main one, in a stable order.

        Asked for three times a build (labels, inventory, search index).
        """
        if self._targets is None:
            objects = {obj for on_page in self.shown.values() for obj in on_page}
            found = ((kind, key, self.link_target(kind, key)) for kind, key in sorted(objects))
            self._targets = [(kind, key, target) for kind, key, target in found if target]
        return self._targets

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for kind, key, (docname, anchor, name, _weight) in self.targets():
            yield key, name, kind, docname, anchor, 1

    def check_duplicates(self) -> None:
        """Warn when a person or project has two indexed infoboxes."""
        pages: dict[tuple[str, str], list[str]] = {}
        for docname, on_page in sorted(self.shown.items()):
            for (kind, key), occurrence in on_page.items():
                if kind != 'event' and occurrence[3] > 0:
                    pages.setdefault((kind, key), []).append(docname)
        for (kind, key), docnames in sorted(pages.items()):
            if len(docnames) > 1:
                warn(f'the {kind} {key!r} has an indexed infobox in {", ".join(docnames)}; '
                     'use :no-index: on all but one', 'duplicate', docnames[1])  # fmt: skip

    def withdraw_labels(self) -> None:
        """Take back the labels published last build, before pages define theirs.

        A label the user added since then must not meet ours as a duplicate;
        a label whose value changed meanwhile is no longer ours to remove.
        """
        _compat.remove_standard_labels(self.env, self.data['labels'])
        self.data['labels'] = {}

    def publish_labels(self) -> None:
        """Add every indexed object to the standard domain as a label.

        Then ``:ref:`project-flask``` works here and, through intersphinx,
        from sites that do not load this extension.  Labels the user
        defined win.
        """
        labels = {label_name(kind, key): (docname, anchor, name)
                  for kind, key, (docname, anchor, name, _weight) in self.targets()}  # fmt: skip
        _compat.add_standard_labels(self.env, labels)
        self.data['labels'] = labels  # the same tuples: pickled once with the environment


def get_domain(env: BuildEnvironment) -> BiographyDomain:
    """The ``bio`` domain of *env*: the loaded data and what each page shows."""
    domain = env.get_domain(BiographyDomain.name)
    assert isinstance(domain, BiographyDomain)
    return domain
