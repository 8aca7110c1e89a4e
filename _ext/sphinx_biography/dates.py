"""Partial dates and periods: the subset of EDTF that the data file accepts.

A value is a single point (``2010``, ``2010-04``, ``2010-04-16``, each with an
optional ``~`` for *circa*, ``?`` for *uncertain* or ``%`` for both) or a
period ``A/B``, or an ongoing period ``A/..``.  Values keep their precision,
so "April 2010" is never shown as "1 April 2010".

Nothing here imports Sphinx.  Human-readable output goes through a
``gettext`` callable passed in by the caller, so every label and date
pattern is translatable; the strings are marked with :func:`N_` so that
message extraction finds them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import operator
import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

C = TypeVar('C', bound=type)
Gettext = Callable[[str], str]

_FORMATTER = string.Formatter()


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark *message* for translation without translating it here."""
    return message


def identity(message: str) -> str:
    return message


#: Month names, translated at display time.
MONTHS = (
    N_('January'),
    N_('February'),
    N_('March'),
    N_('April'),
    N_('May'),
    N_('June'),
    N_('July'),
    N_('August'),
    N_('September'),
    N_('October'),
    N_('November'),
    N_('December'),
)

#: Display patterns; translators reorder the fields for their language.
PATTERN_YEAR = N_('{year}')
PATTERN_MONTH = N_('{month} {year}')
PATTERN_DAY = N_('{day} {month} {year}')
PATTERN_CIRCA = N_('c. {date}')
PATTERN_UNCERTAIN = N_('{date}?')
PATTERN_SINCE = N_('since {date}')
PATTERN_PERIOD = N_('{start} – {end}')
PATTERN_YEAR_PERIOD = N_('{start}–{end}')
#: The start of a period that ends in the same month or year, shown without
#: what the end repeats: "14–15 October 2004", "14 October – 2 November
#: 2004", "April–June 2010".  Only the start is shortened, which suits
#: languages that put the day first; a month-first style ("October 14–15,
#: 2004") would need patterns for the end as well.
PATTERN_DAY_SAME_MONTH = N_('{day}')
PATTERN_DAY_SAME_YEAR = N_('{day} {month}')
PATTERN_MONTH_SAME_YEAR = N_('{month}')

# [0-9], not \d: \d also matches other scripts' digits.
_POINT = re.compile(
    r'(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?(?P<flag>[~?%])?'
)

#: What the data file accepts, for error messages and the JSON schema.
DATE_FORMS = (
    'YYYY, YYYY-MM or YYYY-MM-DD, optionally ending in ~ (circa), ? (uncertain) or % (both), '
    'or a period A/B or A/..'
)

#: JSON-schema pattern equivalent to :func:`parse_date`, apart from calendar checks.
_POINT_PATTERN = r'[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?[~?%]?'
DATE_PATTERN = rf'^{_POINT_PATTERN}(/({_POINT_PATTERN}|\.\.))?$'


def pickles_fast(cls: C) -> C:
    """Give a frozen slotted dataclass a quicker pickled form: its values, in order.

    The data cache pickles hundreds of thousands of these; the dataclass
    default looks its fields up again for every object, three times slower.
    """
    names = tuple(getattr(cls, '__dataclass_fields__'))  # noqa: B009 - any dataclass
    values = operator.attrgetter(*names)

    def getstate(self: object) -> tuple[Any, ...]:
        return values(self) if len(names) > 1 else (values(self),)

    # The slots' own descriptors set a value past the frozen __setattr__,
    # twice as fast as object.__setattr__ by name; one call per field,
    # written out as dataclasses writes its __init__, halves a loop's time.
    setters = {f'set{n}': vars(cls)[name].__set__ for n, name in enumerate(names)}
    fields = ', '.join(f'value{n}' for n in range(len(names)))
    calls = '; '.join(f'set{n}(self, value{n})' for n in range(len(names)))
    exec(f'def setstate(self, state):\n    {fields}, = state\n    {calls}\n', setters)
    setstate = setters['setstate']

    for name, function in (('__getstate__', getstate), ('__setstate__', setstate)):
        setattr(cls, name, function)
    return cls


class DateError(ValueError):
    """The text is not a date this module understands; the message says why."""


@pickles_fast
@dataclass(frozen=True, slots=True)
class Point:
    """A calendar date known to year, month or day precision."""

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    uncertain: bool = False

    @property
    def iso(self) -> str:
        """The value for HTML's ``<time datetime>``, at the point's own precision."""
        text = f'{self.year:04d}'
        if self.month:
            text += f'-{self.month:02d}'
        if self.day:
            text += f'-{self.day:02d}'
        return text

    @property
    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def plain_text(self, gettext: Gettext = identity) -> str:
        """The date without its circa/uncertain marker, e.g. "16 April 2010"."""
        if self.month is None:
            return gettext(PATTERN_YEAR).format(year=self.year)
        month = gettext(MONTHS[self.month - 1])
        if self.day is None:
            return gettext(PATTERN_MONTH).format(month=month, year=self.year)
        return gettext(PATTERN_DAY).format(day=self.day, month=month, year=self.year)

    def qualifiers(self) -> list[str]:
        """The patterns that wrap the plain text, innermost first ("c. 2005?")."""
        patterns = []
        if self.uncertain:
            patterns.append(PATTERN_UNCERTAIN)
        if self.approximate:
            patterns.append(PATTERN_CIRCA)
        return patterns


@pickles_fast
@dataclass(frozen=True, slots=True)
class DateValue:
    """A point, a closed period, or an ongoing period (``end`` is None)."""

    start: Point
    end: Point | None = None
    is_period: bool = False
    text: str = ''

    @property
    def ongoing(self) -> bool:
        return self.is_period and self.end is None

    @property
    def sort_key(self) -> tuple[dt.date, dt.date]:
        """Sort by the earliest bound, then by the latest."""
        last = self.end.latest if self.end else (dt.date.max if self.ongoing else self.start.latest)
        return (self.start.earliest, last)

    @property
    def earliest(self) -> dt.date:
        return self.start.earliest

    @property
    def latest(self) -> dt.date:
        if self.end:
            return self.end.latest
        return dt.date.max if self.ongoing else self.start.latest

    def __str__(self) -> str:
        return self.text


#: A piece of displayed text and the ISO value it shows, if any.
Piece = tuple[str, str | None]


def _parse_point(text: str) -> Point:
    match = _POINT.fullmatch(text)
    if not match:
        raise DateError(f'expected {DATE_FORMS}')
    year = int(match['year'])
    if year < 1:
        raise DateError('there is no year 0000')
    month = int(match['month']) if match['month'] else None
    day = int(match['day']) if match['day'] else None
    if month is not None and not 1 <= month <= 12:
        raise DateError(f'there is no month {month}')
    if day is not None:
        last_day = calendar.monthrange(year, month or 1)[1]
        if not 1 <= day <= last_day:
            raise DateError(f'{calendar.month_name[month or 1]} {year} has no day {day}')
    flag = match['flag'] or ''
    return Point(
        year,
        month,
        day,
        approximate=flag in '~%' and bool(flag),
        uncertain=flag in '?%' and bool(flag),
    )


def parse_date(text: str) -> DateValue:
    """Parse a date or a period; raise :class:`DateError` with the reason."""
    text = text.strip()
    if '/' not in text:
        return DateValue(_parse_point(text), text=text)
    first, _, second = text.partition('/')
    if first in ('', '..'):
        raise DateError('a period needs a start date (an open start is not supported)')
    start = _parse_point(first)
    if second == '..':
        return DateValue(start, None, is_period=True, text=text)
    if second == '':
        raise DateError("a period needs an end date, or '..' when it is ongoing")
    end = _parse_point(second)
    if end.latest < start.earliest:
        raise DateError(f'the period ends ({second}) before it starts ({first})')
    return DateValue(start, end, is_period=True, text=text)


def _point_pieces(point: Point, gettext: Gettext) -> list[Piece]:
    """Pieces for one point, the qualifier text around the dated part."""
    pieces: list[Piece] = [(point.plain_text(gettext), point.iso)]
    for pattern in point.qualifiers():
        pieces = _fill(gettext(pattern), date=pieces)
    return pieces


def _fill(pattern: str, **slots: list[Piece]) -> list[Piece]:
    """Expand a ``{slot}`` pattern into pieces, keeping literal text between."""
    pieces: list[Piece] = []
    for literal, field, _spec, _conv in _FORMATTER.parse(pattern):
        if literal:
            pieces.append((literal, None))
        if field is not None:
            pieces.extend(slots.get(field, [('{' + field + '}', None)]))
    return pieces


def display_pieces(value: DateValue, gettext: Gettext = identity) -> list[Piece]:
    """The displayed date as pieces; pieces with an ISO value become ``<time>``."""
    start = _point_pieces(value.start, gettext)
    if not value.is_period:
        return start
    if value.end is None:
        return _fill(gettext(PATTERN_SINCE), date=start)
    end = _point_pieces(value.end, gettext)
    shortened = _shortened_start(value.start, value.end, gettext)
    if shortened is not None:
        if value.start == value.end:
            return end  # a period of one day is that day
        # "14–15 October 2004", but "14 October – 2 November 2004".
        spaced = ' ' in shortened.strip()
        pattern = PATTERN_PERIOD if spaced else PATTERN_YEAR_PERIOD
        return _fill(gettext(pattern), start=[(shortened, value.start.iso)], end=end)
    # "2009–2012", but "c. 2004 – 2007": the dash is spaced when either side has spaces.
    bare_years = all(p.month is None and not p.qualifiers() for p in (value.start, value.end))
    pattern = PATTERN_YEAR_PERIOD if bare_years else PATTERN_PERIOD
    return _fill(gettext(pattern), start=start, end=end)


def _shortened_start(start: Point, end: Point, gettext: Gettext) -> str | None:
    """The start without what the end repeats, or None if it repeats nothing.

    Only for plain points of one precision in one year: "c. April – June
    2010" would leave unclear what the "c." is about.
    """
    if start.qualifiers() or end.qualifiers() or start.year != end.year:
        return None
    if start.month is None or (start.day is None) != (end.day is None):
        return None
    month = gettext(MONTHS[start.month - 1])
    if start.day is None:
        return gettext(PATTERN_MONTH_SAME_YEAR).format(month=month)
    if start.month == end.month:
        return gettext(PATTERN_DAY_SAME_MONTH).format(day=start.day)
    return gettext(PATTERN_DAY_SAME_YEAR).format(day=start.day, month=month)


def display_text(value: DateValue, gettext: Gettext = identity) -> str:
    """The displayed date as plain text, e.g. "c. 2005" or "2009–2012"."""
    return ''.join(text for text, _iso in display_pieces(value, gettext))


def age_between(born: Point, on: dt.date) -> int | None:
    """Whole years from *born* to *on*; None unless *born* is day-precise."""
    if born.day is None or born.month is None or born.approximate or born.uncertain:
        return None
    years = on.year - born.year
    if (on.month, on.day) < (born.month, born.day):
        years -= 1
    return years


def to_year(value: DateValue) -> DateValue:
    """*value* to the year: "c. 2004", "2009?", "2009–2012", "since 2016".

    Circa and uncertain marks stay; a period within one year is that year.
    """

    def year(point: Point) -> Point:
        return Point(point.year, approximate=point.approximate, uncertain=point.uncertain)

    start = year(value.start)
    end = year(value.end) if value.end else None
    if end == start:
        return DateValue(start, text=value.text)
    return DateValue(start, end, is_period=value.is_period, text=value.text)
