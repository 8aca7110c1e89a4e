"""Structured data as its consumers read it: JSON-LD (extruct), microformats2 (mf2py), the export.

The site's own structured data is checked in tests/test_site.py.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import extruct
import jsonschema
import mf2py
import pytest
from bs4 import BeautifulSoup

from sphinx_biography import model, structured

BASE = 'https://example.org/docs/'


def jsonld(outdir: Path, page: str, base: str = BASE) -> list[dict[str, Any]]:
    """The page's JSON-LD nodes as extruct reads them (as a search engine would)."""
    html = (outdir / page).read_text('utf-8')
    found: list[dict[str, Any]] = extruct.extract(
        html, base_url=base + page, syntaxes=['json-ld'], uniform=True
    )['json-ld']
    return found


def by_type(nodes: list[dict[str, Any]], kind: str) -> dict[str, dict[str, Any]]:
    return {node['name']: node for node in nodes if node['@type'] == kind}


def microformats(outdir: Path, page: str) -> list[dict[str, Any]]:
    html = (outdir / page).read_text('utf-8')
    items: list[dict[str, Any]] = mf2py.parse(doc=html, url=BASE + page)['items']
    return items


def warnings(app) -> str:
    return app.warning.getvalue()


@pytest.mark.sphinx('html', testroot='webdata')
def test_people_as_schema_org_persons(app) -> None:
    app.build(force_all=True)
    people = by_type(jsonld(app.outdir, 'index.html'), 'Person')
    assert list(people) == ['Ada Lovelace']  # Eve, an author, is shown nowhere: a name only
    ada = people['Ada Lovelace']
    assert ada['@context'] == 'https://schema.org'
    assert ada['@id'] == '#person-ada'
    assert ada['alternateName'] == 'Enchantress of Number'
    assert ada['birthDate'] == '1815-12-10'
    assert ada['deathDate'] == '1852-11-27'
    assert ada['birthPlace'] == {'@type': 'Place', 'name': 'London'}
    assert ada['nationality'] == 'British'
    assert ada['sameAs'] == ['https://archive.example/ada', 'https://letters.example/ada']
    assert [o['name'] for o in ada['hasOccupation']] == ['mathematician', 'writer']
    # Roles carry the relation's dates; a circa start is left out, an ongoing period has no end.
    assert ada['worksFor'] == [
        {'@type': 'EmployeeRole', 'roleName': 'translator', 'endDate': '1843',
         'worksFor': {'@type': 'Organization', 'name': 'Analytical Society'}},
        {'@type': 'EmployeeRole', 'startDate': '1843',
         'worksFor': {'@type': 'Organization', 'name': 'Engine Works',
                      'url': 'https://engine.example/'}},
    ]  # fmt: skip
    # Doubtful (a note "Wikipedia only", a title "according to Wikipedia"): left out.
    assert 'alumniOf' not in ada
    assert ada['award'] == ['Real Prize']


@pytest.mark.sphinx('html', testroot='webdata')
def test_dates_at_their_precision_and_no_stronger(app) -> None:
    app.build(force_all=True)
    people = by_type(jsonld(app.outdir, 'people.html'), 'Person')
    assert people['Carol Year']['birthDate'] == '1989'  # a year stays a year
    assert 'birthDate' not in people['Bob Circa']  # c. 1950
    assert 'birthDate' not in people['Dan Doubt']  # its note says "Wikipedia only"
    projects = by_type(jsonld(app.outdir, 'people.html'), 'CreativeWork')
    assert 'dateCreated' not in projects['The Mill']  # 1830?


@pytest.mark.sphinx('html', testroot='webdata')
def test_projects_as_software_source_code(app) -> None:
    app.build(force_all=True)
    engine = by_type(jsonld(app.outdir, 'index.html'), 'SoftwareSourceCode')['Analytical Engine']
    assert engine['@id'] == '#project-engine'
    assert engine['codeRepository'] == 'https://git.example/engine'
    assert engine['license'] == 'https://spdx.org/licenses/BSD-3-Clause.html'
    # Authors: a reference to the node of one on a page, the name of one on none.
    assert engine['author'] == [
        {'@id': '#person-ada'},
        {'@type': 'Person', 'name': 'Eve Elsewhere'},
    ]
    assert engine['dateCreated'] == '1834'  # started, before the first release
    assert engine['datePublished'] == '1843-10'
    assert engine['sameAs'] == ['https://pypi.org/project/engine/']
    # Grew out of The Mill (isBasedOn); depends on Punched Cards: no schema.org term.
    assert engine['isBasedOn'] == [{'@id': 'people.html#project-mill'}]
    others = jsonld(app.outdir, 'people.html')
    mill = by_type(others, 'CreativeWork')['The Mill']  # no code, package or releases
    assert mill['license'] == 'Custom licence'
    assert mill['author'] == [{'@id': '#person-carol'}]
    cards = by_type(others, 'SoftwareSourceCode')['Punched Cards']
    assert cards['license'] == 'https://spdx.org/licenses/MIT.html'
    assert 'isBasedOn' not in cards  # inspired by The Mill: not derived from it
    # Every reference is a node some page has.
    ids = {BASE + 'index.html' + n['@id'] for n in jsonld(app.outdir, 'index.html')}
    ids |= {BASE + 'people.html' + n['@id'] for n in others}
    for ref in (*engine['author'][:1], *engine['isBasedOn'], *mill['author']):
        page = 'people.html' if ref in mill['author'] else 'index.html'
        assert BASE + page + ref['@id'] in ids or BASE + ref['@id'] in ids, ref


@pytest.mark.sphinx('html', testroot='webdata', confoverrides={'html_baseurl': BASE})
def test_ids_are_absolute_under_html_baseurl(app) -> None:
    app.build(force_all=True)
    nodes = jsonld(app.outdir, 'people.html')
    carol = by_type(nodes, 'Person')['Carol Year']
    assert carol['@id'] == BASE + 'people.html#person-carol'
    mill = by_type(nodes, 'CreativeWork')['The Mill']
    assert mill['author'] == [{'@id': BASE + 'people.html#person-carol'}]
    engine = by_type(jsonld(app.outdir, 'index.html'), 'SoftwareSourceCode')['Analytical Engine']
    assert engine['author'][0] == {'@id': BASE + 'index.html#person-ada'}


@pytest.mark.sphinx('html', testroot='webdata')
def test_one_script_per_indexed_infobox_none_for_no_index(app) -> None:
    app.build(force_all=True)
    for page, indexed in (('index.html', 2), ('people.html', 5)):
        soup = BeautifulSoup((app.outdir / page).read_text('utf-8'), 'html.parser')
        scripts = soup.select('script[type="application/ld+json"]')
        assert len(scripts) == indexed, page
        for script in scripts:  # inside its infobox, one each
            assert script.parent.name == 'aside'
            assert len(script.parent.select('script')) == 1
    soup = BeautifulSoup((app.outdir / 'people.html').read_text('utf-8'), 'html.parser')
    repeated = soup.select_one('aside.bio-person:not([id="person-carol"]):-soup-contains("Ada")')
    assert repeated.select('script') == []
    assert 'h-card' not in repeated['class']


@pytest.mark.sphinx('html', testroot='webdata')
def test_h_cards_and_h_events(app) -> None:
    app.build(force_all=True)
    items = microformats(app.outdir, 'index.html')
    cards = [i for i in items if i['type'] == ['h-card']]
    events = [i for i in items if i['type'] == ['h-event']]
    assert len(cards) == 1
    card = cards[0]['properties']
    assert card['name'] == ['Ada Lovelace']
    assert card['nickname'] == ['Enchantress of Number']
    assert card['bday'] == ['1815-12-10']
    assert card['url'] == ['https://archive.example/ada', 'https://letters.example/ada']
    assert card['org'] == ['Engine Works']  # the linked employer of now
    by_name = {e['properties']['name'][0]: e['properties'] for e in events}
    assert list(by_name) == ['Work begins, roughly', 'The translation', 'The notes are published']
    assert 'start' not in by_name['Work begins, roughly']  # c. 1835
    assert by_name['The translation']['start'] == ['1842-01']
    assert by_name['The translation']['end'] == ['1843-09']
    assert by_name['The notes are published']['start'] == ['1843-10-01']
    assert by_name['The notes are published']['summary'] == [
        'Ada\u2019s notes on the engine, with emphasis.'
    ]
    # The :no-index: timeline and infobox on the other page: no microformats.
    others = microformats(app.outdir, 'people.html')
    names = [i['properties']['name'] for i in others if i['type'] == ['h-card']]
    assert names == [['Carol Year'], ['Bob Circa'], ['Dan Doubt']]
    assert len(others) == 3
    assert 'bday' not in others[1]['properties']  # c. 1950
    assert 'bday' not in others[2]['properties']  # "Wikipedia only"


@pytest.mark.sphinx('html', testroot='webdata')
def test_export_validates_and_round_trips(app, tmp_path: Path) -> None:
    app.build(force_all=True)
    export = app.outdir / '_static' / 'biography.json'
    schema = json.loads((app.outdir / '_static' / 'biography.schema.json').read_text('utf-8'))
    data = json.loads(export.read_text('utf-8'))
    jsonschema.validate(data, schema)
    assert list(data) == ['people', 'projects', 'events']
    assert [p['id'] for p in data['people']] == ['ada', 'carol', 'bob', 'dan', 'eve']
    assert data['people'][2]['born'] == {'date': '1950~'}
    # JSON is YAML: the extension's own loader reads the export as a data file.
    copy = tmp_path / 'export.yaml'
    copy.write_bytes(export.read_bytes())
    again = model.load([copy])
    original = model.load([Path(app.srcdir) / 'data.yaml'])
    assert again.problems == []
    assert again.people == original.people
    assert again.projects == original.projects
    assert again.events == original.events
    # The same data gives the same bytes.
    app.build(force_all=True)
    assert export.read_text('utf-8') == structured.export_json(original)


@pytest.mark.sphinx(
    'html',
    testroot='webdata',
    srcdir='webdata-off',
    confoverrides={
        'biography_jsonld': False,
        'biography_microformats': False,
        'biography_export': None,
    },
)
def test_everything_can_be_switched_off(app) -> None:
    app.build(force_all=True)
    html = (app.outdir / 'index.html').read_text('utf-8')
    assert 'ld+json' not in html
    assert microformats(app.outdir, 'index.html') == []
    assert not (app.outdir / '_static' / 'biography.json').exists()
    assert warnings(app) == ''


@pytest.mark.sphinx(
    'html',
    testroot='webdata',
    srcdir='webdata-path',
    confoverrides={'biography_export': 'data/biography.json', 'biography_doubtful': []},
)
def test_export_path_and_phrases_are_settings(app) -> None:
    app.build(force_all=True)
    assert (app.outdir / 'data' / 'biography.json').exists()
    assert (app.outdir / 'data' / 'biography.schema.json').exists()
    assert not (app.outdir / '_static' / 'biography.json').exists()
    people = by_type(jsonld(app.outdir, 'people.html'), 'Person')
    assert people['Dan Doubt']['birthDate'] == '1970-01-01'  # no phrase marks it now


def copy_root(rootdir: Path, tmp_path: Path, extra_conf: str = '') -> Path:
    srcdir = tmp_path / 'webdata'
    shutil.copytree(rootdir / 'test-webdata', srcdir)
    with (srcdir / 'conf.py').open('a', encoding='utf-8') as conf:
        conf.write(extra_conf)
    return srcdir


def test_bad_settings_are_located_warnings_and_defaults_apply(
    make_app, rootdir: Path, tmp_path: Path
) -> None:
    srcdir = copy_root(rootdir, tmp_path, """
biography_jsonld = 'yes'
biography_export = '../outside.json'
biography_doubtful = 'Wikipedia only'
""")  # fmt: skip
    app = make_app('html', srcdir=srcdir)
    app.build(force_all=True)
    text = warnings(app)
    conf = str(srcdir / 'conf.py')
    assert (
        f"{conf}:8: WARNING: biography_jsonld = 'yes': expected True or False; using True"
    ) in text
    assert (
        f"{conf}:9: WARNING: biography_export = '../outside.json': expected a relative path "
        "ending in '.json', or None; using '_static/biography.json'"
    ) in text
    assert "biography_doubtful = 'Wikipedia only': expected a list of texts" in text
    assert text.count('WARNING') == 3, text  # Sphinx's own type check has nothing to add
    assert text.count('[biography.config]') == 3
    assert not (app.outdir.parent / 'outside.json').exists()
    assert (app.outdir / '_static' / 'biography.json').exists()
    assert 'ld+json' in (app.outdir / 'index.html').read_text('utf-8')


@pytest.mark.parametrize('builder', ['epub', 'latex', 'text'])
def test_no_structured_data_outside_html(make_app, rootdir: Path, tmp_path: Path, builder) -> None:
    app = make_app(builder, srcdir=copy_root(rootdir, tmp_path))
    app.build(force_all=True)
    written = [p for p in Path(app.outdir).rglob('*') if p.is_file()]
    assert written
    for path in written:
        assert path.name not in ('biography.json', 'biography.schema.json'), path
        if path.suffix in ('.xhtml', '.html', '.tex', '.txt', '.opf'):
            content = path.read_text('utf-8')
            assert 'ld+json' not in content, path
            assert '"@context"' not in content, path


@pytest.mark.sphinx('html', testroot='webdata-hostile')
def test_hostile_data_stays_inert_in_json(app) -> None:
    app.build(force_all=True)
    html = (app.outdir / 'index.html').read_text('utf-8')
    soup = BeautifulSoup(html, 'html.parser')
    boxes = soup.select('aside.bio-infobox')
    assert len(boxes) == 2
    dataset = model.load([Path(app.srcdir) / 'data.yaml'])
    mallory = dataset.people['mallory']
    for box in boxes:
        scripts = box.find_all('script')
        assert len(scripts) == 1  # the payloads' "</script>" ended nothing
        raw = scripts[0].string
        for piece in ('</', '<!--', '-->', ']]>', '\u2028'):
            assert piece not in raw, piece
        node = json.loads(raw)
        assert node['@type'] in ('Person', 'SoftwareSourceCode')
    person = json.loads(boxes[0].find('script').string)
    # The values are the data's, character for character (RTL mark, CJK, quotes).
    assert person['name'] == mallory.name
    assert '\u202e' in person['name'] and '中文' in person['name'] and '"quoted"' in person['name']
    assert person['alternateName'] == mallory.nickname
    assert person['nationality'] == mallory.nationality
    assert person['birthPlace']['name'] == mallory.born.place
    assert person['worksFor'][0]['worksFor']['name'] == mallory.employers[0].name
    assert person['worksFor'][0]['roleName'] == mallory.employers[0].role
    assert person['alumniOf'][0]['alumniOf']['name'] == mallory.education[0].institution
    assert person['award'] == [mallory.awards[0].title]
    assert person['sameAs'] == [mallory.links[0].url]
    project = json.loads(boxes[1].find('script').string)
    payload = dataset.projects['payload']
    assert project['name'] == payload.name
    assert project['license'] == payload.license
    assert project['codeRepository'] == payload.repository
    # Consumers agree: one node per script, and the whole page still parses.
    assert len(jsonld(app.outdir, 'index.html')) == 2
    assert len(microformats(app.outdir, 'index.html')) == 2  # the h-card and the h-event
    # The export too: valid JSON that reads back as the same records.
    export = json.loads((app.outdir / '_static' / 'biography.json').read_text('utf-8'))
    assert export['people'][0]['name'] == mallory.name


def test_export_after_an_edit_is_the_export_of_the_edited_data(
    make_app, rootdir: Path, tmp_path: Path
) -> None:
    """Lines of unchanged records come from the last build; the file is as if made anew."""
    srcdir = copy_root(rootdir, tmp_path)
    app = make_app('html', srcdir=srcdir)
    app.build()
    data = srcdir / 'data.yaml'
    data.write_text(
        data.read_text('utf-8').replace('name: Ada Lovelace', 'name: Ada King', 1), 'utf-8'
    )
    app = make_app('html', srcdir=srcdir)
    app.build()
    export = json.loads((app.outdir / '_static' / 'biography.json').read_text('utf-8'))
    assert export['people'][0]['name'] == 'Ada King'
    assert (app.outdir / '_static' / 'biography.json').read_text('utf-8') == (
        structured.export_json(model.load([data]))
    )
    # A line is taken from the last build by the record's digest, not made again.
    lines: dict[str, str] = {}
    structured.export_json(model.load([data]), lines)
    dataset = model.load([data])
    key = dataset.record_digest('people', dataset.people['carol'])
    lines[key] = '{"id": "carol", "name": "From the cache"}'
    assert '"From the cache"' in structured.export_json(dataset, lines)
    assert key in lines and len(lines) == len(dataset.people) + len(dataset.projects) + len(
        dataset.events
    )
