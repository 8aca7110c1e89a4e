"""LaTeX visitors: a framed box for infoboxes, a page-breaking list for timelines.

User text reaches LaTeX only through the standard Text visitor, which
escapes it; these visitors add fixed markup and hyperlink targets only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from docutils.nodes import Element
    from sphinx.writers.latex import LaTeXTranslator


def visit_infobox(self: LaTeXTranslator, node: Element) -> None:
    # Same box as a topic; in_minipage makes footnotes inside it work.
    self.in_minipage += 1
    self.body.append('\n\\begin{sphinxtopic}\n' + self.hypertarget_to(node))


def depart_infobox(self: LaTeXTranslator, node: Element) -> None:
    self.in_minipage -= 1
    self.body.append('\\end{sphinxtopic}\n')


def visit_infobox_title(self: LaTeXTranslator, node: Element) -> None:
    self.body.append('\\sphinxstylestrong{')


def depart_infobox_title(self: LaTeXTranslator, node: Element) -> None:
    self.body.append('}\\par\n')


def visit_timeline(self: LaTeXTranslator, node: Element) -> None:
    self.body.append('\n' + self.hypertarget_to(node))


def visit_heading(self: LaTeXTranslator, node: Element) -> None:
    # Keep a year heading together with the start of its events.
    self.body.append(
        '\n\\par\\needspace{4\\baselineskip}\\medskip\\noindent{\\large\\sphinxstylestrong{'
    )


def depart_heading(self: LaTeXTranslator, node: Element) -> None:
    self.body.append('}}\\par\\nopagebreak\n')


def visit_list(self: LaTeXTranslator, node: Element) -> None:
    # itemize breaks across pages, unlike a table; no bullets, dates lead.
    self.body.append('\n\\begin{itemize}\\setlength{\\itemsep}{0.4\\baselineskip}\n')


def depart_list(self: LaTeXTranslator, node: Element) -> None:
    self.body.append('\\end{itemize}\n')


def visit_entry(self: LaTeXTranslator, node: Element) -> None:
    self.body.append('\\item[] ' + self.hypertarget_to(node))


def skip(self: LaTeXTranslator, node: Element) -> None:
    """Nothing to add around this node's children."""


def separator(self: LaTeXTranslator, node: Element) -> None:
    self.body.append('\n')


infobox = (visit_infobox, depart_infobox)
infobox_title = (visit_infobox_title, depart_infobox_title)
timeline = (visit_timeline, separator)
timeline_group = (skip, skip)
timeline_heading = (visit_heading, depart_heading)
timeline_list = (visit_list, depart_list)
timeline_entry = (visit_entry, separator)
date = (skip, skip)
time = (skip, skip)


# Project cards are a bullet list in print: the translator's own.
def visit_cards(self: LaTeXTranslator, node: Element) -> None:
    assert isinstance(node, nodes.bullet_list)
    self.visit_bullet_list(node)


def depart_cards(self: LaTeXTranslator, node: Element) -> None:
    assert isinstance(node, nodes.bullet_list)
    self.depart_bullet_list(node)


def visit_card(self: LaTeXTranslator, node: Element) -> None:
    assert isinstance(node, nodes.list_item)
    self.visit_list_item(node)


def depart_card(self: LaTeXTranslator, node: Element) -> None:
    assert isinstance(node, nodes.list_item)
    self.depart_list_item(node)


project_cards = (visit_cards, depart_cards)
project_card = (visit_card, depart_card)
