"""Markup for notebooks and the REPL: one-line ``repr`` text and small, escaped HTML.

Everything taken from the data goes through :func:`escape` before it is put in
HTML, and only ``http``/``https`` addresses become links, so a record cannot
inject markup or a script. Records are read through their attributes (and
``attrs`` fields); their classes are known here only as types.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Final

import attrs

from ._words import disputed_field, disputed_text, field_text, figure_value, period_text, when_text

if TYPE_CHECKING:
    from eu_iot_coop._model import Citation, Record, Source
    from eu_iot_coop._query import EntityView

#: The longest one-line ``repr`` wanted; only an id longer than this makes one longer.
REPR_WIDTH: Final = 100


def one_line(type_name: str, key: str, text: str | None = None) -> str:
    """``Organisation('aioti', 'Alliance for ...')``: a type, an identity and a text shortened to fit one line."""
    head = f"{type_name}({key!r}"
    if text is None:
        return head + ")"
    return f"{head}, {clip(text, REPR_WIDTH - len(head) - 3)})"


def clip(text: str, room: int) -> str:
    """``repr(text)``, shortened with an ellipsis to at most *room* characters (at least the quotes and one more)."""
    shown = repr(text)
    if len(shown) <= room:
        return shown
    keep = len(text)
    while keep > 0:
        # Each step drops about what is still too long; repr can be longer than the text (escapes).
        keep -= max(1, len(shown) - room)
        shown = repr(text[: max(keep, 0)] + "…")
        if len(shown) <= room:
            break
    return shown


def escape(value: object) -> str:
    """*value* as text that is safe anywhere in HTML: ``&``, ``<``, ``>`` and both quotes escaped."""
    # Deliberately lazy: html (and its table of named entities) loads only when something is shown as HTML.
    import html

    return html.escape(str(value), quote=True)


def link(text: str, url: str) -> str:
    """*text* escaped and linked to *url* when that is a web address; *text* alone otherwise (never ``javascript:``)."""
    if url.startswith(("https://", "http://")):
        return f'<a href="{escape(url)}">{escape(text)}</a>'
    return escape(text)


def listing(items: Iterable[str]) -> str:
    """An ordered HTML list of items that are HTML already; empty text for no items."""
    body = "".join(f"<li>{item}</li>" for item in items)
    return f"<ol>{body}</ol>" if body else ""


def html_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """An HTML table: *header* is plain text (escaped here), each cell of *rows* is HTML already."""
    head = "".join(f"<th>{escape(name)}</th>" for name in header)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def card(type_name: str, key: str, title: str, fields: Iterable[tuple[str, str]], after: str = "") -> str:
    """A record as HTML: type, id and *title* (HTML), a table of *fields* (plain text, escaped here), then *after*."""
    rows = "".join(f"<tr><th>{escape(name)}</th><td>{escape(value)}</td></tr>" for name, value in fields)
    return (
        f'<div class="eu-iot-coop"><p><strong>{escape(type_name)}</strong> <code>{escape(key)}</code> {title}</p>'
        f"<table>{rows}</table>{after}</div>"
    )


def record_html(record: Record, key: str, sources: Mapping[str, Source] | None = None) -> str:
    """A record as HTML, under its identity *key*: its set fields, then its citations, each source's title linked.

    Without *sources* (or for a source they lack) a citation shows the source's id.
    """
    is_source = record.record_type == "source"
    title = link(record.title, record.url) if is_source else escape(getattr(record, "name", ""))  # type: ignore[union-attr]
    fields = [
        (attribute.name, field_text(getattr(record, attribute.name)))
        for attribute in attrs.fields(type(record))
        if attribute.name != "citations" and getattr(record, attribute.name) not in (None, attribute.default, ())
    ]
    return card(type(record).__name__, key, title, fields, citations_html(getattr(record, "citations", ()), sources))


def citations_html(citations: Iterable[Citation], sources: Mapping[str, Source] | None = None) -> str:
    """*citations* as an HTML list: source title linked to its address (else its id), then locator."""
    items = []
    for citation in citations:
        source = None if sources is None else sources.get(citation.source)
        cited = f"<code>{escape(citation.source)}</code>" if source is None else link(source.title, source.url)
        items.append(f"{cited}: {escape(citation.locator)}")
    return listing(items)


def named_html(name: str, key: str) -> str:
    """``Name <code>id</code>``: an entity in a table cell."""
    return f"{escape(name)} <code>{escape(key)}</code>"


def view_html(view: EntityView) -> str:
    """Everything a view gathers about an entity, as HTML: its card, then figures, disagreements and relations."""
    sources = {source.id: source for source in view.sources}
    entity = view.entity
    parts = [record_html(entity, entity.id, sources)]
    if view.figures:
        rows = [
            [
                escape(f.quantity),
                escape(figure_value(f)),
                escape(when_text(f.as_of)),
                citations_html(f.citations, sources),
            ]
            for f in view.figures
        ]
        parts += ["<p><strong>Figures</strong></p>", html_table(("quantity", "value", "as of", "citations"), rows)]
    if view.disagreements:
        rows = [
            [
                escape(disputed_field(d.record, d.variant.field)),
                escape(disputed_text(d.preferred)),
                escape(disputed_text(d.other)),
                escape(d.variant.note),
                citations_html(d.variant.citations, sources),
            ]
            for d in view.disagreements
        ]
        header = ("field", "preferred", "other value", "note", "citations of the other value")
        parts += ["<p><strong>Sources disagree</strong></p>", html_table(header, rows)]
    if view.relations:
        rows = [
            [
                escape(r.predicate),
                named_html(r.entity.name, r.entity.id),
                escape(period_text(r.relation.start, r.relation.end)),
                citations_html(r.relation.citations, sources),
            ]
            for r in view.relations
        ]
        relation_header = ("predicate", "entity", "when", "citations of the relation")
        parts += [f"<p><strong>Relations ({len(view.relations)})</strong></p>", html_table(relation_header, rows)]
    return f'<div class="eu-iot-coop">{"".join(parts)}</div>'
