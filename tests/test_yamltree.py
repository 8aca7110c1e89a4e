"""The slim YAML composer gives PyYAML's tree: same tags, values, positions, errors."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_biography import yamltree


def shape(node: Any, seen: dict[int, int] | None = None) -> Any:
    """A comparable form of a node tree from either composer; aliases by first position."""
    seen = {} if seen is None else seen
    if id(node) in seen:
        return ('alias', seen[id(node)])
    seen[id(node)] = len(seen)
    if hasattr(node, 'start_mark'):  # PyYAML's node
        line, column = node.start_mark.line, node.start_mark.column
    else:
        line, column = node.line, node.column
    if isinstance(node.value, str):
        value: Any = node.value
    elif node.value and isinstance(node.value[0], tuple):
        value = [(shape(k, seen), shape(v, seen)) for k, v in node.value]
    else:
        value = [shape(child, seen) for child in node.value]
    return (type(node).__name__, node.tag, line, column, value)


def both(text: str) -> tuple[Any, Any]:
    theirs = yaml.compose(text, Loader=yamltree.SafeLoader)
    ours = yamltree.compose(text)
    return (None if theirs is None else shape(theirs)), (None if ours is None else shape(ours))


@pytest.mark.parametrize(
    'text',
    [
        '',
        '# only a comment\n',
        'a: 1\nb: [x, "y", 2010-04-16, ~, true, 1.5]\nc: {d: e}\n',
        'base: &b {x: 1}\nuse:\n  <<: *b\n  y: 2\nagain: *b\n',
        'loop: &l [1, *l]\n',
        'tagged: !!python/object:os.system x\nlist: !custom [1]\n',
        '? [complex, key]\n: value\n',
        '- |\n  block\n  text\n- >\n  folded\n',
    ],
)
def test_same_tree_as_pyyaml(text: str) -> None:
    theirs, ours = both(text)
    assert ours == theirs


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8) | st.dates(),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None, database=None)
@given(value=yaml_values, flow=st.booleans())
def test_same_tree_as_pyyaml_generated(value: Any, flow: bool) -> None:
    shared = [value, value]  # safe_dump writes an anchor and an alias
    text = yaml.safe_dump({'v': value, 's': shared}, default_flow_style=flow, allow_unicode=True)
    theirs, ours = both(text)
    assert ours == theirs


@pytest.mark.parametrize(
    ('text', 'message'),
    [
        ('a: *nowhere\n', "found undefined alias 'nowhere'"),
        ('a: &x 1\nb: &x 2\n', "found duplicate anchor 'x'; first occurrence"),
        ('a: 1\n---\nb: 2\n', 'expected a single document in the stream'),
        ('a: [1\n', 'while parsing a flow sequence'),
    ],
)
def test_errors_are_pyyaml_errors(text: str, message: str) -> None:
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yamltree.compose(text)
    assert message in str(caught.value)
    assert caught.value.problem_mark is not None
