"""Node classes of the biography extension.

Directives build these around standard docutils nodes (paragraphs,
definition lists, references), so every builder has a sensible rendering;
the per-format visitors in :mod:`.html`, :mod:`.latex` and :mod:`.text`
only add the wrapper each format needs (``<aside>``, ``<time>``, a framed
box in LaTeX).
"""

from __future__ import annotations

from docutils import nodes


class infobox(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """A person's or project's infobox: a title and a list of fields."""


class infobox_title(nodes.Part, nodes.TextElement):  # noqa: N801
    """The name at the top of an infobox."""


class timeline(nodes.General, nodes.Element):  # noqa: N801
    """A list of events, possibly split into groups by year or decade."""


class timeline_group(nodes.Part, nodes.Element):  # noqa: N801
    """The events of one year or decade, after a :class:`timeline_heading`."""


class timeline_heading(nodes.Part, nodes.TextElement):  # noqa: N801
    """The label of a :class:`timeline_group` ("2010", "2010s")."""


class timeline_list(nodes.Part, nodes.Element):  # noqa: N801
    """The ordered list of events of a timeline or group."""


class timeline_entry(nodes.Part, nodes.Element):  # noqa: N801
    """One event; its id is the event's link target."""


class bio_date(nodes.Inline, nodes.TextElement):  # noqa: N801
    """A displayed date; its :class:`bio_time` children carry machine-readable values."""


class bio_time(nodes.Inline, nodes.TextElement):  # noqa: N801
    """One dated piece of a :class:`bio_date`, with its ISO value in ``datetime``."""


class search_text(nodes.Inline, nodes.TextElement):  # noqa: N801
    """The words of a timeline's compact entries, for the HTML search index; never shown."""


class link_targets(nodes.General, nodes.Element):  # noqa: N801
    """The links of a page's compact timeline entries, one per record, never shown.

    Sphinx resolves them with every other reference on the page (domain,
    intersphinx); the HTML writer then copies each where an entry names it.
    """


class project_cards(nodes.bullet_list):  # noqa: N801
    """The ``project-cards`` list: a bullet list everywhere, cards in HTML pages."""


class project_card(nodes.list_item):  # noqa: N801
    """One project of a :class:`project_cards` list."""


class picture(nodes.General, nodes.Element):  # noqa: N801
    """A drawn picture (``kind``: ``lifespan``): its :class:`~.scene.Scene` in ``scene``.

    ``parts`` may hold the same picture cut into scenes that fit a printed
    page each (LaTeX draws those instead).

    Its children: a :class:`picture_caption`, a :class:`picture_alt` with
    the same data as text, and a :class:`picture_links` with the links the
    shapes need.  HTML draws the scene as SVG, LaTeX as TikZ; the other
    formats show the caption and the text alternative.
    """


class picture_caption(nodes.Part, nodes.TextElement):  # noqa: N801
    """A picture's caption (HTML ``<figcaption>``)."""


class picture_alt(nodes.Part, nodes.Element):  # noqa: N801
    """A picture's text alternative: its data as a list, for screen readers and text formats."""


class picture_links(nodes.General, nodes.Element):  # noqa: N801
    """A reference per record a picture links to, never shown.

    Each is wrapped in an inline whose ``bio_record`` is ``kind:id``.  Sphinx
    resolves them with the page's other references; the writers read the
    resolved addresses from here and draw the shapes of a record that no
    page shows unlinked.
    """
