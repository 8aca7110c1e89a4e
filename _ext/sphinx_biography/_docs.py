"""Docs-only directives that print the extension's reference from its code.

Used by the site's ``source/extension/`` pages and registered in its
``conf.py`` only (as MyST-Parser's ``_docs.py``); the extension's ``setup``
never loads this module.
The tables come from the dataclass fields, option specs and constants
themselves, so the documentation cannot drift from the code.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from . import directives, model
from .infobox import FIELDS
from .warnings import WARNING_SUBTYPES, WARNING_TYPE

if TYPE_CHECKING:
    from collections.abc import Sequence


def table(
    header: Sequence[str], rows: Sequence[Sequence[str | nodes.Node]], widths: Sequence[int]
) -> nodes.table:
    """A simple table; string cells become paragraphs, ``code`` for the first column.

    The widths are given so that LaTeX does not squeeze a column of names.
    """
    group = nodes.tgroup(cols=len(header))
    group += [nodes.colspec(colwidth=width) for width in widths]
    group += nodes.thead('', _row(header, code=False))
    group += nodes.tbody('', *(_row(row, code=True) for row in rows))
    return nodes.table('', group, classes=['bio-reference', 'colwidths-given'])


def _row(cells: Sequence[str | nodes.Node], *, code: bool) -> nodes.row:
    row = nodes.row()
    for index, cell in enumerate(cells):
        if isinstance(cell, str):
            inline = nodes.literal(cell, cell) if code and index == 0 else nodes.Text(cell)
            cell = nodes.paragraph('', '', inline)
        row += nodes.entry('', cell)
    return row


class DataFieldsDirective(SphinxDirective):
    """``{biography-data-fields} Person``: the fields of one record type."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        cls = getattr(model, self.arguments[0])
        rows = []
        for spec in dataclasses.fields(cls):
            kind = spec.metadata['kind']
            required = 'yes' if spec.metadata['required'] else ''
            rows.append((spec.name, kind.describe(), required, spec.metadata['help']))
        return [table(('Key', 'Value', 'Required', 'Meaning'), rows, (20, 30, 12, 38))]


class OptionsDirective(SphinxDirective):
    """``{biography-options} timeline``: the options of one directive."""

    required_arguments = 1
    classes: ClassVar[dict[str, type[directives.DataDirective]]] = {
        'biography': directives.BiographyDirective,
        'project': directives.ProjectDirective,
        'timeline': directives.TimelineDirective,
        'sources': directives.SourcesDirective,
        'project-cards': directives.ProjectCardsDirective,
        'lifespan-chart': directives.LifespanChartDirective,
        'lineage-graph': directives.LineageGraphDirective,
    }

    def run(self) -> list[nodes.Node]:
        cls = self.classes[self.arguments[0]]
        rows = [(f':{name}:', text) for name, text in cls.option_help.items()]
        return [table(('Option', 'Meaning'), rows, (25, 75))]


class InfoboxFieldsDirective(SphinxDirective):
    """``{biography-infobox-fields} person``: names accepted by ``:fields:``."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        fields = FIELDS[self.arguments[0]]
        rows = [(name, field.label) for name, field in fields.items()]
        return [table(('Field', 'Label'), rows, (40, 60))]


class WarningsDirective(SphinxDirective):
    """``{biography-warnings}``: warning subtypes for ``suppress_warnings``."""

    def run(self) -> list[nodes.Node]:
        rows = [(f'{WARNING_TYPE}.{name}', text) for name, text in WARNING_SUBTYPES.items()]
        return [table(('Warning type', 'Reported when'), rows, (35, 65))]


class GraphvizSource(SphinxDirective):
    """``graphviz`` where Graphviz is not installed: the diagram's source, with a note."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        source = '\n'.join(self.content)
        note = nodes.paragraph(
            '',
            'Graphviz (the dot command) is not installed, so this diagram is shown as its '
            'source; CI and the hosted docs draw it.',
        )
        return [note, nodes.literal_block(source, source, language='text')]


#: The directives, by name, for the docs' ``conf.py`` to register.
DIRECTIVES = {
    'biography-data-fields': DataFieldsDirective,
    'biography-options': OptionsDirective,
    'biography-infobox-fields': InfoboxFieldsDirective,
    'biography-warnings': WarningsDirective,
}
