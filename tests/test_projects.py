"""The extension in projects that are not ours: other page set-ups, other sites, broken files.

Each test writes a small project of its own (its own data, its own pages)
and builds it, as a stranger's project would be built.
"""

from __future__ import annotations

import re
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup
from sphinx.util.console import strip_colors

if TYPE_CHECKING:
    from pathlib import Path

#: Data of a small project: one person, two projects, two events.
DATA = """\
people:
  - {id: grace, name: Grace Hopper}
projects:
  - {id: cobol, name: COBOL, authors: [grace]}
  - {id: flowmatic, name: FLOW-MATIC}
events:
  - id: cobol-spec
    date: 1959-12
    title: The COBOL specification
    summary: Grew out of {project}`flowmatic`, written with *care* and `code`; see [the report](https://example.org/a?b=1&c=2).
    projects: [cobol]
    people: [grace]
  - id: flowmatic-first
    date: 1957
    title: FLOW-MATIC runs
    projects: [flowmatic]
"""

RST_PAGE = """\
Page
====

.. biography:: grace

.. timeline::
   :projects: cobol, flowmatic
"""

MYST_PAGE = """\
# Page

```{biography} grace
```

```{timeline}
:projects: cobol, flowmatic
```
"""


def write_project(
    folder: Path,
    *,
    conf: str = '',
    pages: dict[str, str] | None = None,
    files: dict[str, str] | None = None,
    extensions: tuple[str, ...] = ('sphinx_biography',),
) -> Path:
    """A project of its own: conf.py, data.yaml and the pages (by file name)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / 'conf.py').write_text(
        f'extensions = {list(extensions)!r}\n'
        "biography_data = ['data.yaml']\n"
        'show_warning_types = True\n'
        'nitpicky = True\n' + conf,
        encoding='utf-8',
    )
    for name, text in {'data.yaml': DATA, **(files or {})}.items():
        (folder / name).write_text(text, encoding='utf-8')
    for name, text in (pages or {'index.rst': RST_PAGE}).items():
        (folder / name).write_text(text, encoding='utf-8')
    return folder


def build(make_app, srcdir: Path, builder: str = 'html'):
    app = make_app(builder, srcdir=srcdir)
    app.build(force_all=True)
    return app


def warning_lines(app) -> list[str]:
    """The build's warnings, paths relative to the source folder.

    A second app in one test re-registers Sphinx's own nodes, which Sphinx
    reports; those lines are not the project's.
    """
    text = strip_colors(app.warning.getvalue()).replace(str(app.srcdir) + '/', '')
    return [line for line in text.splitlines()
            if line.strip() and 'while setting up extension' not in line]  # fmt: skip


def page(app, name: str = 'index') -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f'{name}.html').read_text('utf-8'), 'html.parser')


# -- Data markup: one language, whatever the page set-up ------------------------

SETUPS = {
    'rest-only': (('sphinx_biography',), {'index.rst': RST_PAGE}),
    'myst-only': (('myst_parser', 'sphinx_biography'), {'index.md': MYST_PAGE}),
    'both, reST page': (('myst_parser', 'sphinx_biography'), {'index.rst': RST_PAGE}),
}


@pytest.mark.parametrize('setup', SETUPS)
def test_data_markup_is_myst_on_every_page_setup(make_app, tmp_path: Path, setup: str) -> None:
    """The same summary renders the same in a reST-only, a MyST-only and a mixed project."""
    extensions, pages = SETUPS[setup]
    app = build(make_app, write_project(tmp_path, extensions=extensions, pages=pages))
    assert warning_lines(app) == []
    summary = page(app).select_one('li#event-cobol-spec .bio-event-summary')
    assert summary is not None
    # The role is a link to the project's event list entry, emphasis and code are
    # formatting, the link keeps its address (& once, not &amp;).
    assert summary.select_one('.bio-project').get_text() == 'FLOW-MATIC'
    assert summary.select_one('em').get_text() == 'care'
    assert summary.select_one('code').get_text() == 'code'
    link = summary.select_one('a[href^="https://example.org"]')
    assert link['href'] == 'https://example.org/a?b=1&c=2'
    assert '{project}' not in summary.get_text()
    assert '*care*' not in summary.get_text()


def test_data_markup_renders_alike_in_every_setup(make_app, tmp_path: Path) -> None:
    rendered = set()
    for number, (extensions, pages) in enumerate(SETUPS.values()):
        folder = write_project(tmp_path / str(number), extensions=extensions, pages=pages)
        app = build(make_app, folder)
        rendered.add(str(page(app).select_one('li#event-cobol-spec .bio-event-summary')))
    assert len(rendered) == 1, rendered


@pytest.mark.parametrize('setup', SETUPS)
def test_rest_syntax_in_data_is_a_located_warning(make_app, tmp_path: Path, setup: str) -> None:
    """reST written in the data would silently mean something else: say so, at the text."""
    extensions, pages = SETUPS[setup]
    data = DATA.replace(
        'Grew out of {project}`flowmatic`',
        'Grew out of :project:`flowmatic` and `FLOW <https://x.example/>`_',
    )
    folder = write_project(tmp_path, extensions=extensions, pages=pages, files={'data.yaml': data})
    app = build(make_app, folder)
    assert warning_lines(app) == [
        "data.yaml:10:14: WARNING: events[0].summary: ':project:`flowmatic`' is reStructuredText, "
        'but texts in the data are MyST on every page; write '
        "'{project}`flowmatic`' [biography.markup]",
        "data.yaml:10:14: WARNING: events[0].summary: '`FLOW <https://x.example/>`_' is "
        'reStructuredText, but texts in the data are MyST on every page; write '
        "'[FLOW](https://x.example/)' [biography.markup]",
    ]


def test_every_rest_construct_in_a_text_is_reported(make_app, tmp_path: Path) -> None:
    data = DATA.replace(
        'Grew out of {project}`flowmatic`',
        'Grew out of :project:`flowmatic`, :person:`grace` and `FLOW <https://x.example/>`_',
    )
    app = build(make_app, write_project(tmp_path, files={'data.yaml': data}))
    assert [
        line.split('events[0].summary: ')[1].split(' is ')[0] for line in warning_lines(app)
    ] == [
        "':project:`flowmatic`'",
        "':person:`grace`'",
        "'`FLOW <https://x.example/>`_'",
    ]


# -- Intersphinx: only what resolves nowhere warns ------------------------------


def test_references_that_intersphinx_resolves_do_not_warn(make_app, tmp_path: Path) -> None:
    """Site C loads the extension without site A's data and links to A's records."""
    site_a = write_project(
        tmp_path / 'a',
        pages={'index.rst': RST_PAGE + '\n.. project:: cobol\n\n.. project:: flowmatic\n'},
    )
    build(make_app, site_a)
    inventory = site_a / '_build' / 'html' / 'objects.inv'
    mapping = {'a': ('https://a.example/', str(inventory))}
    site_c = write_project(
        tmp_path / 'c',
        conf=f"extensions.append('sphinx.ext.intersphinx')\nintersphinx_mapping = {mapping!r}\n",
        files={'data.yaml': 'people:\n  - {id: someone, name: Someone Else}\n'},
        pages={
            'index.rst': 'C\n=\n\nSee :project:`cobol`, :person:`grace`, '
            ':bio:event:`cobol-spec` and :project:`cobbol`.\n'
        },
    )
    app = build(make_app, site_c)
    assert warning_lines(app) == [
        "index.rst:4: WARNING: unknown project id 'cobbol': no data file defines it (data.yaml), "
        'nor does an intersphinx inventory (a) [biography.reference]'
    ]
    links = {a.get_text(): a['href'] for a in page(app).select('a.reference.external')}
    assert page(app).select('a .bio-unknown') == []  # resolved links are not marked unknown
    assert [n.get_text() for n in page(app).select('.bio-unknown')] == ['cobbol']
    assert links['COBOL'] == 'https://a.example/index.html#project-cobol'
    assert links['Grace Hopper'] == 'https://a.example/index.html#person-grace'
    assert links['The COBOL specification'] == 'https://a.example/index.html#event-cobol-spec'


def test_unknown_ids_on_pages_get_suggestions(make_app, tmp_path: Path) -> None:
    folder = write_project(
        tmp_path,
        pages={
            'index.rst': 'P\n=\n\n.. biography:: grac\n\n.. timeline::\n   :projects: cobl\n\n'
            'A :project:`flowmatc`.\n'
        },
    )
    app = build(make_app, folder)
    assert warning_lines(app) == [
        "index.rst:4: WARNING: unknown person id 'grac': no data file defines it (data.yaml); "
        "did you mean 'grace'? [biography.reference]",
        "index.rst:6: WARNING: unknown project id 'cobl': no data file defines it (data.yaml); "
        "did you mean 'cobol'? [biography.reference]",
        'index.rst:6: WARNING: the timeline shows no events (check its filters) [biography.option]',
        "index.rst:9: WARNING: unknown project id 'flowmatc': no data file defines it (data.yaml), "
        "intersphinx is not loaded; did you mean 'flowmatic'? [biography.reference]",
    ]


def test_option_values_that_name_nothing_get_suggestions(make_app, tmp_path: Path) -> None:
    page_text = (
        'P\n=\n\n.. biography:: grace\n   :fields: bron, died\n\n'
        '.. timeline::\n   :tags: Release\n\n'
        '.. timeline::\n   :since: 1959\n   :until: 1957\n'
    )
    data = DATA.replace(
        '    projects: [flowmatic]\n', '    projects: [flowmatic]\n    tags: [release]\n'
    )
    folder = write_project(tmp_path, pages={'index.rst': page_text}, files={'data.yaml': data})
    app = build(make_app, folder)
    lines = warning_lines(app)
    assert (
        "index.rst:4: WARNING: unknown field 'nam' in :fields:; did you mean 'name'?" not in lines
    )
    assert any("unknown field 'bron' in :fields:; did you mean 'born'?" in line for line in lines)
    assert any(
        "no event has the tag 'Release' in :tags:; did you mean 'release'?" in line
        for line in lines
    ), lines
    assert any(':since: 1959 is after :until: 1957' in line for line in lines), lines


# -- A data file that cannot be read ------------------------------------------

#: Pages and data that refer to records of people.yaml many times over.
REFERRING_PAGE = """\
P
=

.. biography:: grace

.. biography:: ada

:person:`ada`, :person:`ada` and :person:`babbage`.

.. timeline::
   :people: ada
"""
REFERRING_DATA = (
    DATA
    + """\
  - id: engine
    date: 1843
    title: The notes
    people: [ada, babbage]
"""
)
UNREADABLE = {
    'missing': ("biography_data = ['data.yaml', 'people.yaml']\n", None),
    'broken YAML': (
        "biography_data = ['data.yaml', 'people.yaml']\n",
        'people:\n  - {id: ada, name: [Ada\n',
    ),
    'outside the source folder': ("biography_data = ['data.yaml', '../people.yaml']\n", None),
}


@pytest.mark.parametrize('case', UNREADABLE)
def test_an_unreadable_file_gives_one_warning_and_one_summary(
    make_app, tmp_path: Path, case: str
) -> None:
    conf, broken = UNREADABLE[case]
    files = {'data.yaml': REFERRING_DATA}
    if broken is not None:
        files['people.yaml'] = broken
    (tmp_path / 'people.yaml').write_text('people:\n  - {id: ada, name: Ada}\n', 'utf-8')
    folder = write_project(
        tmp_path / 'src', conf=conf, files=files, pages={'index.rst': REFERRING_PAGE}
    )
    app = build(make_app, folder)
    lines = warning_lines(app)
    assert len(lines) == 2, '\n'.join(lines)
    assert '[biography.file]' in lines[0] or '[biography.yaml]' in lines[0]
    assert lines[1].endswith(
        '7 reference(s) to ids that no readable data file defines (2 in the data, 5 on 1 '
        f'page(s)) are not reported one by one: they may be to records of '
        f'{tmp_path / "people.yaml" if "outside" in case else "people.yaml"}'
        ", which could not be read: person 'ada' (data.yaml:20:14), person 'babbage' "
        '(data.yaml:20:19) [biography.reference]'
    ), lines[1]
    # Everything the readable file holds still renders.
    html = page(app)
    assert html.select_one('aside#person-grace') is not None
    assert html.select_one('li#event-cobol-spec') is None  # the timeline asked for ada only
    assert 'Traceback' not in app.warning.getvalue()


def test_a_typo_is_reported_while_another_file_is_unreadable(make_app, tmp_path: Path) -> None:
    """An id close to one the readable files define is a typo, not a record of the broken file."""
    folder = write_project(
        tmp_path,
        conf="biography_data = ['data.yaml', 'missing.yaml']\n",
        pages={'index.rst': 'P\n=\n\n.. biography:: grac\n\nSee :person:`ada`.\n'},
    )
    app = build(make_app, folder)
    lines = warning_lines(app)
    assert len(lines) == 3, '\n'.join(lines)
    assert "index.rst:4: WARNING: unknown person id 'grac'" in lines[1]
    assert "did you mean 'grace'?" in lines[1]
    assert lines[2].endswith(
        "which could not be read: person 'ada' (index.rst:6) [biography.reference]"
    )


# -- Directive options --------------------------------------------------------


@pytest.mark.parametrize('page_name', ['index.rst', 'index.md'])
def test_an_unknown_option_keeps_the_block(make_app, tmp_path: Path, page_name: str) -> None:
    """docutils drops a reST directive over one unknown option; ours warns and goes on."""
    if page_name == 'index.rst':
        text = 'P\n=\n\n.. timeline::\n   :project: cobol\n   :group-by: none\n'
    else:
        text = '# P\n\n```{timeline}\n:project: cobol\n:group-by: none\n```\n'
    folder = write_project(
        tmp_path, pages={page_name: text}, extensions=('myst_parser', 'sphinx_biography')
    )
    app = build(make_app, folder)
    lines = [line for line in warning_lines(app) if 'project' in line]
    assert any(
        "unknown option :project: of timeline; it is ignored; did you mean 'projects'?" in line
        for line in lines
    ) or any('Unknown option keys' in line and 'project' in line for line in lines), lines
    assert len(page(app).select('li.bio-event')) == 2  # the timeline is there, unfiltered


# -- Links in a tree of joined pages (LaTeX, Texinfo) ----------------------------


def test_latex_links_go_to_the_page_that_shows_the_record(make_app, tmp_path: Path) -> None:
    """An infobox on page B links to a project whose home is page A: \\hyperref[A:...]."""
    folder = write_project(
        tmp_path,
        pages={
            'index.rst': 'Root\n====\n\n.. project:: flowmatic\n\n.. toctree::\n\n   b\n',
            'b.rst': 'B\n=\n\n.. project:: cobol\n\n.. timeline::\n   :projects: cobol\n'
            '   :no-index:\n',
        },
        files={
            'data.yaml': DATA.replace(
                '{id: cobol, name: COBOL,', '{id: cobol, name: COBOL, lineage: [flowmatic],'
            )
        },
        conf="latex_engine = 'xelatex'\n",
    )
    app = build(make_app, folder, 'latex')
    assert warning_lines(app) == []
    tex = next(app.outdir.glob('*.tex')).read_text('utf-8')
    labels = set(re.findall(r'\\label\{\\detokenize\{([^}]*)\}\}', tex))
    refs = set(re.findall(r'\\hyperref\[\\detokenize\{([^}]*)\}\]', tex))
    assert 'index:project-flowmatic' in refs
    assert refs <= labels, sorted(refs - labels)


def test_singlehtml_links_have_one_anchor(make_app, tmp_path: Path) -> None:
    """All pages are one file: a link is '#anchor', never '#document-x#anchor'."""
    folder = write_project(
        tmp_path,
        pages={
            'index.rst': 'Root\n====\n\n.. toctree::\n\n   people\n   projects\n\n.. timeline::\n',
            'people.rst': 'People\n======\n\n.. biography:: grace\n',
            'projects.rst': 'Projects\n========\n\n.. project:: cobol\n\n.. project:: flowmatic\n',
        },
    )
    app = build(make_app, folder, 'singlehtml')
    html = page(app)
    hrefs = [a['href'] for a in html.select('li.bio-event a.reference.internal')]
    assert hrefs and all(href.count('#') == 1 for href in hrefs), hrefs
    for href in hrefs:
        assert html.find(id=href.split('#')[1]) is not None, href


def test_a_rebuild_without_changes_keeps_the_configuration(tmp_path: Path) -> None:
    """Run twice as a user would: the second build finds nothing changed, not even the config."""
    folder = write_project(tmp_path)
    command = [sys.executable, '-m', 'sphinx', '-b', 'html', str(folder), str(folder / '_build')]
    subprocess.run(command, check=True, capture_output=True)
    again = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    assert 'configuration has changed' not in again, again
    assert 'no targets are out of date' in again or '0 changed' in again, again


def test_held_back_warnings_come_back_once_the_file_reads(tmp_path: Path) -> None:
    """A page that held an unknown id back while a file was broken reports it when it is fixed."""
    folder = write_project(
        tmp_path,
        conf="biography_data = ['data.yaml', 'people.yaml']\n",
        files={'people.yaml': 'people:\n  - {id: ada, name: [Ada\n'},
        pages={
            'index.rst': 'P\n=\n\nSee :person:`ghostzzz`.\n\n.. timeline::\n   :people: ghostzzz\n'
        },
    )
    command = [sys.executable, '-m', 'sphinx', '-b', 'html', str(folder), str(folder / '_build')]
    first = subprocess.run(command, capture_output=True, text=True, check=True).stderr
    assert 'ghostzzz' in first and 'could not be read' in first  # only in the summary
    assert "unknown person id 'ghostzzz'" not in first
    (folder / 'people.yaml').write_text('people:\n  - {id: ada, name: Ada}\n', 'utf-8')
    second = subprocess.run(command, capture_output=True, text=True, check=True).stderr
    assert second.count("unknown person id 'ghostzzz'") == 2, second  # the role and :people:
    assert 'the timeline shows no events' in second, second


@pytest.mark.parametrize('page_name', ['index.rst', 'index.md'])
def test_a_value_an_option_cannot_take_keeps_the_block(
    make_app, tmp_path: Path, page_name: str
) -> None:
    if page_name == 'index.rst':
        text = 'P\n=\n\n.. timeline::\n   :reversed: yes\n   :class:\n   :group-by: none\n'
    else:
        text = '# P\n\n```{timeline}\n:reversed: yes\n:class:\n:group-by: none\n```\n'
    folder = write_project(
        tmp_path, pages={page_name: text}, extensions=('myst_parser', 'sphinx_biography')
    )
    app = build(make_app, folder)
    lines = warning_lines(app)
    assert any(":reversed: takes no value; got 'yes', taken as set" in line for line in lines), (
        lines
    )
    titles = [
        li.select_one('.bio-event-title').get_text() for li in page(app).select('li.bio-event')
    ]
    assert titles == ['The COBOL specification', 'FLOW-MATIC runs']  # reversed: newest first


@pytest.mark.parametrize('setup', SETUPS)
def test_links_to_pages_in_data_texts_are_text_everywhere(
    make_app, tmp_path: Path, setup: str
) -> None:
    """[text](page.md) resolves only where myst_parser is loaded: it is text, with a warning."""
    extensions, pages = SETUPS[setup]
    data = DATA.replace(
        'see [the report](https://example.org/a?b=1&c=2)', 'see [the other page](other.md)'
    )
    folder = write_project(tmp_path, extensions=extensions, pages=pages, files={'data.yaml': data})
    app = build(make_app, folder)
    lines = warning_lines(app)
    assert any("a link to a page ('other.md') does not work in data texts" in line
               and line.startswith('data.yaml:10:') for line in lines), lines  # fmt: skip
    summary = page(app).select_one('li#event-cobol-spec .bio-event-summary')
    assert 'the other page' in summary.get_text()
    assert summary.select_one('a[href*="other"]') is None


def test_singlehtml_meta_links_start_from_the_entrys_page(make_app, tmp_path: Path) -> None:
    """A person shown :no-index: on the entry's own page is linked there, as in html."""
    folder = write_project(
        tmp_path,
        pages={
            'index.rst': 'Root\n====\n\n.. toctree::\n\n   p1\n',
            'p1.rst': 'P1\n==\n\n.. biography:: grace\n   :no-index:\n\n.. timeline::\n'
            '   :people: grace\n',
        },
    )
    for builder in ('html', 'singlehtml'):
        app = build(make_app, folder, builder)
        html = page(app, 'p1' if builder == 'html' else 'index')
        meta = html.select_one('li#event-cobol-spec .bio-event-meta')
        assert meta.select_one('a[href$="#person-grace"]') is not None, (builder, str(meta))
