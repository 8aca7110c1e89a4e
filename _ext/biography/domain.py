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
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from .model import Dataset
from .nodes import WARNING_TYPE

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from docutils.nodes import Element
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

#: Object kinds and the prefix of their anchors and standard labels.
KINDS = ('person', 'project', 'event')

#: ``(docname, anchor, display name, weight)``: where one object is shown.
Occurrence = tuple[str, str, str, int]


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
        domain: BiographyDomain = env.domains['bio']  # type: ignore[assignment]
        record = domain.dataset.lookup(self.reftype, target)
        domain.note_use(env.current_document.docname, ('name', self.reftype, target))
        if record is None:
            logger.warning(
                'unknown %s id %r',
                self.reftype,
                target,
                location=refnode,
                type=WARNING_TYPE,
                subtype='reference',
            )
            refnode['classes'].append('bio-unknown')
        elif not has_explicit_title:
            title = getattr(record, 'name', None) or record.title
        return title, target


class BiographyDomain(Domain):
    """People, projects and events from the biography data files."""

    name = 'bio'
    label = 'Biography'
    object_types: ClassVar[dict[str, ObjType]] = {kind: ObjType(kind, kind) for kind in KINDS}
    roles: ClassVar[dict[str, Any]] = {kind: DataRole() for kind in KINDS}
    initial_data: ClassVar[dict[str, Any]] = {
        # (kind, id) -> {docname: Occurrence}
        'objects': {},
        # docname -> {use key: fingerprint}
        'uses': {},
        # standard labels this domain added, so they can be replaced
        'labels': set(),
    }
    #: Set by the extension at ``builder-inited``: the loaded data and "today".
    dataset: Dataset = Dataset()
    today: dt.date = dt.date.today()

    @property
    def objects(self) -> dict[tuple[str, str], dict[str, Occurrence]]:
        return self.data['objects']

    def note_object(self, kind: str, key: str, name: str, anchor: str, weight: int) -> None:
        """Record that the current page shows *kind* *key* at *anchor*."""
        docname = self.env.current_document.docname
        shown = self.objects.setdefault((kind, key), {})
        if docname not in shown or shown[docname][3] < weight:
            shown[docname] = (docname, anchor, name, weight)

    def note_use(self, docname: str, key: tuple[Any, ...]) -> None:
        """Record that *docname* shows data described by *key* (see fingerprint)."""
        self.data['uses'].setdefault(docname, {})[key] = self.dataset.fingerprint(key, self.today)

    def clear_doc(self, docname: str) -> None:
        for shown in self.objects.values():
            shown.pop(docname, None)
        self.data['uses'].pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for key, shown in otherdata['objects'].items():
            mine = self.objects.setdefault(key, {})
            mine.update({doc: occ for doc, occ in shown.items() if doc in docnames})
        for docname in docnames:
            if docname in otherdata['uses']:
                self.data['uses'][docname] = otherdata['uses'][docname]

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

    def home(self, kind: str, key: str, fromdocname: str | None = None) -> Occurrence | None:
        """Where links to an object go: this page if it shows it, else its main page.

        The main page is the indexed one; for an event shown in several
        indexed timelines, the one showing the most events (the full
        timeline rather than a filtered one), then the first by name.
        """
        shown = self.objects.get((kind, key))
        if not shown:
            return None
        if fromdocname in shown:
            return shown[fromdocname]
        return min(shown.values(), key=lambda occ: (-occ[3], occ[0]))

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
        home = self.home(typ, target, fromdocname)
        if home is None:
            return None  # known but shown nowhere: the name stays as plain text
        docname, anchor, name, _weight = home
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

    def homes(self) -> Iterator[tuple[str, str, Occurrence]]:
        """Every shown object with its main occurrence, in a stable order."""
        for kind, key in sorted(self.objects):
            home = self.home(kind, key)
            if home is not None:
                yield kind, key, home

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for kind, key, (docname, anchor, name, _weight) in self.homes():
            yield key, name, kind, docname, anchor, 1

    def check_duplicates(self) -> None:
        """Warn when a person or project has two indexed infoboxes."""
        for (kind, key), shown in sorted(self.objects.items()):
            indexed = sorted(occ[0] for occ in shown.values() if occ[3] > 0)
            if kind != 'event' and len(indexed) > 1:
                logger.warning(
                    'the %s %r has an indexed infobox in %s; use :no-index: on all but one',
                    kind,
                    key,
                    ', '.join(indexed),
                    location=indexed[1],
                    type=WARNING_TYPE,
                    subtype='duplicate',
                )

    def publish_labels(self) -> None:
        """Add every shown object to the standard domain as a label.

        Then ``:ref:`project-flask``` works here and, through intersphinx,
        from sites that do not load this extension.  Labels the user
        defined are never replaced.
        """
        std = self.env.domains.standard_domain
        ours: set[str] = self.data['labels']
        for label in ours:
            std.labels.pop(label, None)
            std.anonlabels.pop(label, None)
        ours.clear()
        for kind, key, (docname, anchor, name, _weight) in self.homes():
            label = label_name(kind, key)
            if label in std.anonlabels:
                continue
            std.labels[label] = (docname, anchor, name)
            std.anonlabels[label] = (docname, anchor)
            ours.add(label)
