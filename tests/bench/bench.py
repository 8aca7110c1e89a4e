"""Benchmark: the timeline directive against the same events written by hand.

``make bench`` runs this.  For each size (events) and page count it builds
these projects from the same synthetic events:

- ``extension``: the data file and one ``{timeline}`` per page;
- ``no-event-index``: the same with ``biography_index_events = False``;
- ``nodes-only``: the same with the HTML writer's direct route switched off;
- ``myst``: the control, the same events written out as MyST by hand
  (what docutils costs with no extension);
- ``empty``: the same pages with only a heading (the floor);
- with ``--compare-python``, also ``sphinx-timeline`` (a Jinja template
  per event, re-parsed as MyST) and ``datatemplates``
  (sphinxcontrib-datatemplates: a Jinja template per page, re-parsed as
  reST), from the same events in per-page YAML files.

It reports the cold build time, the incremental time after editing one
event (the median of three edits, each a change), how many pages that
edit re-read, and the peak memory of the ``sphinx-build`` process (in the
cold build), with ratios to the control, as a Markdown table
(printed, and written to ``source/extension/benchmark-results.md``).  Then
it builds one page that draws a lifespan chart and a lineage graph of 100
projects, 300 relations and 1,000 events (HTML, LaTeX and, with TeX, the
PDF), and adds a table of those builds.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).parents[2]
RESULTS = ROOT / 'source' / 'extension' / 'benchmark-results.md'
VARIANTS = ('extension', 'no-event-index', 'nodes-only', 'myst', 'empty')
#: The variants that use the extension, with what each adds to conf.py.
EXTENSION_VARIANTS = {
    'extension': '',
    # biography_index_events = False: events in no general-index entry.
    'no-event-index': 'biography_index_events = False\n',
}
#: nodes-only: the extension with the HTML writer's direct route for
#: timeline entries switched off, so entries are expanded into nodes first,
#: as for every other builder.
NODES_ONLY = (
    'import sphinx_biography.transforms as _transforms\n'
    '_transforms.writes_entries_directly = lambda env: False\n'
)
#: Other extensions, built with --compare-python (a venv that has them).
COMPARED = ('sphinx-timeline', 'datatemplates')


@dataclass
class Result:
    variant: str
    events: int
    pages: int
    cold: float
    incremental: float
    reread: int
    peak_mib: float


def event(n: int, pages: int) -> dict[str, str]:
    year = 1990 + n % 35
    return {
        'id': f'e{n}',
        'date': f'{year}-{1 + n % 12:02d}-{1 + n % 28:02d}',
        'title': f'Event number {n} happened',
        'summary': f'Something *noteworthy* took place, the {n}th time.',
        'tag': f'page{n % pages}',
        'url': f'https://example.org/source/{n}',
    }


def write_project(base: Path, variant: str, events: int, pages: int, edited: bool) -> None:
    """A fresh project; ``edited`` changes event 0's title (the incremental edit)."""
    items = [event(n, pages) for n in range(events)]
    if edited:
        items[0]['title'] += ' (edited)'
    own = {
        'extension': ['sphinx_biography'],
        'no-event-index': ['sphinx_biography'],
        'nodes-only': ['sphinx_biography'],
        'sphinx-timeline': ['sphinx_timeline'],
        'datatemplates': ['sphinxcontrib.datatemplates'],
    }
    extensions = ['myst_parser', *own.get(variant, [])]
    (base / 'conf.py').write_text(
        f'extensions = {extensions!r}\nbiography_data = "data.yaml"\n'
        'html_theme = "basic"\ntemplates_path = ["_templates"]\n'
        + (NODES_ONLY if variant == 'nodes-only' else EXTENSION_VARIANTS.get(variant, '')),
        encoding='utf-8',
    )
    if variant in COMPARED:
        write_compared(base, variant, items, pages)
        return
    if variant in own and 'sphinx_biography' in own[variant]:
        lines = ['projects:', '  - {id: p, name: Project P}', 'events:']
        lines += [
            f'  - {{id: {e["id"]}, date: {e["date"]}, title: "{e["title"]}", '
            f'summary: "{e["summary"]}", projects: [p], tags: [{e["tag"]}], '
            f'sources: ["{e["url"]}"]}}'
            for e in items
        ]
        (base / 'data.yaml').write_text('\n'.join(lines) + '\n', encoding='utf-8')
    toctree = '\n'.join(f'page{k}' for k in range(pages))
    (base / 'index.md').write_text(f'# Index\n\n```{{toctree}}\n{toctree}\n```\n', encoding='utf-8')
    for k in range(pages):
        body = f'# Page {k}\n\n'
        if variant in own and 'sphinx_biography' in own[variant]:
            body += f'```{{timeline}}\n:tags: page{k}\n:group-by: none\n```\n'
        elif variant == 'myst':
            for e in sorted(items, key=lambda e: e['date']):
                if e['tag'] == f'page{k}':
                    body += (
                        f'- {e["date"]} **{e["title"]}**\n\n  {e["summary"]}\n\n'
                        f'  Projects: Project P · Sources: [example.org]({e["url"]})\n\n'
                    )
        (base / f'page{k}.md').write_text(body, encoding='utf-8')


def write_compared(base: Path, variant: str, items: list[dict[str, str]], pages: int) -> None:
    """The same pages for another extension: per-page event files and a template."""
    import yaml

    toctree = '\n'.join(f'page{k}' for k in range(pages))
    (base / 'index.md').write_text(f'# Index\n\n```{{toctree}}\n{toctree}\n```\n', encoding='utf-8')
    (base / '_templates').mkdir(exist_ok=True)
    (base / '_templates' / 'events.tmpl').write_text(
        '{% for e in data %}\n'
        '- {{ e.date }} **{{ e.title }}**\n\n'
        '  {{ e.summary }}\n\n'
        '  Projects: Project P · Sources: `example.org <{{ e.url }}>`__\n\n'
        '{% endfor %}\n',
        encoding='utf-8',
    )
    for k in range(pages):
        mine = sorted((e for e in items if e['tag'] == f'page{k}'), key=lambda e: e['date'])
        records = [{**e, 'start': e['date']} for e in mine]
        (base / f'events{k}.yaml').write_text(yaml.safe_dump(records), encoding='utf-8')
        if variant == 'sphinx-timeline':
            body = (
                f'# Page {k}\n\n```{{timeline}}\n:events: events{k}.yaml\n:style: none\n\n'
                '{{ e.date }} **{{ e.title }}**\n\n{{ e.summary }}\n\n'
                'Projects: Project P · Sources: [example.org]({{ e.url }})\n```\n'
            )
            (base / f'page{k}.md').write_text(body, encoding='utf-8')
        else:
            body = (
                f'Page {k}\n=======\n\n.. datatemplate:yaml:: events{k}.yaml\n'
                '   :template: events.tmpl\n'
            )
            (base / f'page{k}.rst').write_text(body, encoding='utf-8')


#: Builds run as a user's do: Python caches compiled modules (a shell may
#: have switched that off), and every module has been imported once before.
BUILD_ENV = {k: v for k, v in os.environ.items() if k != 'PYTHONDONTWRITEBYTECODE'}


def warm_up(python: str, modules: str) -> None:
    """Import what the builds import, so that no build pays for compiling modules."""
    subprocess.run([python, '-c', f'import {modules}'], env=BUILD_ENV, check=True)


def sphinx_build(
    src: Path, out: Path, python: str = sys.executable, builder: str = 'html'
) -> tuple[float, int, float]:
    """Build; return (seconds, pages read, peak RSS in MiB)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [python, '-m', 'sphinx', '-b', builder, str(src), str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=BUILD_ENV,
    )
    output = process.stdout.read() if process.stdout else ''
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f'build failed:\n{output[-3000:]}')
    read = len(re.findall(r'^reading sources\.\.\. \[\s*\d+%\] ', output, re.MULTILINE))
    return seconds, read, usage.ru_maxrss / 1024


def run(variant: str, events: int, pages: int, python: str, edits: int) -> Result:
    """Build cold, then edit event 0 *edits* times (on and off again); the median edit."""
    with tempfile.TemporaryDirectory(prefix='bio-bench-') as tmp:
        src, out = Path(tmp) / 'src', Path(tmp) / 'out'
        src.mkdir()
        write_project(src, variant, events, pages, edited=False)
        cold, _read, peak = sphinx_build(src, out, python)
        times = []
        for number in range(edits):
            time.sleep(1)  # a new mtime for the edited file
            edited = Path(tmp) / f'edited{number}'
            edited.mkdir()
            write_project(edited, variant, events, pages, edited=number % 2 == 0)
            for path in edited.iterdir():  # only what the edit changed gets a new mtime
                if path.is_file() and path.read_bytes() != (src / path.name).read_bytes():
                    shutil.copyfile(path, src / path.name)
            seconds, reread, _peak = sphinx_build(src, out, python)
            times.append(seconds)
        return Result(variant, events, pages, cold, statistics.median(times), reread, peak)


def write_pictures(base: Path, projects: int, relations: int, events: int) -> None:
    """A project whose pages draw every record: a lifespan chart and a lineage graph."""
    import random

    rng = random.Random(7)
    kinds = ('lineage', 'depends_on', 'replaces', 'forked_from', 'inspired_by', 'port_of')
    named: dict[int, dict[str, list[str]]] = {n: {} for n in range(projects)}
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < relations:
        older, newer = sorted(rng.sample(range(projects), 2))
        pairs.add((newer, older))
    for n, (newer, older) in enumerate(sorted(pairs)):
        # Every relation names an older project: no cycle.
        named[newer].setdefault(kinds[n % len(kinds)], []).append(f'p{older}')
    lines = ['people:', '  - {id: ada, name: Ada Lovelace, born: {date: 1990-01-01}}', 'projects:']
    for n in range(projects):
        fields = ''.join(f', {kind}: [{", ".join(ids)}]' for kind, ids in named[n].items())
        lines.append(f'  - {{id: p{n}, name: Project number {n}, authors: [ada], '
                     f'started: {1990 + n // 4}{fields}}}')  # fmt: skip
    lines.append('events:')
    lines += [f'  - {{id: e{n}, date: {1990 + n % 35}-{1 + n % 12:02d}, title: Event {n}, '
              f'projects: [p{n % projects}]}}' for n in range(events)]  # fmt: skip
    (base / 'data.yaml').write_text('\n'.join(lines) + '\n', encoding='utf-8')
    (base / 'conf.py').write_text(
        "extensions = ['myst_parser', 'sphinx_biography']\nbiography_data = 'data.yaml'\n"
        "html_theme = 'basic'\nlatex_engine = 'xelatex'\n",
        encoding='utf-8',
    )
    (base / 'index.md').write_text(
        '# Pictures\n\n```{lifespan-chart} Everything\n```\n\n```{lineage-graph} Everything\n```\n',
        encoding='utf-8',
    )


def run_pictures(projects: int = 100, relations: int = 300, events: int = 1000) -> str:
    """Build the pictures project for HTML, LaTeX and (with TeX) the PDF; a Markdown table."""
    lines = [
        f'Pictures: one page with a lifespan chart and a lineage graph of {projects} projects, '
        f'{relations} relations and {events:,} events.\n',
        '| Builder | Cold (s) | Peak MiB | Output |',
        '|---|---:|---:|---|',
    ]
    for builder in ('html', 'latex'):
        with tempfile.TemporaryDirectory(prefix='bio-bench-') as tmp:
            src, out = Path(tmp) / 'src', Path(tmp) / 'out'
            src.mkdir()
            write_pictures(src, projects, relations, events)
            seconds, _read, peak = sphinx_build(src, out, builder=builder)
            page = next(out.glob('index.html' if builder == 'html' else '*.tex'))
            size = page.stat().st_size / 1024
            lines.append(f'| {builder} | {seconds:.2f} | {peak:.0f} | {size:.0f} KiB |')
            if builder == 'latex' and shutil.which('latexmk'):
                start = time.perf_counter()
                subprocess.run(['make', '-C', str(out), 'all-pdf'], capture_output=True, check=True)
                pdf = next(out.glob('*.pdf')).stat().st_size / 1024
                lines.append(
                    f'| PDF (xelatex) | {time.perf_counter() - start:.2f} | | {pdf:.0f} KiB |'
                )
    return '\n'.join(lines) + '\n'


def table(results: list[Result]) -> str:
    control = {(r.events, r.pages): r for r in results if r.variant == 'myst'}
    lines = [
        # Short headings: the table has to fit a PDF page.
        '| Variant | Events | Pages | Cold (s) | × ctl | Edit (s) | Re-read | Peak MiB | × ctl |',
        '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ]
    for r in results:
        c = control[r.events, r.pages]
        time_ratio, memory_ratio = r.cold / c.cold, r.peak_mib / c.peak_mib
        lines.append(
            f'| {r.variant} | {r.events:,} | {r.pages} | {r.cold:.2f} | {time_ratio:.2f} '
            f'| {r.incremental:.2f} | {r.reread} | {r.peak_mib:.0f} | {memory_ratio:.2f} |'
        )
    return '\n'.join(lines) + '\n'


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--events', type=int, nargs='+', default=[100, 1000, 10000])
    parser.add_argument('--pages', type=int, nargs='+', default=[1, 100])
    parser.add_argument('--no-write', action='store_true', help='do not update the docs table')
    parser.add_argument('--no-pictures', action='store_true', help='skip the pictures benchmark')
    parser.add_argument(
        '--edits', type=int, default=3, help='edits after each cold build (the median is shown)'
    )
    parser.add_argument('--variants', nargs='+', choices=VARIANTS, default=list(VARIANTS))
    parser.add_argument(
        '--compare-python',
        help='a Python with sphinx-timeline and sphinxcontrib-datatemplates, to measure them too',
    )
    args = parser.parse_args()
    if shutil.which('git') is None:
        print('note: git not found; results are not tagged with a commit')
    warm_up(sys.executable, 'sphinx.cmd.build, myst_parser.sphinx_ext.main, sphinx_biography')
    if args.compare_python:
        warm_up(
            args.compare_python, 'sphinx.cmd.build, sphinx_timeline, sphinxcontrib.datatemplates'
        )
    results = []
    for events in args.events:
        for pages in args.pages:
            variants = [(v, sys.executable) for v in args.variants]
            if args.compare_python:
                variants += [(v, args.compare_python) for v in COMPARED]
            for variant, python in variants:
                result = run(variant, events, pages, python, args.edits)
                print(f'{variant:15} {events:6} events {pages:3} pages: cold {result.cold:6.2f} s, '
                      f'edit {result.incremental:6.2f} s, re-read {result.reread}, '
                      f'{result.peak_mib:5.0f} MiB', flush=True)  # fmt: skip
                results.append(result)
    text = table(results) if results else ''
    if not args.no_pictures:
        text += '\n' + run_pictures()
    print(text)
    if not args.no_write:
        commit = subprocess.run(
            ['git', 'rev-parse', '--short', 'HEAD'], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        header = (
            f'Measured by `make bench` at commit `{commit}` on {os.cpu_count()} cores, '
            f'Python {sys.version.split()[0]}, `-j 1`, theme `basic`.\n\n'
        )
        RESULTS.write_text(header + text, encoding='utf-8')


if __name__ == '__main__':
    main()
