"""The lineage graph's layout: projects as boxes, typed relations as arrows, in layers.

Each relation is an arrow from the project it names to the project whose
record names it: from Werkzeug to Flask, which uses it; from Jinja to
MiniJinja, a port of it.  So a project sits above those it led to, that
use it or that replaced, forked or ported it (for origins, predecessors
and models: the older above the newer), and the arrow's dash pattern says
which relation it is (the legend under the graph names the ones drawn).
People, when shown, are boxes of their own with a thin dotted arrow to
each project they made.

The layering, the order within each layer (crossing reduction) and the
routes of long arrows through the layers between are grandalf's Sugiyama
layout, a pure-Python library, so the graph needs no Graphviz.  The boxes
enter it oldest first, which is where its crossing reduction starts from.
Each connected part is laid out on its own and the parts are placed side
by side, the largest first; boxes with no arrow at all wrap into rows
below them.

Pure Python: no Sphinx, no docutils; the same data gives the same scene.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from grandalf.graphs import Edge, Vertex, graph_core
from grandalf.layouts import SugiyamaLayout
from grandalf.routing import route_with_lines

from .dates import N_, DateValue, display_text, identity, to_year
from .scene import Box, Path, Scene, Text, shorten, text_width

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .dates import Gettext
    from .model import LineageRecords, Person, Project
    from .scene import LinkKey, Shape

#: Labels of the graph (translated through the extension's catalogue).
TITLE = N_('Lineage graph')
DESCRIPTION = N_('Projects: {projects}; relations between them: {relations}. Each arrow runs '
                 'from the project a relation names to the project that names it.')  # fmt: skip
#: What an arrow from a person to a project means.
MADE = N_('made')
#: Each relation as a sentence says it: forward, in the text alternative
#: ("Flask: grew out of Denied"), and backward, as its arrow reads in the
#: legend ("led to").  Their own messages, as a language may not lowercase
#: the infobox's labels ("Abspaltungen" is a noun).
ARROW_LABELS: dict[str, tuple[str, str]] = {
    'lineage': (N_('grew out of'), N_('led to')),
    'depends_on': (N_('depends on'), N_('used by')),
    'replaces': (N_('replaces'), N_('replaced by')),
    'forked_from': (N_('forked from'), N_('forked as')),
    'inspired_by': (N_('inspired by'), N_('inspired')),
    'port_of': (N_('port of'), N_('ported as')),
}

# Geometry, in points.
NAME = 9.0
YEAR = 7.5
LEGEND = 7.5
PAD_X, PAD_Y = 6.0, 3.5
HEIGHT = round(PAD_Y * 2 + NAME + YEAR + 1.5, 2)
#: A person's box has one line.
PERSON_HEIGHT = round(PAD_Y * 2 + NAME + 2, 2)
MIN_WIDTH = 44.0
MAX_WIDTH = 120.0
#: Room between layers, between boxes of a layer, and between parts.
LAYER_GAP = 30.0
BOX_GAP = 12.0
PART_GAP = 24.0
#: Boxes with no arrow at all wrap into rows at least this wide.
MIN_ROW = 360.0
#: The text widths are Helvetica's; DejaVu Sans, the usual sans-serif face
#: on Linux, runs wider.
FONT_SLACK = 1.1
#: Sweeps of grandalf's crossing reduction (more seldom helped on graphs of
#: up to 100 projects).
SWEEPS = 4
#: The length of a legend's sample arrow, and the room around a legend entry.
SAMPLE = 24.0
LEGEND_ROW = 13.0

#: How each kind of arrow is drawn: its dash pattern; its style is ``edge-<kind>``.
DASHES: dict[str, str] = {
    'lineage': 'solid',
    'depends_on': 'dashed',
    'replaces': 'long',
    'forked_from': 'dashdot',
    'inspired_by': 'dotted',
    'port_of': 'dashdotdot',
    'author': 'dotted',
}


@dataclass(frozen=True, slots=True)
class Arrow:
    """One arrow of the graph: from the older record to the newer one."""

    kind: str
    older: LinkKey
    newer: LinkKey


@dataclass(frozen=True, slots=True)
class LineageGraph:
    """A laid-out graph: the scene to draw, and what it shows, for the text alternative."""

    scene: Scene
    records: LineageRecords


def arrows(records: LineageRecords) -> list[Arrow]:
    """The arrows of a graph: its relations, then who made what."""
    drawn = [
        Arrow(relation.kind, ('project', relation.target), ('project', relation.source))
        for relation in records.relations
        if relation.source != relation.target  # reported, never drawn
    ]
    drawn += [
        Arrow('author', ('person', person), ('project', project))
        for person, project in records.authorship
    ]
    return drawn


def lineage_graph(
    records: LineageRecords, *, gettext: Gettext = identity, title: str | None = None
) -> LineageGraph:
    """Lay out the graph of *records* (see ``Dataset.lineage_records``)."""
    texts: dict[LinkKey, tuple[str, str]] = {}
    for project in records.projects:
        texts['project', project.id] = (project.name, start_year(project, gettext))
    for person in records.people:
        texts['person', person.id] = (person.name, '')
    drawn = arrows(records)
    shown = {arrow.kind for arrow in drawn}
    meanings = {kind: backward for kind, (_forward, backward) in ARROW_LABELS.items()}
    meanings['author'] = MADE
    legend = [(kind, gettext(meanings[kind])) for kind in DASHES if kind in shown]
    description = gettext(DESCRIPTION).format(
        projects=len(records.projects), relations=len(records.relations)
    )
    scene = layout(texts, drawn, legend, title or gettext(TITLE), description, _order(records))
    return LineageGraph(scene, records)


def start_year(project: Project, gettext: Gettext = identity) -> str:
    """The year a project began, with its circa/uncertain marks; empty if not known."""
    start = project.start_date()
    return display_text(to_year(DateValue(start.start)), gettext) if start else ''


def _order(records: LineageRecords) -> list[LinkKey]:
    """The boxes oldest first (undated projects after, in data order), then the people."""

    def when(project: Project) -> dt.date:
        start = project.start_date()
        return start.earliest if start else dt.date.max

    projects = sorted(records.projects, key=when)  # stable: data order among equals
    people: Sequence[Person] = records.people
    return [('project', p.id) for p in projects] + [('person', p.id) for p in people]


class _View:
    """What grandalf reads and writes on a vertex or an edge: a size, a centre, a route."""

    def __init__(self, width: float = 0.0, height: float = 0.0) -> None:
        self.w, self.h = width, height
        self.xy: tuple[float, float] = (0.0, 0.0)
        self.points: list[tuple[float, float]] = []

    def setpath(self, points: list[Any]) -> None:
        self.points = [(float(x), float(y)) for x, y in points]


def layout(
    texts: dict[LinkKey, tuple[str, str]],
    drawn: Sequence[Arrow],
    legend: Sequence[tuple[str, str]],
    title: str,
    description: str,
    order: Sequence[LinkKey],
) -> Scene:
    """The scene: each box of *texts* (name, year line) and each arrow, then the legend."""
    vertices: dict[LinkKey, Any] = {}
    for key in order:
        vertex = vertices[key] = Vertex(key)
        height = HEIGHT if texts[key][1] or key[0] == 'project' else PERSON_HEIGHT
        vertex.view = _View(box_width(*texts[key]), height)
    edges = []
    for arrow in drawn:
        edge = Edge(vertices[arrow.older], vertices[arrow.newer], data=arrow)
        edge.view = _View()
        edges.append(edge)
    place = {id(arrow): n for n, arrow in enumerate(drawn)}
    rank = {key: n for n, key in enumerate(order)}
    shifts = _parallel_shifts(drawn)
    lines: list[Shape] = []
    boxes: list[Shape] = []
    left = bottom = 0.0
    parts = _components(list(vertices.values()), edges)
    for part in (part for part in parts if len(part.sV) > 1):
        sugiyama = SugiyamaLayout(part)
        sugiyama.xspace, sugiyama.yspace = BOX_GAP, LAYER_GAP
        sugiyama.route_edge = route_with_lines
        sugiyama.init_all(optimize=True)
        sugiyama.draw(SWEEPS)
        views = [vertex.view for vertex in part.sV]
        # Long arrows bend around the boxes between: the part spans them too.
        bends = [point for edge in part.sE for point in edge.view.points]
        x0 = min([view.xy[0] - view.w / 2 for view in views] + [x for x, _y in bends])
        x1 = max([view.xy[0] + view.w / 2 for view in views] + [x for x, _y in bends])
        y0 = min(view.xy[1] - view.h / 2 for view in views)
        y1 = max(view.xy[1] + view.h / 2 for view in views)
        dx, dy = left - x0, -y0
        for edge in sorted(part.sE, key=lambda edge: place[id(edge.data)]):
            arrow = edge.data
            points = _shifted(edge.view.points, shifts[id(arrow)], dx, dy)
            lines.append(Path(points, _style(arrow.kind), arrow=True, dash=DASHES[arrow.kind]))
        for vertex in part.sV:
            x, y = vertex.view.xy
            boxes += _box(vertex.data, x + dx, y + dy, vertex.view, texts[vertex.data])
        left += x1 - x0 + PART_GAP
        bottom = max(bottom, y1 - y0)
    width = max(left - PART_GAP, MIN_ROW)
    loose = [part.sV[0] for part in parts if len(part.sV) == 1]
    x, y = 0.0, bottom + LAYER_GAP if bottom else 0.0
    for vertex in sorted(loose, key=lambda vertex: rank[vertex.data]):
        view = vertex.view
        if x and x + view.w > width:
            x, y = 0.0, y + HEIGHT + BOX_GAP
        boxes += _box(vertex.data, x + view.w / 2, y + view.h / 2, view, texts[vertex.data])
        x += view.w + BOX_GAP
        bottom = y + HEIGHT
    keys, height = _legend(legend, bottom + (LAYER_GAP if order else 0.0), width)
    shapes = (*lines, *boxes, *keys)
    return Scene(round(width, 2), round(height, 2), title, description, shapes, kind='lineage')


#: The distance between two arrows joining the same two boxes.
PARALLEL = 3.5


def _parallel_shifts(drawn: Sequence[Arrow]) -> dict[int, float]:
    """How far each arrow moves aside so that arrows between the same boxes stay apart."""
    pairs: dict[frozenset[LinkKey], list[Arrow]] = {}
    for arrow in drawn:
        pairs.setdefault(frozenset((arrow.older, arrow.newer)), []).append(arrow)
    # A shift is across an arrow's own direction: an arrow that runs the
    # other way between the same boxes shifts the other way, to the same side.
    return {
        id(arrow): (n - (len(group) - 1) / 2) * PARALLEL * (1 if arrow.older < arrow.newer else -1)
        for group in pairs.values()
        for n, arrow in enumerate(group)
    }


def _shifted(
    points: Sequence[tuple[float, float]], shift: float, dx: float, dy: float
) -> tuple[tuple[float, float], ...]:
    """*points* moved by (dx, dy), and *shift* across the line from the first to the last."""
    (x0, y0), (x1, y1) = points[0], points[-1]
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    across_x, across_y = -(y1 - y0) / length * shift, (x1 - x0) / length * shift
    return tuple((round(x + dx + across_x, 2), round(y + dy + across_y, 2)) for x, y in points)


def _components(vertices: list[Any], edges: list[Any]) -> list[Any]:
    """The connected parts, largest first, each with its boxes and arrows in the order given.

    grandalf's own ``Graph`` gathers each part's edges in a set, whose order
    follows memory addresses: the same data would not always give the same
    layout.
    """
    part_of = {id(vertex): n for n, vertex in enumerate(vertices)}

    def root(n: int) -> int:
        while part_of[id(vertices[n])] != n:
            n = part_of[id(vertices[n])]
        return n

    for edge in edges:
        one, other = root(part_of[id(edge.v[0])]), root(part_of[id(edge.v[1])])
        if one != other:
            part_of[id(vertices[max(one, other)])] = min(one, other)
    members: dict[int, tuple[list[Any], list[Any]]] = {}
    for n, vertex in enumerate(vertices):
        members.setdefault(root(n), ([], []))[0].append(vertex)
    for edge in edges:
        members[root(part_of[id(edge.v[0])])][1].append(edge)
    parts = [
        graph_core(part_vertices, part_edges) for part_vertices, part_edges in members.values()
    ]
    return sorted(parts, key=lambda part: -len(part.sV))  # stable: first box's order among equals


def box_width(name: str, detail: str) -> float:
    """Room for the name in bold and the year line, in whole points, within bounds."""
    wanted = max(text_width(name, NAME, bold=True), text_width(detail, YEAR))
    return float(min(max(math.ceil(wanted * FONT_SLACK + 2 * PAD_X), MIN_WIDTH), MAX_WIDTH))


def _style(kind: str) -> str:
    return 'edge-' + kind.replace('_', '-')


def _box(key: LinkKey, cx: float, cy: float, view: _View, text: tuple[str, str]) -> list[Shape]:
    """A box with the record's name (shortened to fit; in full in the tooltip) and year."""
    name, detail = text
    kind = key[0]
    x, y = round(cx - view.w / 2, 2), round(cy - view.h / 2, 2)
    room = view.w - 2 * PAD_X
    tip = f'{name} ({detail})' if detail else name
    style = 'node' if kind == 'project' else 'node-person'
    rounded = 4.0 if kind == 'project' else round(view.h / 2, 2)
    shapes: list[Shape] = [Box(x, y, view.w, view.h, style, link=key, tip=tip, rounded=rounded)]
    cx = round(cx, 2)
    baseline = round(y + PAD_Y + NAME, 2) if detail else round(cy + NAME * 0.35, 2)
    shown = shorten(name, NAME, room, bold=True)
    shapes.append(Text(cx, baseline, shown, 'name', 'middle', NAME, link=key, tip=tip, bold=True))
    if detail:
        line = round(baseline + 1.5 + YEAR, 2)
        shapes.append(Text(cx, line, shorten(detail, YEAR, room), 'detail', 'middle', YEAR))
    return shapes


def _legend(
    entries: Sequence[tuple[str, str]], top: float, width: float
) -> tuple[list[Shape], float]:
    """A sample arrow and its meaning per kind drawn, in lines that wrap; and the height."""
    shapes: list[Shape] = []
    x, y = 0.0, top
    for kind, label in entries:
        room = SAMPLE + 4 + text_width(label, LEGEND) * FONT_SLACK + 12
        if x and x + room > width:
            x, y = 0.0, y + LEGEND_ROW
        middle = round(y + LEGEND_ROW / 2, 2)
        shapes.append(Path(((x, middle), (x + SAMPLE, middle)), _style(kind), arrow=True,
                           dash=DASHES[kind]))  # fmt: skip
        shapes.append(Text(round(x + SAMPLE + 4, 2), round(middle + LEGEND * 0.35, 2), label,
                           'legend', size=LEGEND))  # fmt: skip
        x = round(x + room, 2)
    return shapes, (y + LEGEND_ROW if entries else top)
