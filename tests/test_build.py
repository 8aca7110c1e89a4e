"""Real builds of the test roots, one per builder, with the output a reader gets."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import read_inventory
from sphinx.util.console import strip_colors

ROOTS = Path(__file__).parent / 'roots'


def warnings(app) -> str:
    return app.warning.getvalue()


def html_of(app, page: str = 'index') -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f'{page}.html').read_text(encoding='utf-8'), 'html.parser')


def basic_copy(tmp_path: Path, name: str = 'src', events: str = '') -> Path:
    """A copy of the basic test root, with *events* (YAML list items) added to its data."""
    srcdir = tmp_path / name
    shutil.copytree(ROOTS / 'test-basic', srcdir)
    with (srcdir / 'data.yaml').open('a', encoding='utf-8') as data:
        data.write(events)
    return srcdir


@pytest.mark.sphinx('html', testroot='basic')
def test_html_infobox(app) -> None:
    app.build(force_all=True)
    assert warnings(app) == ''
    page = html_of(app)
    box = page.select_one('aside.bio-infobox.bio-person#person-ada')
    assert box is not None
    assert box.select_one('.bio-infobox-title').get_text(strip=True) == 'Ada Łukasiewicz-Müller'
    labels = [dt.get_text() for dt in box.select('dl.bio-fields > dt')]
    assert labels == [
        'Nickname', 'Born', 'Nationality', 'Occupations', 'Known for', 'Education',
        'Employers', 'Awards', 'Links', 'Sources',
    ]  # fmt: skip
    born = box.select('dl.bio-fields > dd')[1]
    assert born.select_one('time')['datetime'] == '1990-03-15'
    assert re.fullmatch(r'15 March 1990 \(age \d+\), Zürich', born.get_text().strip())
    known_for = box.select('dl.bio-fields > dd')[4].select_one('a')
    assert known_for['href'] == 'widget.html#project-widget'
    assert known_for.get_text() == 'Widget'


@pytest.mark.sphinx('html', testroot='basic')
def test_html_roles_and_timeline(app) -> None:
    app.build(force_all=True)
    page = html_of(app)
    links = {a.get_text(): a['href'] for a in page.select('section#basic > p a')}
    assert links == {
        'Ada Łukasiewicz-Müller': '#person-ada',
        'Widget': 'widget.html#project-widget',
        'Widget 1.10 released': '#event-widget-1',
        'the older one': '#project-gadget',
    }
    timeline = page.select_one('section#timeline .bio-timeline')
    headings = [p.get_text(strip=True) for p in timeline.select('.bio-timeline-heading')]
    assert headings == ['2005', '2010', '2012', '2020']
    entry = timeline.select_one('li#event-gadget-start')
    assert entry.select_one('time')['datetime'] == '2005'
    assert entry.select_one('.bio-date').get_text() == 'c. 2005'
    # The decade view, reversed; ids stay unique on the page.
    decade = page.select_one('section#filtered .bio-timeline')
    assert [p.get_text(strip=True) for p in decade.select('.bio-timeline-heading')] == [
        '2020s',
        '2000s',
    ]
    assert decade.select_one('li')['id'] == 'event-bob-died-2'
    ids = [tag['id'] for tag in page.select('[id]')]
    assert len(ids) == len(set(ids))


@pytest.mark.sphinx('html', testroot='basic')
def test_html_snapshot(app, snapshot) -> None:
    app.build(force_all=True)
    body = html_of(app, 'widget').select_one('div.body, div[role=main], article, body')
    blocks = body.select('aside.bio-infobox, div.bio-timeline')
    snapshot('\n'.join(block.prettify() for block in blocks), 'widget.html')


@pytest.mark.sphinx('html', testroot='basic')
def test_stylesheet_is_served(app) -> None:
    app.build(force_all=True)
    assert (app.outdir / '_static' / 'biography.css').exists()
    assert html_of(app).select_one('link[href*="biography.css"]') is not None


@pytest.mark.sphinx('html', testroot='basic')
def test_inventory_and_index(app) -> None:
    app.build(force_all=True)
    data = read_inventory(app.outdir / 'objects.inv')
    assert data['bio:person']['ada'].uri == 'index.html#person-ada'
    assert data['bio:project']['widget'].uri == 'widget.html#project-widget'
    assert data['bio:event']['widget-1'].uri == 'index.html#event-widget-1'
    # Standard labels: other sites resolve :ref:`project-widget` without this extension.
    assert data['std:label']['project-widget'].display_name == 'Widget'
    assert data['std:label']['event-bob-died'].uri == 'index.html#event-bob-died'
    genindex = html_of(app, 'genindex')
    links = {a.text: a['href'] for a in genindex.select('a') if 'event-widget-1' in a['href']}
    # Under "Events" only; people and projects also by name.
    assert links == {'Widget 1.10 released': 'index.html#event-widget-1'}
    assert len(genindex.select('a[href="index.html#event-widget-1"]')) == 1
    assert len(genindex.select('a[href="index.html#person-ada"]')) == 2
    assert 'Ada Łukasiewicz-Müller' in genindex.text


@pytest.mark.sphinx('html', testroot='basic', confoverrides={'biography_index_events': False})
def test_events_left_out_of_the_general_index(app) -> None:
    app.build(force_all=True)
    assert warnings(app) == ''
    genindex = html_of(app, 'genindex')
    assert 'Widget 1.10 released' not in genindex.text
    assert genindex.select('a[href="index.html#person-ada"]')  # people stay
    # Still link targets, here and through intersphinx.
    data = read_inventory(app.outdir / 'objects.inv')
    assert data['bio:event']['widget-1'].uri == 'index.html#event-widget-1'
    assert html_of(app).select_one('#event-widget-1') is not None


@pytest.mark.sphinx('latex', testroot='basic')
def test_latex_index_entries_sit_in_their_events(app) -> None:
    """Timeline index entries reach LaTeX as \\index commands inside the entry."""
    app.build(force_all=True)
    tex = (app.outdir / 'basic.tex').read_text(encoding='utf-8')
    label = tex.index(r'\label{\detokenize{index:event-widget-1}}')
    entry = tex[label : label + 300]
    assert r'\index{Widget 1.10 released@' not in entry  # under "events" only
    assert r'\index{events@\spxentry{events}!Widget 1.10 released' in entry


@pytest.mark.sphinx('html', testroot='rst')
def test_restructuredtext_pages(app) -> None:
    app.build(force_all=True)
    assert warnings(app) == ''
    page = html_of(app)
    assert page.select_one('aside#person-ada') is not None
    assert [dt.get_text() for dt in page.select('aside#person-ada dt')] == ['Born', 'Known for']
    assert page.select_one('aside#project-widget') is not None
    assert page.select_one('li#event-widget-1') is not None
    # The data's markup is MyST on a reST page too: emphasis and a role.
    summary = page.select_one('aside#project-widget dd p')
    assert summary.select_one('em').get_text() == 'small'
    assert 'see Gadget.' in summary.get_text()  # the role gave the project's name
    assert '{project}' not in summary.get_text()


@pytest.mark.sphinx('html', testroot='bad-data')
def test_bad_data_warnings(app) -> None:
    app.build(force_all=True)
    src = str(app.srcdir)
    text = warnings(app).replace(src + '/', '')
    expected = [
        'data.yaml:4:18: WARNING: people[0].born.date: February 1990 has no day 30; got '
        "'1990-02-30' [biography.date]",
        'data.yaml:7:28: WARNING: people[0].links[0].url: expected a URL (http, https or mailto), '
        "got 'javascript:alert(1)' (the scheme javascript: is not allowed) [biography.url]",
        "data.yaml:11:5: WARNING: projects[0].licence: unknown key; did you mean 'license'?",
        'data.yaml:18:11: WARNING: events[1].date: expected YYYY, YYYY-MM or YYYY-MM-DD',
        "data.yaml:5:25: WARNING: people[0].known_for[1]: unknown project id 'nothing' "
        '[biography.reference]',
        "index.md:3: WARNING: unknown field 'colour' in :fields: (fields: ",
        "index.md:7: WARNING: unknown person id 'nobody': no data file defines it (data.yaml) "
        '[biography.reference]',
        "index.md:10: WARNING: unknown person id 'nobody': no data file defines it (data.yaml), "
        'intersphinx is not loaded [biography.reference]',
        "index.md:12: WARNING: unknown person id 'ghost': no data file defines it (data.yaml) "
        '[biography.reference]',
        'index.md:12: WARNING: :since: expected YYYY',
        "index.md:12: WARNING: :group-by: expected one of year, decade, none, got 'century'",
        "index.md:12: WARNING: :limit: expected a positive whole number, got '-3'",
        'index.md:12: WARNING: the timeline shows no events (check its filters) [biography.option]',
    ]
    for line in expected:
        assert line in text
    assert len(text.strip().splitlines()) == len(expected)
    assert 'Traceback' not in text
    # Everything valid still renders; nothing bad reaches the page.
    page = html_of(app)
    box = page.select_one('aside#person-ada')
    assert [dt.get_text() for dt in box.select('dt')] == ['Known for']
    assert 'javascript:' not in str(page)


@pytest.mark.parametrize('builder', ['text', 'man', 'texinfo', 'epub', 'singlehtml', 'latex'])
def test_every_builder(make_app, tmp_path: Path, builder: str) -> None:
    srcdir = tmp_path / 'src'
    shutil.copytree(ROOTS / 'test-basic', srcdir)
    app = make_app(builder, srcdir=srcdir)
    app.build(force_all=True)
    assert warnings(app) == ''
    files = [p for p in Path(app.outdir).rglob('*') if p.is_file()]
    text = '\n'.join(
        p.read_text(encoding='utf-8', errors='replace')
        for p in files
        if p.suffix in {'.txt', '.1', '.texi', '.xhtml', '.html', '.tex'}
    )
    for expected in ('Ada Łukasiewicz', 'Widget 1.10 released', 'Bob Σωκράτης', 'Tōhoku'):
        assert expected in text.replace('\\sphinxhyphen{}', '-'), (builder, expected)


@pytest.mark.sphinx('text', testroot='basic')
def test_text_output(app, snapshot) -> None:
    app.build(force_all=True)
    snapshot((app.outdir / 'widget.txt').read_text(encoding='utf-8'), 'widget.txt')


@pytest.mark.sphinx('latex', testroot='basic')
def test_latex_output(app) -> None:
    app.build(force_all=True)
    tex = (app.outdir / 'basic.tex').read_text(encoding='utf-8')
    assert r'\begin{sphinxtopic}' in tex
    assert r'\label{\detokenize{index:person-ada}}' in tex
    assert r'\hyperref[\detokenize{widget:project-widget}]' in tex
    # User text is escaped: "&" and quotes from the data file.
    assert r'Gadget started – “quotes” \& ’apostrophes’' in tex


#: The hostile root's summary with control characters, as every format shows it.
CONTROLS_SHOWN = 'form[U+000C]feed, [U+001B][31mred[U+001B][0m, next[U+0085]line, [U+0001]start'


def compile_pdf(outdir: Path) -> str:
    """Run the LaTeX Makefile Sphinx wrote; return the PDF's text."""
    run = subprocess.run(
        ['make', '-C', str(outdir), 'all-pdf',
         'LATEXMKOPTS=-interaction=nonstopmode -halt-on-error'],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-3000:]
    pdf = next(outdir.glob('*.pdf'))
    return subprocess.run(
        ['pdftotext', str(pdf), '-'], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.tex
@pytest.mark.sphinx('latex', testroot='hostile')
def test_pdf_shows_tex_specials_literally(app) -> None:
    app.build(force_all=True)
    text = compile_pdf(Path(app.outdir))
    assert 'P & Q \\ { } $ # ^ _ ~ %' in text
    assert '<script>alert(7)</script>' in text
    # Control characters show as their code points.
    assert 'bell [U+0007] here' in text
    assert CONTROLS_SHOWN in text
    log = next(Path(app.outdir).glob('*.log')).read_text(encoding='utf-8', errors='replace')
    assert 'Missing character' not in log


@pytest.mark.tex
def test_pdf(make_app, tmp_path: Path) -> None:
    """The PDF compiles with xelatex and shows every name in the right letters."""
    srcdir = tmp_path / 'src'
    shutil.copytree(ROOTS / 'test-basic', srcdir)
    # FreeSerif has no CJK: the PDF must still build, with the gap in the log.
    data = srcdir / 'data.yaml'
    data.write_text(
        data.read_text(encoding='utf-8')
        + '  - {id: cjk, date: 2021, title: 漢字 shown as a gap}\n',
        encoding='utf-8',
    )
    app = make_app('latex', srcdir=srcdir)
    app.build(force_all=True)
    text = compile_pdf(Path(app.outdir))
    log = next(Path(app.outdir).glob('*.log')).read_text(encoding='utf-8', errors='replace')
    assert 'Missing character: There is no 漢' in log
    for expected in (
        'Ada Łukasiewicz-Müller',
        'Bob Σωκράτης',
        'Tōhoku University',
        'Zürich',
        '16 April 2010',
        'Gadget started – “quotes” & ’apostrophes’',
        'shown as a gap',
    ):
        assert expected in text, expected


def test_every_option_is_documented() -> None:
    """The generated reference lists every option each directive accepts."""
    from sphinx_biography.directives import (
        BiographyDirective,
        LifespanChartDirective,
        ProjectCardsDirective,
        ProjectDirective,
        SourcesDirective,
        TimelineDirective,
    )

    for cls in (
        BiographyDirective,
        ProjectDirective,
        TimelineDirective,
        SourcesDirective,
        ProjectCardsDirective,
        LifespanChartDirective,
    ):
        assert set(cls.option_help) == set(cls.option_spec), cls.__name__


@pytest.mark.sphinx('html', testroot='basic')
def test_doctree_snapshot(app, snapshot) -> None:
    """The node tree the directives build, before any writer sees it."""
    app.build(force_all=True)
    doctree = app.env.get_doctree('widget')
    text = doctree.pformat().replace(str(app.srcdir), '<srcdir>')
    # docutils before 0.22 writes booleans as False/True, later ones as 0/1.
    text = text.replace('="False"', '="0"').replace('="True"', '="1"')
    snapshot(text, 'widget.doctree.xml')


@pytest.mark.sphinx('html', testroot='hostile')
def test_hostile_text_is_inert(app) -> None:
    """Markup in the data is shown as text; no script, no file from outside the source."""
    app.build(force_all=True)
    text = warnings(app)
    assert 'people[0].image: expected a path relative to the source directory' in text
    assert 'events[0].sources[0]: expected a URL' in text
    assert (
        "events[1].title: text contains the control character '\\x07', shown as '[U+0007]'" in text
    )
    assert 'Traceback' not in text
    html = (app.outdir / 'index.html').read_text(encoding='utf-8')
    body = BeautifulSoup(html, 'html.parser').select_one('section#hostile')
    # The one script per indexed infobox is its JSON-LD (tests/test_webdata.py).
    scripts = body.find_all('script')
    assert [s['type'] for s in scripts] == ['application/ld+json'] * 2
    for script in scripts:
        script.decompose()
    for tag in ('script', 'img', 'iframe', 'style', 'b'):
        assert body.find(tag) is None, tag
    assert not (app.outdir / '_images').exists()
    assert not (app.outdir / '_downloads').exists()
    links = [a['href'] for a in body.select('a[href]')]
    assert all(href.startswith(('https://', '#')) for href in links), links
    title = body.select_one('.bio-infobox-title').get_text(strip=True)
    assert title.startswith('Eve <script>alert(') and title.endswith(')</script>')
    assert body.select_one('li#event-e strong').get_text() == 'Multi line paragraph'
    assert body.select_one('li#event-f strong').get_text() == 'bell [U+0007] here'
    summary = body.select_one('li#event-f .bio-event-summary').get_text()
    assert (
        summary == 'form[U+000C]feed, [U+001B][31mred[U+001B][0m, next[U+0085]line, [U+0001]start'
    )


def test_no_index_blocks_are_not_link_targets(make_app, tmp_path: Path) -> None:
    """Shown only with :no-index:, a record links on its own page and nowhere else."""
    srcdir = tmp_path / 'src'
    shutil.copytree(ROOTS / 'test-basic', srcdir)
    (srcdir / 'index.md').write_text(
        '# Only\n\n```{toctree}\nwidget\n```\n\n```{biography} ada\n:no-index:\n```\n\n'
        '{person}`ada`\n\n```{timeline}\n:people: bob\n:no-index:\n```\n',
        encoding='utf-8',
    )
    app = make_app('html', srcdir=srcdir)
    app.build(force_all=True)
    assert warnings(app) == ''
    inventory = read_inventory(app.outdir / 'objects.inv')
    assert 'ada' not in inventory.get('bio:person', {})
    assert 'bob-died' not in inventory.get('bio:event', {})
    assert 'person-ada' not in inventory['std:label']
    assert html_of(app).select_one('p a[href="#person-ada"]') is not None  # same page
    widget = html_of(app, 'widget')
    assert widget.select_one('a[href*="person-ada"]') is None  # other page: plain text


#: Summaries and notes with markup: kept as data, or as child nodes when a
#: cross-reference must resolve; quotes that pair across an emphasis.
MARKUP_EVENTS = """\
  - id: marked-1
    date: 2011-05
    title: It's "marked" -- twice...
    summary: 'He said "*this* one", with `"code"` and [a link](https://example.org/a?b=1&c=2).'
    note: A **note** with H{sub}`2`O and 2{sup}`10`... 'quoted'
  - id: marked-2
    date: 2011-06
    title: Marked with a role
    summary: See {project}`widget` -- and "that".
    note: Then a *plain* note.
  - id: marked-3
    date: 2011-07
    title: Plain summary, role in the note
    summary: Nothing "special" here...
    note: Made by {person}`ada`.
    projects: [widget]
"""


def test_direct_html_equals_expanded_nodes(make_app, tmp_path: Path, monkeypatch) -> None:
    """HTML written straight from compact entries equals HTML from expanded nodes."""
    from sphinx_biography.transforms import ExpandTimelineEntries, PrepareCompactEntries

    pages = []
    for mode in ('direct', 'expanded'):
        srcdir = basic_copy(tmp_path, mode, MARKUP_EVENTS)
        if mode == 'expanded':
            monkeypatch.setattr(ExpandTimelineEntries, 'is_supported', lambda self: True)
            monkeypatch.setattr(PrepareCompactEntries, 'is_supported', lambda self: False)
        app = make_app('html', srcdir=srcdir)
        app.build(force_all=True)
        app.cleanup()
        pages.append(
            [str(html_of(app, page).select_one('section')) for page in ('index', 'widget')]
        )
    assert pages[0] == pages[1]
    marked = BeautifulSoup(pages[0][0], 'html.parser')
    summary = marked.select_one('#event-marked-1 .bio-event-summary')
    assert str(summary) == (
        '<p class="bio-event-summary p-summary">He said “<em>this</em> one”, with '
        '<code class="docutils literal notranslate"><span class="pre">"code"</span></code> and '
        '<a class="reference external" href="https://example.org/a?b=1&amp;c=2">a link</a>.</p>'
    )
    assert (
        marked.select_one('#event-marked-1 .bio-note').text == 'A note with H2O and 210… ‘quoted’'
    )
    assert marked.select_one('#event-marked-1 .bio-event-title').text == 'It’s “marked” – twice…'
    role = marked.select_one('#event-marked-2 .bio-event-summary')
    assert role.select_one('a[href="widget.html#project-widget"]') is not None
    assert role.text == 'See Widget – and “that”.'
    texts = [p['class'][0] for p in marked.select('#event-marked-3 p')]
    assert texts == ['bio-event-head', 'bio-event-summary', 'bio-note', 'bio-event-meta']


def test_freeze_inline_round_trip_and_refusals() -> None:
    """Markup kept as data comes back as the same nodes; document-bound nodes stay nodes."""
    from docutils import nodes
    from sphinx import addnodes

    from sphinx_biography.render import freeze_inline, thaw_inline

    parsed = [
        nodes.Text('a '),
        nodes.emphasis('', '', nodes.Text('b '), nodes.strong('', 'c')),
        nodes.inline('', 'd', classes=['x']),
        nodes.literal('', 'e'),
    ]
    frozen = freeze_inline(parsed)
    assert frozen is not None
    again = thaw_inline(frozen)
    assert [n.pformat() for n in again] == [n.pformat() for n in parsed]
    assert freeze_inline([addnodes.pending_xref('', nodes.Text('x'), reftype='project')]) is None
    assert freeze_inline([nodes.emphasis('', 'x', ids=['target'])]) is None
    assert freeze_inline([nodes.reference('', 'x', refuri='https://example.org/')]) is None
    assert freeze_inline([nodes.strong('', '', nodes.problematic('', 'x'))]) is None


def test_markup_problems_in_data_point_at_the_data_file(make_app, tmp_path: Path) -> None:
    """A bad role in a summary or a note is reported at its line in the data file."""
    srcdir = basic_copy(
        tmp_path,
        events='  - id: typo\n'
        '    date: 2011-05\n'
        '    title: A typo\n'
        '    summary: Made with {projekt}`widget`, see {ref}`no-such-label`.\n'
        '    projects: [gadget]\n',
    )
    people = (srcdir / 'data.yaml').read_text(encoding='utf-8')
    (srcdir / 'data.yaml').write_text(
        people.replace('  - id: ada\n', '  - id: ada\n    note: Knows {person}`nobody`.\n', 1),
        encoding='utf-8',
    )
    app = make_app('html', srcdir=srcdir)
    app.build(force_all=True)
    lines = (srcdir / 'data.yaml').read_text(encoding='utf-8').splitlines()
    typo_line = next(n for n, line in enumerate(lines, 1) if '{projekt}' in line)
    note_line = next(n for n, line in enumerate(lines, 1) if '{person}`nobody`' in line)
    output = strip_colors(warnings(app))
    # Once for each page that shows the event (the full timeline and the
    # Gadget infobox's page do), each at the data file, naming the page.
    typo = [line for line in output.splitlines() if 'projekt' in line]
    assert typo and all(
        line.startswith(f'{srcdir / "data.yaml"}:{typo_line}:14: WARNING: events[')
        and '.summary: Unknown interpreted text role "projekt". (shown on ' in line
        for line in typo
    ), typo
    # A reference that fails when links resolve (after reading) points there too.
    unresolved = [line for line in output.splitlines() if 'no-such-label' in line]
    assert unresolved and all(
        line.startswith(f'{srcdir / "data.yaml"}:{typo_line}: WARNING: undefined label')
        for line in unresolved
    ), unresolved
    note = [line for line in output.splitlines() if 'nobody' in line]
    # An unknown id is reported when links resolve (intersphinx may know it),
    # still at the data file, with the field and the page.
    assert note and all(
        line.startswith(f'{srcdir / "data.yaml"}:{note_line}: WARNING: people[0].note: ')
        and line.endswith(
            "unknown person id 'nobody': no data file defines it (data.yaml), intersphinx is "
            f'not loaded (shown on {srcdir / "index.md"}:7) [biography.reference]'
        )
        for line in note
    ), note


def test_timeline_links_fall_back_to_intersphinx(make_app, tmp_path: Path, monkeypatch) -> None:
    """A project no page here shows links to the site that shows it, in every route."""
    from sphinx_biography.transforms import ExpandTimelineEntries, PrepareCompactEntries

    other = tmp_path / 'other'
    other.mkdir()
    (other / 'conf.py').write_text(
        "extensions = ['myst_parser', 'sphinx_biography']\nbiography_data = 'data.yaml'\n",
        encoding='utf-8',
    )
    (other / 'data.yaml').write_text('projects:\n  - {id: remote, name: Remote}\n', 'utf-8')
    (other / 'index.md').write_text('# Other\n\n```{project} remote\n```\n', encoding='utf-8')
    make_app('html', srcdir=other).build(force_all=True)
    inventory = other / '_build' / 'html' / 'objects.inv'

    pages = []
    for mode in ('direct', 'expanded'):
        srcdir = basic_copy(tmp_path, mode)
        with (srcdir / 'conf.py').open('a', encoding='utf-8') as conf:
            mapping = {'other': ('https://other.example/', str(inventory))}
            conf.write(
                f"extensions.append('sphinx.ext.intersphinx')\nintersphinx_mapping = {mapping!r}\n"
            )
        data = (srcdir / 'data.yaml').read_text(encoding='utf-8')
        data = data.replace('projects:\n', 'projects:\n  - {id: remote, name: Remote}\n', 1)
        data = data.replace('    projects: [widget]\n', '    projects: [widget, remote]\n', 1)
        (srcdir / 'data.yaml').write_text(data, encoding='utf-8')
        if mode == 'expanded':
            monkeypatch.setattr(ExpandTimelineEntries, 'is_supported', lambda self: True)
            monkeypatch.setattr(PrepareCompactEntries, 'is_supported', lambda self: False)
        app = make_app('html', srcdir=srcdir)
        app.build(force_all=True)
        pages.append(str(html_of(app).select_one('li#event-widget-1')))
    assert pages[0] == pages[1]
    link = BeautifulSoup(pages[0], 'html.parser').select_one(
        'a[href="https://other.example/index.html#project-remote"]'
    )
    assert link is not None and link.text == 'Remote'


def test_warnings_located_changes_each_record_once() -> None:
    """A record that passes several handlers gets one location, one prefix, one suffix."""
    import logging

    from sphinx_biography.warnings import warnings_located

    class Keep(logging.Handler):
        def __init__(self) -> None:
            super().__init__()
            self.records: list[logging.LogRecord] = []

        def emit(self, record: logging.LogRecord) -> None:
            self.records.append(record)

    logger = logging.getLogger('sphinx')
    handlers = [Keep(), Keep()]
    for handler in handlers:
        logger.addHandler(handler)
    try:
        with warnings_located('data.yaml:3:5', 'events[0].summary: ', ' (shown on a.md:1)'):
            logging.getLogger('sphinx.test').warning('bad %s', 'role')
        logging.getLogger('sphinx.test').warning('after')
    finally:
        for handler in handlers:
            logger.removeHandler(handler)
    for handler in handlers:
        # msg % args, not getMessage(): Sphinx's record classes add the location to that.
        messages = [(r.msg % r.args, getattr(r, 'location', None)) for r in handler.records]
        assert messages == [
            ('events[0].summary: bad role (shown on a.md:1)', 'data.yaml:3:5'),
            ('after', None),
        ]


@pytest.mark.sphinx('html', testroot='basic')
def test_search_index_has_the_event_index_entries(app) -> None:
    """The search's index entries come from index nodes: the timeline has one for all."""
    import json

    app.build(force_all=True)
    script = (app.outdir / 'searchindex.js').read_text(encoding='utf-8')
    index = json.loads(script[script.index('(') + 1 : script.rindex(')')])
    entries = index['indexentries']
    assert entries['widget 1.10 released'] == [[0, 'event-widget-1', False]]
    assert [0, 'event-widget-1', False] in entries['events']
    # The entries' words are searchable on their page (index.html is page 0):
    # a title's, a summary's (compact entries hold them as data, not text).
    pages = {term: {p} if isinstance(p, int) else set(p) for term, p in index['terms'].items()}
    assert all(0 in pages.get(term, ()) for term in ('apostroph', 'quot', 'first', 'code'))


def test_epub_shows_link_addresses_of_timeline_links(make_app, tmp_path: Path) -> None:
    """EPUB adds link addresses from reference nodes, so its entries are expanded."""
    app = make_app('epub', srcdir=basic_copy(tmp_path, events=MARKUP_EVENTS))
    app.build(force_all=True)
    page = BeautifulSoup((app.outdir / 'index.xhtml').read_text(encoding='utf-8'), 'html.parser')
    entry = page.select_one('li#event-marked-1')
    shown = [span.get_text().strip() for span in entry.select('span.link-target')]
    assert shown == ['[https://example.org/a?b=1&c=2]']
    source = page.select_one('li#event-widget-1 .bio-event-meta span.link-target')
    assert (
        source is not None and source.get_text().strip() == '[https://git.example/widget/CHANGES]'
    )


def test_escapes_and_control_characters_in_markup_texts(make_app, tmp_path: Path) -> None:
    """A backslash escape shows its character; a control character never becomes markup."""
    events = (
        '  - id: escaped\n    date: 2011-05\n    title: Escaped\n'
        "    summary: 'a \\*literal\\* star'\n"
        '  - id: control\n    date: 2011-06\n    title: Control\n'
        '    summary: "see \\a(other.md)"\n'
    )
    app = make_app('html', srcdir=basic_copy(tmp_path, events=events))
    app.build(force_all=True)
    page = html_of(app)
    assert page.select_one('#event-escaped .bio-event-summary').text == 'a *literal* star'
    control = page.select_one('#event-control .bio-event-summary')
    assert control.text == 'see [U+0007](other.md)' and control.find('a') is None
    output = strip_colors(warnings(app))
    assert 'xref_missing' not in output and 'other.md' not in output
    assert "events[5].summary: text contains the control character '\\x07'" in output
