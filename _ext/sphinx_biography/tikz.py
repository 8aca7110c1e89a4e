"""A :class:`~.scene.Scene` as a TikZ picture, for LaTeX and the PDF.

Vector shapes and real text in the PDF's own fonts, so labels can be
selected and searched.  The y axis is turned around (``y=-1pt``), so the
scene's coordinates are written as they are.  A linked text is a
``\\hyperref`` to the label of the record's target, and linked shapes get
an invisible one over them; the writer receives the
labels from the Sphinx side, ready to use.  Print has no dark mode, so the
styles here have fixed, print-friendly colours.

Pure Python: no Sphinx, no docutils.
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from .scene import Box, Mark, Path, Scene, Text, number, printable

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .scene import LinkKey, Shape

ACCENT = '{rgb,255:red,31;green,111;blue,163}'
#: The TikZ style of each scene style (``bio <style>``).
STYLES: dict[str, str] = {
    'bar': f'fill={ACCENT}',
    'span': 'fill=black!35',
    'life': 'fill=black!15',
    'node': 'draw=black!70, line width=0.75pt',
    'edge': 'draw=black!70, line width=0.75pt',
    'grid': 'draw=black!15, line width=0.5pt',
    'axis': 'draw=black!60, line width=0.75pt',
    'event': 'fill=black, draw=white, line width=0.4pt',
    'row': 'fill=black!4',
    'node-person': 'draw=black!45, line width=0.75pt',
    'edge-lineage': f'draw={ACCENT}, line width=1.25pt',
    'edge-author': 'draw=black!45, line width=0.5pt',
    **{
        f'edge-{kind}': 'draw=black!75, line width=0.9pt'
        for kind in ('depends-on', 'replaces', 'forked-from', 'inspired-by', 'port-of')
    },
}
ANCHORS = {'start': 'base west', 'middle': 'base', 'end': 'base east'}
DASHES = {
    'solid': '',
    'dashed': ', dashed',
    'dotted': ', dotted',
    'dashdot': ', dash dot',
    'dashdotdot': ', dash dot dot',
    'long': ', dash pattern=on 9pt off 3pt',
}

#: TeX's special characters, as text.
_TEX = {
    '\\': r'\textbackslash{}',
    '{': r'\{',
    '}': r'\}',
    '$': r'\$',
    '&': r'\&',
    '#': r'\#',
    '^': r'\textasciicircum{}',
    '_': r'\_',
    '~': r'\textasciitilde{}',
    '%': r'\%',
    '[': '{[}',
    ']': '{]}',
    '<': r'\textless{}',
    '>': r'\textgreater{}',
    '|': r'\textbar{}',
    '"': r'\textquotedbl{}',
    '-': '-{}',
}
_TEX_TABLE = str.maketrans(_TEX)


def escape(text: str) -> str:
    """*text* as TeX text: special characters escaped, control characters written out."""
    return printable(text).translate(_TEX_TABLE)


def style_name(style: str) -> str:
    """The TikZ style of a scene style; only letters, so any name is safe."""
    return 'bio ' + ''.join(char for char in style if char.isalpha())


def to_tikz(scene: Scene, links: Mapping[LinkKey, str]) -> str:
    """The scene as a ``tikzpicture``; *links* maps a record to its ``\\hyperref`` label."""
    used = {shape.style for shape in scene.shapes}
    styles = ''.join(
        f', {style_name(name)}/.style={{{value}}}' for name, value in STYLES.items() if name in used
    )
    out = [
        f'\\begin{{tikzpicture}}[x=1pt, y=-1pt, inner sep=0pt, >=stealth{styles}]',
        # The picture's frame: its size is the scene's, margins included.
        f'\\path[use as bounding box] (0,0) '
        f'rectangle ({number(scene.width)},{number(scene.height)});',
    ]
    for (link, _is_text), group in groupby(
        scene.shapes, key=lambda shape: (shape.link, isinstance(shape, Text))
    ):
        shapes = list(group)
        label = links.get(link) if link is not None else None
        out.extend(_shape(shape, label) for shape in shapes)
        if label is not None and not _is_text:
            out.append(_link_area(shapes, label))
    out.append('\\end{tikzpicture}')
    return '\n'.join(out)


def _link_area(shapes: list[Shape], label: str) -> str:
    """An invisible box over linked shapes (a bar and its ends, a dot), as one PDF link."""
    left, top, right, bottom = bounds(shapes)
    return (
        f'\\node[anchor=north west, inner sep=0pt] at ({number(left)},{number(top)}) '
        f'{{\\hyperref[{label}]{{\\phantom{{\\rule{{{number(right - left)}pt}}'
        f'{{{number(bottom - top)}pt}}}}}}}};'
    )


def bounds(shapes: list[Shape]) -> tuple[float, float, float, float]:
    """The box around boxes, marks and paths: left, top, right, bottom."""
    xs: list[float] = []
    ys: list[float] = []
    for shape in shapes:
        if isinstance(shape, Box):
            xs += [shape.x, shape.x + shape.width]
            ys += [shape.y, shape.y + shape.height]
        elif isinstance(shape, Mark):
            xs += [shape.x - shape.radius, shape.x + shape.radius]
            ys += [shape.y - shape.radius, shape.y + shape.radius]
        elif isinstance(shape, Path):
            xs += [x for x, _y in shape.points]
            ys += [y for _x, y in shape.points]
    return min(xs), min(ys), max(xs), max(ys)


def _shape(shape: Shape, label: str | None) -> str:
    if isinstance(shape, Box):
        return _box(shape)
    if isinstance(shape, Text):
        return _text(shape, label)
    if isinstance(shape, Path):
        return _path(shape)
    return _mark(shape)


def _options(style: str, opacity: float = 1.0, dash: str = 'solid') -> str:
    options = style_name(style) + DASHES[dash]
    if opacity < 1:
        options += f', opacity={number(opacity)}'
    return options


def _box(box: Box) -> str:
    corner = f', rounded corners={number(box.rounded)}pt' if box.rounded else ''
    options = _options(box.style, box.opacity, box.dash) + corner
    if box.dash != 'solid':
        options += ', draw=black!60'
    return (
        f'\\path[{options}] ({number(box.x)},{number(box.y)}) '
        f'rectangle ({number(box.x + box.width)},{number(box.y + box.height)});'
    )


def _text(text: Text, label: str | None) -> str:
    body = escape(text.text)
    if text.bold:
        body = f'\\textbf{{{body}}}'
    if label is not None:
        body = f'\\hyperref[{label}]{{{body}}}'
    size = number(text.size)
    leading = number(text.size * 1.2)
    return (
        f'\\node[anchor={ANCHORS[text.anchor]}, font=\\sffamily\\fontsize{{{size}}}{{{leading}}}'
        f'\\selectfont] at ({number(text.x)},{number(text.y)}) {{{body}}};'
    )


def _path(path: Path) -> str:
    points = ' -- '.join(f'({number(x)},{number(y)})' for x, y in path.points)
    arrow = ', ->' if path.arrow else ''
    return f'\\draw[{_options(path.style, dash=path.dash)}{arrow}] {points};'


def _mark(mark: Mark) -> str:
    x, y, r = number(mark.x), number(mark.y), number(mark.radius)
    if mark.shape == 'diamond':
        rr = mark.radius
        return (
            f'\\path[{style_name(mark.style)}] ({x},{number(mark.y - rr)}) -- '
            f'({number(mark.x + rr)},{y}) -- ({x},{number(mark.y + rr)}) -- '
            f'({number(mark.x - rr)},{y}) -- cycle;'
        )
    return f'\\path[{style_name(mark.style)}] ({x},{y}) circle[radius={r}];'
