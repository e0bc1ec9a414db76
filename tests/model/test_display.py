"""How records, datasets and result lists show themselves: one-line reprs, and HTML that data cannot break."""

from __future__ import annotations

import html.parser
import pickle
import re
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import eu_iot_coop
from eu_iot_coop import strategies
from eu_iot_coop._model import Citation, Record, Records, Source, When, as_partial_date, identity, visible
from eu_iot_coop._present import record_html

#: The markup the display writes itself; anything else in the output came from data.
ALLOWED_TAGS = {"a", "code", "div", "li", "ol", "p", "strong", "table", "tbody", "td", "th", "thead", "tr"}
ALLOWED_ATTRIBUTES = {("a", "href"), ("div", "class")}
_OWN_MARKUP = re.compile(
    r'</?(?:code|div|li|ol|p|strong|table|tbody|td|th|thead|tr|a)>|<a href="[^"<>]*">|<div class="eu-iot-coop">'
)
_REFERENCE = re.compile(r"&(?:amp|lt|gt|quot|#x27);")

hostile_texts = st.text(alphabet=st.sampled_from("<>&\"'=/ ab;#x\u2028\n"), min_size=1, max_size=30).filter(visible)
hostile_urls = st.one_of(hostile_texts, hostile_texts.map(lambda text: "https://example.org/" + text))


class _Collector(html.parser.HTMLParser):
    """Every tag, attribute and piece of text of a page, as a browser would read them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def assert_safe(page: str, *hostile: str) -> None:
    """*page* holds only the display's own tags, its data escaped, and each hostile text readable as text."""
    parser = _Collector()
    parser.feed(page)
    parser.close()
    for tag, attributes in parser.tags:
        assert tag in ALLOWED_TAGS, (tag, page)
        for name, value in attributes:
            assert (tag, name) in ALLOWED_ATTRIBUTES, (tag, name, page)
            if name == "href":
                assert (value or "").startswith(("https://", "http://")), value
    outside = _REFERENCE.sub("", _OWN_MARKUP.sub("", page))
    for character in "<>\"'&":
        assert character not in outside, (character, page)
    shown = "".join(parser.text)
    for text in hostile:
        assert text in shown or text in "".join(value or "" for _, a in parser.tags for _, value in a)


def _with_text(record: Record, text: str, url: str) -> Record:
    """*record* with every free-text field, every citation locator and (for a source) the address replaced."""
    changes: dict[str, Any] = {}
    for attribute in attrs.fields(type(record)):
        value = getattr(record, attribute.name)
        if attribute.name in ("title", "name", "description", "note", "quantity", "unit", "reason", "locator"):
            changes[attribute.name] = text
        elif attribute.name == "url":
            changes[attribute.name] = url
        elif attribute.name == "citations":
            changes[attribute.name] = tuple(Citation(c.source, text) for c in value)
        elif attribute.name == "aliases" and value:
            changes[attribute.name] = (text,)
    return attrs.evolve(record, **changes)


def _everything(records: Records) -> list[Record]:
    r = records
    return [*r.sources, *r.entities, *r.relations, *r.figures, *r.redirects, *r.variants]


@given(records=strategies.records(max_entities=4, max_relations=3), text=hostile_texts, url=hostile_urls)
def test_record_html_escapes_whatever_the_data_holds(records: Records, text: str, url: str) -> None:
    """No text or address in a record can open a tag or an attribute in its HTML: every kind of record."""
    sources = {s.id: _with_text(s, text, url) for s in records.sources}
    for record in _everything(records):
        hostile = _with_text(record, text, url)
        assert_safe(hostile._repr_html_(), text)  # type: ignore[union-attr]
        assert_safe(record_html(hostile, identity(hostile), sources), text)


@given(records=strategies.records(max_entities=4, max_relations=3), text=hostile_texts)
def test_reprs_are_one_line_of_about_a_hundred_characters(records: Records, text: str) -> None:
    """Every record's repr is one line, at most 100 characters unless its id alone is longer, naming its identity."""
    for record in _everything(records):
        shown = repr(_with_text(record, text * 10, "https://example.org/"))
        assert "\n" not in shown
        assert "\u2028" not in shown
        assert len(shown) <= max(100, len(identity(record)) + 30)
        assert repr(identity(record)) in shown


@given(records=strategies.records(max_entities=4, max_relations=3))
def test_records_stay_frozen_slotted_and_equal_by_value(records: Records) -> None:
    """Display methods change neither equality, hashing, immutability nor slots."""
    for record in _everything(records):
        copy = attrs.evolve(record)
        assert copy == record
        assert hash(copy) == hash(record)
        assert not hasattr(record, "__dict__")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            record.id = "other"  # type: ignore[misc, union-attr]


def test_a_source_title_links_to_its_address() -> None:
    """A source shows its title as a link to its address; a non-web address is never a link."""
    source = eu_iot_coop.load().records.sources[0]
    assert f'<a href="{source.url}">' in source._repr_html_()
    unsafe = attrs.evolve(source, url="javascript:alert(1)")
    assert "<a " not in unsafe._repr_html_()


def test_dataset_repr_and_html() -> None:
    """The dataset shows its data version, fingerprint prefix and counts on one line, and in full as HTML."""
    dataset = eu_iot_coop.load()
    shown = repr(dataset)
    assert "\n" not in shown
    assert len(shown) <= 110
    assert dataset.data_version in shown
    assert dataset.fingerprint[:12] in shown
    assert f"{len(dataset.records.entities)} entities" in shown
    page = dataset._repr_html_()
    assert_safe(page)
    assert dataset.fingerprint in page


def test_result_lists_are_tuples_that_show_their_citations() -> None:
    """Search results equal a plain tuple, pickle, show one line, and link each citation's source title."""
    dataset = eu_iot_coop.load()
    matches = dataset.search("aioti", limit=3)
    assert isinstance(matches, tuple)
    assert matches == tuple(matches)
    assert pickle.loads(pickle.dumps(matches)) == matches
    assert "\n" not in repr(matches)
    assert len(repr(matches)) <= 100
    page = matches._repr_html_()  # type: ignore[attr-defined]
    assert_safe(page)
    entity = matches[0].entity
    source = next(s for s in dataset.records.sources if s.id == entity.citations[0].source)
    assert _links_source(page, source)


def _links_source(page: str, source: Source) -> bool:
    """Whether *page* links the source's title to its address."""
    parser = _Collector()
    parser.feed(page)
    return ("a", [("href", source.url)]) in parser.tags and source.title in "".join(parser.text)


@pytest.mark.parametrize(
    "call",
    [
        lambda ds: ds.search("iot"),
        lambda ds: ds.neighbours("aioti"),
        lambda ds: ds.path("itac", "european-commission"),
        lambda ds: ds.timeline(entity="aioti"),
        lambda ds: ds.figures("aioti"),
        lambda ds: ds.places_within("Japan"),
        lambda ds: ds.variants("aioti"),
        lambda ds: ds.search("aioti", region="Europe"),
    ],
)
def test_every_list_a_dataset_returns_shows_itself(call: Any) -> None:
    """Each tuple a Dataset method returns has a one-line repr and safe HTML."""
    results = call(eu_iot_coop.load())
    assert "\n" not in repr(results)
    assert len(repr(results)) <= 100
    assert_safe(results._repr_html_())


@given(
    st.builds(
        When,
        date=st.sampled_from(["2015", "2015-03", "2015-03-20"]).map(as_partial_date),
        inferred=st.booleans(),
        note=st.sampled_from(["", "from the address"]),
    )
)
def test_a_date_s_repr_reads_as_the_date_and_how_it_is_known(when: When) -> None:
    """repr(When) shows the date as text, and says when it is inferred (with how), as `show` does."""
    text = repr(when)
    assert text.startswith(f"<When {when.date}")
    assert ("inferred" in text) == when.inferred
    assert (when.note in text) if when.note else True
