"""Every label and date pattern goes through the ``biography`` message catalog."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

LOCALE = Path(__file__).parents[1] / '_ext' / 'sphinx_biography' / 'locale'


@pytest.mark.sphinx('html', testroot='basic', confoverrides={'language': 'de'})
def test_german_labels_and_dates(app) -> None:
    app.build(force_all=True)
    assert app.warning.getvalue() == ''
    page = BeautifulSoup((app.outdir / 'index.html').read_text(encoding='utf-8'), 'html.parser')
    box = page.select_one('aside#person-ada')
    labels = [dt.get_text() for dt in box.select('dt')]
    assert labels[:5] == [
        'Spitzname',
        'Geboren',
        'Staatsangehörigkeit',
        'Tätigkeiten',
        'Bekannt für',
    ]
    born = box.select('dd')[1].get_text().strip()
    assert born.startswith('15. März 1990 (') and born.endswith(' Jahre), Zürich')
    dates = [span.get_text() for span in page.select('section#timeline .bio-date')]
    assert dates == ['ca. 2005', '16. April 2010', 'seit 2012', '2. Januar 2020']
    decades = [
        p.get_text(strip=True) for p in page.select('section#filtered .bio-timeline-heading')
    ]
    assert decades == ['2020er', '2000er']


@pytest.mark.parametrize('po_path', sorted(LOCALE.glob('*/LC_MESSAGES/biography.po')))
def test_catalogs_are_complete_and_compiled(po_path: Path) -> None:
    """Every template message is translated, and the .mo matches the .po (make translations)."""
    template = read_po((LOCALE / 'biography.pot').open('rb'))
    catalog = read_po(po_path.open('rb'))
    untranslated = [m.id for m in template if m.id and not catalog.get(m.id, m.context)]
    assert untranslated == []
    missing = [m.id for m in template if m.id and not catalog[m.id].string]
    assert missing == []
    compiled = read_mo(io.BytesIO(po_path.with_suffix('.mo').read_bytes()))
    assert {m.id: m.string for m in compiled if m.id} == {m.id: m.string for m in catalog if m.id}


def test_template_lists_every_marked_message() -> None:
    """The .pot holds exactly the messages marked with N_() in the code."""
    from babel.messages.extract import extract_from_dir

    marked = {
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(LOCALE.parent), keywords={'N_': None}, comment_tags=()
        )
    }
    template = {m.id for m in read_po((LOCALE / 'biography.pot').open('rb')) if m.id}
    assert marked == template


def test_german_catalog_shortens_periods_its_own_way() -> None:
    import gettext

    from sphinx_biography.dates import display_text, parse_date

    german = gettext.translation('biography', str(LOCALE), ['de']).gettext
    shown = [
        display_text(parse_date(text), german)
        for text in ('2004-10-14/2004-10-15', '2004-10-14/2004-11-02', '2010-04/2010-06')
    ]
    assert shown == ['14.–15. Oktober 2004', '14. Oktober – 2. November 2004', 'April–Juni 2010']
