"""Structured data from the records: schema.org JSON-LD, and the dataset as JSON.

Pure Python, like the data layer it sits on: the HTML writer embeds what
:func:`person_jsonld` and :func:`project_jsonld` give, and the extension
writes :func:`export` into the HTML output.  Nothing here states a fact
more strongly than the page does:

- a date is given only when it is neither circa nor uncertain, at its own
  precision (a year stays ``"1989"``); a period gives the bounds it knows;
- an entry whose note or title holds one of the *doubtful* phrases (by
  default "Wikipedia only" and "according to Wikipedia") is left out, and
  so is a birth or death date whose note holds one;
- notes and summaries (which may hold markup) are not copied: they stay on
  the page, beside what they qualify.
"""

from __future__ import annotations

import dataclasses
import json
from typing import TYPE_CHECKING, Any

from .dates import DateValue, Point
from .model import Citation, Dependency, Person, Project, display_name

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from .model import Dataset, Education, Employment, LifeDate

#: The JSON-LD context of every node.
SCHEMA_ORG = 'https://schema.org'

#: The phrases that mark a fact as doubtful (``biography_doubtful``'s default).
DOUBTFUL_PHRASES = ('Wikipedia only', 'according to Wikipedia')

#: SPDX licence ids written as a ``license`` URL (https://spdx.org/licenses/<id>.html);
#: any other licence text is given as it is.  The common free-software licences.
SPDX_IDS = frozenset(
    {
        '0BSD', 'AFL-3.0', 'AGPL-3.0-only', 'AGPL-3.0-or-later', 'Apache-1.1', 'Apache-2.0',
        'Artistic-2.0', 'BSD-1-Clause', 'BSD-2-Clause', 'BSD-3-Clause', 'BSD-4-Clause',
        'BSL-1.0', 'CC-BY-4.0', 'CC-BY-SA-4.0', 'CC0-1.0', 'CDDL-1.0', 'EPL-1.0', 'EPL-2.0',
        'EUPL-1.2', 'GPL-2.0-only', 'GPL-2.0-or-later', 'GPL-3.0-only', 'GPL-3.0-or-later',
        'ISC', 'LGPL-2.1-only', 'LGPL-2.1-or-later', 'LGPL-3.0-only', 'LGPL-3.0-or-later',
        'MIT', 'MIT-0', 'MPL-1.1', 'MPL-2.0', 'MS-PL', 'NCSA', 'OFL-1.1', 'PSF-2.0',
        'Python-2.0', 'Unlicense', 'UPL-1.0', 'WTFPL', 'Zlib', 'ZPL-2.1',
    }
)  # fmt: skip

#: How a relation between projects is said in schema.org, where it has a term:
#: each of these makes a work "derived from" the one it names.  Dependencies,
#: replacements and inspiration have no schema.org term and are left out.
RELATION_PROPERTIES = {'lineage': 'isBasedOn', 'forked_from': 'isBasedOn', 'port_of': 'isBasedOn'}


def spdx_url(license: str) -> str | None:
    """The SPDX page of a licence id (``MIT``), or None for any other text."""
    return f'https://spdx.org/licenses/{license}.html' if license in SPDX_IDS else None


def exact(point: Point | None) -> str | None:
    """The ISO text of *point* at its own precision, or None when it is circa or uncertain."""
    if point is None or point.approximate or point.uncertain:
        return None
    return point.iso


def exact_date(value: DateValue | None) -> str | None:
    """A single date as schema.org takes it, or None (a period, circa, uncertain)."""
    if value is None or value.is_period:
        return None
    return exact(value.start)


def bounds(value: DateValue | None) -> tuple[str | None, str | None]:
    """The known start and end of a date or period; an ongoing period has no end."""
    if value is None:
        return None, None
    if not value.is_period:
        point = exact(value.start)
        return point, point
    return exact(value.start), exact(value.end)


def time_classes(value: DateValue, single: str, start: str, end: str) -> list[str]:
    """Microformats2 classes for the ``<time>`` elements of a shown date, in their order.

    A date shows one ``<time>`` per point it names (see
    :func:`~sphinx_biography.dates.display_pieces`): a single date gets
    *single*, a period *start* and *end*.  A circa or uncertain point gets
    no class (``''``): the microformat would state it as exact.
    """
    if not value.is_period:
        return [single if exact(value.start) else '']
    points = [value.start] if value.end is None else [value.start, value.end]
    return [cls if exact(point) else '' for point, cls in zip(points, (start, end), strict=False)]


def doubtful(texts: Iterable[str | None], phrases: Sequence[str]) -> bool:
    """Whether any of *texts* (a note, a title) holds one of *phrases*, in any case."""
    folded = [phrase.casefold() for phrase in phrases if phrase]
    return any(phrase in text.casefold() for text in texts if text for phrase in folded)


def life_date(life: LifeDate | None, phrases: Sequence[str]) -> str | None:
    """A birth or death date as schema.org may state it, or None."""
    if life is None or doubtful([life.note], phrases):
        return None
    return exact_date(life.date)


def _prune(node: dict[str, Any]) -> dict[str, Any]:
    """*node* without empty values."""
    return {key: value for key, value in node.items() if value not in (None, '', [], {})}


def _role(prop: str, role_type: str, target: dict[str, Any], period: DateValue | None,
          role_name: str | None) -> dict[str, Any]:  # fmt: skip
    """schema.org's Role pattern: *target* wrapped with the dates and name of the relation."""
    start, end = bounds(period)
    if not (start or end or role_name):
        return target
    return _prune({'@type': role_type, prop: target, 'roleName': role_name,
                   'startDate': start, 'endDate': end})  # fmt: skip


def _employer(entry: Employment) -> dict[str, Any]:
    org = _prune({'@type': 'Organization', 'name': entry.name, 'url': entry.url})
    return _role('worksFor', 'EmployeeRole', org, entry.period, entry.role)


def _school(entry: Education) -> dict[str, Any]:
    org = {'@type': 'EducationalOrganization', 'name': entry.institution}
    return _role('alumniOf', 'OrganizationRole', org, entry.period, None)


def person_jsonld(
    person: Person, node_id: str, ids: Callable[[str, str], str | None], phrases: Sequence[str]
) -> dict[str, Any]:
    """A person as a schema.org ``Person``."""
    employers = [e for e in person.employers if not doubtful([e.note, e.name], phrases)]
    schools = [e for e in person.education if not doubtful([e.note, e.institution], phrases)]
    awards = [a.title for a in person.awards if not doubtful([a.note, a.title], phrases)]
    born, died = person.born, person.died
    place = born.place if born and not doubtful([born.note], phrases) else None
    return _prune(
        {
            '@context': SCHEMA_ORG,
            '@type': 'Person',
            '@id': node_id,
            'name': person.name,
            'alternateName': person.nickname,
            'birthDate': life_date(born, phrases),
            'birthPlace': {'@type': 'Place', 'name': place} if place else None,
            'deathDate': life_date(died, phrases),
            'nationality': person.nationality,
            'hasOccupation': [{'@type': 'Occupation', 'name': o} for o in person.occupations],
            'worksFor': [_employer(entry) for entry in employers],
            'alumniOf': [_school(entry) for entry in schools],
            'award': awards,
            'sameAs': [link.url for link in person.links],
        }
    )


def _reference(kind: str, key: str, dataset: Dataset, ids: Callable[[str, str], str | None]
               ) -> dict[str, Any] | None:  # fmt: skip
    """A link to another record's node; its name alone when no page shows it."""
    node_id = ids(kind, key)
    if node_id:
        return {'@id': node_id}
    record = dataset.lookup(kind, key)
    if record is None:
        return None
    return {'@type': 'Person' if kind == 'person' else 'CreativeWork', 'name': display_name(record)}


def is_software(project: Project) -> bool:
    """Whether a project record says it is software: a repository, a package, releases."""
    return bool(project.repository or project.pypi or project.all_releases()
                or project.depends_on)  # fmt: skip


def project_jsonld(
    project: Project,
    node_id: str,
    dataset: Dataset,
    ids: Callable[[str, str], str | None],
) -> dict[str, Any]:
    """A project as ``SoftwareSourceCode``; without code, a package or releases, ``CreativeWork``.

    The data cannot tell a library without a listed repository from a team
    or a web site, so those get the general type, which is never wrong.
    """
    authors = [_reference('person', key, dataset, ids) for key in project.authors]
    targets = dict.fromkeys(relation.target for kind, backward, relation
                            in dataset.related(project.id)
                            if kind in RELATION_PROPERTIES and not backward)  # fmt: skip
    based_on = [_reference('project', key, dataset, ids) for key in targets]
    license = project.license and (spdx_url(project.license) or project.license)
    created = exact_date(project.started) if project.started else None
    if not project.started:
        created = exact_date(project.first_release_date())
    release = project.first_release
    return _prune(
        {
            '@context': SCHEMA_ORG,
            '@type': 'SoftwareSourceCode' if is_software(project) else 'CreativeWork',
            '@id': node_id,
            'name': project.name,
            'codeRepository': project.repository,
            'license': license,
            'author': authors,
            'dateCreated': created,
            'datePublished': exact_date(release.date) if release else None,
            'sameAs': [project.pypi_url] if project.pypi_url else [],
            'isBasedOn': based_on,
        }
    )


def script_json(node: dict[str, Any]) -> str:
    """JSON for a ``<script>`` element: nothing in it can end the element or open a comment.

    ``<``, ``>`` and ``&`` become ``\\u`` escapes (so ``</script>`` and
    ``<!--`` cannot appear), as do the line separators U+2028 and U+2029.
    """
    text = json.dumps(node, ensure_ascii=False, indent=1)
    for char in '<>&\u2028\u2029':
        text = text.replace(char, f'\\u{ord(char):04x}')
    return text


# -- The dataset as JSON -----------------------------------------------------


def _value(value: Any) -> Any:
    """A field's value as the data format writes it."""
    if isinstance(value, DateValue):
        return value.text
    if isinstance(value, tuple):
        return [_value(item) for item in value]
    if isinstance(value, Citation) and value.title is None:
        return value.url
    if isinstance(value, Dependency) and value.since is None:
        return value.project
    if dataclasses.is_dataclass(value):
        return record_data(value)
    return value


#: The fields of each record class that the data format has, in order.
_DATA_FIELDS: dict[type, tuple[str, ...]] = {}


def _data_fields(cls: type) -> tuple[str, ...]:
    names = _DATA_FIELDS.get(cls)
    if names is None:
        fields = dataclasses.fields(cls)
        names = _DATA_FIELDS[cls] = tuple(f.name for f in fields if 'kind' in f.metadata)
    return names


def record_data(record: Any) -> dict[str, Any]:
    """A record as the data format writes it: its fields in order, empty ones left out."""
    out = {}
    for name in _data_fields(type(record)):
        value = getattr(record, name)
        if value is None or value == ():
            continue
        out[name] = _value(value)
    return out


def export_json(dataset: Dataset, lines: dict[str, str] | None = None) -> str:
    """The checked records in the shape of a data file, in data order, as JSON text.

    See :func:`export_lines`.
    """
    return ''.join(export_lines(dataset, lines))


def export_lines(dataset: Dataset, lines: dict[str, str] | None = None) -> Iterator[str]:
    """:func:`export_json` in parts: UTF-8, one record a line, empty lists left out.

    Not indented: ``json`` writes indented text in Python, several times
    slower.  *lines* maps a record's digest to its line from an earlier
    build; it is updated to this build's records, so after an edit only the
    edited records are written out again (a record's line depends on the
    record alone, and its digest covers every field).
    """
    known = lines.copy() if lines is not None else {}
    if lines is not None:
        lines.clear()
    yield '{'
    opened = False
    for name in ('people', 'projects', 'events'):
        records = dataset.collection(name)
        if not records:
            continue
        yield f'{"," if opened else ""}\n{json.dumps(name)}: ['
        opened = True
        separator = '\n'
        for record in records.values():
            key = dataset.record_digest(name, record)
            line = known.get(key)
            if line is None:
                line = json.dumps(record_data(record), ensure_ascii=False)
            if lines is not None:
                lines[key] = line
            yield separator + line
            separator = ',\n'
        yield '\n]'
    yield '\n}\n'
