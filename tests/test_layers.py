"""The extension's import graph: no circles, and each layer imports only what is below it.

Read from the source with ``ast`` (imports under ``TYPE_CHECKING`` count
too: a circle of type-only imports is still a circle for the reader).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parents[1] / '_ext' / 'sphinx_biography'

#: The data layer: pure Python, no Sphinx, no docutils.
DATA_LAYER = {'dates', 'yamltree', 'schema', 'model', 'datacache', 'structured'}
#: Pictures as data: scenes, layouts and the SVG and TikZ writers, also pure
#: Python; they may use the data layer, and the data layer may not use them.
PICTURE_LAYER = {'scene', 'svg', 'tikz', 'lifespan', 'lineage'}
#: Writers: visitors only.
WRITERS = {'html', 'latex', 'text'}
#: What a writer may import from the package: nodes, labels, the description of
#: a timeline entry, (for the compact HTML entry) the records and quote style,
#: the records' structured data (JSON-LD, microformats2), and the one module
#: of version-specific Sphinx API (page addresses).
WRITER_MAY_IMPORT = {
    'nodes', 'i18n', 'timeline', 'dates', 'model', 'quotes', 'domain', 'structured', '_compat',
}  # fmt: skip
#: ... and a picture's writer for its format (a scene in, a string out); LaTeX also
#: scales a scene too wide for TeX.
WRITER_MAY_IMPORT_PICTURES = {'html': {'svg'}, 'latex': {'tikz', 'scene'}, 'text': set()}


def imports_of(module: Path) -> tuple[set[str], set[str]]:
    """The package's modules *module* imports, and the other top-level packages it imports."""
    own, other = set(), set()
    for node in ast.walk(ast.parse(module.read_text('utf-8'))):
        if isinstance(node, ast.ImportFrom):
            if node.level:  # from . import x / from .x import y
                if node.module:
                    own.add(node.module.split('.')[0])
                else:
                    own.update(alias.name for alias in node.names)
            elif node.module:
                other.add(node.module.split('.')[0])
        elif isinstance(node, ast.Import):
            other.update(alias.name.split('.')[0] for alias in node.names)
    return own, other


def graph() -> dict[str, tuple[set[str], set[str]]]:
    return {path.stem: imports_of(path) for path in sorted(PACKAGE.glob('*.py'))}


def find_circle(edges: dict[str, set[str]]) -> list[str] | None:
    """A circle in *edges* as a list of modules, or None."""
    visiting: list[str] = []
    done: set[str] = set()

    def visit(module: str) -> list[str] | None:
        if module in visiting:
            return [*visiting[visiting.index(module) :], module]
        if module in done:
            return None
        visiting.append(module)
        for target in sorted(edges.get(module, ())):
            circle = visit(target)
            if circle:
                return circle
        visiting.pop()
        done.add(module)
        return None

    for module in sorted(edges):
        circle = visit(module)
        if circle:
            return circle
    return None


def test_no_import_circles() -> None:
    edges = {module: own for module, (own, _other) in graph().items()}
    assert find_circle(edges) is None, ' -> '.join(find_circle(edges) or [])


def test_the_circle_finder_finds_circles() -> None:
    assert find_circle({'a': {'b'}, 'b': {'c'}, 'c': {'a'}}) == ['a', 'b', 'c', 'a']
    assert find_circle({'a': {'b'}, 'b': set()}) is None


def test_the_data_layer_imports_no_sphinx_and_stays_below() -> None:
    modules = graph()
    for module in DATA_LAYER:
        own, other = modules[module]
        assert not {'sphinx', 'docutils', 'myst_parser'} & other, (module, other)
        assert own <= DATA_LAYER, (module, own - DATA_LAYER)


def test_writers_import_no_directives() -> None:
    modules = graph()
    for module in WRITERS:
        own, _other = modules[module]
        allowed = WRITER_MAY_IMPORT | WRITER_MAY_IMPORT_PICTURES[module]
        assert own <= allowed, (module, own - allowed)


def test_the_picture_layer_is_pure_and_stays_below() -> None:
    modules = graph()
    for module in PICTURE_LAYER:
        own, other = modules[module]
        assert not {'sphinx', 'docutils', 'myst_parser'} & other, (module, other)
        assert own <= DATA_LAYER | PICTURE_LAYER, (module, own - DATA_LAYER - PICTURE_LAYER)
    for module in DATA_LAYER:
        assert not modules[module][0] & PICTURE_LAYER, module


def test_nothing_imports_the_package_root() -> None:
    """``__init__`` imports everything (its setup() registers it all); nothing imports it."""
    for module, (own, _other) in graph().items():
        assert '__init__' not in own and 'sphinx_biography' not in own, module
