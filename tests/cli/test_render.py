"""The command line's rendering: units after a number, tables and fields wrapped to a width, progress lines."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

import eu_iot_coop
from eu_iot_coop import Citation, Figure, Qualifier
from eu_iot_coop._cli import _render as render
from eu_iot_coop._present import figure_value, text_fields, text_table, unit_text

#: Regular English nouns: their plural adds "s" and drops it again.
_NOUNS = st.text("bcdfghjklmnoprtv", min_size=2, max_size=10).map(lambda stem: stem + "e" if stem[-1] == "s" else stem)


def _figure(value: float, unit: str, qualifier: Qualifier = Qualifier.EXACT, *, projection: bool = False) -> Figure:
    return Figure(
        id="a-figure",
        subject="aioti",
        quantity="duration",
        value=value,
        unit=unit,
        qualifier=qualifier,
        projection=projection,
        citations=(Citation(source="source-ec-internet-of-things", locator="test"),),
    )


@given(noun=_NOUNS, value=st.one_of(st.integers(-(10**6), 10**6), st.floats(-1e6, 1e6, allow_nan=False)))
def test_a_plural_unit_reads_in_the_singular_after_exactly_one(noun: str, value: float) -> None:
    """After exactly one (or minus one) a plural unit loses its plural; after any other number it keeps it."""
    expected = noun if abs(value) == 1 else noun + "s"
    assert unit_text(value, noun + "s") == expected


@given(noun=_NOUNS, qualifier=st.sampled_from(list(Qualifier)))
def test_a_qualified_figure_of_one_is_singular(noun: str, qualifier: Qualifier) -> None:
    """'less than 1 year', 'about 1 year': the qualifier does not change the number the unit follows."""
    text = figure_value(_figure(1, noun + "s", qualifier))
    assert text.endswith(f"1 {noun}")
    assert not text.endswith(f"1 {noun}s")


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "expected"),
    [
        (1, "years", Qualifier.LESS_THAN, "less than 1 year"),
        (2, "years", Qualifier.EXACT, "2 years"),
        (1, "people", Qualifier.APPROXIMATELY, "about 1 person"),
        (1, "companies and organisations", Qualifier.MORE_THAN, "more than 1 company and organisation"),
        (1, "working groups", Qualifier.EXACT, "1 working group"),
        (1, "EUR", Qualifier.EXACT, "1 EUR"),
        (1, "boxes", Qualifier.EXACT, "1 box"),
        (1, "status", Qualifier.EXACT, "1 status"),
        (1_500_000, "EUR", Qualifier.APPROXIMATELY, "about 1,500,000 EUR"),
    ],
)
def test_figure_values_read_as_english(value: float, unit: str, qualifier: Qualifier, expected: str) -> None:
    """Units the data uses (and a few awkward ones) read correctly after the number and its qualifier."""
    assert figure_value(_figure(value, unit, qualifier)) == expected


def test_a_projection_is_marked() -> None:
    """A forecast says so; a measurement does not."""
    assert figure_value(_figure(3, "years", projection=True)) == "3 years (projection)"
    assert "projection" not in figure_value(_figure(3, "years"))


def test_no_bundled_figure_reads_one_plural() -> None:
    """No figure in the bundled data renders as '1 <plural>' (the 'less than 1 years' of old)."""
    for figure in eu_iot_coop.load().records.figures:
        text = figure_value(figure)
        if abs(figure.value) == 1 and figure.unit.endswith("s") and not figure.unit.isupper():
            assert not text.removesuffix(" (projection)").endswith("s"), text


_WORDS = st.text("abcdefghij-", min_size=1, max_size=14)
_CELLS = st.lists(_WORDS, min_size=0, max_size=6).map(" ".join)


@given(
    rows=st.lists(st.lists(_CELLS, min_size=3, max_size=3), max_size=6),
    width=st.integers(40, 120),
)
def test_a_wrapped_table_fits_and_keeps_every_word(rows: list[list[str]], width: int) -> None:
    """Wrapped to a width, no line is longer than it, and each column still holds its words in order."""
    headers = ["first", "second", "third"]
    text = text_table(headers, rows, width=width)
    lines = text.split("\n")
    assert all(len(line) <= width for line in lines), text
    # Columns start where the rule under the header says.
    ruled = next(number for number, line in enumerate(lines) if set(line) <= {"-", " "})
    rule = lines[ruled]
    starts = [index for index, char in enumerate(rule) if char == "-" and (index == 0 or rule[index - 1] == " ")]
    body = lines[ruled + 1 :]
    columns: list[list[str]] = [[] for _ in headers]
    for line in body:
        for number, start in enumerate(starts):
            end = starts[number + 1] if number + 1 < len(starts) else None
            columns[number].append(line[start:end].strip())
    expected = ["".join(row[number] for row in rows).replace(" ", "") for number in range(len(headers))]
    assert ["".join(column).replace(" ", "") for column in columns] == expected


@given(rows=st.lists(st.lists(_CELLS, min_size=3, max_size=3), max_size=6))
def test_an_unwrapped_table_has_one_line_per_row(rows: list[list[str]]) -> None:
    """Without a width (output to a pipe or file) every row is one line, however long."""
    text = text_table(["first", "second", "third"], rows)
    assert len(text.split("\n")) == 2 + len(rows)


@given(value=st.lists(_WORDS, min_size=1, max_size=60).map(" ".join), width=st.integers(30, 120))
def test_wrapped_fields_fit_under_their_value(value: str, width: int) -> None:
    """A long field value wraps under itself, within the width, keeping every word."""
    text = text_fields([("id", "x"), ("description", value)], width=width)
    lines = text.split("\n")
    assert all(len(line) <= width for line in lines)
    assert lines[0] == "id           x"
    assert all(line.startswith(" " * 13) for line in lines[2:])
    assert "".join(line[13:] for line in lines[1:]).replace(" ", "") == value.replace(" ", "")


class _Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_page_width_is_the_terminals_and_none_for_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page on a terminal takes its width (COLUMNS here); on anything else it does not wrap."""
    monkeypatch.setenv("COLUMNS", "57")
    assert render.Page(_Terminal()).width == 57
    assert render.Page(io.StringIO()).width is None
    page = render.Page(_Terminal())
    page.print("word " * 40)
    assert max(len(line) for line in page.out.getvalue().splitlines()) <= 57  # type: ignore[attr-defined]


def test_progress_only_on_a_terminal() -> None:
    """Progress lines go to a terminal; a pipe or file gets nothing."""
    terminal, piped = _Terminal(), io.StringIO()
    render.Progress(terminal).step("reading x")
    render.Progress(piped).step("reading x")
    assert terminal.getvalue() == "reading x...\n"
    assert piped.getvalue() == ""
