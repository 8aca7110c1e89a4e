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
