"""Visitors for the text, man and Texinfo builders.

The nodes hold standard docutils children, which these builders render
themselves; what is added here is what keeps the structure readable: each
title and heading its own paragraph, and a marker before each event.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from docutils.nodes import Element
    from sphinx.writers.manpage import ManualPageTranslator
    from sphinx.writers.texinfo import TexinfoTranslator
    from sphinx.writers.text import TextTranslator


def skip(self: object, node: Element) -> None:
    """Nothing to add around this node's children."""


def visit_text_entry(self: TextTranslator, node: Element) -> None:
    self.new_state(2)


def depart_text_entry(self: TextTranslator, node: Element) -> None:
    self.end_state(first='- ')


def visit_text_block(self: TextTranslator, node: Element) -> None:
    self.new_state(0)


def depart_text_block(self: TextTranslator, node: Element) -> None:
    self.end_state()


def visit_man_heading(self: ManualPageTranslator, node: Element) -> None:
    self.body.append('\n.sp\n\\fB')


def depart_man_heading(self: ManualPageTranslator, node: Element) -> None:
    self.body.append('\\fP\n')


def visit_man_entry(self: ManualPageTranslator, node: Element) -> None:
    self.body.append('\n.IP \\(bu 2\n')


def visit_texinfo_anchored(self: TexinfoTranslator, node: Element) -> None:
    """Anchor the node's ids here, or links would land at the end of the manual."""
    for node_id in node['ids']:
        self.add_anchor(node_id, node)


def visit_texinfo_heading(self: TexinfoTranslator, node: Element) -> None:
    self.body.append('\n\n@noindent\n@strong{')


def depart_texinfo_heading(self: TexinfoTranslator, node: Element) -> None:
    self.body.append('}\n\n')


def visit_texinfo_entry(self: TexinfoTranslator, node: Element) -> None:
    self.body.append('\n\n@noindent\n@bullet{} ')
    visit_texinfo_anchored(self, node)


def skip_node(self: object, node: Element) -> None:
    """Not shown in any format."""
    raise nodes.SkipNode


passthrough = (skip, skip)
hidden = (skip_node, skip)
text_entry = (visit_text_entry, depart_text_entry)
text_block = (visit_text_block, depart_text_block)
man_heading = (visit_man_heading, depart_man_heading)
man_entry = (visit_man_entry, skip)
texinfo_heading = (visit_texinfo_heading, depart_texinfo_heading)
texinfo_entry = (visit_texinfo_entry, skip)
texinfo_anchored = (visit_texinfo_anchored, skip)


# Project cards are a bullet list in print, text, man and Texinfo: each translator's own.
def visit_cards(self: Any, node: Element) -> None:
    assert isinstance(node, nodes.bullet_list)
    self.visit_bullet_list(node)


def depart_cards(self: Any, node: Element) -> None:
    assert isinstance(node, nodes.bullet_list)
    self.depart_bullet_list(node)


def visit_card(self: Any, node: Element) -> None:
    assert isinstance(node, nodes.list_item)
    self.visit_list_item(node)


def depart_card(self: Any, node: Element) -> None:
    assert isinstance(node, nodes.list_item)
    self.depart_list_item(node)


as_list = (visit_cards, depart_cards)
as_list_item = (visit_card, depart_card)
