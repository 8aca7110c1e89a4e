"""Pictures' nodes: the scene, its caption, its text alternative and its links.

The layout (``lifespan.py``) makes the scene and the rows; this renderer
wraps them in a :class:`~.nodes.picture` for every builder.  The links of
the scene are ``pending_xref`` nodes in a :class:`~.nodes.picture_links`,
resolved by Sphinx like every other reference (from the page the picture
is on, also where pages are joined); the writers only read the result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from . import nodes as bio
from .i18n import PICTURE_DATA, PICTURE_EVENTS
from .render import NodeFactory

if TYPE_CHECKING:
    from .lifespan import Chart, Row
    from .scene import LinkKey


def link_name(key: LinkKey) -> str:
    """How a picture's link to a record is named in its :class:`~.nodes.picture_links`."""
    return f'{key[0]}:{key[1]}'


class PictureRenderer(NodeFactory):
    """Makes picture nodes."""

    def lifespan(self, chart: Chart, caption: str, anchor: str) -> bio.picture:
        box = bio.picture(scene=chart.scene, parts=chart.parts, kind='lifespan', ids=[anchor],
                          classes=['bio-picture', 'bio-lifespan'])  # fmt: skip
        if caption:
            box += bio.picture_caption(caption, caption, classes=['bio-picture-caption'])
        alt = bio.picture_alt(label=self.gettext(PICTURE_DATA), classes=['bio-picture-alt'])
        items = nodes.bullet_list(classes=['bio-picture-rows'])
        item: nodes.list_item | None = None
        for row in chart.rows:
            line = nodes.paragraph('', '', *self._row(row))
            if row.indent and item is not None:  # a person's role or school: under them
                sublist = item[-1]
                if not isinstance(sublist, nodes.bullet_list):
                    sublist = nodes.bullet_list()
                    item += sublist
                sublist += nodes.list_item('', line)
            else:
                item = nodes.list_item('', line)
                items += item
        alt += items
        box += alt
        links = bio.picture_links()
        for key in chart.scene.links():
            links += nodes.inline('', '', self.xref(*key), bio_record=link_name(key))
        box += links
        return box

    def _row(self, row: Row) -> list[nodes.Node]:
        parts: list[nodes.Node] = [self.xref(*row.link, title=row.label)]
        if row.when is not None:
            parts += [nodes.Text(': '), self.date(row.when)]
        if row.events:
            parts.append(nodes.Text(f'; {self.gettext(PICTURE_EVENTS)}: '))
            parts += self.joined(
                [self.date(date), nodes.Text(' '), self.xref('event', key, title)]
                for key, date, title in row.events
            )
        return parts
