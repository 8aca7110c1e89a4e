"""HTML visitors: semantic wrappers around the standard nodes inside.

An infobox is an ``<aside>``, a timeline an ``<ol>`` of ``<li>`` and each
date a ``<time datetime>``.  ``starttag`` keeps the node's ids and classes
and escapes attribute values.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from . import nodes as bio

if TYPE_CHECKING:
    from docutils.nodes import Element
    from sphinx.writers.html5 import HTML5Translator

Visitor = Callable[['HTML5Translator', 'Element'], None]


def wrapper(tag: str, *, block: bool = True) -> tuple[Visitor, Visitor]:
    """A visit/depart pair that opens and closes *tag* around the children."""
    newline = '\n' if block else ''

    def visit(self: HTML5Translator, node: Element) -> None:
        self.body.append(self.starttag(node, tag, newline))

    def depart(self: HTML5Translator, node: Element) -> None:
        self.body.append(f'</{tag}>{newline}')

    return visit, depart


class MarkInfoboxSections(SphinxPostTransform):
    """Give a section with an infobox the class ``bio-with-infobox``.

    The stylesheet makes such a section contain its floating infobox, so
    the next section starts below it.  (CSS ``:has()`` could say this
    without the class, but EPUB checkers and older readers reject it.)
    """

    default_priority = 400
    formats = ('html',)

    def run(self, **kwargs: Any) -> None:
        for box in self.document.findall(bio.infobox):
            if isinstance(box.parent, nodes.section):
                box.parent['classes'].append('bio-with-infobox')


def visit_time(self: HTML5Translator, node: Element) -> None:
    self.body.append(self.starttag(node, 'time', '', datetime=node['datetime']))


def depart_time(self: HTML5Translator, node: Element) -> None:
    self.body.append('</time>')


infobox = wrapper('aside')
infobox_title = wrapper('p')
timeline = wrapper('div')
timeline_group = wrapper('div')
timeline_heading = wrapper('p')
timeline_list = wrapper('ol')
timeline_entry = wrapper('li')
date = wrapper('span', block=False)
time = (visit_time, depart_time)
