"""Every use of a private or version-dependent Sphinx or MyST-Parser API, in one place.

The extension supports Sphinx 8.1 to 9.x and MyST-Parser 4 to 5; where
those differ, or where no public API does the job, the code is here, with
the reason, so that a new release breaks at most this module.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from sphinx.builders.epub3 import Epub3Builder
from sphinx.util import logging as sphinx_logging

if TYPE_CHECKING:
    from docutils.nodes import document
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.latex import LaTeXTranslator


def builder_class(env: BuildEnvironment) -> type[Builder]:
    """The class of the running builder, from a transform or a role.

    Sphinx 9 stores it as ``env._builder_cls`` (private, but it is what its
    own post-transforms ask) and deprecates ``env.app``; Sphinx 8 has only
    ``env.app.builder``.
    """
    try:
        return env._builder_cls  # Sphinx >= 9.0
    except AttributeError:
        return type(env.app.builder)  # Sphinx 8.1, 8.2


def page_uri(builder: Builder, fromdocname: str, todocname: str) -> str:
    """The address of *todocname* from *fromdocname*; '' when both are in one file.

    singlehtml names each page by an anchor (``#document-x``), which
    ``make_refnode`` joins with the target's (``#document-x#target``): Sphinx
    9 no longer repairs that (``fix_refuris`` is deprecated, and unused).
    """
    if fromdocname == todocname:
        return ''
    uri = builder.get_relative_uri(fromdocname, todocname)
    return '' if uri.startswith('#') else uri


def add_latex_package_once(app: Sphinx, name: str) -> None:
    """``app.add_latex_package``, unless it was added already (by an earlier build in
    this process, or by the user's ``conf.py``): Sphinx would load it twice.
    The list of added packages is the registry's, which has no public reader."""
    if not any(package == name for package, _options in app.registry.latex_packages):
        app.add_latex_package(name)


def latex_label_of(translator: LaTeXTranslator, uri: str) -> str | None:
    """The label a resolved reference's *uri* points to in LaTeX, as the writer's
    own ``visit_reference`` works it out (from its private file stack), or None
    for an address outside the document."""
    if uri.startswith('#'):
        return translator.idescape(translator.curfilestack[-1] + ':' + uri[1:])
    if uri.startswith('%') and '#' in uri:
        return translator.idescape(uri[1:].replace('#', ':'))
    return None


def is_epub(builder: type[Builder]) -> bool:
    """Whether *builder* writes EPUB (whose base class sits in a private module)."""
    return issubclass(builder, Epub3Builder)


def add_standard_labels(env: BuildEnvironment, labels: dict[str, tuple[str, str, str]]) -> None:
    """Make each label a ``:ref:`` target and an ``objects.inv`` entry, as a page's label is.

    *labels* maps a label to its ``(docname, anchor, title)``; a label that
    is already a target (a page defined it) is left as it is, and dropped
    from *labels*.  The standard domain has no public method for a label
    that no page defines; ``sphinx.ext.autosectionlabel`` writes the same
    two mappings.
    """
    std: Any = env.get_domain('std')
    named, anonymous = std.labels, std.anonlabels
    for label in [label for label in labels if label in anonymous]:
        del labels[label]
    for label, value in labels.items():
        named[label] = value
        anonymous[label] = value[:2]


def remove_standard_labels(env: BuildEnvironment, labels: dict[str, tuple[str, str, str]]) -> None:
    """Take back what :func:`add_standard_labels` added, where it is still as added."""
    std: Any = env.get_domain('std')
    named, anonymous = std.labels, std.anonlabels
    for label, value in labels.items():
        if named.get(label) == value:
            del named[label]
            anonymous.pop(label, None)


def sphinx_log_handlers() -> list[logging.Handler]:
    """The handlers of Sphinx's logger, which warnings pass on their way out.

    While Sphinx reads, they are the buffer that holds warnings until the
    end of reading, and a record changed there (its location, say) is
    written out changed: what ``warnings_located`` relies on.  That is how
    Sphinx 8.1 to 9 buffer warnings, not a documented interface.
    """
    return list(logging.getLogger(sphinx_logging.NAMESPACE).handlers)


def myst_inline_renderer(doc: document) -> Any:
    """MyST-Parser's docutils renderer for *doc*, set up for inline text.

    Data texts are MyST on every page, so the renderer is made here with
    MyST-Parser's default settings, whether or not the project loads
    ``myst_parser`` (and whatever its own ``myst_*`` settings say).
    ``setup_render`` is what MyST-Parser's own parser calls before
    rendering; it is not documented as public.
    """
    from myst_parser.config.main import MdParserConfig
    from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
    from myst_parser.parsers.mdit import create_md_parser

    config = MdParserConfig()
    renderer: Any = create_md_parser(config, SphinxRenderer).renderer
    renderer.setup_render({'document': doc, 'myst_config': config}, {})
    return renderer
