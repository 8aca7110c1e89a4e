"""LaTeX visitors: a framed box for infoboxes, a page-breaking list for timelines.

User text reaches LaTeX only through the standard Text visitor, which
escapes it; these visitors add fixed markup and hyperlink targets only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from . import _compat
from . import nodes as bio
from .scene import scaled
from .tikz import to_tikz

#: The widest scene drawn as it is; wider ones are scaled down first, as TeX
#: cannot handle lengths of 16,384 points and more.
TEX_WIDTH = 4000.0
#: A picture wider than this, fitted to a page's line (about 470 points),
#: has type under 4 points: the PDF then lists its data under it too.
READABLE_WIDTH = 1050.0

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


# -- Pictures -----------------------------------------------------------------


def picture_labels(self: LaTeXTranslator, node: Element) -> dict[tuple[str, str], str]:
    """The LaTeX labels a picture's links go to, as Sphinx's own reference visitor finds them."""
    labels = {}
    links = node.next_node(bio.picture_links)
    for wrapper in links.children if links is not None else ():
        assert isinstance(wrapper, nodes.Element)
        ref = wrapper.next_node(nodes.reference)
        if ref is None:
            continue
        uri = ref.get('refuri', '')
        if not uri and ref.get('refid'):
            uri = '#' + ref['refid']
        label = _compat.latex_label_of(self, uri)
        if label is not None:
            kind, _, key = wrapper['bio_record'].partition(':')
            labels[kind, key] = label
    return labels


def visit_picture(self: LaTeXTranslator, node: Element) -> None:
    """The drawing, as wide as drawn or narrower to fit the line.

    A chart of many rows comes in parts (see ``lifespan.Chart.parts``), each
    with its axis, so that the text stays legible and the parts may go on
    the next page.
    """
    labels = picture_labels(self, node)
    self.body.append('\n\\par\\medskip\\begin{center}' + self.hypertarget_to(node) + '\n')
    for number, scene in enumerate(node.get('parts') or [node['scene']]):
        if scene.width > TEX_WIDTH:  # TeX's lengths end at 16,384 points
            scene = scaled(scene, TEX_WIDTH / scene.width)
        width = f'{scene.width:.0f}pt'
        if number:
            self.body.append('\\par\\smallskip\n')
        self.body.append(
            f'\\resizebox{{\\ifdim {width}>\\linewidth \\linewidth\\else {width}\\fi}}{{!}}'
            f'{{%\n{to_tikz(scene, labels)}}}\n'
        )


def depart_picture(self: LaTeXTranslator, node: Element) -> None:
    self.body.append('\\end{center}\\medskip\n')


def visit_picture_caption(self: LaTeXTranslator, node: Element) -> None:
    self.body.append('\\par\\smallskip{\\small\\sphinxstyleemphasis{')


def depart_picture_caption(self: LaTeXTranslator, node: Element) -> None:
    self.body.append('}}\\par\n')


def visit_picture_alt(self: LaTeXTranslator, node: Element) -> None:
    """The drawing has the data, with its text, unless it shrank too far to read it."""
    parent = node.parent
    if parent is None or parent['scene'].width <= READABLE_WIDTH:
        raise nodes.SkipNode
    self.body.append(f'\\par\\smallskip{{\\small {self.encode(node["label"])}:}}\\par\n')


picture = (visit_picture, depart_picture)
picture_caption = (visit_picture_caption, depart_picture_caption)
picture_alt = (visit_picture_alt, skip)
