"""Relations between projects in real builds: infobox rows both ways, and located warnings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.util.console import strip_colors

ROOT = Path(__file__).parent / 'roots' / 'test-relations'


def rows(app, page: str, box_id: str) -> dict[str, str]:
    """An infobox's rows: label -> the text of the value."""
    html = BeautifulSoup((app.outdir / f'{page}.html').read_text(encoding='utf-8'), 'html.parser')
    box = html.select_one(f'aside#{box_id}')
    assert box is not None, box_id
    return {
        dt.get_text(): ' '.join(dd.get_text().split())
        for dt, dd in zip(
            box.select('dl.bio-fields > dt'), box.select('dl.bio-fields > dd'), strict=True
        )
    }


@pytest.mark.sphinx('html', testroot='relations')
def test_relation_warnings_are_located_and_the_rest_renders(app) -> None:
    app.build(force_all=True)
    text = strip_colors(app.warning.getvalue()).replace(str(app.srcdir) + '/', '')
    assert text.splitlines() == [
        'data.yaml:24:49: WARNING: projects[7].forked_from[1]: a project cannot list itself '
        '[biography.reference]',
        "data.yaml:13:35: WARNING: projects[0].depends_on[3].since: '0.99' is neither a version "
        'of this project (its releases: 0.1, 0.10) nor a date (YYYY, YYYY-MM or YYYY-MM-DD, '
        'optionally ending in ~ (circa), ? (uncertain) or % (both), or a period A/B or A/..); '
        'it is left out [biography.reference]',
        'data.yaml:18:15: WARNING: projects[1].lineage[0]: lineage cycle: werkzeug → flask → '
        'werkzeug; this one is left out [biography.reference]',
    ]
    # Flask's own relations, with since as a version (as written) or a date (shown).
    assert rows(app, 'index', 'project-flask') == {
        'First release': '0.1 (16 April 2010)',
        'Grew out of': 'Werkzeug',
        'Depends on': 'Werkzeug, Signer (since 0.10), CLI <Toolkit> & co (since May 2016), Old CLI',
        'Forks': 'Fork',
        'Ports': 'Port',
    }
    # The relations that name a project, on its own infobox.
    assert rows(app, 'index', 'project-cli') == {'Used by': 'Flask (since May 2016)'}
    assert rows(app, 'werkzeug', 'project-werkzeug') == {
        'Led to': 'Flask',  # its own lineage (the cycle) is left out
        'Used by': 'Flask',
        'Replaces': 'Colubrid',
        'Inspired': 'Port',
    }
    assert rows(app, 'werkzeug', 'project-colubrid') == {'Replaced by': 'Werkzeug'}
    html = (app.outdir / 'index.html').read_text(encoding='utf-8')
    assert 'CLI &lt;Toolkit&gt; &amp; co' in html
    assert '<time datetime="2016-05">May 2016</time>' in html
    links = BeautifulSoup(html, 'html.parser').select('aside#project-flask dd a')
    assert {a.get_text(): a['href'] for a in links}['Werkzeug'] == 'werkzeug.html#project-werkzeug'


@pytest.mark.sphinx('html', testroot='relations', confoverrides={'language': 'de'})
def test_relation_labels_are_translated(app) -> None:
    app.build(force_all=True)
    assert list(rows(app, 'index', 'project-flask')) == [
        'Erste Veröffentlichung',
        'Hervorgegangen aus',
        'Abhängig von',
        'Abspaltungen',
        'Portierungen',
    ]
    assert rows(app, 'index', 'project-cli') == {'Verwendet von': 'Flask (seit Mai 2016)'}
    assert rows(app, 'index', 'project-flask')['Abhängig von'].startswith(
        'Werkzeug, Signer (seit 0.10), '
    )


@pytest.mark.parametrize('builder', ['text', 'latex'])
def test_relations_in_other_builders(make_app, tmp_path: Path, builder: str) -> None:
    shutil.copytree(ROOT, tmp_path / 'src')
    app = make_app(builder, srcdir=tmp_path / 'src')
    app.build(force_all=True)
    assert app.warning.getvalue().count('WARNING') == 3  # the data's, nothing from the writer
    if builder == 'text':
        text = (app.outdir / 'index.txt').read_text(encoding='utf-8')
        assert 'Used by' in text and 'Flask (since May 2016)' in text
    else:
        tex = next(app.outdir.glob('*.tex')).read_text(encoding='utf-8')
        assert 'Depends on' in tex and '(since 0.10)' in tex
        assert r'CLI <Toolkit> \& co' in tex
