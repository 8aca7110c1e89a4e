"""Warnings: their type and subtypes, one helper to give them, and their relocation.

Every warning the extension gives has the type ``biography`` and one of
the subtypes below, so ``suppress_warnings = ['biography.url']`` silences
one kind, and a location: the data file, line and column for problems in
the data, the page and line for problems on a page.
"""

from __future__ import annotations

import contextlib
import logging as logging_module
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from ._compat import sphinx_log_handlers

if TYPE_CHECKING:
    from collections.abc import Iterator

logger = logging.getLogger(__package__ or 'sphinx_biography')

#: Warning type of every warning this extension emits; silence a kind with
#: e.g. ``suppress_warnings = ['biography.url']``.
WARNING_TYPE = 'biography'

#: Warning subtypes and what each one reports.
WARNING_SUBTYPES = {
    'file': 'a data file is missing, unreadable, or outside the source directory',
    'yaml': 'YAML syntax, encoding, size, tags, duplicate keys, alias bombs',
    'schema': 'wrong type, unknown key, missing required field',
    'id': 'an id that is not lowercase letters, digits and . _ -',
    'date': 'a date that is malformed or impossible, a period that ends before it starts, '
    'or dates that contradict each other (a death before the birth, a dependency since '
    'before a first release)',
    'url': 'a URL that is not http, https or mailto, or is malformed',
    'duplicate': 'an id defined twice, or a person or project with two indexed infoboxes',
    'reference': 'an id that names no person, project or event, or is listed twice; a '
    'project related to itself, a cycle of relations, a since that is no version and no date',
    'markup': 'a data text written in reStructuredText syntax, which MyST reads differently',
    'option': 'a directive option with a wrong value, or a timeline that shows nothing',
    'config': 'a configuration value the extension cannot work with',
}


def warn(message: str, subtype: str, location: Any = None) -> None:
    """Give a warning of type ``biography``; *location* as Sphinx's logger takes it.

    *message* is final text: it is not %-formatted.
    """
    logger.warning(message, location=location, type=WARNING_TYPE, subtype=subtype)


class _Relocate(logging_module.Filter):
    """Give warning records another location, and the message a prefix and suffix."""

    def __init__(self, location: str, prefix: str, suffix: str) -> None:
        super().__init__()
        self.location, self.prefix, self.suffix = location, prefix, suffix

    def filter(self, record: logging_module.LogRecord) -> bool:
        # The filter sits on every handler a record may pass: change it once.
        if getattr(record, 'bio_relocated', False):
            return True
        if record.levelno >= logging_module.WARNING and isinstance(record.msg, str):
            record.bio_relocated = True
            record.location = self.location
            escape = (lambda text: text.replace('%', '%%')) if record.args else str
            record.msg = escape(self.prefix) + record.msg + escape(self.suffix)
        return True


@contextlib.contextmanager
def warnings_located(location: str, prefix: str, suffix: str) -> Iterator[None]:
    """Report warnings logged meanwhile at *location* instead of where they arise.

    The filter sits on the handlers of Sphinx's logger, which while Sphinx
    reads are the buffer that holds warnings until the end of reading; a
    record changed there keeps its new location when it is written out.
    """
    relocate = _Relocate(location, prefix, suffix)
    handlers = sphinx_log_handlers()
    for handler in handlers:
        handler.addFilter(relocate)
    try:
        yield
    finally:
        for handler in handlers:
            handler.removeFilter(relocate)
