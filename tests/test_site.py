"""The site itself: data coverage, a warning-free build, links, and the PDF book."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinx_biography import model

ROOT = Path(__file__).parents[1]
DATA = ROOT / 'source' / '_data' / 'pocoo.yaml'
#: Projects the site must cover (issue: the site itself).
REQUIRED_PROJECTS = {
    'pocoo', 'colubrid', 'pygments', 'sphinx', 'jinja', 'werkzeug', 'denied', 'flask', 'click',
    'itsdangerous', 'markupsafe', 'logbook', 'babel', 'zine', 'solace', 'lektor', 'twig', 'rye',
    'minijinja', 'insta', 'pallets',
}  # fmt: skip


@pytest.fixture(scope='module')
def dataset() -> model.Dataset:
    return model.load([DATA])


@pytest.fixture(scope='module')
def html_dir(site) -> Path:
    return site('html')


def test_data_is_valid_and_sourced(dataset: model.Dataset) -> None:
    assert dataset.problems == []
    assert set(dataset.projects) >= REQUIRED_PROJECTS
    assert len(dataset.projects) >= 18
    assert len(dataset.events) >= 80
    assert [p.id for p in dataset.projects.values() if not p.sources] == []
    assert [e.id for e in dataset.events.values() if not e.sources] == []
    assert {'armin-ronacher', 'georg-brandl'} <= set(dataset.people)


def test_every_project_link_resolves(html_dir: Path) -> None:
    """Every project has a page, so no project name is left unlinked anywhere."""
    unlinked = []
    for page in html_dir.rglob('*.html'):
        soup = BeautifulSoup(page.read_text(encoding='utf-8'), 'html.parser')
        for span in soup.select('span.bio-project'):
            if span.find_parent('a') is None:
                unlinked.append((page.name, span.get_text()))
    assert unlinked == []


def test_every_project_is_one_click_from_the_landing_page(
    html_dir: Path, dataset: model.Dataset
) -> None:
    soup = BeautifulSoup((html_dir / 'index.html').read_text(encoding='utf-8'), 'html.parser')
    targets = {a['href'].split('#')[0] for a in soup.select('article a[href]')}
    missing = [
        key
        for key in dataset.projects
        if f'projects/{key}.html' not in targets and f'{key}.html' not in targets
    ]
    assert missing == []


def test_timeline_page_shows_every_event_with_its_projects(
    html_dir: Path, dataset: model.Dataset
) -> None:
    soup = BeautifulSoup((html_dir / 'timeline.html').read_text(encoding='utf-8'), 'html.parser')
    for event in dataset.events.values():
        entry = soup.select_one(f'li#event-{event.id}')
        assert entry is not None, event.id
        linked = {
            a['href'].split('#')[-1] for a in entry.select('.bio-event-meta a[href*="#project-"]')
        }
        assert linked == {f'project-{key}' for key in event.projects}, event.id


def test_sources_page_lists_every_source(html_dir: Path, dataset: model.Dataset) -> None:
    soup = BeautifulSoup((html_dir / 'sources.html').read_text(encoding='utf-8'), 'html.parser')
    listed = {a['href'] for a in soup.select('.bio-source-list a.reference.external')}
    assert listed == set(dataset.citations())


def normalise(text: str) -> str:
    """PDF text and data titles compared without line breaks, hyphenation or quote styles."""
    text = re.sub(r'-\n', '-', text)
    text = re.sub(r'\s+', ' ', text)
    return text.translate(str.maketrans({'“': '"', '”': '"', '‘': "'", '’': "'"}))


@pytest.mark.tex
def test_pdf_book_has_every_person_project_and_event(site, dataset: model.Dataset) -> None:
    latex = site('latexpdf')
    pdf = latex / 'pocoo-lineage.pdf'
    text = normalise(
        subprocess.run(
            ['pdftotext', str(pdf), '-'], capture_output=True, text=True, check=True
        ).stdout
    )
    missing = [p.name for p in dataset.people.values() if normalise(p.name) not in text]
    missing += [p.name for p in dataset.projects.values() if normalise(p.name) not in text]
    missing += [e.title for e in dataset.events.values() if normalise(e.title) not in text]
    assert missing == []
    for name in ('Kärnten', 'Mönnich', 'Tōhoku'):
        assert name in text
    log = (latex / 'pocoo-lineage.log').read_text(encoding='utf-8', errors='replace')
    assert 'Overfull \\hbox' not in log
    assert 'Missing character' not in log


def test_readme_names_the_tex_packages_ci_installs() -> None:
    """The README's TeX list is the one the Makefile, CI and the tests read."""
    packages = (ROOT / '.ci' / 'tex-packages').read_text(encoding='utf-8').split()
    readme = (ROOT / 'README.md').read_text(encoding='utf-8')
    assert f'`{" ".join(packages)}`' in readme


@pytest.mark.validators
def test_architecture_diagram_is_drawn(html_dir: Path) -> None:
    """With Graphviz (CI installs it) the page has the drawing, not its source."""
    page = (html_dir / 'extension' / 'architecture.html').read_text('utf-8')
    drawing = re.search(r'<img src="\.\./_images/(graphviz-[0-9a-f]+\.png)"', page)
    assert drawing is not None
    assert (html_dir / '_images' / drawing.group(1)).read_bytes().startswith(b'\x89PNG')
    assert 'is not installed' not in page


def test_projects_without_releases_show_when_they_began(html_dir: Path) -> None:
    page = BeautifulSoup((html_dir / 'pocoo.html').read_text(encoding='utf-8'), 'html.parser')
    box = page.select_one('aside#project-pocoo')
    rows = {dt.get_text(): ' '.join(dd.get_text().split()) for dt, dd in
            zip(box.select('dl > dt'), box.select('dl > dd'), strict=True)}  # fmt: skip
    assert rows['Started'] == '2004?'
    landing = BeautifulSoup((html_dir / 'index.html').read_text(encoding='utf-8'), 'html.parser')
    cards = {
        card.select_one('.bio-card-title').get_text(strip=True): card.select_one('.bio-card-date')
        for card in landing.select('li.bio-card')
    }
    assert ''.join(cards['Pocoo'].get_text().split()) == '2004?'
    assert cards['Pallets'].get_text(strip=True) == '2016'


def test_search_engines_read_the_people_and_projects(html_dir: Path) -> None:
    """The site's JSON-LD and h-card as extruct and mf2py read them (issue #11)."""
    import runpy

    import extruct
    import mf2py

    # Node ids are absolute under the site's address (BIOGRAPHY_BASEURL or its default).
    base = runpy.run_path(str(ROOT / 'conf.py'))['html_baseurl']
    armin_id = base + 'biography.html#person-armin-ronacher'

    def nodes(page: str) -> list[dict]:
        html = (html_dir / page).read_text('utf-8')
        return extruct.extract(html, base_url=base + page, syntaxes=['json-ld'])['json-ld']

    (armin,) = [n for n in nodes('biography.html') if n['@type'] == 'Person']
    assert armin['@id'] == armin_id
    assert armin['name'] == 'Armin Ronacher'
    assert armin['alternateName'] == 'mitsuhiko'
    assert armin['birthDate'] == '1989-05-10'
    assert armin['sameAs'] == ['https://lucumr.pocoo.org/', 'https://github.com/mitsuhiko']
    assert 'alumniOf' not in armin  # TU Graz: "Wikipedia only"
    assert armin['award'] == [  # the three "according to Wikipedia" left out
        'Prix Ars Electronica, u19 category, 2nd place for "Be a Bee"'
    ]
    sentry = next(r for r in armin['worksFor'] if r.get('worksFor', {}).get('name') == 'Sentry')
    assert (sentry['startDate'], sentry['endDate']) == ('2015', '2025')
    fireteam = next(r for r in armin['worksFor'] if r.get('worksFor', {}).get('name') == 'Fireteam')
    assert 'startDate' not in fireteam  # c. 2012

    (flask,) = [n for n in nodes('projects/flask.html') if n['@type'] == 'SoftwareSourceCode']
    assert flask['name'] == 'Flask'
    assert flask['codeRepository'] == 'https://github.com/pallets/flask'
    assert flask['@id'] == base + 'projects/flask.html#project-flask'
    assert flask['author'] == [{'@id': armin_id}]
    assert flask['license'] == 'https://spdx.org/licenses/BSD-3-Clause.html'
    assert flask['isBasedOn'] == [{'@id': base + 'projects/denied.html#project-denied'}]
    (pallets,) = [n for n in nodes('projects/pallets.html') if n['name'] == 'Pallets']
    assert {'@id': armin_id} in pallets['author']
    (pocoo,) = [n for n in nodes('pocoo.html') if n['name'] == 'Pocoo']
    assert pocoo['@type'] == 'CreativeWork' and 'dateCreated' not in pocoo  # 2004?

    html = (html_dir / 'biography.html').read_text('utf-8')
    cards = [i for i in mf2py.parse(doc=html, url=base)['items'] if i['type'] == ['h-card']]
    assert [c['properties']['name'] for c in cards] == [['Armin Ronacher']]
    assert cards[0]['properties']['bday'] == ['1989-05-10']
    assert cards[0]['properties']['nickname'] == ['mitsuhiko']

    timeline = (html_dir / 'timeline.html').read_text('utf-8')
    events = [i for i in mf2py.parse(doc=timeline, url=base)['items'] if i['type'] == ['h-event']]
    assert len(events) == len(model.load([DATA]).events)


def test_the_export_is_the_data(html_dir: Path, dataset: model.Dataset, tmp_path: Path) -> None:
    import json

    import jsonschema

    export = html_dir / '_static' / 'biography.json'
    schema = json.loads((html_dir / '_static' / 'biography.schema.json').read_text('utf-8'))
    jsonschema.validate(json.loads(export.read_text('utf-8')), schema)
    copy = tmp_path / 'pocoo.json'
    copy.write_bytes(export.read_bytes())
    again = model.load([copy])
    assert again.problems == []
    assert (again.people, again.projects, again.events) == (
        dataset.people,
        dataset.projects,
        dataset.events,
    )
    about = (html_dir / 'about.html').read_text('utf-8')
    assert 'href="_static/biography.json"' in about
