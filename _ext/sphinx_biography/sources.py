"""The list of every source the data cites."""

from __future__ import annotations

from urllib.parse import urlsplit

from docutils import nodes

from .i18n import CITED_FOR
from .render import NodeFactory, paragraph


class SourcesRenderer(NodeFactory):
    """Makes the ``sources`` directive's list."""

    def source_list(self) -> nodes.container:
        """Every cited source, grouped by site, each with the records it backs."""
        by_host: dict[str, list[nodes.list_item]] = {}
        for url, (title, citing) in sorted(self.dataset.citations().items()):
            host = urlsplit(url).netloc.removeprefix('www.') or urlsplit(url).scheme
            links = self.joined(self.xref(kind, key) for kind, key, _name in citing)
            item = nodes.list_item()
            # The full address, not a short form: on paper it is all there is.
            named = [nodes.emphasis(title, title), nodes.Text(', ')] if title else []
            item += paragraph(
                *named,
                nodes.reference(url, url, refuri=url, classes=['bio-link']),
                nodes.Text(f' — {self.gettext(CITED_FOR)}: '),
                *links,
            )
            by_host.setdefault(host, []).append(item)
        box = nodes.container(classes=['bio-source-list'])
        for host, items in sorted(by_host.items()):
            box += paragraph(nodes.strong(host, host), classes=['bio-source-host'])
            box += nodes.bullet_list('', *items, classes=['bio-sources'])
        return box
