"""The extension's message catalogue, its labels, and translation.

Labels, date patterns and month names are marked with ``N_`` where they
are defined and translated when shown, through the gettext domain
``biography`` (``locale/<language>/LC_MESSAGES/biography.mo``);
``make translations`` extracts them.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from sphinx.locale import get_translation

from .dates import N_

if TYPE_CHECKING:
    from collections.abc import Callable

#: The gettext domain of the extension's labels.
MESSAGE_CATALOG = 'biography'
_translate = get_translation(MESSAGE_CATALOG)

AGE = N_('age {age}')
AGED = N_('aged {age}')
DECADE = N_('{decade}s')
SOURCES = N_('Sources')
SOURCE = N_('source')
CITED_FOR = N_('cited for')
#: Labels of the related-records line of a timeline entry.
EVENT_PEOPLE = N_('People')
EVENT_PROJECTS = N_('Projects')
#: A picture's text alternative: its summary line, and the events of a row.
PICTURE_DATA = N_('The data of this picture')
PICTURE_EVENTS = N_('events')
#: Index entry groups ("people; Armin Ronacher").
KIND_PLURAL = {'person': N_('people'), 'project': N_('projects'), 'event': N_('events')}


def gettext(message: str) -> str:
    """*message* in the build's language."""
    return str(_translate(message))


@functools.cache
def _translated(language: str | None, message: str) -> str:
    return gettext(message)


def gettext_for(language: str | None) -> Callable[[str], str]:
    """:func:`gettext`, remembered per language: Sphinx's costs ~35 µs a call.

    A timeline asks for the same few labels and month names for every event.
    """
    return functools.partial(_translated, language)
