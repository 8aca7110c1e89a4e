"""Sphinx configuration for the Armin Ronacher / Pocoo lineage site.

The sources live in ``source/``; this file sits at the top of the repository
and the Makefile passes ``-c .`` so that it is found.  The extension is the
package ``sphinx-biography``, installed (editable) by requirements.txt, as a
user installs it.
"""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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


# -- Docs-only directives --------------------------------------------------------


def setup(app: Sphinx) -> None:
    """The reference tables in source/extension/, printed from the extension's code."""
    from sphinx_biography._docs import DIRECTIVES

    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    if shutil.which(app.config.graphviz_dot) is None:
        # make html needs only Python: without Graphviz, diagrams show their source.
        from sphinx_biography._docs import GraphvizSource

        app.add_directive('graphviz', GraphvizSource, override=True)
