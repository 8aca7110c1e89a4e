"""The hosted site for machines: sitemap, OpenGraph, canonical links, robots.txt, 404.

Read the way their consumers read them: the sitemap as XML, robots.txt with
:mod:`urllib.robotparser`, the 404 page over HTTP from a nested address.
The base URL is the one ``conf.py`` computes in this environment, so the
tests hold for BIOGRAPHY_BASEURL set or not.
"""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING
from urllib.error import HTTPError
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import urlopen
from urllib.robotparser import RobotFileParser
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, read_inventory

from sphinx_biography import model

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

#: This repository's site, not the extension: make test-oldest leaves it out.
pytestmark = pytest.mark.site

CONF = runpy.run_path(str(ROOT / 'conf.py'))
BASEURL: str = CONF['html_baseurl']
#: Pages Sphinx writes that the sitemap leaves out on purpose (conf.py says why).
NOT_IN_SITEMAP = {'search.html', 'genindex.html', '404.html', 'book.html'}
#: Pages without a source document, so without OpenGraph meta.
GENERATED = {'search.html', 'genindex.html', '404.html'}
SITEMAP_NS = {'sm': 'http://www.sitemaps.org/schemas/sitemap/0.9'}


@pytest.fixture(scope='module')
def html_dir(site) -> Path:
    return site('html')


def pages(html_dir: Path) -> set[str]:
    """Every HTML page Sphinx wrote, as a path relative to the output."""
    return {
        page.relative_to(html_dir).as_posix()
        for page in html_dir.rglob('*.html')
        if not {'_static', '_sources', '_images'} & set(page.relative_to(html_dir).parts)
    }


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding='utf-8'), 'html.parser')


def meta(soup: BeautifulSoup) -> dict[str, str]:
    """The page's OpenGraph, Twitter and description <meta>, by property or name."""
    found = {}
    for tag in soup.select('meta[content]'):
        key = tag.get('property') or tag.get('name')
        if key and key.startswith(('og:', 'twitter:', 'description')):
            assert key not in found, f'{key} twice'  # (Furo writes viewport twice)
            found[key] = tag['content']
    return found


def test_base_url_is_absolute_and_ends_with_a_slash() -> None:
    parts = urlsplit(BASEURL)
    assert parts.scheme in {'http', 'https'}
    assert parts.netloc
    assert BASEURL.endswith('/')
    assert CONF['notfound_urls_prefix'] == parts.path


def test_sitemap_lists_every_page_and_only_pages_that_exist(html_dir: Path) -> None:
    tree = ElementTree.parse(html_dir / 'sitemap.xml')
    locs = [loc.text or '' for loc in tree.getroot().findall('sm:url/sm:loc', SITEMAP_NS)]
    assert len(locs) == len(set(locs))
    outside = [loc for loc in locs if not loc.startswith(BASEURL)]
    assert outside == []
    listed = {loc.removeprefix(BASEURL) for loc in locs}
    missing_files = [page for page in listed if not (html_dir / unquote(page)).is_file()]
    assert missing_files == []
    written = pages(html_dir)
    assert written >= NOT_IN_SITEMAP  # the exclusions name real pages
    assert listed == written - NOT_IN_SITEMAP
    assert 'projects/flask.html' in listed


def test_every_page_has_open_graph_and_a_canonical_link(html_dir: Path) -> None:
    project = CONF['project']
    problems = []
    for page in sorted(pages(html_dir)):
        soup = soup_of(html_dir / page)
        canonical = soup.select('link[rel="canonical"]')
        tags = meta(soup)
        if page == '404.html':
            # Served at any address: it claims none.
            if canonical or 'og:url' in tags:
                problems.append(f'{page}: canonical or og:url on the 404 page')
            continue
        if [link['href'] for link in canonical] != [BASEURL + page]:
            problems.append(f'{page}: canonical {canonical}')
        if page in GENERATED:
            continue
        expected = {
            'og:title': soup.title.get_text().split(' - ')[0].strip() if soup.title else '',
            'og:type': 'website',
            'og:url': BASEURL + page,
            'og:site_name': project,
            'twitter:card': 'summary',
        }
        for key, value in expected.items():
            if tags.get(key) != value:
                problems.append(f'{page}: {key} is {tags.get(key)!r}, not {value!r}')
        description = tags.get('og:description', '')
        if not description or any(c in description for c in '<>{}`\n'):
            problems.append(f'{page}: og:description {description!r}')
        if tags.get('description') != description:
            problems.append(f'{page}: meta description differs from og:description')
    assert problems == []


def test_a_project_page_is_described_by_its_record_summary(html_dir: Path) -> None:
    """og:description is the summary the infobox shows, from the data, whole."""
    dataset = model.load([ROOT / 'source' / '_data' / 'pocoo.yaml'])
    inventory = read_inventory(html_dir / 'objects.inv')['bio:project']
    checked = 0
    for key, project in dataset.projects.items():
        if not project.summary:
            continue
        page = inventory[key].uri.split('#')[0]
        soup = soup_of(html_dir / page)
        label = next(
            dt for dt in soup.select(f'aside#project-{key} dt') if dt.get_text() == 'Summary'
        )
        shown = ' '.join(label.find_next_sibling('dd').get_text().split())
        description = meta(soup)['og:description']
        assert description == shown, key
        if not set('{}[]`*') & set(project.summary):  # no markup: the text itself
            plain = description.translate(str.maketrans('’‘“”', '\'\'""'))
            assert plain == project.summary, key
        checked += 1
    assert checked >= 20


def test_robots_txt_names_the_sitemap(html_dir: Path) -> None:
    robots = RobotFileParser()
    robots.parse((html_dir / 'robots.txt').read_text(encoding='utf-8').splitlines())
    assert robots.site_maps() == [BASEURL + 'sitemap.xml']
    assert robots.can_fetch('*', BASEURL + 'projects/flask.html')


@pytest.fixture(scope='module')
def host(html_dir: Path) -> Iterator[str]:
    """The build served the way a host serves it: under the base URL's path,
    and 404.html's content (status 404) for any address that has no file.
    Returns the served base URL (http://127.0.0.1:port/prefix/)."""
    prefix = urlsplit(BASEURL).path
    root = html_dir.resolve()

    class Host(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = unquote(urlsplit(self.path).path)
            target = None
            if path.startswith(prefix):
                candidate = (root / (path[len(prefix) :] or 'index.html')).resolve()
                if candidate.is_relative_to(root) and candidate.is_file():
                    target = candidate
            body = (target or root / '404.html').read_bytes()
            self.send_response(200 if target else 404)
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(('127.0.0.1', 0), Host)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f'http://127.0.0.1:{server.server_address[1]}{prefix}'
    finally:
        server.shutdown()
        server.server_close()


def get(url: str) -> tuple[int, bytes]:
    try:
        with urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except HTTPError as error:
        return error.code, error.read()


def broken_links(url: str, body: bytes) -> tuple[list[str], dict[str, int]]:
    """Every href/src of the page at *url* that does not GET 200, and counts by tag."""
    soup = BeautifulSoup(body, 'html.parser')
    refs = [(tag.name, tag.get('href') or tag.get('src')) for tag in soup.select('[href], [src]')]
    refs.append(('root', soup.html['data-content_root'] + '_static/documentation_options.js'))
    counts: dict[str, int] = {}
    broken = []
    for name, ref in refs:
        target = urljoin(url, ref)
        if ref.startswith('#') or urlsplit(target).netloc != urlsplit(url).netloc:
            continue
        counts[name] = counts.get(name, 0) + 1
        status, _ = get(target.split('#')[0])
        if status != 200:
            broken.append(f'{name} {ref} -> {target} ({status})')
    return broken, counts


def test_404_page_links_work_from_a_nested_address(host: str) -> None:
    url = host + 'projects/nope/x.html'
    status, body = get(url)
    assert status == 404
    assert b'Page not found' in body
    broken, counts = broken_links(url, body)
    assert broken == []
    # Stylesheets, scripts and navigation were all checked.
    assert counts.get('link', 0) >= 5
    assert counts.get('script', 0) >= 3
    assert counts.get('a', 0) >= 20


def test_relative_links_would_fail_from_a_nested_address(host: str) -> None:
    """The check above can fail: an ordinary page served at that address breaks."""
    _status, body = get(host + 'index.html')
    broken, _counts = broken_links(host + 'projects/nope/x.html', body)
    assert len(broken) > 10


#: What the web extensions and Sphinx's html_baseurl put into a page's head.
WEB_TAGS = ', '.join([
    'link[rel="canonical"]', 'meta[property^="og:"]', 'meta[name^="twitter:"]',
    'meta[name="description"]',
])  # fmt: skip


def test_epub_has_no_web_meta(site, html_dir: Path) -> None:
    assert len(soup_of(html_dir / 'projects' / 'flask.html').select(WEB_TAGS)) == 8
    epub = site('epub')
    assert not {'sitemap.xml', 'robots.txt', '404.xhtml'} & {p.name for p in epub.iterdir()}
    leaks = []
    for page in epub.rglob('*.xhtml'):
        leaks += [f'{page.name}: {tag}' for tag in soup_of(page).select(WEB_TAGS)]
    assert leaks == []


@pytest.mark.tex
def test_latex_has_no_web_output(site) -> None:
    latex = site('latexpdf')
    assert not {'sitemap.xml', 'robots.txt'} & {p.name for p in latex.iterdir()}
    tex = (latex / 'pocoo-lineage.tex').read_text(encoding='utf-8')
    assert 'Page not found' not in tex


def test_base_url_is_set_in_one_place(tmp_path: Path) -> None:
    """BIOGRAPHY_BASEURL moves every absolute address, and the 404 page's prefix."""
    env = {**os.environ, 'BIOGRAPHY_BASEURL': 'https://example.org/lineage'}
    env.pop('READTHEDOCS_CANONICAL_URL', None)
    run = subprocess.run(
        [sys.executable, '-m', 'sphinx', '-b', 'html', 'source', str(tmp_path), '-c', '.',
         '-W', '--keep-going', '-q'],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    old = urlsplit(BASEURL).netloc
    stale = [
        p.relative_to(tmp_path).as_posix()
        for p in tmp_path.rglob('*')
        if p.suffix in {'.html', '.xml', '.txt'} and old in p.read_text(encoding='utf-8')
    ]
    assert stale == []
    flask = meta(soup_of(tmp_path / 'projects' / 'flask.html'))
    assert flask['og:url'] == 'https://example.org/lineage/projects/flask.html'
    assert (
        'Sitemap: https://example.org/lineage/sitemap.xml' in (tmp_path / 'robots.txt').read_text()
    )
    assert 'href="/lineage/_static/' in (tmp_path / '404.html').read_text(encoding='utf-8')


def test_a_bad_base_url_stops_the_build_with_a_clear_message(tmp_path: Path) -> None:
    env = {**os.environ, 'BIOGRAPHY_BASEURL': 'pocoo-lineage.example'}
    run = subprocess.run(
        [sys.executable, '-m', 'sphinx', '-b', 'html', 'source', str(tmp_path), '-c', '.', '-q'],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode != 0
    assert 'BIOGRAPHY_BASEURL must be an absolute http(s) address' in run.stderr
    assert "'pocoo-lineage.example'" in run.stderr
