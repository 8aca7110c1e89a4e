"""The ``project-cards`` directive: cards in HTML (with or without sphinx-design), else a list."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOTS = Path(__file__).parent / 'roots'


def html_of(app, page: str = 'index') -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f'{page}.html').read_text(encoding='utf-8'), 'html.parser')


def names(listing) -> list[str]:
    return [p.get_text(strip=True) for p in listing.select('li .bio-card-title')]


def cards_copy(tmp_path: Path, page: str = '') -> Path:
    """A copy of the cards test root, with *page* (MyST) as its page ``extra``."""
    srcdir = tmp_path / 'src'
    shutil.copytree(ROOTS / 'test-cards', srcdir)
    if page:
        (srcdir / 'extra.md').write_text(f'# Extra\n\n{page}', encoding='utf-8')
        index = srcdir / 'index.md'
        index.write_text(index.read_text('utf-8').replace('rest\n', 'rest\nextra\n'), 'utf-8')
    return srcdir


@pytest.mark.sphinx('html', testroot='cards')
def test_own_cards(app, snapshot) -> None:
    app.build(force_all=True)
    assert app.warning.getvalue() == ''
    box = html_of(app).select_one('div.bio-cards-box')
    assert box is not None and 'sd-container-fluid' not in box['class']
    listing = box.select_one('ul.bio-cards.bio-cards-3')
    # By start (else first release), circa and uncertain marks kept, undated last.
    assert names(listing) == ['Beta', 'Alpha', 'Delta', names(listing)[3], 'Omega', 'Gamma']
    dates = [d.get_text() for d in listing.select('.bio-card-date')]
    assert dates == ['c. 2004', '2007', '2009', '2010?', '2011']
    # The name is the link text, to where the project role links (Beta's page).
    link = listing.select_one('li .bio-card-title a')
    assert link.get_text() == 'Beta' and link['href'] == 'beta.html#project-beta'
    # The summary's markup is rendered, its links resolved.
    assert listing.select_one('li:nth-of-type(2) .bio-card-text em').get_text() == 'first'
    snapshot(box.prettify(), 'cards.html')


@pytest.mark.sphinx('html', testroot='cards', confoverrides={
    'extensions': ['myst_parser', 'sphinx_design', 'sphinx_biography']})  # fmt: skip
def test_sphinx_design_cards(app, snapshot) -> None:
    app.build(force_all=True)
    assert app.warning.getvalue() == ''
    box = html_of(app).select_one('div.bio-cards-box.sd-container-fluid')
    listing = box.select_one('ul.bio-cards.sd-row')
    assert 'sd-row-cols-md-3' in listing['class']
    for item in listing.find_all('li', recursive=False):
        assert 'sd-col' in item['class'] and 'bio-card' in item['class']
        assert item.select_one('div.sd-card > div.sd-card-body > p.bio-card-title')
    assert (app.outdir / '_static' / 'biography.css').exists()
    snapshot(box.prettify(), 'cards-sphinx-design.html')


@pytest.mark.sphinx('html', testroot='cards')
def test_options_order_columns_fields_class(app) -> None:
    app.build(force_all=True)
    given = html_of(app, 'beta').select_one('ul.bio-cards')
    assert names(given) == ['Gamma', 'Alpha', 'Delta']  # :sort: data keeps :projects:' order
    assert 'bio-cards-2' in given['class'] and 'extra' in given['class']
    assert given.select('.bio-card-date') == []  # :fields: summary
    # Delta has no summary and no date to show: its card is the name alone.
    assert given.select_one('li:nth-of-type(3) .bio-card-text') is None
    by_name = html_of(app, 'rest').select_one('ul.bio-cards.bio-cards-1')  # a reST page
    assert names(by_name) == ['Alpha', 'Delta']


@pytest.mark.sphinx('text', testroot='cards')
def test_text_is_a_list(app, snapshot) -> None:
    app.build(force_all=True)
    assert app.warning.getvalue() == ''
    snapshot((app.outdir / 'index.txt').read_text(encoding='utf-8'), 'cards.txt')


@pytest.mark.sphinx('latex', testroot='cards')
def test_latex_is_a_list_with_tex_specials_escaped(app) -> None:
    app.build(force_all=True)
    assert app.warning.getvalue() == ''
    tex = (app.outdir / 'cards.tex').read_text(encoding='utf-8')
    cards = tex[tex.index(r'\begin{itemize}') : tex.index(r'\end{itemize}')]
    assert cards.count(r'\item') == 6
    assert r'\textbackslash{}textbf\{x\} \$ \# \textasciicircum{} \_ \textasciitilde{} \%' in cards
    assert r'\textbackslash{}input\{/etc/passwd\}' in cards
    assert r'\input{' not in cards and r'\textbf{x}' not in cards


@pytest.mark.parametrize('builder', ['epub', 'man', 'texinfo', 'singlehtml'])
def test_other_builders(make_app, tmp_path: Path, builder: str) -> None:
    app = make_app(builder, srcdir=cards_copy(tmp_path))
    app.build(force_all=True)
    assert app.warning.getvalue() == ''
    out = '\n'.join(p.read_text('utf-8', errors='replace') for p in Path(app.outdir).rglob('*')
                    if p.suffix in {'.xhtml', '.html', '.1', '.texi'})  # fmt: skip
    assert 'Never released.' in out and 'A second project.' in out
    if builder == 'epub':  # a plain list, as in print
        assert 'bio-cards-box' not in out and '<ul class="bio-cards">' in out
    if builder == 'singlehtml':
        assert 'bio-cards-box' in out


@pytest.mark.sphinx('html', testroot='cards')
def test_hostile_name_and_summary_stay_inert(app) -> None:
    app.build(force_all=True)
    page = html_of(app)
    listing = page.select_one('ul.bio-cards')
    assert listing.find('script') is None and listing.find('img') is None
    evil = listing.select('li')[3]
    assert evil.select_one('.bio-card-title').get_text().startswith('Evil <script>alert(1)')
    assert '<script>alert(2)</script>' in evil.select_one('.bio-card-text').get_text()


def test_option_warnings(make_app, tmp_path: Path) -> None:
    page = """```{project-cards}
:projects: alpa, alpha, alpha
:sort: dates
:columns: 5
:fields: sumary
:tags: x
```
"""
    app = make_app('html', srcdir=cards_copy(tmp_path, page))
    app.build(force_all=True)
    warnings = app.warning.getvalue()
    where = str(tmp_path / 'src' / 'extra.md') + ':3:'
    for expected in (
        'unknown option :tags: of project-cards; it is ignored (options: projects, sort, '
        'columns, fields, class) [biography.option]',
        "unknown project id 'alpa': no data file defines it (data.yaml); did you mean "
        "'alpha'? [biography.reference]",
        ":projects: names 'alpha' twice; shown once [biography.option]",
        ":sort: expected one of date, name, data, got 'dates'; did you mean 'date'?; "
        'using date [biography.option]',
        ":columns: expected a whole number from 1 to 4, got '5'; using 3 [biography.option]",
        "unknown field 'sumary' in :fields:; did you mean 'summary'? (fields: "
        'year, summary) [biography.option]',
    ):
        assert f'{where} WARNING: {expected}' in warnings, expected
    assert len(warnings.strip().splitlines()) == 6
    # The cards are still there, with the defaults.
    listing = html_of(app, 'extra').select_one('ul.bio-cards.bio-cards-3')
    assert names(listing) == ['Alpha']
    assert listing.select_one('.bio-card-date').get_text() == '2007'
