"""The lifespan chart's layout: records in, a :class:`~.scene.Scene` and its rows out.

One row per project, from its start (``started``, else its first release,
else its first event) to its end (``ended``), open while it has none; per person a row for
their life (birth to death, open while alive) and one per employer and
school, from the record's periods.  Events are marks on the rows of the
projects and people they name.  A year axis runs along the top, a legend
along the bottom.  Circa and uncertain ends are drawn faint and dashed,
open ends fade out.  The same rows, as data, make the text alternative.

Pure Python: no Sphinx, no docutils; the same data gives the same scene.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .dates import N_, DateValue, Point, display_text, identity
from .scene import Box, Mark, Path, Scene, Shape, Text, shorten, text_width

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .dates import Gettext
    from .model import Dataset, Event, Person, Project
    from .scene import LinkKey

#: Labels of the chart (translated through the extension's catalogue).
TITLE = N_('Lifespan chart')
DESCRIPTION = N_('A time axis from {start} to {end}. Projects: {projects}; people: {people}; '
                 'events: {events}.')  # fmt: skip
LEGEND_PROJECT = N_('project, from its start to its end')
LEGEND_LIFE = N_('life')
LEGEND_SPAN = N_('role, employer or education')
LEGEND_FUZZY = N_('circa or uncertain date')
LEGEND_OPEN = N_('ongoing, no end date, or beyond the axis')
LEGEND_EVENT = N_('event')

# Geometry, in points.
WIDTH = 480.0
MARGIN = 4.0
FONT = 8.5
SMALL = 7.5
ROW = 14.0
BAR = 8.0
#: The widest a row label may be; longer ones are shortened with an ellipsis.
MAX_LABEL = 150.0
#: Room after the plot for an open end's fade and the last year label.
TAIL = 14.0
#: Year steps the axis may use, smallest first.
STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)
#: The width of the fade where the axis cuts a bar.
CUT = 9.0
#: The most rows a printed part of a chart has (a page's height at 9-point text).
PRINT_ROWS = 36
#: The opacity of the three steps of an open end.
FADE = (0.6, 0.35, 0.15)
#: The least room between two year labels.
TICK_ROOM = 34.0


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the chart, and of its text alternative."""

    label: str
    #: The record the row belongs to, and links to.
    link: LinkKey
    #: What the bar spans; None: no bar (a person whose birth is not known).
    when: DateValue | None
    #: ``bar`` (a project), ``life`` (a person) or ``span`` (a person's role, school).
    style: str
    #: The events marked on the row: id, date, title.
    events: tuple[tuple[str, DateValue, str], ...] = ()
    #: A sub-row (a role or school) of the person above it.
    indent: bool = False


@dataclass(frozen=True, slots=True)
class Chart:
    """A laid-out chart: the scene to draw, the rows to list."""

    scene: Scene
    rows: tuple[Row, ...]
    #: For print, a chart of many rows in parts of at most :data:`PRINT_ROWS`
    #: rows, each with the axis, the last with the legend; empty if one fits.
    parts: tuple[Scene, ...] = ()


def rows_of(
    projects: Sequence[Project], people: Sequence[Person], events: Sequence[Event]
) -> list[Row]:
    """The chart's rows, projects by their start, then each person with their spans."""
    on_project: dict[str, list[tuple[str, DateValue, str]]] = {}
    on_person: dict[str, list[tuple[str, DateValue, str]]] = {}
    for event in events:
        for key in event.projects:
            on_project.setdefault(key, []).append((event.id, event.date, event.title))
        for key in event.people:
            on_person.setdefault(key, []).append((event.id, event.date, event.title))
    project_rows = []
    for project in projects:
        marks = tuple(on_project.get(project.id, ()))
        begun = project.start_date()
        start: Point | None = begun.start if begun else None
        if start is None and marks:
            start = min((date.start for _id, date, _title in marks), key=lambda p: p.earliest)
        end = project.ended.end or project.ended.start if project.ended else None
        when = DateValue(start, end, is_period=True, text='') if start else None
        project_rows.append(Row(project.name, ('project', project.id), when, 'bar', marks))
    rows = sorted(project_rows, key=_row_order)
    for person in people:
        born = person.born.date if person.born else None
        died = person.died.date if person.died else None
        life: DateValue | None = None
        if born is not None:
            life = DateValue(born.start, died.start if died else None, is_period=True, text='')
        person_key = ('person', person.id)
        rows.append(Row(person.name, person_key, life, 'life', tuple(on_person.get(person.id, ()))))
        # Each role and school, by its label's parts and its period.
        periods = [((job.role, job.name), job.period) for job in person.employers]
        periods += [((school.degree, school.institution), school.period)
                    for school in person.education]  # fmt: skip
        spans = [Row(', '.join(filter(None, parts)), person_key, period, 'span', indent=True)
                 for parts, period in periods if period is not None]  # fmt: skip
        rows.extend(sorted(spans, key=_row_order))
    return rows


def _row_order(row: Row) -> tuple[dt.date, str]:
    return (row.when.earliest if row.when else dt.date.max, row.label)


def year_fraction(day: dt.date) -> float:
    """A date as a year with its fraction: 1 July 2010 is about 2010.5."""
    start = dt.date(day.year, 1, 1).toordinal()
    length = dt.date(day.year, 12, 31).toordinal() - start + 1
    return day.year + (day.toordinal() - start) / length


def _start_of(point: Point) -> float:
    return year_fraction(point.earliest)


def _end_of(point: Point) -> float:
    return year_fraction(point.latest) + 1 / 366


def _middle_of(point: Point) -> float:
    return (_start_of(point) + _end_of(point)) / 2


def _fuzzy(point: Point | None) -> bool:
    return point is not None and (point.approximate or point.uncertain)


def tick_step(years: float, room: float) -> int:
    """The smallest year step whose labels fit *room* points."""
    for step in STEPS:
        if years / step * TICK_ROOM <= room:
            return step
    return STEPS[-1]


def lifespan_chart(
    dataset: Dataset,
    *,
    people: Sequence[str] = (),
    projects: Sequence[str] = (),
    tags: Sequence[str] = (),
    since: DateValue | None = None,
    until: DateValue | None = None,
    today: dt.date,
    gettext: Gettext = identity,
    title: str | None = None,
) -> Chart:
    """Lay out the chart of the records these filters select (see ``Dataset.lifespan_records``)."""
    drawn_projects, drawn_people, events = dataset.lifespan_records(people, projects, tags)
    rows = rows_of(drawn_projects, drawn_people, events)
    now = today.year + 1.0  # open ends run to the end of the current year
    first = [_start_of(row.when.start) for row in rows if row.when]
    first += [_start_of(date.start) for row in rows for _id, date, _title in row.events]
    last = [_row_end(row, now) for row in rows if row.when]
    last += [_end_of(date.end or date.start) for row in rows for _id, date, _title in row.events]
    low = math.floor(min(first, default=today.year))
    high = math.ceil(max(last, default=low + 1))
    if since is not None:
        low = since.earliest.year
    if until is not None:
        high = until.latest.year + 1
    high = max(high, low + 1)
    rows = [row for row in rows if _row_within(row, low, high)]
    whole = _draw(rows, low, high, now, gettext, title, len(events))
    parts: list[Scene] = []
    if len(rows) > PRINT_ROWS:
        room = _label_room(rows)
        kinds = _drawn_kinds(whole.shapes)
        starts = range(0, len(rows), PRINT_ROWS)
        for number, first_row in enumerate(starts, 1):
            chunk = rows[first_row : first_row + PRINT_ROWS]
            legend = kinds if number == len(starts) else set()
            part_title = f'{whole.title} ({number}/{len(starts)})'
            parts.append(_draw(chunk, low, high, now, gettext, part_title, len(events),
                               room, legend))  # fmt: skip
    return Chart(whole, tuple(rows), tuple(parts))


def _row_end(row: Row, now: float) -> float:
    assert row.when is not None
    end = row.when.end if row.when.is_period else row.when.start
    return now if end is None else _end_of(end)


def _row_within(row: Row, low: float, high: float) -> bool:
    """Whether any of the row (bar or marks) is inside the axis."""
    spans = [
        (_start_of(date.start), _end_of(date.end or date.start)) for _i, date, _t in row.events
    ]
    if row.when:
        spans.append((_start_of(row.when.start), _row_end(row, math.inf)))
    return any(start < high and end > low for start, end in spans) or not spans


class _Canvas:
    """Shapes being collected, and the year-to-x mapping of the plot."""

    def __init__(self, low: int, high: int, left: float, right: float) -> None:
        self.low, self.high, self.left, self.right = low, high, left, right
        self.shapes: list[Shape] = []

    def x(self, year: float) -> float:
        year = min(max(year, self.low), self.high)
        return self.left + (year - self.low) / (self.high - self.low) * (self.right - self.left)

    def add(self, shape: Shape) -> None:
        self.shapes.append(shape)


def _draw(
    rows: Sequence[Row],
    low: int,
    high: int,
    now: float,
    gettext: Gettext,
    title: str | None,
    event_count: int,
    label_room: float | None = None,
    legend: set[str] | None = None,
) -> Scene:
    labels = [_label(row) for row in rows]
    left = MARGIN + (label_room if label_room is not None else _label_room(rows)) + 8
    canvas = _Canvas(low, high, left, WIDTH - MARGIN - TAIL)
    top = MARGIN + SMALL + 6
    bottom = top + 4 + ROW * len(rows)
    _axis(canvas, top, bottom)
    for index, (row, label) in enumerate(zip(rows, labels, strict=True)):
        _row(canvas, row, label, top + 4 + index * ROW, now, gettext)
    kinds = _drawn_kinds(canvas.shapes) if legend is None else legend
    height = _legend(canvas, bottom + 10, gettext, kinds) if kinds else bottom + MARGIN
    description = gettext(DESCRIPTION).format(
        projects=sum(row.style == 'bar' for row in rows),
        people=sum(row.style == 'life' for row in rows),
        events=event_count,
        start=low,
        end=high - 1,
    )
    return Scene(WIDTH, height, title or gettext(TITLE), description, tuple(canvas.shapes),
                 kind='lifespan')  # fmt: skip


def _label(row: Row) -> str:
    """A row's name, shortened to fit the label column."""
    return shorten(row.label, FONT, MAX_LABEL - 8 * row.indent, bold=not row.indent)


def _label_room(rows: Sequence[Row]) -> float:
    """The width of the label column: the widest (shortened) name."""
    widths = [text_width(_label(row), FONT, bold=not row.indent) + 8 * row.indent for row in rows]
    return max(widths, default=40.0)


def _axis(canvas: _Canvas, top: float, bottom: float) -> None:
    step = tick_step(canvas.high - canvas.low, canvas.right - canvas.left)
    year = math.ceil(canvas.low / step) * step
    while year <= canvas.high:
        x = canvas.x(year)
        canvas.add(Path(((x, top), (x, bottom)), 'grid'))
        canvas.add(Text(x, top - 4, str(year), 'tick', anchor='middle', size=SMALL))
        year += step
    canvas.add(Path(((canvas.left, top), (canvas.right, top)), 'axis'))


def _row(canvas: _Canvas, row: Row, label: str, y: float, now: float, gettext: Gettext) -> None:
    middle = y + ROW / 2
    tip = row.label
    if row.when is not None:
        tip = f'{row.label}: {display_text(row.when, gettext)}'
    canvas.add(Text(MARGIN + 8 * row.indent, middle + FONT * 0.35, label, 'label',
                    link=row.link, tip=tip, bold=not row.indent))  # fmt: skip
    if row.when is not None:
        _bar(canvas, row, middle, now, tip)
    for event_id, date, title in row.events:
        x = canvas.x(_middle_of(date.start))
        if canvas.low <= _middle_of(date.start) <= canvas.high:
            when = display_text(date, gettext)
            canvas.add(Mark(x, middle, 2.6, 'event', link=('event', event_id),
                            tip=f'{when}: {title}'))  # fmt: skip


def _bar(canvas: _Canvas, row: Row, middle: float, now: float, tip: str) -> None:
    assert row.when is not None
    start = row.when.start
    end = row.when.end if row.when.is_period else row.when.start
    x0 = canvas.x(_start_of(start))
    x1 = canvas.x(now if end is None else _end_of(end))
    y, link = middle - BAR / 2, row.link
    fuzzy_start = _fuzzy(start) and _start_of(start) >= canvas.low
    fuzzy_end = _fuzzy(end) and end is not None and _end_of(end) <= canvas.high
    fade = 8.0  # width of a circa or uncertain end
    # A bar the axis cuts fades in (or out) where it is cut: it goes on.
    cut_start = _start_of(start) < canvas.low
    cut_end = (now if end is None else _end_of(end)) > canvas.high
    solid0 = x0 + fade * fuzzy_start + CUT * cut_start
    solid1 = x1 - fade * fuzzy_end - CUT * cut_end
    if cut_start and solid1 - solid0 >= 1:
        for step, opacity in enumerate(reversed(FADE)):
            canvas.add(Box(x0 + 3 * step, y, 3, BAR, row.style, link, tip, opacity=opacity))
    if solid1 - solid0 < 1:  # too short for solid and faint parts: all faint
        canvas.add(Box(x0, y, max(x1 - x0, 1.5), BAR, row.style, link, tip, opacity=0.45,
                       dash='dashed'))  # fmt: skip
    else:
        if fuzzy_start:
            canvas.add(Box(x0, y, fade, BAR, row.style, link, tip, opacity=0.45, dash='dashed'))
        canvas.add(Box(solid0, y, solid1 - solid0, BAR, row.style, link, tip))
        if fuzzy_end:
            canvas.add(Box(solid1, y, fade, BAR, row.style, link, tip, opacity=0.45,
                           dash='dashed'))  # fmt: skip
    if cut_end and solid1 - solid0 >= 1:
        _open_end(canvas, solid1, y, row.style, link, tip)
    elif end is None and now <= canvas.high:
        _open_end(canvas, x1, y, row.style, link, tip)


def _open_end(
    canvas: _Canvas, x: float, y: float, style: str, link: LinkKey | None, tip: str | None
) -> None:
    """An open end: the bar fades out in three steps."""
    for step, opacity in enumerate(FADE):
        canvas.add(Box(x + 3 * step, y, 3, BAR, style, link, tip, opacity=opacity))


def _drawn_kinds(shapes: Sequence[Shape]) -> set[str]:
    """What the legend explains: the kinds of bar and end, and marks, the chart has."""
    kinds = {shape.style for shape in shapes if isinstance(shape, Box | Mark)}
    if any(isinstance(shape, Box) and shape.dash == 'dashed' for shape in shapes):
        kinds.add('fuzzy')
    if any(isinstance(shape, Box) and shape.opacity == FADE[-1] for shape in shapes):
        kinds.add('open')
    return kinds


def _legend(canvas: _Canvas, y: float, gettext: Gettext, kinds: set[str]) -> float:
    """The legend of what is drawn, in lines that wrap; returns the scene's height."""
    entries = [
        ('bar', gettext(LEGEND_PROJECT)),
        ('life', gettext(LEGEND_LIFE)),
        ('span', gettext(LEGEND_SPAN)),
        ('fuzzy', gettext(LEGEND_FUZZY)),
        ('open', gettext(LEGEND_OPEN)),
        ('event', gettext(LEGEND_EVENT)),
    ]
    x = MARGIN
    for kind, label in entries:
        if kind not in kinds:
            continue
        width = 22 + text_width(label, SMALL) + 12
        if x + width > WIDTH - MARGIN and x > MARGIN:
            x, y = MARGIN, y + ROW
        middle = y + ROW / 2
        swatch_y = middle - BAR / 2
        if kind == 'fuzzy':
            canvas.add(Box(x, swatch_y, 8, BAR, 'span', opacity=0.45, dash='dashed'))
            canvas.add(Box(x + 8, swatch_y, 10, BAR, 'span'))
        elif kind == 'open':
            canvas.add(Box(x, swatch_y, 9, BAR, 'span'))
            _open_end(canvas, x + 9, swatch_y, 'span', None, None)
        elif kind == 'event':
            canvas.add(Mark(x + 9, middle, 2.6, 'event'))
        else:
            canvas.add(Box(x, swatch_y, 18, BAR, kind))
        canvas.add(Text(x + 22, middle + SMALL * 0.35, label, 'legend', size=SMALL))
        x += width
    return y + ROW + MARGIN
