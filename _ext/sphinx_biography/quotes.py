"""Smart quotes for text that Sphinx's own smart-quotes pass never sees.

Timeline entries are written from the records when the page is written
(see :meth:`.timeline.TimelineRenderer.timeline_entry`), after Sphinx turned
``"``, ``'``, ``--`` and ``...`` into typographic characters on the rest of
the page.  These functions give that text the same treatment, under the
same conditions, so an entry reads like the prose around it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.utils import normalize_language_tag, smartquotes
from sphinx.util.nodes import is_smartquotable

from ._compat import builder_class

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.environment import BuildEnvironment

#: What smart quotes need: ``smartquotes_action`` and the language code.
QuoteStyle = tuple[str, str]

#: Characters smart quotes change (quotes, dashes, ellipses).
_ACTIVE = re.compile(r"[\"'`]|--|\.\.\.")


def quote_style(env: BuildEnvironment) -> QuoteStyle | None:
    """The style Sphinx's pass uses on this build, or None where it is off.

    The same conditions as ``SphinxSmartQuotes.is_available``: the
    ``smartquotes`` setting (and the docutils setting extensions may turn
    off), ``smartquotes_excludes`` (the text and man builders by default)
    and whether docutils knows the language's quotes.
    """
    config = env.config
    excludes = config.smartquotes_excludes
    if not config.smartquotes or env.settings.get('smart_quotes') is False:
        return None  # (the second: another extension switched them off)
    if builder_class(env).name in excludes.get('builders', ()):
        return None
    if config.language in excludes.get('languages', ()):
        return None
    language = env.settings['language_code']
    if not any(tag in smartquotes.smartchars.quotes for tag in normalize_language_tag(language)):
        return None
    return config.smartquotes_action, language


def educate(style: QuoteStyle | None, text: str) -> str:
    """*text* with smart quotes, as one plain text node would get them."""
    if style is None or not _ACTIVE.search(text):
        return text
    action, language = style
    return ''.join(smartquotes.educate_tokens([('plain', text)], action, language))


def educate_inline(element: nodes.Element, style: QuoteStyle | None) -> None:
    """Smart quotes in every text of *element*, as Sphinx's pass gives a paragraph.

    The texts are educated together, so a quote that opens before an
    emphasis and closes after it pairs up; code stays as written.
    """
    texts = list(element.findall(nodes.Text))
    if style is None or not any(_ACTIVE.search(text) for text in texts):
        return
    action, language = style
    educated = smartquotes.educate_tokens(_tokens(texts), action, language)
    for text, new in zip(texts, educated, strict=True):
        if new != text:
            text.parent.replace(text, nodes.Text(new))


def _tokens(texts: list[nodes.Text]) -> Iterator[tuple[str, str]]:
    # As SphinxSmartQuotes.get_tokens: code is "literal", and backslash
    # escapes (kept as NUL escapes in the text) stay untouched.
    for text in texts:
        if is_smartquotable(text):
            yield 'plain', re.sub(r'(?<=\x00)([-\\\'".`])', r'\\\1', str(text))
        else:
            yield 'literal', text.astext()
