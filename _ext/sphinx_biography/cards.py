"""Project cards: a list of projects, each with its name, start year and summary.

A card has three parts (:data:`CARD_PARTS`): the name, linked where the
``project`` role links it; the year it began (``started``, else its first
release), as the infobox dates it but to the year; and the summary, data markup rendered as the
infobox renders it.  The directive builds them as a bullet list, so every
builder prints a plain list; the HTML writer lays the same list out as
cards (see :mod:`.html`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from . import nodes as bio
from .dates import to_year
from .model import display_name
from .render import NodeFactory, paragraph

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from .dates import DateValue
    from .model import Project

#: What a card may show besides the name, as ``:fields:`` names them (the infobox's names).
CARD_FIELDS = ('year', 'summary')
#: The orders ``:sort:`` accepts.
CARD_ORDERS = ('date', 'name', 'data')
#: Columns of cards on a wide screen; narrower screens get fewer.
MAX_COLUMNS = 4
DEFAULT_COLUMNS = 3
#: Between the year and the summary.
SEPARATOR = ' · '


def card_date(project: Project) -> DateValue | None:
    """The year a card shows: the project's start, with its circa/uncertain marks."""
    start = project.start_date()
    return to_year(start) if start else None


def ordered(projects: Iterable[Project], order: str) -> list[Project]:
    """*projects* by start (undated ones last), by name, or as given."""
    projects = list(projects)
    if order == 'name':
        return sorted(projects, key=lambda project: (project.name.casefold(), project.id))
    if order == 'date':
        dated = [(card_date(project), n, project) for n, project in enumerate(projects)]
        return [project for date, _n, project in sorted(
            dated, key=lambda item: (item[0] is None, item[0] and item[0].sort_key, item[1])
        )]  # fmt: skip
    return projects


class CardsRenderer(NodeFactory):
    """Makes the ``project-cards`` list."""

    def cards(
        self, projects: Sequence[Project], columns: int, fields: Sequence[str]
    ) -> bio.project_cards:
        listing = bio.project_cards(bullet='*', classes=['bio-cards'], columns=columns)
        for project in projects:
            listing += self.card(project, fields)
        return listing

    def card(self, project: Project, fields: Sequence[str]) -> bio.project_card:
        """One card: the name, then the year and summary in one paragraph."""
        card = bio.project_card(classes=['bio-card'], project=project.id)
        name = display_name(project)
        card += paragraph(
            nodes.strong('', '', self.xref('project', project.id, name)),
            classes=['bio-card-title'],
        )
        text: list[nodes.Node] = []
        for field in fields:
            part = self.part(field, project)
            if part:
                text += [nodes.Text(SEPARATOR)] * bool(text) + part
        if text:
            card += paragraph(*text, classes=['bio-card-text'])
        return card

    def part(self, field: str, project: Project) -> list[nodes.Node]:
        if field == 'year':
            date = card_date(project)
            if date is None:
                return []
            shown = self.date(date)
            shown['classes'].append('bio-card-date')
            return [shown]
        if field == 'summary' and project.summary:
            return self.parse_markup(project.summary, ('projects', project.id, 'summary'))
        return []
