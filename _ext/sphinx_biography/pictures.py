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
from .lineage import ARROW_LABELS, MADE, start_year
from .render import NodeFactory

if TYPE_CHECKING:
    from .lifespan import Chart, Row
    from .lineage import LineageGraph
    from .model import Project
    from .scene import LinkKey, Scene


def link_name(key: LinkKey) -> str:
    """How a picture's link to a record is named in its :class:`~.nodes.picture_links`."""
    return f'{key[0]}:{key[1]}'


class PictureRenderer(NodeFactory):
    """Makes picture nodes."""

    def picture(self, scene: Scene, kind: str, caption: str, anchor: str) -> bio.picture:
        """The picture node with its caption; the text alternative and links come next."""
        box = bio.picture(scene=scene, parts=(), kind=kind, ids=[anchor],
                          classes=['bio-picture', f'bio-{kind}'])  # fmt: skip
        if caption:
            box += bio.picture_caption(caption, caption, classes=['bio-picture-caption'])
        return box

    def alternative(self, items: nodes.bullet_list) -> bio.picture_alt:
        alt = bio.picture_alt(label=self.gettext(PICTURE_DATA), classes=['bio-picture-alt'])
        alt += items
        return alt

    def links(self, scene: Scene) -> bio.picture_links:
        """A reference per record the scene links to, for Sphinx to resolve."""
        links = bio.picture_links()
        for key in scene.links():
            links += nodes.inline('', '', self.xref(*key), bio_record=link_name(key))
        return links

    def lineage(self, graph: LineageGraph, caption: str, anchor: str) -> bio.picture:
        """The graph; as text, each project with its relations, each person with their projects."""
        box = self.picture(graph.scene, 'lineage', caption, anchor)
        records = graph.records
        items = nodes.bullet_list(classes=['bio-picture-rows'])
        for project in records.projects:
            relations = self._project_line(project, graph)
            items += nodes.list_item('', nodes.paragraph('', '', *relations))
        made: dict[str, list[str]] = {}
        for maker, project_id in records.authorship:
            made.setdefault(maker, []).append(project_id)
        for person in records.people:
            line: list[nodes.Node] = [self.xref('person', person.id, title=person.name)]
            line += [nodes.Text(f': {self.gettext(MADE)} ')]
            line += self.joined([self.xref('project', key)] for key in made.get(person.id, ()))
            items += nodes.list_item('', nodes.paragraph('', '', *line))
        box += self.alternative(items)
        box += self.links(graph.scene)
        return box

    def _project_line(self, project: Project, graph: LineageGraph) -> list[nodes.Node]:
        """ "Flask (2010): grew out of Denied; depends on ItsDangerous (since 0.10)"."""
        line: list[nodes.Node] = [self.xref('project', project.id, title=project.name)]
        year = start_year(project, self.gettext)
        if year:
            line.append(nodes.Text(f' ({year})'))
        groups = []
        for kind, (label, _legend) in ARROW_LABELS.items():
            named = [r for r in graph.records.relations
                     if r.kind == kind and r.source == project.id]  # fmt: skip
            if named:
                links = self.joined([self.xref('project', r.target), *self.since(r)] for r in named)
                groups.append([nodes.Text(f'{self.gettext(label)} '), *links])
        for number, group in enumerate(groups):
            line.append(nodes.Text('; ' if number else ': '))
            line += group
        return line

    def lifespan(self, chart: Chart, caption: str, anchor: str) -> bio.picture:
        box = self.picture(chart.scene, 'lifespan', caption, anchor)
        box['parts'] = chart.parts
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
        box += self.alternative(items)
        box += self.links(chart.scene)
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
