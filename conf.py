"""Sphinx configuration for the Armin Ronacher / Pocoo lineage site.

The sources live in ``source/``; this file sits at the top of the repository
and the Makefile passes ``-c .`` so that it is found.  The extension is the
package ``sphinx-biography``, installed (editable) by requirements.txt, as a
user installs it.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

# -- Project -------------------------------------------------------------------

project = 'Armin Ronacher and the Pocoo lineage'
author = 'The biography project contributors'
copyright = '2026, the biography project contributors'
language = 'en'
# The site is not versioned; EPUB needs a version all the same.
version = release = '2026.11'

# -- General -------------------------------------------------------------------

extensions = [
    'myst_parser',
    'sphinx_design',
    'sphinx_biography',
    'sphinx.ext.graphviz',  # the architecture diagram
    # The hosted site, for machines (see "Web" below); HTML only.
    'sphinx_sitemap',
    'sphinxext.opengraph',
    'notfound.extension',
]
source_suffix = {'.md': 'markdown', '.rst': 'restructuredtext'}
# benchmark-results.md is written by `make bench` and included by benchmark.md.
exclude_patterns = ['_build', '_data', 'extension/benchmark-results.md', 'Thumbs.db', '.DS_Store']
myst_enable_extensions = ['colon_fence', 'deflist']
nitpicky = True
show_warning_types = True

# -- Biography extension -------------------------------------------------------

biography_data = ['_data/pocoo.yaml']

# -- HTML ----------------------------------------------------------------------

html_theme = 'furo'
html_title = 'Armin Ronacher and the Pocoo lineage'
html_static_path = ['source/_static']  # relative to this file
html_css_files = ['site.css']
# PNG: EPUB refuses the SVG Graphviz writes (it declares external entities).
graphviz_output_format = 'png'

# -- Web: the hosted site for search engines and link previews ------------------

#: Where the HTML is published.  Every absolute address the site writes (the
#: canonical links, og:url, sitemap.xml, robots.txt, the 404 page's links)
#: derives from it.  Set BIOGRAPHY_BASEURL to change it; on Read the Docs its
#: own address (READTHEDOCS_CANONICAL_URL) is used.  The default is a
#: placeholder: the site has no public address yet.
BASEURL_PLACEHOLDER = 'https://pocoo-lineage.readthedocs.io/en/latest/'


def _baseurl() -> str:
    url = (
        os.environ.get('BIOGRAPHY_BASEURL')
        or os.environ.get('READTHEDOCS_CANONICAL_URL')
        or BASEURL_PLACEHOLDER
    )
    parts = urlsplit(url)
    if parts.scheme not in {'http', 'https'} or not parts.netloc or parts.query or parts.fragment:
        msg = (
            'BIOGRAPHY_BASEURL must be an absolute http(s) address '
            f'such as {BASEURL_PLACEHOLDER}, not {url!r}'
        )
        raise ValueError(msg)
    return url if url.endswith('/') else f'{url}/'


html_baseurl = _baseurl()
#: The part of the address after the host (/en/latest/ on Read the Docs).
BASEPATH = urlsplit(html_baseurl).path

# sphinx-sitemap: the pages as html_baseurl + page (not + language + version).
sitemap_url_scheme = '{link}'
# Left out on purpose: the search page and the index (no content of their
# own; search.html says noindex), the 404 page, and book.html, the PDF's
# root, whose HTML page is only the table of contents index.html shows too.
sitemap_excludes = ['search.html', 'genindex.html', '404.html', 'book.html']

# sphinxext-opengraph: og:* meta on every page; the description is set by
# page_description() below.  No generated card images (see about.md).
ogp_site_url = html_baseurl
ogp_social_cards = {'enable': False}
ogp_custom_meta_tags = ['<meta name="twitter:card" content="summary" />']

# sphinx-notfound-page: 404.html with absolute links, so that it works at any
# depth the host serves it from.
notfound_urls_prefix = BASEPATH
notfound_context = {
    'title': 'Page not found',
    'body': (
        '<h1>Page not found</h1>\n'
        '<p>There is no page at this address: it may have moved, or the link has a typo.</p>\n'
        f'<p>Try the <a href="{BASEPATH}index.html">home page</a>, the '
        f'<a href="{BASEPATH}projects/index.html">projects</a>, the '
        f'<a href="{BASEPATH}timeline.html">timeline</a> or the '
        f'<a href="{BASEPATH}search.html">search</a>.</p>\n'
    ),
}

# -- LaTeX ---------------------------------------------------------------------

# xelatex typesets any Unicode the data may hold; pdflatex stops at the
# first Greek or Cyrillic letter.
latex_engine = 'xelatex'
# Links stay clickable in the PDF; the Sources chapter prints every address
# in full, so hundreds of URL footnotes would only repeat it.
latex_show_urls = 'no'
# The book has its own root: the HTML landing page (cards, highlights) is
# for the web, and source/book.md lists the chapters.
latex_documents = [
    ('book', 'pocoo-lineage.tex', project, author, 'manual'),
]
# Sphinx's xelatex defaults use FreeFont (Debian fonts-freefont-otf), which
# covers Latin, Greek and Cyrillic.
latex_elements = {
    'papersize': 'a4paper',
    # xurl lets long addresses break anywhere, not only at / and .
    'preamble': r'\usepackage{xurl}',
}

# -- EPUB ----------------------------------------------------------------------

epub_show_urls = 'no'
# Graphviz writes an image map beside each PNG; EPUB leaves it out, and says so.
suppress_warnings = ['epub.unknown_project_files']


# -- Web helpers -----------------------------------------------------------------

#: A first paragraph's length at most in a description (sphinxext-opengraph's default).
DESCRIPTION_LENGTH = 200


def page_description(doctree: nodes.document) -> str:
    """A page's description, as plain text: its infobox's summary, else its first paragraph.

    The summary is the project record's, as the page's leading infobox shows
    it, whole.  Otherwise the first paragraph directly under a heading (not
    in an infobox, a list or a note), without the site's "(source)" links,
    cut at a word to DESCRIPTION_LENGTH.  Empty for a page with no prose.
    """
    from docutils import nodes

    from sphinx_biography.nodes import infobox

    lead = next(iter(doctree.findall(infobox)), None)
    if (
        lead is not None
        and isinstance(lead.parent, nodes.section)
        and lead.get('kind') == 'project'
    ):
        for item in lead.findall(nodes.definition_list_item):
            if 'bio-field-summary' in item['classes']:
                return ' '.join(item[-1].astext().split())
    paragraph = next(
        (p for p in doctree.findall(nodes.paragraph) if isinstance(p.parent, nodes.section)),
        None,
    )
    if paragraph is None:
        return ''
    text = ' '.join(re.sub(r'\s*\(source\)', '', paragraph.astext()).split())
    if len(text) > DESCRIPTION_LENGTH:
        text = text[: DESCRIPTION_LENGTH - 1].rsplit(' ', 1)[0].rstrip(',;:') + '\u2026'
    return text


def web_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Web meta for hosted HTML pages; nothing of it in EPUB."""
    if app.builder.embedded:  # EPUB: no canonical link to a web page
        context['pageurl'] = None
        return
    if pagename == app.config.notfound_pagename:
        # Served at any depth: no canonical address, and the scripts' root absolute.
        context['pageurl'] = None
        context['content_root'] = BASEPATH
        return
    if doctree is None:
        return
    description = page_description(doctree)
    if not description:  # no prose of its own (book.html, the PDF's contents)
        description = page_description(app.env.get_doctree(app.config.root_doc))
    if description:
        escaped = html.escape(description)
        # og:description comes from the page's metadata, which opengraph
        # reads at priority 500, after this; meta description is ours too.
        context['meta'] = {**(context.get('meta') or {}), 'og:description': escaped}
        context['metatags'] += f'<meta name="description" content="{escaped}" />\n'


def write_robots_txt(app: Sphinx, exception: Exception | None) -> None:
    """robots.txt at the root of the HTML, naming the sitemap's address."""
    if exception is None and app.builder.name == 'html':
        sitemap = app.config.html_baseurl + app.config.sitemap_filename
        text = f'User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n'
        (Path(app.outdir) / 'robots.txt').write_text(text, encoding='utf-8')


def web_builder_inited(app: Sphinx) -> None:
    """The sitemap is for the hosted HTML only (not EPUB, singlehtml, dirhtml, ...).

    The 404 page's links name the html builder's files (timeline.html).
    """
    if app.builder.name != 'html':
        app.config.sitemap_excludes = ['*']


# -- Docs-only directives and web helpers ----------------------------------------


def setup(app: Sphinx) -> None:
    """The reference tables in source/extension/, printed from the extension's code; web meta."""
    app.connect('builder-inited', web_builder_inited)
    app.connect('html-page-context', web_page_context, priority=400)
    app.connect('build-finished', write_robots_txt)
    from sphinx_biography._docs import DIRECTIVES

    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    if shutil.which(app.config.graphviz_dot) is None:
        # make html needs only Python: without Graphviz, diagrams show their source.
        from sphinx_biography._docs import GraphvizSource

        app.add_directive('graphviz', GraphvizSource, override=True)
