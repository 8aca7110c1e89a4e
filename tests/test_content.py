"""The site's content checked against itself (issue #12).

These tests read the data with ``yaml.safe_load`` and look at the pages'
Markdown and the built output; they do not import the extension, so they
hold whatever the extension's module is called.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).parents[1]
SOURCE = ROOT / 'source'
DATA = SOURCE / '_data' / 'pocoo.yaml'


@pytest.fixture(scope='module')
def data() -> dict:
    return yaml.safe_load(DATA.read_text(encoding='utf-8'))


@pytest.fixture(scope='module')
def events(data: dict) -> dict[str, dict]:
    return {event['id']: event for event in data['events']}


@pytest.fixture(scope='module')
def html_dir(site) -> Path:
    return site('html')


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding='utf-8'), 'html.parser')


def prose_pages() -> list[Path]:
    """The site's own pages; ``source/extension/`` documents the extension."""
    return sorted(
        path for path in SOURCE.rglob('*.md') if 'extension' not in path.relative_to(SOURCE).parts
    )


PAGES = prose_pages()


def data_texts(data: dict) -> list[tuple[str, str]]:
    """Every text in the data, as (``kind/id``, text)."""
    found = []

    def walk(value: object, where: str) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item, where)
        elif isinstance(value, list):
            for item in value:
                walk(item, where)
        elif isinstance(value, str):
            found.append((where, value))

    for kind in ('people', 'projects', 'events'):
        for record in data.get(kind, []):
            walk(record, f'{kind}/{record["id"]}')
    return found


# -- Durations ---------------------------------------------------------------
#
# A duration written in a page or a data text ("five days later") is either
# computed from two dates the data holds, and then checked here, or reported
# in a source's own words ("about six weeks later"), with no two dates to
# count between. Every duration must be listed below, so a new one cannot
# slip in unchecked.

NUMBERS = {
    'a': 1, 'an': 1, 'one': 1, 'two': 2, 'three': 3, 'four': 4, 'five': 5, 'six': 6,
    'seven': 7, 'eight': 8, 'nine': 9, 'ten': 10, 'eleven': 11, 'twelve': 12, 'thirteen': 13,
    'fourteen': 14, 'fifteen': 15, 'sixteen': 16, 'seventeen': 17, 'eighteen': 18,
    'nineteen': 19, 'twenty': 20, 'thirty': 30, 'fifty': 50,
}  # fmt: skip
DURATION = re.compile(
    r'\b(?:(?:about|some|almost|nearly|over|within)\s+)?'
    rf'(?P<n>{"|".join(NUMBERS)}|\d+|next|his)[\s-]+'
    r'(?P<unit>day|week|month|year|decade)s?\b'
    r'(?:\s+(?:later|after|before|earlier))?',
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Computed:
    """A duration between two dates: event ids (their data date) or ISO dates."""

    start: str
    end: str


@dataclass(frozen=True)
class Reported:
    """A duration in a source's own words, or words that are not a duration."""

    why: str


DURATIONS: dict[tuple[str, str], Computed | Reported] = {
    # The Flask story: the joke (1 April 2010), the first commit, 0.1.
    ('source/pocoo.md', 'fifteen days after'): Computed('denied', 'flask-0-1'),
    ('source/projects/flask.md', 'fifteen days'): Computed('denied', 'flask-0-1'),
    ('events/flask-0-1', 'fifteen days after'): Computed('denied', 'flask-0-1'),
    ('source/projects/flask.md', 'five days later'): Computed('denied', 'flask-first-commit'),
    ('source/projects/denied.md', 'five days after'): Computed('denied', 'flask-first-commit'),
    ('source/pocoo.md', 'a month'): Reported('the Pallets launch post says "one month"'),
    ('source/projects/flask.md', 'a month'): Reported('the Pallets launch post says "one month"'),
    ('projects/flask', 'one month after'): Reported('the Pallets launch post says "one month"'),
    ('events/flask-0-1', 'a month after'): Reported('the Pallets launch post says "one month"'),
    # Releases and tags.
    ('source/projects/click.md', 'four days later'): Computed(
        'click-first-commit', 'click-0-1-tag'
    ),
    # The fact sheet dates the commit tagged 1.0 to 2014-05-22 (section 7).
    ('source/projects/click.md', 'a day later'): Computed('click-1-0', '2014-05-22'),
    ('projects/click', 'a day after'): Computed('click-1-0', '2014-05-22'),
    ('events/click-1-0', 'one day after'): Computed('click-1-0', '2014-05-22'),
    ('source/projects/lektor.md', 'two days later'): Computed('lektor-first-commit', 'lektor-1-0'),
    ('projects/lektor', 'two days later'): Computed('lektor-first-commit', 'lektor-1-0'),
    ('source/projects/logbook.md', 'five days later'): Computed('logbook-started', 'logbook-0-1'),
    ('source/projects/sphinx.md', 'two days after'): Computed(
        'sphinx-0-1', 'armin-first-sphinx-commit'
    ),
    ('projects/sphinx', 'two days after'): Computed('sphinx-0-1', 'armin-first-sphinx-commit'),
    ('events/armin-first-sphinx-commit', 'two days after'): Computed(
        'sphinx-0-1', 'armin-first-sphinx-commit'
    ),
    # Pocoo's start: 2004 by its history page, about 2005 by Armin.
    ('source/biography.md', 'about a year later'): Computed('2004', '2005'),
    ('source/pocoo.md', 'about two years before'): Reported(
        'Armin\'s 2007 post: "about two years" before it was written'
    ),
    # Sentry: joining announced 2015-03-30, leaving announced 2025-03-31.
    ('source/index.md', 'a decade'): Computed('joins-sentry', 'leaves-sentry'),
    ('source/biography.md', 'his decade'): Computed('joins-sentry', 'leaves-sentry'),
    ('events/joins-sentry', 'next decade'): Computed('joins-sentry', 'leaves-sentry'),
    ('events/leaves-sentry', 'about ten years'): Computed('joins-sentry', 'leaves-sentry'),
    # Armin's own words.
    ('source/biography.md', 'about two months before'): Reported(
        'his April 2009 post: C++ for university "about two months" earlier'
    ),
    ('events/university-cpp', 'about two months earlier'): Reported(
        'his April 2009 post: C++ for university "about two months" earlier'
    ),
    ('source/biography.md', 'about six weeks later'): Reported(
        'his 2012 review: Fireteam about six weeks after the contact'
    ),
    ('people/armin-ronacher', 'about six weeks after'): Reported(
        'his 2012 review: Fireteam about six weeks after the contact'
    ),
    ('events/joins-fireteam', 'about six weeks'): Reported(
        'his 2012 review: Fireteam about six weeks after the contact'
    ),
    ('events/joins-fireteam', 'two months'): Reported('his 2012 review: two months from home'),
    # Not durations.
    ('source/timeline.md', 'a year'): Reported('the precision of a date'),
    ('source/timeline.md', 'a month'): Reported('the precision of a date'),
    ('source/timeline.md', 'a day'): Reported('the precision of a date'),
    ('events/pallets-2021-releases', 'one day'): Reported('six releases on the same day'),
}  # fmt: skip


def found_durations(data: dict) -> dict[tuple[str, str], str]:
    """Every duration phrase, keyed like DURATIONS, with its sentence."""
    texts = [(str(page.relative_to(ROOT)), page.read_text(encoding='utf-8')) for page in PAGES]
    texts += data_texts(data)
    found = {}
    for where, text in texts:
        text = re.sub(r'\s+', ' ', text)
        for match in DURATION.finditer(text):
            key = (where, match.group(0).lower())
            found[key] = text[max(0, match.start() - 60) : match.end() + 20]
    return found


def as_date(value: object) -> datetime.date:
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int) or re.fullmatch(r'\d{4}', str(value)):
        return datetime.date(int(value), 1, 1)
    return datetime.date.fromisoformat(str(value))


def test_every_duration_is_listed(data: dict) -> None:
    """A new duration must be added to DURATIONS, as computed or reported."""
    found = found_durations(data)
    unlisted = {key: context for key, context in found.items() if key not in DURATIONS}
    assert unlisted == {}
    stale = [key for key in DURATIONS if key not in found]
    assert stale == []


@pytest.mark.parametrize(
    'key', [key for key, claim in DURATIONS.items() if isinstance(claim, Computed)], ids=str
)
def test_computed_duration_matches_its_dates(key: tuple[str, str], events: dict) -> None:
    claim = DURATIONS[key]
    start, end = (
        as_date(events[ref]['date'] if ref in events else ref) for ref in (claim.start, claim.end)
    )
    match = DURATION.fullmatch(key[1])
    assert match is not None
    unit, word = match['unit'].lower(), match['n'].lower()
    stated = 1 if word in ('next', 'his') else NUMBERS.get(word) or int(word)
    if unit == 'decade':
        unit, stated = 'year', stated * 10
    days = (end - start).days
    per_unit = {'day': 1, 'week': 7, 'month': 30.44, 'year': 365.25}[unit]
    actual = round(days / per_unit)
    assert actual == stated, f'{key}: {start} to {end} is {actual} {unit}(s), not {stated}'


# -- Lineage -----------------------------------------------------------------


#: The relations between projects: field -> (label, label in reverse), as the infobox shows them.
RELATIONS = {
    'lineage': ('Grew out of', 'Led to'),
    'depends_on': ('Depends on', 'Used by'),
    'replaces': ('Replaces', 'Replaced by'),
    'forked_from': ('Forked from', 'Forks'),
    'inspired_by': ('Inspired by', 'Inspired'),
    'port_of': ('Port of', 'Ports'),
}


@pytest.fixture(scope='module')
def projects(data: dict) -> dict[str, dict]:
    return {project['id']: project for project in data['projects']}


def releases(project: dict) -> list[dict]:
    first = project.get('first_release')
    return [first, *project.get('releases', [])] if first else project.get('releases', [])


def first_released(project: dict) -> datetime.date | None:
    """The earliest date of the project's releases (the extension's rule, data-format.md)."""
    dates = [earliest(release['date']) for release in releases(project) if 'date' in release]
    return min(dates) if dates else None


def related(project: dict, field: str) -> list[tuple[str, object]]:
    """The ids a relation field names, each with its since (or None)."""
    items = project.get(field, [])
    return [(item['project'], item.get('since')) if isinstance(item, dict) else (item, None)
            for item in items]  # fmt: skip


def test_no_project_comes_from_a_later_one(projects: dict) -> None:
    """Origins, predecessors and models came first; a library adopted later is a dependency.

    Flask did not grow out of Click (first released four years after it).
    """
    wrong = [
        (key, field, other)
        for key, project in projects.items()
        for field in ('lineage', 'replaces', 'forked_from', 'inspired_by', 'port_of')
        for other, _since in related(project, field)
        if first_released(project)
        and first_released(projects[other])
        and first_released(projects[other]) > first_released(project)
    ]
    assert wrong == []


def test_dependencies_start_after_both_first_releases(projects: dict) -> None:
    """A dependency since a version starts at that release; both projects existed by then."""
    checked, wrong = 0, []
    for key, project in projects.items():
        for other, since in related(project, 'depends_on'):
            if since is None:
                continue
            versions = {
                str(r['version']): r.get('date') for r in releases(project) if 'version' in r
            }
            when = earliest(versions.get(str(since), since))
            assert when is not None, (key, other, since)
            checked += 1
            for whose in (key, other):
                first = first_released(projects[whose])
                if first and when < first:
                    wrong.append((key, other, since, whose))
    assert wrong == []
    assert checked >= 5  # Flask's four (Werkzeug, Jinja, ItsDangerous, Click), Jinja's one


def test_flask_did_not_grow_out_of_what_it_adopted(projects: dict) -> None:
    """Issue #10: ItsDangerous and Click are dependencies from 0.10 and 0.11, not origins."""
    flask = projects['flask']
    assert 'itsdangerous' not in flask['lineage'] and 'click' not in flask['lineage']
    since = dict(related(flask, 'depends_on'))
    assert (since['itsdangerous'], since['click']) == ('0.10', '0.11')


#: A bullet of a Lineage section: "- Label: text", up to the next bullet.
LINEAGE_BULLET = re.compile(r'^- ([A-Z][a-z ]+): (.*?)(?=^- |^#|\Z)', re.M | re.S)


def test_lineage_sections_say_what_the_infoboxes_show(projects: dict) -> None:
    """Each relation an infobox shows has its bullet in the page's Lineage section.

    A bullet may name other projects in passing, but the first it names must
    be related so ("Grew out of: {project}`jinja`" on Twig's page is wrong).
    """
    shown: dict[str, dict[str, set[str]]] = {key: {} for key in projects}
    for key, project in projects.items():
        for field, (label, reverse) in RELATIONS.items():
            for other, _since in related(project, field):
                shown[key].setdefault(label, set()).add(other)
                shown[other].setdefault(reverse, set()).add(key)
    labels = {label for pair in RELATIONS.values() for label in pair}
    missing = []
    for key, rows in shown.items():
        page = SOURCE / 'projects' / f'{key}.md'
        if not page.exists():  # Pocoo has a page of its own, with no Lineage section
            continue
        text = page.read_text(encoding='utf-8')
        section = text.partition('\n## Lineage\n')[2].partition('\n## ')[0]
        if rows:
            assert section, f'{page.name} has no Lineage section'
        said = {label: set(re.findall(r'\{project\}`([^`]+)`', body))
                for label, body in LINEAGE_BULLET.findall(section)}  # fmt: skip
        for label in said.keys() - labels - {'Home of'}:
            missing.append((key, label, 'is not an infobox label'))
        for label, body in LINEAGE_BULLET.findall(section):
            first = re.search(r'\{project\}`([^`]+)`', body)  # the first one named is related
            if label in labels and first and first[1] not in rows.get(label, set()):
                missing.append((key, label, f'{first[1]} is not in the data'))
        for label, ids in rows.items():
            if not ids <= said.get(label, set()):
                missing.append((key, label, sorted(ids - said.get(label, set()))))
    assert missing == []


def test_pocoo_timeline_shows_only_the_pocoo_lineage(data: dict, html_dir: Path) -> None:
    """Babel, Lektor or Rye events have no place on the Pocoo page (issue #12, item 3)."""
    lineage = {project['id']: project.get('lineage', []) for project in data['projects']}
    events = {event['id']: event for event in data['events']}

    def from_pocoo(key: str, seen: frozenset = frozenset()) -> bool:
        return key == 'pocoo' or any(
            from_pocoo(origin, seen | {key}) for origin in lineage[key] if origin not in seen
        )

    shown = [
        li['id'].removeprefix('event-')
        for li in soup(html_dir / 'pocoo.html').select('li.bio-event')
    ]
    assert shown
    foreign = [key for key in shown if not any(map(from_pocoo, events[key].get('projects', [])))]
    assert foreign == []


def test_sphinx_infobox_says_what_its_page_says(data: dict, html_dir: Path) -> None:
    """Georg started Sphinx; Armin contributed and maintained (issue #12, item 4)."""
    sphinx = next(project for project in data['projects'] if project['id'] == 'sphinx')
    assert sphinx['authors'] == ['georg-brandl']
    page = soup(html_dir / 'projects' / 'sphinx.html')
    assert 'Georg started it' in page.select_one('article').get_text(' ')
    infobox = page.select_one('aside.bio-infobox').get_text(' ')
    assert 'contributed to it and helped maintain it' in re.sub(r'\s+', ' ', infobox)
    # Nothing in the sources ties the first release to a person.
    release = next(event for event in data['events'] if event['id'] == 'sphinx-0-1')
    assert 'people' not in release


# -- Sources -----------------------------------------------------------------
#
# The Sources page promises every source cited anywhere on the site. It is
# built from the data, so every link a page cites must also be a source of
# the record the sentence is about (issue #12, item 5).

#: Blocks the extension writes from the data; their links are the data's own.
FROM_DATA = ['bio-infobox', 'bio-timeline', 'bio-source-list']
#: Markdown links: ``(<url>)`` (which may hold parentheses) or ``(url)``.
MARKDOWN_LINK = re.compile(r'\(<(https?://[^>\s]+)>\)|\((https?://[^)\s]+)\)|<(https?://[^>\s]+)>')


def listed_sources(html_dir: Path) -> set[str]:
    page = soup(html_dir / 'sources.html')
    return {a['href'] for a in page.select('.bio-source-list a.reference.external')}


def test_every_link_in_the_prose_is_on_the_sources_page(html_dir: Path) -> None:
    listed = listed_sources(html_dir)
    cited: dict[str, set[str]] = {}
    for page in PAGES:
        name = page.relative_to(SOURCE).with_suffix('.html')
        html = html_dir / name
        if not html.exists():  # an orphan the HTML build leaves out (the book's root)
            continue
        for a in soup(html).select('article a.reference.external'):
            own_file = '://' not in a['href']  # the site's own files (its data as JSON)
            if a.find_parent(class_=FROM_DATA) is None and not own_file:
                cited.setdefault(a['href'], set()).add(str(name))
    assert len(cited) > 50, 'the pages cite their sources inline'
    missing = {url: sorted(pages) for url, pages in cited.items() if url not in listed}
    assert missing == {}


def test_every_link_in_the_markdown_is_on_the_sources_page(html_dir: Path) -> None:
    """The same from the Markdown, for links in pages the HTML does not show."""
    listed = listed_sources(html_dir)
    missing = []
    for page in PAGES:
        text = re.sub(
            r'^(`{3,}|~{3,}).*?^\1', '', page.read_text(encoding='utf-8'), flags=re.M | re.S
        )
        for match in MARKDOWN_LINK.finditer(text):
            url = next(group for group in match.groups() if group)
            if url not in listed:
                missing.append((str(page.relative_to(SOURCE)), url))
    assert missing == []


# -- "Wikipedia only" ----------------------------------------------------------
#
# What only the English Wikipedia states must say so wherever it is shown:
# the qualification is part of the title, so the timeline, the general
# index, the Sources page and the PDF all carry it (issue #12).

QUALIFIER = 'according to Wikipedia'
#: The fact sheet's "Wikipedia only" events (its sections 0 and 6).
WIKIPEDIA_ONLY = {
    'tu-graz',
    'psf-fellow',
    'psf-community-service-award',
    'shuttleworth-flash-grant',
}


def wikipedia_only(records: list[dict]) -> list[dict]:
    return [record for record in records if 'Wikipedia only' in record.get('note', '')]


def test_wikipedia_only_titles_carry_the_qualification(data: dict) -> None:
    events = wikipedia_only(data['events'])
    assert {event['id'] for event in events} == WIKIPEDIA_ONLY
    awards = wikipedia_only([a for person in data['people'] for a in person.get('awards', [])])
    assert len(awards) == 3
    assert [r['title'] for r in events + awards if QUALIFIER not in r['title']] == []


def test_wikipedia_only_events_are_qualified_in_the_html(data: dict, html_dir: Path) -> None:
    """Timeline entries and every link to the event: the index, Sources, roles."""
    ids = {event['id'] for event in wikipedia_only(data['events'])}
    seen, bare = set(), []
    for page in html_dir.rglob('*.html'):
        if '_static' in page.parts:
            continue
        html = soup(page)
        for key in ids:
            shown = html.select(f'li#event-{key} .bio-event-title') + [
                a for a in html.select('a[href]') if a['href'].endswith(f'#event-{key}')
            ]
            for element in shown:
                seen.add((page.name, key))
                if QUALIFIER not in element.get_text(' '):
                    bare.append((str(page.relative_to(html_dir)), key, element.get_text(' ')))
    assert bare == []
    for page in ('timeline.html', 'genindex.html', 'sources.html'):
        assert {(page, key) for key in ids} <= seen, page


def test_wikipedia_only_events_are_qualified_in_the_pdf_sources(data: dict, site) -> None:
    """The LaTeX the PDF is made from: timeline entries and index entries."""
    tex = next(site('latex').glob('*.tex')).read_text(encoding='utf-8')
    tex = re.sub(r'\s+', ' ', tex).replace('’', "'")
    shown = re.findall(r'\\sphinxstylestrong\{([^{}]*)\}', tex)
    shown += re.findall(r'\\index\{([^@{}]*)@', tex)
    for event in wikipedia_only(data['events']):
        core = event['title'].replace(f', {QUALIFIER}', '')
        places = [text for text in shown if core in text]
        assert places, core
        assert [text for text in places if QUALIFIER not in text] == [], core


# -- First releases ------------------------------------------------------------


def earliest(value: object) -> datetime.date | None:
    """The earliest bound of a data date, or None for one this test does not read."""
    match = re.match(r'(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?', str(value))
    if match is None:
        return None
    year, month, day = (int(part) if part else 1 for part in match.groups())
    return datetime.date(year, month, day)


def test_no_release_comes_before_a_first_release(data: dict) -> None:
    """One rule: the earliest dated version, tag or changelog (Click: tag 0.1)."""
    first = {
        project['id']: earliest(project['first_release']['date'])
        for project in data['projects']
        if project.get('first_release', {}).get('date')
    }
    early = [
        (event['id'], key)
        for event in data['events']
        if 'release' in event.get('tags', [])
        for key in event.get('projects', [])
        if key in first and earliest(event['date']) < first[key]
    ]
    assert early == []
