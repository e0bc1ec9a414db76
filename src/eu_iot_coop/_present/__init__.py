"""How things are said and shown: wording (dates, periods, values with units) and markup (HTML, Markdown, reprs).

The lowest layer above the exceptions, so that every part can show what it holds: the records
their ``repr`` and notebook cards, the query results their tables, the command line and the
catalogue their pages. Records and views are read through their attributes; their classes are
known here only as types.
"""

from __future__ import annotations

from ._html import (
    REPR_WIDTH,
    card,
    citations_html,
    clip,
    escape,
    html_table,
    link,
    listing,
    named_html,
    one_line,
    record_html,
    view_html,
)
from ._markdown import markdown_escape, markdown_table
from ._words import (
    QUALIFIER_WORDS,
    Dated,
    disputed_field,
    disputed_text,
    field_text,
    figure_value,
    known_text,
    marked_text,
    period_text,
    singular,
    unit_text,
    value_text,
    when_text,
)

__all__ = [
    "QUALIFIER_WORDS",
    "REPR_WIDTH",
    "Dated",
    "card",
    "citations_html",
    "clip",
    "disputed_field",
    "disputed_text",
    "escape",
    "field_text",
    "figure_value",
    "html_table",
    "known_text",
    "link",
    "listing",
    "markdown_escape",
    "markdown_table",
    "marked_text",
    "named_html",
    "one_line",
    "period_text",
    "record_html",
    "singular",
    "unit_text",
    "value_text",
    "view_html",
    "when_text",
]
