"""Incremental and parallel builds: a data edit re-reads exactly the pages it changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOTS = Path(__file__).parent / 'roots'


@pytest.fixture
def srcdir(tmp_path: Path) -> Path:
    path = tmp_path / 'src'
    shutil.copytree(ROOTS / 'test-basic', path)
    return path


def build(make_app, srcdir: Path, **kwargs) -> tuple[list[str], str]:
    """Build (incrementally, in a new process-like app); return the pages re-read."""
    app = make_app('html', srcdir=srcdir, **kwargs)
    read: list[str] = []
    app.connect('env-before-read-docs', lambda app, env, docnames: read.extend(docnames))
    try:
        app.build()
    finally:
        app.cleanup()  # unregister the nodes, as a new process would start without them
    return sorted(read), app.warning.getvalue()


def edit(srcdir: Path, old: str, new: str) -> None:
    data = srcdir / 'data.yaml'
    text = data.read_text(encoding='utf-8')
    assert old in text
    data.write_text(text.replace(old, new, 1), encoding='utf-8')


def html_files(outdir: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding='utf-8') for p in sorted(outdir.glob('*.html'))}


def test_rereads_only_pages_whose_output_changes(make_app, srcdir: Path) -> None:
    assert build(make_app, srcdir) == (['index', 'widget'], '')
    # A no-op rebuild re-reads nothing.
    assert build(make_app, srcdir) == ([], '')
    # Bob's death is shown on the index only.
    edit(srcdir, 'title: Bob dies', 'title: Bob died')
    assert build(make_app, srcdir) == (['index'], '')
    # The Widget release is in both pages' timelines.
    edit(srcdir, 'title: Widget 1.10 released', 'title: Widget 1.10 is out')
    assert build(make_app, srcdir) == (['index', 'widget'], '')
    # Gadget's name is shown on the index and as Widget's ancestor on its page.
    edit(srcdir, 'name: Gadget', 'name: Gadget Classic')
    assert build(make_app, srcdir) == (['index', 'widget'], '')
    # A new career event matches only the index's unfiltered timelines.
    edit(srcdir, 'events:\n', 'events:\n  - {id: new, date: 2013, title: New, tags: [career]}\n')
    assert build(make_app, srcdir) == (['index'], '')


def test_a_dependency_rereads_the_page_of_the_project_it_names(make_app, srcdir: Path) -> None:
    """Gadget's infobox (on the index) says "Used by: Widget": it shows Widget's depends_on."""
    edit(srcdir, '    lineage: [gadget]\n', '    lineage: [gadget]\n    depends_on: [gadget]\n')
    assert build(make_app, srcdir) == (['index', 'widget'], '')
    # Only Widget's record changes, and its page does not show depends_on (:fields:).
    edit(srcdir, 'depends_on: [gadget]', 'depends_on: [{project: gadget, since: "1.10"}]')
    assert build(make_app, srcdir) == (['index', 'widget'], '')
    html = (srcdir / '_build' / 'html' / 'index.html').read_text(encoding='utf-8')
    assert 'Widget</span></a> <span class="bio-since">(since 1.10)</span>' in html
    # Nothing that Gadget's page shows changes: the index is not read again.
    edit(srcdir, 'license: BSD-3-Clause', 'license: MIT')
    assert build(make_app, srcdir) == (['widget'], '')
    edit(srcdir, '    depends_on: [{project: gadget, since: "1.10"}]\n', '')
    assert build(make_app, srcdir) == (['index', 'widget'], '')
    assert 'Used by' not in (srcdir / '_build' / 'html' / 'index.html').read_text(encoding='utf-8')


def test_incremental_equals_clean(make_app, srcdir: Path, tmp_path: Path) -> None:
    """After edits, additions and removals, an incremental build's HTML equals a clean one's."""
    build(make_app, srcdir)
    edit(srcdir, 'title: Widget 1.10 released', 'title: Widget 1.10 is out')
    edit(srcdir, 'name: Gadget', 'name: Gadget Classic')
    edit(srcdir, 'projects:\n', 'projects:\n  - {id: gizmo, name: Gizmo, lineage: [widget]}\n')
    edit(
        srcdir,
        'events:\n',
        'events:\n  - {id: gizmo-1, date: 2011, title: Gizmo, projects: [gizmo]}\n',
    )
    edit(
        srcdir,
        '  - id: bob-died\n    date: 2020-01-02\n    title: Bob dies\n    people: [bob]\n',
        '',
    )
    read, warnings = build(make_app, srcdir)
    assert warnings == ''
    assert read == ['index', 'widget']  # widget: Gizmo now grew out of it
    clean = tmp_path / 'clean'
    shutil.copytree(srcdir, clean, ignore=shutil.ignore_patterns('_build'))
    build(make_app, clean)
    assert html_files(srcdir / '_build' / 'html') == html_files(clean / '_build' / 'html')


def test_parallel_equals_serial(make_app, tmp_path: Path) -> None:
    """-j 2 gives the same HTML as -j 1 (Sphinx reads in parallel from 6 pages on)."""
    outputs = []
    for jobs in (1, 2):
        src = tmp_path / f'j{jobs}'
        shutil.copytree(ROOTS / 'test-basic', src)
        toctree = '\n'.join(f'page{n}' for n in range(8))
        index = src / 'index.md'
        index.write_text(
            index.read_text(encoding='utf-8').replace('widget\n```', f'widget\n{toctree}\n```'),
            encoding='utf-8',
        )
        for n in range(8):
            person = ('ada', 'bob')[n % 2]
            (src / f'page{n}.md').write_text(
                f'# Page {n}\n\n{{person}}`{person}` and {{event}}`widget-1`.\n\n'
                # Even pages' timelines are indexed: their entries merge from the workers.
                f'```{{timeline}}\n:people: {person}\n{":no-index:" if n % 2 else ""}\n```\n',
                encoding='utf-8',
            )
        read, warnings = build(make_app, src, parallel=jobs)
        assert warnings == ''
        assert len(read) == 10
        out = src / '_build' / 'html'
        outputs.append({**html_files(out), 'searchindex.js': (out / 'searchindex.js').read_text()})
    assert outputs[0] == outputs[1]
    assert 'page2.html#event-widget-1' in outputs[1]['genindex.html']  # read by a worker


def test_user_label_wins_after_incremental_build(make_app, srcdir: Path) -> None:
    """A label the user adds later replaces the extension's, with no duplicate warning."""
    build(make_app, srcdir)
    page = srcdir / 'widget.md'
    page.write_text(
        page.read_text(encoding='utf-8') + '\n(person-ada)=\n## About Ada\n\n{ref}`person-ada`\n',
        encoding='utf-8',
    )
    read, warnings = build(make_app, srcdir)
    assert (read, warnings) == (['widget'], '')
    html = (srcdir / '_build' / 'html' / 'widget.html').read_text(encoding='utf-8')
    assert 'href="#person-ada"' in html
    assert '<span class="std std-ref">About Ada</span>' in html


def test_reproducible(make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two clean builds with the same SOURCE_DATE_EPOCH are byte-identical, ages included."""
    monkeypatch.setenv('SOURCE_DATE_EPOCH', '1700000000')  # 14 November 2023
    outputs = []
    for name in ('one', 'two'):
        src = tmp_path / name
        shutil.copytree(ROOTS / 'test-basic', src)
        build(make_app, src)
        outputs.append(
            {p.relative_to(src / '_build' / 'html').as_posix(): p.read_bytes()
             for p in sorted((src / '_build' / 'html').rglob('*')) if p.is_file()}
        )  # fmt: skip
    assert outputs[0] == outputs[1]
    assert '(age 33)' in outputs[0]['index.html'].decode()


def test_unchanged_data_is_not_read_again(make_app, srcdir: Path, monkeypatch) -> None:
    """A build with unchanged data files reuses the checked data (and its warnings)."""
    from sphinx_biography import model

    edit(srcdir, 'title: Bob dies', 'title: Bob dies\n    colour: red')
    first = build(make_app, srcdir)
    assert 'unknown key' in first[1]

    def fail(*args, **kwargs):
        raise AssertionError('the data file was read again')

    monkeypatch.setattr(model, 'load', fail)
    read, warnings = build(make_app, srcdir)
    assert read == []
    assert warnings == first[1]  # the same problems, still reported
    monkeypatch.undo()
    edit(srcdir, 'colour: red', 'colour: blue')
    assert build(make_app, srcdir)[0] == []  # re-checked; what pages show did not change


def test_project_cards_are_reread_when_a_shown_card_changes(make_app, tmp_path: Path) -> None:
    """Cards note ('cards', ids): name, first release date and summary of the projects shown."""
    srcdir = tmp_path / 'cards'
    shutil.copytree(ROOTS / 'test-cards', srcdir)
    assert build(make_app, srcdir) == (['beta', 'index', 'rest'], '')
    # Gamma is on the index (every project) and on Beta's page, not on the reST page.
    edit(srcdir, 'summary: Never released.', 'summary: Not released.')
    assert build(make_app, srcdir) == (['beta', 'index'], '')
    # Delta's date is on all three (Beta's page shows no dates, but the key covers it).
    edit(srcdir, 'date: 2009-04/2009-06', 'date: 2009-05/2009-06')
    assert build(make_app, srcdir) == (['beta', 'index', 'rest'], '')
    # A version is not on a card: nothing to re-read.
    edit(srcdir, "version: '1.0'", "version: '1.1'")
    assert build(make_app, srcdir) == ([], '')
    # A new project joins the index's cards only.
    edit(srcdir, 'projects:\n', 'projects:\n  - {id: zeta, name: Zeta}\n')
    assert build(make_app, srcdir) == (['index'], '')
