"""Pictures: the scene layer and its writers (no Sphinx), and the lifespan chart in real builds."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.util.console import strip_colors

from sphinx_biography import lifespan, model, scene, svg, tikz
from sphinx_biography.dates import parse_date

ROOTS = Path(__file__).parent / 'roots'
PICTURES = ROOTS / 'test-pictures'
HOSTILE = ROOTS / 'test-pictures-hostile'
#: 1 June 2026: ongoing bars end with this year in every snapshot.
EPOCH = '1780272000'
TODAY = dt.date(2026, 6, 1)
SVG = '{http://www.w3.org/2000/svg}'


def chart(root: Path = PICTURES, **filters) -> lifespan.Chart:
    dataset = model.load([root / 'data.yaml'])
    return lifespan.lifespan_chart(dataset, today=TODAY, **filters)


# -- The scene layer ---------------------------------------------------------------


def test_text_width_counts_wide_characters_double() -> None:
    assert scene.text_width('漢字', 10) == pytest.approx(20 * scene.SAFETY)
    assert scene.text_width('ab', 10) == pytest.approx(11.2 * scene.SAFETY)
    assert scene.text_width('iiii', 10) < scene.text_width('MMMM', 10)
    assert scene.text_width('e\u0301', 10) == scene.text_width('e', 10)  # a combining accent


def test_shorten_adds_an_ellipsis_and_fits() -> None:
    name = 'A very long project name that goes on and on'
    short = scene.shorten(name, 9, 80)
    assert short.endswith('…') and name.startswith(short[:-1])
    assert scene.text_width(short, 9) <= 80
    assert scene.shorten('Flask', 9, 80) == 'Flask'


def test_writers_escape_everything() -> None:
    nasty = 'a<b>&"c" \\ { } $ # ^ _ ~ % [x] \x07'
    picture = scene.Scene(
        100, 50, nasty, nasty,
        (scene.Text(1, 2, nasty, 'label', link=('project', 'p'), tip=nasty),
         scene.Box(0, 0, 5, 5, 'bar', tip=nasty),
         scene.Path(((0, 0), (10, 10)), 'edge', arrow=True, dash='dashed'),
         scene.Mark(3, 3, 2, 'event', shape='diamond')),
    )  # fmt: skip
    drawn = svg.to_svg(picture, {('project', 'p'): 'page.html#x"y'}, 'id"1')
    root = ET.fromstring(drawn)  # well-formed XML: the page stays valid
    assert root.find(f'{SVG}title').text == 'a<b>&"c" \\ { } $ # ^ _ ~ % [x] [U+0007]'
    assert root.find(f'{SVG}a').get('href') == 'page.html#x"y'
    assert root.find(f'{SVG}polygon') is not None  # arrowhead and diamond
    tex = tikz.to_tikz(picture, {('project', 'p'): r'\detokenize{page:x}'})
    assert (
        r'a\textless{}b\textgreater{}\&\textquotedbl{}c\textquotedbl{} \textbackslash{} \{ \}'
        in tex
    )
    assert r'\$ \# \textasciicircum{} \_ \textasciitilde{} \% {[}x{]} {[}U+0007{]}' in tex
    assert r'\hyperref[\detokenize{page:x}]{' in tex
    assert '\x07' not in tex and '\x07' not in drawn


def test_writers_are_deterministic_and_snapshotted(snapshot) -> None:
    first, second = chart(), chart()
    assert first == second
    drawn = svg.to_svg(first.scene, {('project', 'widget'): 'records.html#project-widget'}, 'c')
    assert drawn == svg.to_svg(
        second.scene, {('project', 'widget'): 'records.html#project-widget'}, 'c'
    )
    snapshot(drawn + '\n', 'lifespan.svg')
    label = r'\detokenize{records:project-widget}'
    snapshot(tikz.to_tikz(first.scene, {('project', 'widget'): label}) + '\n', 'lifespan.tex')


# -- The lifespan layout -----------------------------------------------------------


def test_rows_and_their_spans() -> None:
    rows = {row.label: row for row in chart().rows}
    assert list(rows) == [
        'Gadget', 'Widget', 'Doohickey', 'Ada Łukasiewicz-Müller', 'BSc, Tōhoku University',
        'engineer, Acme', 'Initech', 'Bob Σωκράτης', '陈小明',
    ]  # fmt: skip
    assert rows['Widget'].when.start == parse_date('2010-04').start and rows['Widget'].when.ongoing
    # No first release: the first event naming the project starts it.
    assert rows['Doohickey'].when.start == parse_date('2018-06').start
    assert rows['Bob Σωκράτης'].when.end == parse_date('2020-01-02').start
    assert rows['陈小明'].when is None and rows['陈小明'].events  # no birth date, an event
    assert rows['engineer, Acme'].indent and rows['engineer, Acme'].link == ('person', 'ada')


def test_a_project_spans_from_its_start_to_its_end() -> None:
    dataset = model.Dataset()
    team = model.Project(id='team', name='Team', started=parse_date('2004?'),
                         ended=parse_date('2016-04'))  # fmt: skip
    dataset.projects['team'] = team
    (row,) = lifespan.lifespan_chart(dataset, today=TODAY).rows
    assert row.when.start == parse_date('2004?').start
    assert row.when.end == parse_date('2016-04').start and not row.when.ongoing
    bars = [s for s in lifespan.lifespan_chart(dataset, today=TODAY).scene.shapes
            if isinstance(s, scene.Box) and s.link == ('project', 'team')]  # fmt: skip
    assert all(bar.opacity > 0.35 for bar in bars)  # an end: no fading tail


def test_circa_and_uncertain_ends_are_faint_and_open_ends_fade() -> None:
    shapes = chart().scene.shapes
    gadget = [s for s in shapes if isinstance(s, scene.Box) and s.link == ('project', 'gadget')]
    assert gadget[0].dash == 'dashed' and gadget[0].opacity < 1  # 2005?: uncertain start
    assert [s.opacity for s in gadget[-3:]] == [0.6, 0.35, 0.15]  # ongoing: fades out
    acme = [
        s for s in shapes if isinstance(s, scene.Box) and s.tip == 'engineer, Acme: c. 2012 – 2016'
    ]
    assert acme[0].dash == 'dashed' and acme[1].dash == 'solid'


def test_bars_the_axis_cuts_fade_where_they_are_cut() -> None:
    shapes = chart(people=('bob',), since=parse_date('2000'), until=parse_date('2010')).scene.shapes
    life = [s for s in shapes if isinstance(s, scene.Box) and s.link == ('person', 'bob')]
    assert [s.opacity for s in life] == [0.15, 0.35, 0.6, 1, 0.6, 0.35, 0.15]
    axis = next(s for s in shapes if isinstance(s, scene.Path) and s.style == 'axis')
    assert life[0].x == axis.points[0][0]


def test_month_precision_places_within_the_year() -> None:
    shapes = chart(projects=('widget',)).scene.shapes
    widget = next(s for s in shapes if isinstance(s, scene.Box) and s.link == ('project', 'widget'))
    years = [s for s in shapes if isinstance(s, scene.Text) and s.style == 'tick']
    (x0, y0), (x1, y1) = [(s.x, int(s.text)) for s in years[:2]]
    x2010 = x0 + (2010 - y0) * (x1 - x0) / (y1 - y0)
    step = (x1 - x0) / (y1 - y0)
    assert widget.x == pytest.approx(x2010 + step * 90 / 365, abs=0.05)  # 1 April


def test_filters_and_axis_clipping() -> None:
    filtered = chart(projects=('widget',), tags=('talk',), since=parse_date('2000'),
                     until=parse_date('2019'))  # fmt: skip
    assert [row.label for row in filtered.rows] == ['Widget']
    assert filtered.rows[0].events == ()  # its event is tagged release, not talk
    ticks = [
        s.text for s in filtered.scene.shapes if isinstance(s, scene.Text) and s.style == 'tick'
    ]
    assert ticks[0] == '2000' and ticks[-1] == '2020'
    assert all(0 <= s.x <= filtered.scene.width for s in filtered.scene.shapes
               if isinstance(s, scene.Box | scene.Mark | scene.Text))  # fmt: skip


def test_a_hundred_projects_and_a_thousand_events_stay_fast_and_legible() -> None:
    import time

    dataset = model.Dataset()
    for n in range(100):
        dataset.projects[f'p{n}'] = model.Project(
            id=f'p{n}', name=f'Project number {n} with a longish name',
            first_release=model.Release(date=parse_date(f'{1990 + n % 30}-0{1 + n % 9}')),
        )  # fmt: skip
    for n in range(1000):
        dataset.events[f'e{n}'] = model.Event(
            id=f'e{n}', date=parse_date(f'{1990 + n % 35}'), title=f'Event {n}',
            projects=(f'p{n % 100}',),
        )  # fmt: skip
    start = time.perf_counter()
    result = lifespan.lifespan_chart(dataset, today=TODAY)
    drawn = svg.to_svg(result.scene, {}, 'big')
    tikz.to_tikz(result.scene, {})
    assert time.perf_counter() - start < 2
    assert len(result.rows) == 100
    # In print: three parts with the axis each, the legend under the last.
    assert len(result.parts) == 3
    for part in result.parts:
        labels = [s for s in part.shapes if isinstance(s, scene.Text) and s.style == 'label']
        assert 0 < len(labels) <= lifespan.PRINT_ROWS
        assert any(isinstance(s, scene.Text) and s.style == 'tick' for s in part.shapes)
    legends = [any(isinstance(s, scene.Text) and s.style == 'legend' for s in part.shapes)
               for part in result.parts]  # fmt: skip
    assert legends == [False, False, True]
    assert chart().parts == ()
    ET.fromstring(drawn)
    labels = [s for s in result.scene.shapes if isinstance(s, scene.Text) and s.style == 'label']
    assert all(label.size >= 8 for label in labels)
    ticks = [s.x for s in result.scene.shapes if isinstance(s, scene.Text) and s.style == 'tick']
    assert min(b - a for a, b in itertools.pairwise(ticks)) >= lifespan.TICK_ROOM


# -- Real builds -------------------------------------------------------------------


@pytest.fixture
def epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('SOURCE_DATE_EPOCH', EPOCH)


def build(make_app, srcdir: Path, builder: str = 'html', **kwargs):
    app = make_app(builder, srcdir=srcdir, **kwargs)
    app.build(force_all=True)
    return app


def copy(tmp_path: Path, root: Path = PICTURES, name: str = 'src') -> Path:
    shutil.copytree(root, tmp_path / name)
    return tmp_path / name


def test_html_figure_svg_links_and_text_alternative(
    make_app, tmp_path: Path, epoch, snapshot
) -> None:
    app = build(make_app, copy(tmp_path))
    assert app.warning.getvalue() == ''
    page = BeautifulSoup((app.outdir / 'index.html').read_text('utf-8'), 'html.parser')
    figure = page.select_one('div.bio-picture.bio-lifespan#lifespan-chart')
    assert figure.select_one('figure > svg + figcaption') is not None
    assert figure.select_one('figcaption').get_text(strip=True) == 'Everything in the data'
    drawing = figure.select_one('svg')
    assert drawing['aria-labelledby'] == 'lifespan-chart-title'
    assert drawing.select_one('title#lifespan-chart-title').get_text() == 'Everything in the data'
    assert 'Projects: 3; people: 3;' in drawing.select_one('desc').get_text()
    links = {a['href'] for a in drawing.select('a')}
    # Shown on the records page: linked there; gadget's infobox is nowhere: unlinked.
    assert {'records.html#project-widget', 'records.html#person-ada',
            'records.html#event-widget-1'} <= links  # fmt: skip
    assert not any('project-gadget' in href for href in links)
    assert [t.contents[-1].strip() for t in drawing.select('text.bio-pic-label')][:3] == [
        'Gadget', 'Widget', 'Doohickey',
    ]  # fmt: skip
    alt = figure.select_one('figure + details.bio-picture-alt')
    assert alt.select_one('summary').get_text() == 'The data of this picture'
    assert 'Widget: since April 2010; events: 16 April 2010 Widget 1.10 released' in alt.get_text()
    second = page.select_one('div#lifespan-chart-2')
    assert second.select_one('figcaption').get_text(strip=True) == 'Two projects'
    snapshot(str(figure.select_one('svg')) + '\n', 'lifespan-page.svg')
    rst = BeautifulSoup((app.outdir / 'chart.html').read_text('utf-8'), 'html.parser')
    assert rst.select_one('div.bio-lifespan.wide figcaption').get_text(strip=True) == 'People only'


def test_latex_tikz_with_labelled_links(make_app, tmp_path: Path, epoch, snapshot) -> None:
    app = build(make_app, copy(tmp_path), 'latex')
    assert app.warning.getvalue() == ''
    tex = next(app.outdir.glob('*.tex')).read_text('utf-8')
    assert r'\usepackage{tikz}' in tex
    assert tex.count(r'\begin{tikzpicture}') == 6  # three charts, three graphs
    labels = set(re.findall(r'\\label\{\\detokenize\{([^}]*)\}\}', tex))
    refs = set(re.findall(r'\\hyperref\[\\detokenize\{([^}]*)\}\]', tex))
    assert 'records:project-widget' in refs and refs <= labels, sorted(refs - labels)
    start = tex.index(r'\begin{tikzpicture}')
    snapshot(tex[start : tex.index(r'\end{tikzpicture}', start)] + '\n', 'lifespan-page.tex')


@pytest.mark.parametrize('builder', ['text', 'man', 'texinfo', 'epub', 'singlehtml', 'dirhtml'])
def test_every_builder_gets_the_text_alternative(make_app, tmp_path: Path, builder: str) -> None:
    app = build(make_app, copy(tmp_path), builder)
    assert app.warning.getvalue() == ''
    if builder == 'text':
        text = (app.outdir / 'index.txt').read_text('utf-8')
        assert 'Everything in the data' in text
        assert '* Widget: since April 2010; events: 16 April 2010 Widget 1.10 released' in text
        assert '  * engineer, Acme: c. 2012 – 2016' in text
    if builder == 'epub':
        page = (app.outdir / 'index.xhtml').read_text('utf-8')
        assert '<svg' not in page and 'bio-picture-alt' in page
    if builder == 'singlehtml':
        page = (app.outdir / 'index.html').read_text('utf-8')
        assert 'href="#project-widget"' in page


def test_option_checks(make_app, tmp_path: Path) -> None:
    src = copy(tmp_path)
    (src / 'index.md').write_text(
        '# Options\n\n```{toctree}\nrecords\nchart\n```\n\n'
        '```{lifespan-chart} A\n:project: widget\n:people: adam\n:tags: relase\n'
        ':since: 2020\n:until: 2001\n:caption: B\n```\n\n'
        '```{lifespan-chart}\n:projects: nothing-here\n```\n\n'
        '```{lifespan-chart}\n:projects: doohickey\n:tags: release\n```\n',
        encoding='utf-8',
    )
    app = build(make_app, src)
    warnings = strip_colors(app.warning.getvalue())
    assert (
        'index.md:8: WARNING: unknown option :project: of lifespan-chart; it is ignored; '
        "did you mean 'projects'?" in warnings
    )
    assert "unknown person id 'adam'" in warnings and "did you mean 'ada'" in warnings
    assert "no event has the tag 'relase' in :tags:; did you mean 'release'?" in warnings
    assert ':since: 2020 is after :until: 2001' in warnings
    assert 'the caption is given twice' in warnings
    # An unknown id is one warning, not two; a chart with no bar and no dot is one too.
    assert "unknown project id 'nothing-here'" in warnings
    assert warnings.count('the lifespan chart shows nothing (check its filters)') == 1
    assert '[biography.option]' in warnings and 'Traceback' not in warnings


def test_hostile_names_stay_inert(make_app, tmp_path: Path, epoch) -> None:
    app = build(make_app, copy(tmp_path, HOSTILE))
    html = (app.outdir / 'index.html').read_text('utf-8')
    start = html.index('<svg')
    drawing = ET.fromstring(html[start : html.index('</svg>', start) + 6])
    texts = [''.join(t.itertext()) for t in drawing.iter(f'{SVG}text')]
    assert 'Eve <script>alert("name")</script> & "quotes" \'single\'' in ''.join(texts)
    assert any(t.endswith('…') and t.startswith('A very long project') for t in texts)
    tips = [t.text for t in drawing.iter(f'{SVG}title')]
    assert any(
        tip and tip.startswith('A very long project name that goes on and on and on, far')
        for tip in tips
    )
    assert any('bell [U+0007] ring' in (tip or '') for tip in tips)
    assert '<script>' not in html[start : html.index('</details>', start)]
    assert drawing.find(f'{SVG}title').text == 'Caption with <b>tags</b> & \\TeX $x$'


@pytest.mark.tex
def test_pdf_has_vector_charts_with_text(make_app, tmp_path: Path, epoch) -> None:
    from test_build import compile_pdf

    for root in (PICTURES, HOSTILE):
        app = build(make_app, copy(tmp_path, root, root.name), 'latex')
        text = compile_pdf(Path(app.outdir))
        pdf = next(Path(app.outdir).glob('*.pdf'))
        images = subprocess.run(['pdfimages', '-list', str(pdf)], capture_output=True,
                                text=True, check=True).stdout.splitlines()  # fmt: skip
        assert len(images) == 2, images  # the header lines: no raster image at all
        if root is PICTURES:
            for label in ('Widget', 'Gadget', 'Ada Łukasiewicz-Müller', 'engineer, Acme', '2010',
                          'circa or uncertain date', 'People only'):  # fmt: skip
                assert label in text, label
        else:
            assert 'P & Q \\ { } $ # ^ _ ~ % \\end{tikz…' in text  # shortened, literal
            assert 'Eve <script>alert("name")</script' in text


def test_builds_are_byte_identical_and_parallel_equals_serial(
    make_app, tmp_path: Path, epoch
) -> None:
    outputs = []
    for n, jobs in enumerate((1, 1, 2)):
        src = copy(tmp_path, name=f'src{n}')
        index = src / 'index.md'
        pages = [f'page{k}' for k in range(6)]
        index.write_text(
            index.read_text('utf-8').replace('records\n', 'records\n' + '\n'.join(pages) + '\n'),
            'utf-8',
        )
        for k, name in enumerate(pages):
            (src / f'{name}.md').write_text(
                f'# Page {k}\n\n```{{lifespan-chart}} Page {k}\n'
                f':people: {("ada", "bob")[k % 2]}\n```\n',
                'utf-8',
            )
        app = build(make_app, src, parallel=jobs)
        assert app.warning.getvalue() == ''
        outputs.append({p.name: p.read_text('utf-8') for p in sorted(app.outdir.glob('*.html'))})
        app.cleanup()
    assert outputs[0] == outputs[1] == outputs[2]


def test_a_chart_is_redrawn_only_when_its_records_change(make_app, tmp_path: Path, epoch) -> None:
    src = copy(tmp_path)
    read: list[str] = []

    def run() -> list[str]:
        read.clear()
        app = make_app('html', srcdir=src)
        app.connect('env-before-read-docs', lambda app, env, docnames: read.extend(docnames))
        app.build()
        app.cleanup()
        return sorted(read)

    assert run() == ['chart', 'graph', 'index', 'records']
    assert run() == []
    data = src / 'data.yaml'
    # Chen is drawn on the index's first chart and in the reST page's graph
    # of who made what (not in graph.md's, which shows no people) ...
    data.write_text(data.read_text('utf-8').replace('name: 陈小明', 'name: 陈明'), 'utf-8')
    # ... and in the records page's timeline, which names the people of its events.
    assert run() == ['chart', 'index', 'records']
    # Bob is on the index and the reST page's chart, and named in the timeline.
    data.write_text(data.read_text('utf-8').replace('Bob Σωκράτης', 'Bob S.'), 'utf-8')
    assert run() == ['chart', 'index', 'records']
    # Gadget's first release is drawn on the index's charts and in every
    # graph (its year), and shown nowhere else.
    data.write_text(data.read_text('utf-8').replace('date: "2005?"', 'date: "2005"'), 'utf-8')
    assert run() == ['chart', 'graph', 'index']
    # A relation is drawn in the graphs; the charts are drawn again too, as
    # the project's record changed (they do not look at which field).
    data.write_text(data.read_text('utf-8').replace('    port_of: [gadget]\n', ''), 'utf-8')
    assert run() == ['chart', 'graph', 'index']
