"""Partial dates and periods: parsing, display, sorting, ages."""

from __future__ import annotations

import datetime as dt

import pytest

from sphinx_biography.dates import DateError, age_between, display_pieces, display_text, parse_date


@pytest.mark.parametrize(
    ('text', 'shown'),
    [
        ('2010', '2010'),
        ('2010-04', 'April 2010'),
        ('2010-04-16', '16 April 2010'),
        ('2005~', 'c. 2005'),
        ('2005?', '2005?'),
        ('2005-03%', 'c. March 2005?'),
        ('0001', '1'),
        ('2009/2012', '2009–2012'),
        ('2008-03/2008-07', 'March–July 2008'),
        ('2008-03/2009-07', 'March 2008 – July 2009'),
        ('2004-10-14/2004-10-15', '14–15 October 2004'),
        ('2004-10-14/2004-11-02', '14 October – 2 November 2004'),
        ('2004-10-14/2004-10-14', '14 October 2004'),
        ('2004-10/2004-10-20', 'October 2004 – 20 October 2004'),
        ('2004-10~/2004-12', 'c. October 2004 – December 2004'),
        ('2015/..', 'since 2015'),
        ('2004~/2007', 'c. 2004 – 2007'),
    ],
)
def test_display(text: str, shown: str) -> None:
    assert display_text(parse_date(text)) == shown


@pytest.mark.parametrize(
    ('text', 'reason'),
    [
        ('2010-02-30', 'February 2010 has no day 30'),
        ('2011-02-29', 'February 2011 has no day 29'),
        ('2010-13', 'there is no month 13'),
        ('2012/2009', 'the period ends (2009) before it starts (2012)'),
        ('../2009', 'a period needs a start date'),
        ('2009/', "a period needs an end date, or '..' when it is ongoing"),
        ('10 May 1989', 'expected YYYY, YYYY-MM or YYYY-MM-DD'),
        ('1989-5-10', 'expected YYYY'),
        ('', 'expected YYYY'),
        ('0000', 'there is no year 0000'),
        ('٢٠١٠', 'expected YYYY'),
    ],
)
def test_errors(text: str, reason: str) -> None:
    with pytest.raises(DateError) as info:
        parse_date(text)
    assert str(info.value).startswith(reason)


def test_leap_day() -> None:
    assert display_text(parse_date('2012-02-29')) == '29 February 2012'


def test_time_pieces_carry_iso_values() -> None:
    assert display_pieces(parse_date('2005~')) == [('c. ', None), ('2005', '2005')]
    assert display_pieces(parse_date('2009/2012-06')) == [
        ('2009', '2009'),
        (' – ', None),
        ('June 2012', '2012-06'),
    ]


def test_shortened_period_keeps_both_iso_values() -> None:
    assert display_pieces(parse_date('2004-10-14/2004-10-15')) == [
        ('14', '2004-10-14'),
        ('–', None),
        ('15 October 2004', '2004-10-15'),
    ]


def test_sorted_by_earliest_bound() -> None:
    texts = ['2010-04-16', '2010', '2009/2012', '2010-04', '2010/..', '2008~']
    ordered = sorted(texts, key=lambda t: parse_date(t).sort_key)
    assert ordered == ['2008~', '2009/2012', '2010', '2010/..', '2010-04', '2010-04-16']


def test_translation_reorders_fields() -> None:
    german = {
        '{day} {month} {year}': '{day}. {month} {year}',
        'April': 'April',
        'c. {date}': 'ca. {date}',
    }
    assert display_text(parse_date('2010-04-16'), lambda m: german.get(m, m)) == '16. April 2010'
    assert display_text(parse_date('2005~'), lambda m: german.get(m, m)) == 'ca. 2005'
    german.update({'{day}': '{day}.', '{day} {month}': '{day}. {month}'})
    shown = display_text(parse_date('2004-10-14/2004-10-15'), lambda m: german.get(m, m))
    assert shown == '14.–15. October 2004'


def test_age() -> None:
    born = parse_date('1989-05-10').start
    assert age_between(born, dt.date(2026, 5, 9)) == 36
    assert age_between(born, dt.date(2026, 5, 10)) == 37
    assert age_between(parse_date('1989').start, dt.date(2026, 1, 1)) is None
    assert age_between(parse_date('1989-05-10~').start, dt.date(2026, 1, 1)) is None
