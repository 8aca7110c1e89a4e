"""Biography: infoboxes and timelines for Sphinx, from YAML data files.

Directives ``biography``, ``project``, ``timeline``, ``sources``,
``project-cards``, ``lifespan-chart`` and ``lineage-graph``; roles
``person``, ``project`` and ``event`` (also as ``bio:person``, ...).  The data files named by
``biography_data`` are read once per build, at ``builder-inited``; problems
become warnings of type ``biography`` located in the data file.
"""

from __future__ import annotations

import atexit
import datetime as dt
import functools
import gc
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from . import _compat, datacache, html, latex, model, structured, text
from . import nodes as bio
from .directives import (
    BiographyDirective,
    LifespanChartDirective,
    LineageGraphDirective,
    ProjectCardsDirective,
    ProjectDirective,
    SourcesDirective,
    TimelineDirective,
)
from .domain import KINDS, BiographyDomain, DataRole, configured_data_files, get_domain
from .i18n import MESSAGE_CATALOG
from .transforms import (
    ExpandTimelineEntries,
    MarkInfoboxSections,
    PrepareCompactEntries,
    ReportUnknownIds,
    ShowUrlsInText,
)
from .warnings import warn

if TYPE_CHECKING:
    from docutils.nodes import Element
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

__version__ = '0.2.0'
#: The oldest Sphinx supported (pyproject.toml declares the same).
MINIMUM_SPHINX = '8.1'

HERE = Path(__file__).parent


def data_paths(app: Sphinx) -> tuple[list[Path], list[str]]:
    """The configured data files, absolute, and those refused: outside the source dir."""
    names = configured_data_files(app.config)
    srcdir = Path(app.srcdir).resolve()
    paths, refused = [], []
    for name in names:
        path = (srcdir / name).resolve()
        if not path.is_relative_to(srcdir):
            refused.append(str(path))
            warn(f'biography_data: {name} is outside the source directory {srcdir}; not read',
                 'file')  # fmt: skip
            continue
        if path in paths:
            warn(f'biography_data: {name} is listed twice; read once', 'file')
            continue
        paths.append(path)
    return paths, refused


def today() -> dt.date:
    """Today, or the day of ``SOURCE_DATE_EPOCH`` for reproducible builds."""
    epoch = os.environ.get('SOURCE_DATE_EPOCH')
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            warn(f'SOURCE_DATE_EPOCH={epoch!r} is not a usable Unix time; ages use today instead',
                 'config')  # fmt: skip
    return dt.date.today()


def load_data(app: Sphinx) -> None:
    """Read and check the data files; report every problem where it is."""
    domain = get_domain(app.env)
    paths, refused = data_paths(app)
    # The collector stays off until the records are frozen: once on, it
    # would first walk every object made while it was off.
    with model.paused_gc():
        domain.dataset = datacache.load_cached(
            paths,
            max_bytes=app.config.biography_max_file_size,
            cache=Path(app.doctreedir) / 'biography-data.pickle',
            refused=refused,
        )
        freeze_collector()
    domain.today = today()
    for problem in domain.dataset.problems:
        warn(str(problem), problem.subtype, str(problem.location))


#: Whether this extension froze the cycle collector's objects (see freeze_collector).
_froze_collector = False


def freeze_collector() -> None:
    """Keep what exists once the data is read (the records, Sphinx's set-up) from the collector.

    The records live as long as the build; without this, every full
    collection walks them again: half a second at 10,000 events.  A process
    that froze objects itself is left alone, and :func:`thaw_collector`
    hands the objects back when the build ends.
    """
    global _froze_collector
    if not _froze_collector and gc.get_freeze_count() == 0:
        gc.freeze()
        _froze_collector = True
        _skip_collection_at_exit()


def thaw_collector(app: Sphinx, exception: BaseException | None) -> None:
    global _froze_collector
    if _froze_collector:
        gc.unfreeze()
        _froze_collector = False


@functools.cache
def _skip_collection_at_exit() -> None:
    """Freeze the collector's objects when the process exits, once it froze them for a build.

    At exit Python collects every cycle left, which frees a build's objects
    one by one: 0.3 to 0.5 s at 10,000 events, a third of a build after an
    edit, for memory the operating system takes back anyway.  Python never
    promised to finalize objects that live until exit; Sphinx closes its
    files itself.
    """
    atexit.register(gc.freeze)


def stale_docs(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Re-read the pages whose data changed, and only those."""
    domain = get_domain(env)
    return sorted(domain.stale_docs() - added - changed - removed)


def plain_name_or_unknown(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: Element
) -> Element | None:
    """What no page here shows: a known name as plain text, an unknown id marked.

    Sphinx calls every handler, and takes the first answer by priority:
    intersphinx's (500) wins over this one (900), so another site's page is
    linked.  The answer here therefore changes nothing it was given, and
    reports nothing: :class:`.ReportUnknownIds` reports the marked nodes
    that end up in the page.
    """
    if node.get('refdomain') != 'bio':
        return None
    if get_domain(env).dataset.lookup(node['reftype'], node['reftarget']) is not None:
        return contnode
    marked = contnode.deepcopy()
    marked['classes'].append('bio-unknown')
    marked['bio_unknown'] = True
    for name in ('reftype', 'reftarget', 'refwarn', 'bio_text'):
        if name in node:
            marked[name] = node[name]
    marked.source, marked.line = node.source, node.line
    return marked


def check_consistency(app: Sphinx, env: BuildEnvironment) -> None:
    get_domain(env).check_duplicates()


def add_tikz(app: Sphinx, builder: Builder) -> None:
    """Load TikZ in the LaTeX preamble when some page has a picture.

    Asked when writing starts, not when pages are read: a build that reads
    nothing still writes every page, pictures included.
    """
    if builder.format == 'latex' and get_domain(builder.env).has_pictures():
        _compat.add_latex_package_once(app, 'tikz')


def withdraw_labels(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    get_domain(env).withdraw_labels()


def publish_labels(app: Sphinx, env: BuildEnvironment) -> None:
    get_domain(env).publish_labels()


def report_unreadable(app: Sphinx, env: BuildEnvironment) -> None:
    get_domain(env).report_unreadable()


def add_static_path(app: Sphinx, config: Config) -> None:
    """Serve the stylesheet (HTML builders, EPUB included).

    At ``config-inited``, as Sphinx's graphviz does: added later, the path
    would differ from the pickled configuration, and every build would
    report "The configuration has changed".
    """
    config.html_static_path.append(str(HERE / 'static'))


def choose_card_layout(app: Sphinx) -> None:
    """How HTML shows project cards: sphinx-design's cards where it is loaded, else our own.

    EPUB, like print, gets the plain list.
    """
    if app.builder.format != 'html' or _compat.is_epub(type(app.builder)):
        layout = 'list'
    else:
        layout = 'sphinx-design' if 'sphinx_design' in app.extensions else 'own'
    get_domain(app.env).card_layout = layout


def check_latex_engine(app: Sphinx) -> None:
    """pdflatex stops at the first Greek or Cyrillic letter in the data."""
    if app.builder.name == 'latex' and app.config.latex_engine not in ('xelatex', 'lualatex'):
        warn(f'latex_engine {app.config.latex_engine!r} cannot typeset every name the data '
             "may hold; use 'xelatex' or 'lualatex'", 'config')  # fmt: skip


#: The structured-data settings: their defaults, and what each must be.
WEB_SETTINGS = {
    'biography_jsonld': (True, 'True or False'),
    'biography_microformats': (True, 'True or False'),
    'biography_export': ('_static/biography.json', "a relative path ending in '.json', or None"),
    'biography_doubtful': (list(structured.DOUBTFUL_PHRASES), 'a list of texts'),
}


def _web_setting_ok(name: str, value: object) -> bool:
    if name in ('biography_jsonld', 'biography_microformats'):
        return isinstance(value, bool)
    if name == 'biography_export':
        if value is None or value == '':
            return True
        if not isinstance(value, str) or not value.endswith('.json'):
            return False
        path = Path(value)
        return not path.is_absolute() and '..' not in path.parts and '\\' not in value
    return isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)


def setting_location(app: Sphinx, name: str) -> str | None:
    """``conf.py:line`` where *name* is set, or None (set by ``-D``, or no conf.py)."""
    if app.confdir is None:
        return None
    conf = Path(app.confdir, 'conf.py')
    try:
        lines = conf.read_text('utf-8').splitlines()
    except (OSError, UnicodeError):
        return None
    for number, line in enumerate(lines, 1):
        if line.replace(' ', '').startswith(f'{name}='):
            return f'{conf}:{number}'
    return None


def check_web_settings(app: Sphinx, config: Config) -> None:
    """Report a structured-data setting the extension cannot use, and use its default.

    Runs before Sphinx's own type check, which then has nothing to repeat.
    """
    for name, (default, expected) in WEB_SETTINGS.items():
        value = config[name]
        if not _web_setting_ok(name, value):
            warn(f'{name} = {value!r}: expected {expected}; using {default!r}', 'config',
                 setting_location(app, name))  # fmt: skip
            config[name] = default


def export_path(app: Sphinx) -> Path | None:
    """Where the dataset goes in this build's output, or None (off, or not a web builder)."""
    if app.builder.format != 'html' or _compat.is_epub(type(app.builder)):
        return None
    name = app.config.biography_export
    return Path(app.outdir, name) if name else None


def write_export(app: Sphinx, exception: BaseException | None) -> None:
    """Write the checked dataset as JSON into the HTML output, with its JSON Schema beside it.

    ``_static/biography.json`` gets ``_static/biography.schema.json``.
    """
    path = export_path(app)
    if exception is not None or path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    cache = Path(app.doctreedir) / 'biography-export.pickle'
    lines = datacache.load_record_lines(cache)
    before = set(lines)
    with path.open('w', encoding='utf-8') as export:
        export.writelines(structured.export_lines(get_domain(app.env).dataset, lines))
    if lines.keys() != before:
        datacache.save_record_lines(cache, lines)
    shutil.copyfile(HERE / 'data.schema.json', path.with_name(f'{path.stem}.schema.json'))


_ = text.passthrough
#: Visitor pairs per node: html, latex, text, man, texinfo.  Where a builder
#: needs nothing around the children, the pair is a pass-through.
VISITORS = {
    bio.infobox: (html.infobox, latex.infobox, text.text_block, _, text.texinfo_anchored),
    bio.infobox_title: (
        html.infobox_title,
        latex.infobox_title,
        text.text_block,
        text.man_heading,
        text.texinfo_heading,
    ),
    bio.timeline: (html.timeline, latex.timeline, text.text_block, _, _),
    bio.timeline_group: (html.timeline_group, latex.timeline_group, _, _, _),
    bio.timeline_heading: (
        html.timeline_heading,
        latex.timeline_heading,
        text.text_block,
        text.man_heading,
        text.texinfo_heading,
    ),
    bio.timeline_list: (html.timeline_list, latex.timeline_list, _, _, _),
    bio.timeline_entry: (
        html.timeline_entry,
        latex.timeline_entry,
        text.text_entry,
        text.man_entry,
        text.texinfo_entry,
    ),
    bio.bio_date: (html.date, latex.date, _, _, _),
    bio.bio_time: (html.time, latex.time, _, _, _),
    bio.search_text: (text.hidden, text.hidden, text.hidden, text.hidden, text.hidden),
    bio.link_targets: (text.hidden, text.hidden, text.hidden, text.hidden, text.hidden),
    bio.project_cards: (
        html.project_cards,
        text.as_list,
        text.as_list,
        text.as_list,
        text.as_list,
    ),
    bio.project_card: (
        html.project_card,
        text.as_list_item,
        text.as_list_item,
        text.as_list_item,
        text.as_list_item,
    ),
    bio.picture: (html.picture, latex.picture, _, _, text.texinfo_anchored),
    bio.picture_caption: (
        html.picture_caption,
        latex.picture_caption,
        text.text_block,
        text.man_heading,
        text.texinfo_heading,
    ),
    bio.picture_alt: (html.picture_alt, latex.picture_alt, _, _, _),
    bio.picture_links: (text.hidden, text.hidden, text.hidden, text.hidden, text.hidden),
}


def setup(app: Sphinx) -> ExtensionMetadata:
    app.require_sphinx(MINIMUM_SPHINX)
    app.add_config_value('biography_data', [], 'env', types=frozenset({str, list, tuple}))
    app.add_config_value(
        'biography_max_file_size', model.MAX_FILE_BYTES, 'env', types=frozenset({int})
    )
    # Ten thousand events are twenty thousand index entries, which Sphinx
    # sorts and writes again on every build: large sites may leave them out.
    app.add_config_value('biography_index_events', True, 'env', types=frozenset({bool}))
    # Structured data for machines (see WEB_SETTINGS): JSON-LD in each indexed
    # infobox, microformats2 classes, and the dataset as JSON in the output.
    app.add_config_value('biography_jsonld', True, 'html', types=frozenset({bool}))
    app.add_config_value('biography_microformats', True, 'env', types=frozenset({bool}))
    app.add_config_value(
        'biography_export', '_static/biography.json', 'html', types=frozenset({str, type(None)})
    )
    app.add_config_value(
        'biography_doubtful',
        list(structured.DOUBTFUL_PHRASES),
        'env',
        types=frozenset({list, tuple}),
    )

    for node, (for_html, for_latex, for_text, for_man, for_texinfo) in VISITORS.items():
        app.add_node(
            node, html=for_html, latex=for_latex, text=for_text, man=for_man, texinfo=for_texinfo
        )
    app.add_domain(BiographyDomain)
    app.add_directive('biography', BiographyDirective)
    app.add_directive('project', ProjectDirective)
    app.add_directive('timeline', TimelineDirective)
    app.add_directive('sources', SourcesDirective)
    app.add_directive('project-cards', ProjectCardsDirective)
    app.add_directive('lifespan-chart', LifespanChartDirective)
    app.add_directive('lineage-graph', LineageGraphDirective)
    for kind in KINDS:
        app.add_role(kind, DataRole())

    app.add_post_transform(ShowUrlsInText)
    app.add_post_transform(MarkInfoboxSections)
    app.add_post_transform(ExpandTimelineEntries)
    app.add_post_transform(PrepareCompactEntries)
    app.add_post_transform(ReportUnknownIds)
    app.add_message_catalog(MESSAGE_CATALOG, str(HERE / 'locale'))
    app.connect('builder-inited', load_data)
    app.connect('build-finished', thaw_collector, priority=900)  # after the export
    app.connect('config-inited', add_static_path)
    app.connect('config-inited', check_web_settings, priority=400)
    app.connect('build-finished', write_export)
    app.add_css_file('biography.css')
    app.connect('builder-inited', check_latex_engine)
    app.connect('builder-inited', choose_card_layout)
    app.connect('env-get-outdated', stale_docs)
    app.connect('env-check-consistency', check_consistency)
    app.connect('write-started', add_tikz)
    app.connect('missing-reference', plain_name_or_unknown, priority=900)
    app.connect('env-before-read-docs', withdraw_labels)
    app.connect('env-updated', publish_labels)
    app.connect('env-updated', report_unreadable)
    return {
        'version': __version__,
        'env_version': 8,  # 8: structured data
        'parallel_read_safe': True,
        'parallel_write_safe': True,
    }
