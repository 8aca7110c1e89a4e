"""The lineage graph: what its filters select, its layout, and the directive in real builds."""

from __future__ import annotations

import itertools
import os
import random
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx.util.console import strip_colors

from sphinx_biography import html, lineage, model, scene, svg, tikz
from sphinx_biography.dates import parse_date

ROOTS = Path(__file__).parent / 'roots'
PICTURES = ROOTS / 'test-pictures'
SITE_DATA = Path(__file__).parents[1] / 'source' / '_data' / 'pocoo.yaml'


@pytest.fixture(scope='module')
def site() -> model.Dataset:
    return model.load([SITE_DATA])


def keys(records: model.LineageRecords) -> list[str]:
    return [project.id for project in records.projects]


# -- What a graph shows ------------------------------------------------------------


def test_filters_select_projects_and_relations(site: model.Dataset) -> None:
    everything = site.lineage_records()
    assert keys(everything) == list(site.projects)
    assert everything.relations == tuple(site.relations())
    assert everything.people == () and everything.authorship == ()
    # Flask and the projects one relation away, either way.
    near = site.lineage_records(around='flask')
    assert set(keys(near)) == {'flask', 'denied', 'werkzeug', 'jinja', 'itsdangerous', 'click',
                               'markupsafe'}  # fmt: skip
    # The relations between two of them are drawn too, not only Flask's own.
    assert ('denied', 'werkzeug') in {(r.source, r.target) for r in near.relations}
    # Two steps away reaches Denied's origins' origins, and only through drawn relations.
    only_lineage = site.lineage_records(around='flask', depth=2, kinds=['lineage'])
    assert set(keys(only_lineage)) == {'flask', 'denied', 'werkzeug', 'jinja'}
    assert {r.kind for r in only_lineage.relations} == {'lineage'}
    named = site.lineage_records(projects=['flask', 'click'])
    assert set(keys(named)) == {'flask', 'click'}
    assert [(r.source, r.target) for r in named.relations] == [('flask', 'click')]


def test_people_filter_and_show_people(site: model.Dataset) -> None:
    georg = site.lineage_records(people=['georg-brandl'], with_people=True)
    assert all('georg-brandl' in project.authors for project in georg.projects)
    assert [person.id for person in georg.people] == ['georg-brandl']
    assert {person for person, _project in georg.authorship} == {'georg-brandl'}
    everyone = site.lineage_records(with_people=True)
    made = {(person, project) for person, project in everyone.authorship}
    assert ('armin-ronacher', 'flask') in made


# -- The layout --------------------------------------------------------------------


def boxes(drawn: scene.Scene) -> dict[tuple[str, str], scene.Box]:
    return {s.link: s for s in drawn.shapes if isinstance(s, scene.Box) and s.link}


def assert_laid_out(drawn: scene.Scene, records: model.LineageRecords) -> None:
    """Every record has a box inside the picture, no two boxes overlap, every arrow is drawn."""
    placed = boxes(drawn)
    assert set(placed) == {('project', p.id) for p in records.projects} | {
        ('person', p.id) for p in records.people
    }
    for box in placed.values():
        assert box.x >= 0 and box.x + box.width <= drawn.width + 0.01
        assert box.y >= 0 and box.y + box.height <= drawn.height + 0.01
    for one, other in itertools.combinations(placed.values(), 2):
        apart = (one.x + one.width <= other.x or other.x + other.width <= one.x
                 or one.y + one.height <= other.y or other.y + other.height <= one.y)  # fmt: skip
        assert apart, (one.tip, other.tip)
    arrows = [s for s in drawn.shapes if isinstance(s, scene.Path) and s.arrow]
    legend = [s for s in drawn.shapes if isinstance(s, scene.Text) and s.style == 'legend']
    assert len(arrows) == len(lineage.arrows(records)) + len(legend)


def test_the_site_graph_is_laid_out_in_layers_oldest_on_top(site: model.Dataset) -> None:
    records = site.lineage_records()
    graph = lineage.lineage_graph(records)
    assert_laid_out(graph.scene, records)
    placed = boxes(graph.scene)
    # An arrow runs from the older project down to the newer one.
    for older, newer in [('werkzeug', 'denied'), ('denied', 'flask'), ('pocoo', 'jinja')]:
        assert placed['project', older].y < placed['project', newer].y
    # Arrows between the same two boxes are drawn apart (Werkzeug grew out
    # of Colubrid and replaces it).
    colubrid = placed['project', 'colubrid']
    between = [
        path.points
        for path in graph.scene.shapes
        if isinstance(path, scene.Path) and path.style in ('edge-lineage', 'edge-replaces')
        and colubrid.x <= path.points[0][0] <= colubrid.x + colubrid.width
        and path.points[0][1] == pytest.approx(colubrid.y + colubrid.height, abs=4)
    ]  # fmt: skip
    assert len(between) == 2 and between[0] != between[1]
    # The legend names the relations drawn, as arrows read ("led to", "used by").
    legend = [
        s.text for s in graph.scene.shapes if isinstance(s, scene.Text) and s.style == 'legend'
    ]
    assert legend == ['led to', 'used by', 'replaced by', 'inspired', 'ported as']
    # Names keep their circa and uncertain marks.
    details = {
        s.text for s in graph.scene.shapes if isinstance(s, scene.Text) and s.style == 'detail'
    }
    assert {'2004?', 'c. 2009'} <= details


DRAW = """
import sys
from pathlib import Path
from typing import Any
from sphinx_biography import lifespan, lineage, model, svg, tikz
import datetime as dt
data = model.load([Path(sys.argv[1])])
graph = lineage.lineage_graph(data.lineage_records(with_people=True)).scene
chart = lifespan.lifespan_chart(data, today=dt.date(2026, 6, 1)).scene
for drawn in (graph, chart):
    print(svg.to_svg(drawn, {}, 'a'), tikz.to_tikz(drawn, {}))
"""


def test_other_processes_draw_the_same(tmp_path: Path) -> None:
    """Byte for byte, whatever the hash seed and the memory addresses."""
    script = tmp_path / 'draw.py'
    script.write_text(DRAW, encoding='utf-8')
    drawings = {
        subprocess.run(
            [sys.executable, str(script), str(SITE_DATA)], capture_output=True, text=True,
            check=True, env={**os.environ, 'PYTHONHASHSEED': seed},
        ).stdout
        for seed in ('1', '2', '3')
    }  # fmt: skip
    assert len(drawings) == 1 and '<svg' in drawings.pop()


def test_the_same_data_gives_the_same_drawing(site: model.Dataset) -> None:
    records = site.lineage_records(with_people=True)
    first, second = lineage.lineage_graph(records), lineage.lineage_graph(records)
    assert svg.to_svg(first.scene, {}, 'a') == svg.to_svg(second.scene, {}, 'a')
    assert tikz.to_tikz(first.scene, {}) == tikz.to_tikz(second.scene, {})


def test_long_names_are_shortened_with_the_full_name_in_the_tooltip() -> None:
    name = 'A project whose name goes on far longer than any box could ever hold'
    dataset = model.Dataset()
    dataset.projects['p'] = model.Project(id='p', name=name)
    (box, text) = [s for s in lineage.lineage_graph(dataset.lineage_records()).scene.shapes
                   if getattr(s, 'link', None) == ('project', 'p')]  # fmt: skip
    assert box.width == lineage.MAX_WIDTH
    assert text.text.endswith('…') and box.tip == name and text.tip == name
    assert scene.text_width(text.text, lineage.NAME, bold=True) <= box.width - 2 * lineage.PAD_X


def test_a_hundred_projects_and_three_hundred_relations() -> None:
    rng = random.Random(7)
    dataset = model.Dataset()
    for n in range(100):
        start = parse_date(f'{1990 + n // 4}')
        dataset.projects[f'p{n}'] = model.Project(id=f'p{n}', name=f'Project {n}', started=start)
    pairs = set()
    while len(pairs) < 300:
        older, newer = sorted(rng.sample(range(100), 2))
        pairs.add((newer, older))
    for newer, older in sorted(pairs):
        project = dataset.projects[f'p{newer}']
        kind = ('lineage', 'inspired_by', 'port_of')[(newer + older) % 3]
        dataset.projects[project.id] = model.replaced(
            project, **{kind: (*getattr(project, kind), f'p{older}')}
        )
    records = dataset.lineage_records()
    assert len(records.relations) == 300
    graph = lineage.lineage_graph(records)
    assert_laid_out(graph.scene, records)
    names = [s for s in graph.scene.shapes if isinstance(s, scene.Text) and s.style == 'name']
    assert all(name.size == lineage.NAME for name in names)  # never scaled down in the scene
    ET.fromstring(svg.to_svg(graph.scene, {}, 'big'))


# -- The directive -----------------------------------------------------------------


def build(make_app, tmp_path: Path, builder: str = 'html'):
    shutil.copytree(PICTURES, tmp_path / 'src')
    app = make_app(builder, srcdir=tmp_path / 'src')
    app.build(force_all=True)
    return app


def test_html_graph_with_links_and_text_alternative(make_app, tmp_path: Path) -> None:
    app = build(make_app, tmp_path)
    assert app.warning.getvalue() == ''
    page = BeautifulSoup((app.outdir / 'graph.html').read_text('utf-8'), 'html.parser')
    figure = page.select_one('div.bio-picture.bio-lineage#lineage-graph')
    drawing = figure.select_one('figure > svg.bio-pic-lineage')
    assert drawing.select_one('title').get_text() == 'Everything related'
    assert figure.select_one('figcaption').get_text(strip=True) == 'Everything related'
    # Widget's infobox is on the records page: its box and name link there.
    assert {a['href'] for a in drawing.select('a')} == {'records.html#project-widget'}
    alt = figure.select_one('details.bio-picture-alt').get_text(' ', strip=True)
    assert 'Widget (2010): grew out of Gadget' in alt
    assert 'Doohickey : depends on Widget ; port of Gadget' in alt
    second = page.select_one('div#lineage-graph-2')
    assert second.select_one('figcaption').get_text(strip=True) == 'Widget’s origin'
    assert len(second.select('svg polyline.bio-pic-edge-lineage')) == 2  # the arrow and its legend
    rest = BeautifulSoup((app.outdir / 'chart.html').read_text('utf-8'), 'html.parser')
    people = rest.select_one('div.bio-lineage').get_text(' ', strip=True)
    assert 'Ada Łukasiewicz-Müller : made Widget' in people


def test_latex_draws_the_graph_with_labelled_links(make_app, tmp_path: Path, snapshot) -> None:
    app = build(make_app, tmp_path, 'latex')
    assert app.warning.getvalue() == ''
    tex = next(app.outdir.glob('*.tex')).read_text('utf-8')
    start = tex.index('{Widget', tex.index('bio edgelineage')) if 'bio edgelineage' in tex else -1
    assert start > 0
    labels = set(re.findall(r'\\label\{\\detokenize\{([^}]*)\}\}', tex))
    refs = set(re.findall(r'\\hyperref\[\\detokenize\{([^}]*)\}\]', tex))
    assert 'records:project-widget' in refs and refs <= labels
    graph = tex[
        tex.rindex(r'\begin{tikzpicture}', 0, start) : tex.index(r'\end{tikzpicture}', start)
    ]
    snapshot(graph + '\n', 'lineage.tex')


def test_svg_snapshot(site: model.Dataset, snapshot) -> None:
    graph = lineage.lineage_graph(site.lineage_records(around='flask'))
    links = {('project', 'flask'): 'flask.html#project-flask'}
    snapshot(svg.to_svg(graph.scene, links, 'g') + '\n', 'lineage.svg')


def test_option_checks(make_app, tmp_path: Path) -> None:
    shutil.copytree(PICTURES, tmp_path / 'src')
    (tmp_path / 'src' / 'graph.md').write_text(
        '# Graph\n\n'
        '```{lineage-graph}\n:relations: lineage, dependson\n:depth: 3\n```\n\n'
        '```{lineage-graph}\n:around: widgit\n:depth: zero\n:show-people: yes\n```\n\n'
        '```{lineage-graph}\n:projects: nothing\n```\n\n'
        '```{lineage-graph}\n:people: chen\n:relations: lineage\n:around: widget\n```\n',
        'utf-8',
    )
    app = make_app('html', srcdir=tmp_path / 'src')
    app.build(force_all=True)
    text = strip_colors(app.warning.getvalue()).replace(str(app.srcdir) + '/', '')
    assert text.splitlines() == [
        "graph.md:3: WARNING: unknown relation 'dependson' in :relations:; did you mean "
        "'depends_on'? (relations: lineage, depends_on, replaces, forked_from, inspired_by, "
        'port_of) [biography.option]',
        'graph.md:3: WARNING: :depth: has no effect without :around: [biography.option]',
        "graph.md:8: WARNING: :show-people: takes no value; got 'yes', taken as set "
        '[biography.option]',
        "graph.md:8: WARNING: unknown project id 'widgit': no data file defines it (data.yaml); "
        "did you mean 'widget'? [biography.reference]",
        "graph.md:8: WARNING: :depth: expected a whole number from 1 to 9, got 'zero'; using 1 "
        '[biography.option]',
        "graph.md:14: WARNING: unknown project id 'nothing': no data file defines it "
        '(data.yaml) [biography.reference]',
        'graph.md:18: WARNING: the lineage graph shows nothing (check its filters) '
        '[biography.option]',
    ]


def test_a_graph_shrinks_only_so_far_then_scrolls(make_app, tmp_path: Path) -> None:
    """Wide: its own size, scrolling; medium: down to 70% of it; small: shrinks, no scroll area."""
    src = tmp_path / 'src'
    src.mkdir()
    (src / 'conf.py').write_text(
        "extensions = ['sphinx_biography']\nbiography_data = 'data.yaml'\n"
    )
    projects = ['projects:', '  - {id: root, name: Root}']
    projects += [f'  - {{id: p{n}, name: Project {n}, lineage: [root]}}' for n in range(30)]
    (src / 'data.yaml').write_text('\n'.join(projects) + '\n')
    seven = 'root, p0, p1, p2, p3, p4, p5'
    (src / 'index.rst').write_text('Wide\n====\n\n.. lineage-graph:: Thirty children\n\n'
                                   f'.. lineage-graph:: Seven\n   :projects: {seven}\n\n'
                                   '.. lineage-graph:: One\n   :projects: root\n')  # fmt: skip
    app = make_app('html', srcdir=src)
    app.build(force_all=True)
    assert app.warning.getvalue() == ''
    page = BeautifulSoup((app.outdir / 'index.html').read_text('utf-8'), 'html.parser')
    wide, medium, narrow = page.select('div.bio-lineage > figure')

    def width(figure: Any) -> float:
        return float(figure.svg['width'].removesuffix('pt'))

    assert width(wide) > 30 * lineage.MIN_WIDTH
    assert wide['class'] == ['bio-pic-scroll'] and wide['tabindex'] == '0'
    assert wide['style'] == f'--bio-pic-min-width: {width(wide):.0f}pt'
    assert html.SCROLL_WIDTH > width(medium) * html.SMALLEST_SCALE > html.PHONE_COLUMN
    assert medium['class'] == ['bio-pic-scroll'] and medium['tabindex'] == '0'
    assert medium['style'] == f'--bio-pic-min-width: {width(medium) * 0.7:.0f}pt'
    assert width(narrow) * html.SMALLEST_SCALE <= html.PHONE_COLUMN
    assert 'class' not in narrow.attrs and 'tabindex' not in narrow.attrs


@pytest.mark.tex
def test_a_graph_too_wide_for_tex_is_scaled_and_listed_in_the_pdf(make_app, tmp_path: Path) -> None:
    from test_build import compile_pdf

    src = tmp_path / 'src'
    src.mkdir()
    (src / 'conf.py').write_text(
        "extensions = ['sphinx_biography']\nbiography_data = 'data.yaml'\n"
        "latex_engine = 'xelatex'\n"
    )
    projects = ['projects:', '  - {id: root, name: Root}']
    projects += [f'  - {{id: p{n}, name: Project {n}, lineage: [root]}}' for n in range(330)]
    (src / 'data.yaml').write_text('\n'.join(projects) + '\n')
    (src / 'index.rst').write_text('Wide\n====\n\n.. lineage-graph:: Many children\n')
    app = make_app('latex', srcdir=src)
    app.build(force_all=True)
    assert app.warning.getvalue() == ''
    graph = lineage.lineage_graph(app.env.get_domain('bio').dataset.lineage_records())
    assert graph.scene.width > 16384  # more than TeX can measure
    tex = next(app.outdir.glob('*.tex')).read_text('utf-8')
    assert r'\resizebox{\ifdim 4000pt>\linewidth' in tex
    text = compile_pdf(app.outdir)
    # Too small to read once fitted to the page: the data follows as a list.
    assert 'The data of this picture:' in text and 'Project 329 (' not in text
    assert 'Project 329: grew out of Root' in ' '.join(text.split())


def test_a_scaled_scene_scales_type_and_shapes_alike(site: model.Dataset) -> None:
    drawn = lineage.lineage_graph(site.lineage_records(around='flask')).scene
    half = scene.scaled(drawn, 0.5)
    assert (half.width, half.height) == (drawn.width / 2, drawn.height / 2)
    for before, after in zip(drawn.shapes, half.shapes, strict=True):
        if isinstance(before, scene.Text):
            assert (after.x, after.y, after.size) == (before.x / 2, before.y / 2, before.size / 2)
        elif isinstance(before, scene.Box):
            assert (after.width, after.rounded) == (before.width / 2, before.rounded / 2)
        elif isinstance(before, scene.Path):
            assert after.points == tuple((x / 2, y / 2) for x, y in before.points)


def test_opposite_arrows_between_two_boxes_stay_apart(site: model.Dataset) -> None:
    # MarkupSafe grew out of Jinja, and Jinja uses MarkupSafe.
    drawn = lineage.lineage_graph(site.lineage_records(around='jinja', depth=1)).scene
    placed = boxes(drawn)
    jinja, markupsafe = placed['project', 'jinja'], placed['project', 'markupsafe']

    def touches(box: scene.Box, point: tuple[float, float]) -> bool:
        return box.x - 4 <= point[0] <= box.x + box.width + 4 and (
            abs(point[1] - box.y) < 4 or abs(point[1] - box.y - box.height) < 4
        )

    between = [
        path.points
        for path in drawn.shapes
        if isinstance(path, scene.Path) and path.arrow and len(path.points) > 1
        and {touches(jinja, path.points[0]), touches(markupsafe, path.points[0])} == {True, False}
        and (touches(jinja, path.points[-1]) or touches(markupsafe, path.points[-1]))
    ]  # fmt: skip
    assert len(between) == 2
    one, other = between
    assert one[0] != other[-1] and one[-1] != other[0]  # not the same line drawn back


def test_tikz_is_loaded_for_a_graph_alone_and_on_a_build_that_reads_nothing(
    make_app, tmp_path: Path
) -> None:
    src = tmp_path / 'src'
    shutil.copytree(PICTURES, src)
    (src / 'index.md').write_text('# Graph only\n\n```{lineage-graph}\n```\n', 'utf-8')
    for _build in range(2):  # the second reads no page and writes them all
        app = make_app('latex', srcdir=src)
        app.build()
        tex = next(app.outdir.glob('*.tex')).read_text('utf-8')
        assert r'\usepackage{tikz}' in tex and r'\begin{tikzpicture}' in tex
        app.cleanup()


def test_filters_that_leave_no_relation(make_app, tmp_path: Path) -> None:
    src = tmp_path / 'src'
    shutil.copytree(PICTURES, src)
    (src / 'graph.md').write_text(
        '# Graph\n\n```{lineage-graph}\n:relations: nonsense\n```\n\n'
        '```{lineage-graph}\n:around: widget\n:relations: inspired_by\n```\n',
        'utf-8',
    )
    app = make_app('html', srcdir=src)
    app.build(force_all=True)
    text = strip_colors(app.warning.getvalue()).replace(str(app.srcdir) + '/', '')
    assert text.splitlines() == [
        "graph.md:3: WARNING: unknown relation 'nonsense' in :relations: (relations: lineage, "
        'depends_on, replaces, forked_from, inspired_by, port_of) [biography.option]',
        'graph.md:7: WARNING: the lineage graph shows nothing (check its filters) '
        '[biography.option]',
    ]
    page = BeautifulSoup((app.outdir / 'graph.html').read_text('utf-8'), 'html.parser')
    (only,) = page.select('div.bio-lineage')  # the first, with every relation
    assert only.select('polyline.bio-pic-edge-lineage')


def test_both_pictures_are_drawn_without_graphviz(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No system package: with no ``dot`` on the PATH, both pictures are still drawn."""
    monkeypatch.setenv('PATH', str(tmp_path / 'no-programs'))
    assert shutil.which('dot') is None
    app = build(make_app, tmp_path)
    assert app.warning.getvalue() == ''
    html = (app.outdir / 'index.html').read_text('utf-8')
    graphs = (app.outdir / 'graph.html').read_text('utf-8')
    assert '<svg' in html and 'bio-pic-lifespan' in html and 'bio-pic-lineage' in graphs
