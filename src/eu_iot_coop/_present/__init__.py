"""How things are said and shown: wording (dates, periods, values with units) and markup.

Markup is HTML for notebooks, Markdown for the generated pages, plain-text tables for a terminal and
one-line ``repr`` text.

The lowest layer above the exceptions, so that every part can show what it holds: the records
their ``repr`` and notebook cards, the query results their tables, the command line and the
catalogue their pages. Records and views are read through their attributes; their classes are
known here only as types.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._escape import terminal_text, xml_safe
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

if TYPE_CHECKING:
    from ._markdown import markdown_autolink, markdown_escape, markdown_table
    from ._terminal import text_fields, text_table, wrap_text
from ._words import (
    QUALIFIER_WORDS,
    Dated,
    citations_text,
    disputed_field,
    disputed_text,
    field_text,
    figure_value,
    identifier_text,
    is_dated,
    known_text,
    marked_period,
    marked_text,
    name_text,
    period_text,
    singular,
    source_ids_text,
    suggestion_text,
    tagged_text,
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
    "citations_text",
    "clip",
    "disputed_field",
    "disputed_text",
    "escape",
    "field_text",
    "figure_value",
    "html_table",
    "identifier_text",
    "is_dated",
    "known_text",
    "link",
    "listing",
    "markdown_autolink",
    "markdown_escape",
    "markdown_table",
    "marked_period",
    "marked_text",
    "name_text",
    "named_html",
    "one_line",
    "period_text",
    "record_html",
    "singular",
    "source_ids_text",
    "suggestion_text",
    "tagged_text",
    "terminal_text",
    "text_fields",
    "text_table",
    "unit_text",
    "value_text",
    "view_html",
    "when_text",
    "wrap_text",
    "xml_safe",
]


# Deliberately lazy, for cold start: the records need only the wording and HTML; Markdown and terminal
# tables load when the documentation or the command line first asks for them.
_LAZY: dict[str, str] = {
    **dict.fromkeys(("markdown_autolink", "markdown_escape", "markdown_table"), "_markdown"),
    **dict.fromkeys(("text_fields", "text_table", "wrap_text"), "_terminal"),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
