"""Pictures as data: shapes in one coordinate space, and text measured without fonts.

A layout (``lifespan.py``, and the lineage graph after it) turns records
into a :class:`Scene`; two writers turn a scene into output: ``svg.py``
for HTML, ``tikz.py`` for LaTeX.  Coordinates are points (1/72 inch), x to
the right and y downwards, as in SVG; the TikZ writer turns y around.

Shapes carry a *style*, a short name the writers turn into a CSS class
(``bio-pic-<style>``) or a TikZ style (``bio <style>``), never a colour:
colours belong to the stylesheet, which follows the theme and dark mode.
A shape may link to a record, by its ``(kind, id)`` key: the writers get
the resolved addresses from the Sphinx side and draw unlinked what has
none.  Its *tip* is its tooltip (SVG ``<title>``).

Pure Python: no Sphinx, no docutils; a scene is frozen, so it pickles
with the doctree and compares equal when its data does.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

#: A record a shape links to: ``('project', 'flask')``.
LinkKey = tuple[str, str]
Point = tuple[float, float]

#: Dash patterns a path may have (the writers know each one).
DASHES = ('solid', 'dashed', 'dotted', 'dashdot', 'dashdotdot', 'long')


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle: a bar, a graph node's frame, a legend swatch."""

    x: float
    y: float
    width: float
    height: float
    style: str
    link: LinkKey | None = None
    tip: str | None = None
    #: Corner radius.
    rounded: float = 0.0
    #: Opacity of the fill, 0 to 1 (a faded end is a few boxes of falling opacity).
    opacity: float = 1.0
    dash: str = 'solid'


@dataclass(frozen=True, slots=True)
class Text:
    """One line of text, at its baseline; *anchor* is start, middle or end."""

    x: float
    y: float
    text: str
    style: str
    anchor: str = 'start'
    size: float = 9.0
    link: LinkKey | None = None
    tip: str | None = None
    bold: bool = False


@dataclass(frozen=True, slots=True)
class Path:
    """A polyline: a graph edge, an axis, a gridline."""

    points: tuple[Point, ...]
    style: str
    #: An arrowhead at the last point.
    arrow: bool = False
    dash: str = 'solid'
    link: LinkKey | None = None
    tip: str | None = None


@dataclass(frozen=True, slots=True)
class Mark:
    """A small symbol centred on a point: an event; *shape* is circle or diamond."""

    x: float
    y: float
    radius: float
    style: str
    shape: str = 'circle'
    link: LinkKey | None = None
    tip: str | None = None


Shape = Box | Text | Path | Mark


@dataclass(frozen=True, slots=True)
class Scene:
    """A whole picture: its size, shapes in drawing order, and its accessible texts."""

    width: float
    height: float
    #: The picture's name (SVG ``<title>``) and a sentence on what it shows (``<desc>``).
    title: str
    description: str
    shapes: tuple[Shape, ...] = field(default=())
    #: The kind of picture (``lifespan``), a CSS class on the writers' output.
    kind: str = 'picture'

    def links(self) -> list[LinkKey]:
        """Every record a shape links to, each once, sorted."""
        return sorted({shape.link for shape in self.shapes if shape.link is not None})


def scaled(scene: Scene, factor: float) -> Scene:
    """*scene* drawn *factor* times as large: coordinates, sizes and type alike."""

    def scale(shape: Shape) -> Shape:
        if isinstance(shape, Box):
            return replace(shape, x=shape.x * factor, y=shape.y * factor,
                           width=shape.width * factor, height=shape.height * factor,
                           rounded=shape.rounded * factor)  # fmt: skip
        if isinstance(shape, Text):
            return replace(shape, x=shape.x * factor, y=shape.y * factor, size=shape.size * factor)
        if isinstance(shape, Path):
            return replace(shape, points=tuple((x * factor, y * factor) for x, y in shape.points))
        return replace(shape, x=shape.x * factor, y=shape.y * factor,
                       radius=shape.radius * factor)  # fmt: skip

    return replace(scene, width=scene.width * factor, height=scene.height * factor,
                   shapes=tuple(scale(shape) for shape in scene.shapes))  # fmt: skip


# -- Measuring text without fonts ---------------------------------------------------

#: Advance widths in em of a sans-serif face (Helvetica/Arial metrics, rounded),
#: for the characters whose width differs from the default.
_WIDTHS: dict[str, float] = {}
for _chars, _width in (
    ("'|", 0.19),
    ('ijl', 0.22),
    (' .,:;!', 0.28),
    ('ftI[]()/\\', 0.28),
    ('r"-', 0.33),
    ('*^`', 0.39),
    ('sz', 0.5),
    ('cky', 0.5),
    ('abdeghnopquv', 0.56),
    ('0123456789$#_?Jx', 0.56),
    ('L', 0.56),
    ('+<=>~', 0.58),
    ('EFKPSTVXYZ', 0.67),
    ('ABCDHNRU&', 0.72),
    ('GOQw', 0.78),
    ('Mm%', 0.83),
    ('@W', 0.94),
):
    for _char in _chars:
        _WIDTHS[_char] = _width
#: Any other character of a narrow script (Latin letters with accents, Greek, Cyrillic, ...).
DEFAULT_WIDTH = 0.58
#: A character of a wide (CJK) script: a full em.
WIDE_WIDTH = 1.0
#: Browsers' default sans-serif faces (DejaVu Sans, Liberation Sans, the theme's)
#: are up to a tenth wider than Helvetica: measure for the wider ones.
SAFETY = 1.1
#: What a shortened text ends with.
ELLIPSIS = '…'


def char_width(char: str) -> float:
    """The estimated advance of *char* in em."""
    width = _WIDTHS.get(char)
    if width is not None:
        return width
    if unicodedata.east_asian_width(char) in ('W', 'F'):
        return WIDE_WIDTH
    if unicodedata.combining(char) or unicodedata.category(char) in ('Mn', 'Me', 'Cf'):
        return 0.0
    return DEFAULT_WIDTH


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The estimated width of *text* at *size* points (bold is about 6 % wider)."""
    width = sum(char_width(char) for char in text) * size * SAFETY
    return width * 1.06 if bold else width


def shorten(text: str, size: float, room: float, *, bold: bool = False) -> str:
    """*text*, or as much of it as fits in *room* points followed by an ellipsis."""
    if text_width(text, size, bold=bold) <= room:
        return text
    budget = room - text_width(ELLIPSIS, size, bold=bold)
    kept, used = [], 0.0
    scale = size * SAFETY * (1.06 if bold else 1.0)
    for char in text:
        used += char_width(char) * scale
        if used > budget:
            break
        kept.append(char)
    return ''.join(kept).rstrip() + ELLIPSIS


_CONTROL = re.compile(r'[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]')


def printable(text: str) -> str:
    """*text* with control characters written as code points (``[U+0007]``), on one line.

    The data layer does this when it reads a file; a writer does it again,
    since XML refuses such characters and one would make the page invalid.
    """
    text = ' '.join(text.split('\n'))
    return _CONTROL.sub(lambda match: f'[U+{ord(match.group()):04X}]', text.replace('\t', ' '))


def number(value: float) -> str:
    """A coordinate as the writers print it: two decimals at most, no trailing zeros."""
    text = f'{value:.2f}'.rstrip('0').rstrip('.')
    return '0' if text in ('-0', '') else text
