"""A :class:`~.scene.Scene` as inline SVG, for HTML and EPUB pages.

Text stays text (``<text>``), so it is selectable, searchable and read
out.  Colours are not written here: each shape gets a class
``bio-pic-<style>`` that ``static/biography.css`` colours from the theme,
and presentation attributes in ``currentColor`` as the fallback where the
stylesheet does not reach (a feed reader, an EPUB reader without CSS).
The output is the same, byte for byte, for the same scene and links.

Pure Python: no Sphinx, no docutils.
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from .scene import Box, Mark, Path, Scene, Text, number, printable

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .scene import LinkKey, Shape

#: The fallback look of each style, in currentColor (the stylesheet overrides it).
STYLES: dict[str, str] = {
    'bar': 'fill="currentColor" fill-opacity="0.6"',
    'span': 'fill="currentColor" fill-opacity="0.35"',
    'life': 'fill="currentColor" fill-opacity="0.18"',
    'node': 'fill="none" stroke="currentColor" stroke-width="0.75"',
    'edge': 'fill="none" stroke="currentColor" stroke-width="0.75"',
    'grid': 'fill="none" stroke="currentColor" stroke-opacity="0.15" stroke-width="0.5"',
    'axis': 'fill="none" stroke="currentColor" stroke-opacity="0.6" stroke-width="0.75"',
    'event': 'fill="currentColor" stroke="currentColor" stroke-width="0.5"',
    'row': 'fill="currentColor" fill-opacity="0.04"',
    'node-person': 'fill="none" stroke="currentColor" stroke-opacity="0.6" stroke-width="0.75"',
    'edge-lineage': 'fill="none" stroke="currentColor" stroke-width="1.25"',
    'edge-author': 'fill="none" stroke="currentColor" stroke-opacity="0.5" stroke-width="0.5"',
    **{
        f'edge-{kind}': 'fill="none" stroke="currentColor" stroke-width="0.9"'
        for kind in ('depends-on', 'replaces', 'forked-from', 'inspired-by', 'port-of')
    },
}
TEXT_FILL = 'fill="currentColor"'
DASH_ARRAYS = {
    'solid': '',
    'dashed': ' stroke-dasharray="4 2"',
    'dotted': ' stroke-dasharray="1 2"',
    'dashdot': ' stroke-dasharray="6 2 1 2"',
    'dashdotdot': ' stroke-dasharray="6 2 1 2 1 2"',
    'long': ' stroke-dasharray="9 3"',
}
ANCHORS = {'start': 'start', 'middle': 'middle', 'end': 'end'}


def escape(text: str) -> str:
    """Text or an attribute value, safe in XML (and HTML): control characters written out."""
    return (
        printable(text)
        .replace('&', '&amp;')
        .replace('<', '&lt;')
        .replace('>', '&gt;')
        .replace('"', '&quot;')
    )


def to_svg(scene: Scene, links: Mapping[LinkKey, str], ident: str) -> str:
    """The scene as an ``<svg>`` element; *links* maps a record to its address.

    *ident* is unique on the page: the ids of the title and description
    start with it.  A shape whose record has no address is drawn unlinked.
    """
    width, height = number(scene.width), number(scene.height)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bio-pic bio-pic-{escape(scene.kind)}" '
        f'viewBox="0 0 {width} {height}" width="{width}pt" height="{height}pt" '
        f'aria-labelledby="{escape(ident)}-title" aria-describedby="{escape(ident)}-desc" '
        'font-family="sans-serif">',
        f'<title id="{escape(ident)}-title">{escape(scene.title)}</title>',
        f'<desc id="{escape(ident)}-desc">{escape(scene.description)}</desc>',
    ]
    # Shapes in a row with the same link and tooltip (a bar and its ends)
    # share one <a> or <g>: one link for a reader to tab through, one name.
    for (link, tip, is_text), group in groupby(
        scene.shapes, key=lambda shape: (shape.link, shape.tip, isinstance(shape, Text))
    ):
        shapes = list(group)
        href = links.get(link) if link is not None else None
        title = f'<title>{escape(tip)}</title>' if tip else ''
        if is_text and href is None:  # a text's own title is its tooltip
            out.extend(_text(shape, title) for shape in shapes if isinstance(shape, Text))
            continue
        drawn = ''.join(_shape(shape) for shape in shapes)
        if href is not None:
            out.append(f'<a href="{escape(href)}">{title}{drawn}</a>')
        elif title:
            out.append(f'<g>{title}{drawn}</g>')
        else:
            out.extend(_shape(shape) for shape in shapes)
    out.append('</svg>')
    return '\n'.join(out)


def _shape(shape: Shape) -> str:
    if isinstance(shape, Box):
        return _box(shape)
    if isinstance(shape, Text):
        return _text(shape)
    if isinstance(shape, Path):
        return _path(shape)
    return _mark(shape)


def _classes(style: str) -> str:
    return f'class="bio-pic-{escape(style)}" {STYLES.get(style, TEXT_FILL)}'


def _opacity(value: float) -> str:
    return f' opacity="{number(value)}"' if value < 1 else ''


def _box(box: Box) -> str:
    rounded = f' rx="{number(box.rounded)}"' if box.rounded else ''
    return (
        f'<rect {_classes(box.style)} x="{number(box.x)}" y="{number(box.y)}" '
        f'width="{number(box.width)}" height="{number(box.height)}"{rounded}'
        f'{_opacity(box.opacity)}{DASH_ARRAYS[box.dash]}/>'
    )


def _text(text: Text, tip: str = '') -> str:
    weight = ' font-weight="bold"' if text.bold else ''
    return (
        f'<text class="bio-pic-{escape(text.style)}" {TEXT_FILL} x="{number(text.x)}" '
        f'y="{number(text.y)}" font-size="{number(text.size)}" '
        f'text-anchor="{ANCHORS[text.anchor]}"{weight}>{tip}{escape(text.text)}</text>'
    )


def _path(path: Path) -> str:
    points = ' '.join(f'{number(x)},{number(y)}' for x, y in path.points)
    drawn = f'<polyline {_classes(path.style)} points="{points}"{DASH_ARRAYS[path.dash]}/>'
    if path.arrow and len(path.points) > 1:
        drawn += _arrowhead(path)
    return drawn


def _arrowhead(path: Path) -> str:
    """A filled triangle at the path's end, along its last segment (no <marker> ids needed)."""
    (x0, y0), (x1, y1) = path.points[-2], path.points[-1]
    length = max(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5, 1e-9)
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    size = 5.0
    bx, by = x1 - ux * size, y1 - uy * size
    left = (bx - uy * size / 2, by + ux * size / 2)
    right = (bx + uy * size / 2, by - ux * size / 2)
    points = ' '.join(f'{number(x)},{number(y)}' for x, y in ((x1, y1), left, right))
    head = f'bio-pic-{escape(path.style)}-head'
    return f'<polygon class="{head}" fill="currentColor" points="{points}"/>'


def _mark(mark: Mark) -> str:
    x, y, r = mark.x, mark.y, mark.radius
    if mark.shape == 'diamond':
        points = f'{number(x)},{number(y - r)} {number(x + r)},{number(y)} '
        points += f'{number(x)},{number(y + r)} {number(x - r)},{number(y)}'
        return f'<polygon {_classes(mark.style)} points="{points}"/>'
    return f'<circle {_classes(mark.style)} cx="{number(x)}" cy="{number(y)}" r="{number(r)}"/>'
