"""QuickTable draws what rich's Table draws, on random tables (render/quick_table.py)."""

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Span, Text

from tracker.render.quick_table import QuickTable

# Words that wrap, wide characters (two cells each), accents, a long unbroken link.
WORDS = ["a", "pledge", "Kazakhstan", "Côte", "d'Ivoire", "Россия", "中国", "合作",
         "-0.50", "100%", "n/a", "—", "https://example.org/a/very/long/path", "█████", "░░",
         "Road\u200d", "e\u0301"]  # a zero-width joiner at the end, a combining accent
STYLES = ["", "bold", "red", "dim", "green on black", "bold underline", "no-such-style"]


@st.composite
def texts(draw: st.DrawFn) -> object:
    words = draw(st.lists(st.sampled_from(WORDS), max_size=6))
    joiner = draw(st.sampled_from([" ", " ", "  ", "\n", "\t"]))
    value = joiner.join(words) + draw(st.sampled_from(["", "", " ", "\n"]))
    if draw(st.booleans()):
        return value  # a str cell, made into text by rich
    text = Text(value, style=draw(st.sampled_from(STYLES)))
    if value and draw(st.booleans()):
        start = draw(st.integers(0, len(value) - 1))
        text.stylize(draw(st.sampled_from(STYLES[1:])), start,
                     draw(st.integers(start + 1, len(value))))
    if draw(st.booleans()):
        text.justify = draw(st.sampled_from(["left", "right", "center"]))
    return text


@st.composite
def tables(draw: st.DrawFn) -> tuple[dict, list[dict], list[tuple[list, bool]]]:
    options = {
        "box": draw(st.sampled_from([None, box.SIMPLE_HEAD, box.SIMPLE, box.MINIMAL,
                                     box.ROUNDED, box.HEAVY_HEAD, box.ASCII])),
        "show_header": draw(st.booleans()),
        "header_style": draw(st.sampled_from(["", "bold"])),
        "title": draw(st.sampled_from([None, "By party", "A title longer than most tables"])),
        "title_justify": draw(st.sampled_from(["left", "center"])),
        "title_style": draw(st.sampled_from(["", "bold"])),
        "show_edge": draw(st.booleans()), "pad_edge": draw(st.booleans()),
        "padding": draw(st.sampled_from([(0, 1, 0, 0), (0, 1, 0, 1), (0, 0, 0, 0),
                                         (0, 2, 0, 1)])),
        "expand": False, "safe_box": draw(st.sampled_from([None, True, False])),
        "border_style": draw(st.sampled_from([None, "dim"])),
    }
    columns = [{
        "header": draw(texts()),
        "justify": draw(st.sampled_from(["left", "right", "center"])),
        "no_wrap": draw(st.booleans()),
        "overflow": draw(st.sampled_from(["fold", "ellipsis", "crop"])),
        "width": draw(st.one_of(st.none(), st.integers(1, 24))),
        "ratio": draw(st.sampled_from([None, 1])),
        "style": draw(st.sampled_from(["", "", "cyan"])),
    } for _ in range(draw(st.integers(1, 6)))]
    rows = [([draw(texts()) for _ in columns], draw(st.booleans()))
            for _ in range(draw(st.integers(0, 6)))]
    return options, columns, rows


def drawn(cls: type[Table], spec: tuple, width: int, colour: bool) -> tuple[str, Table]:
    options, columns, rows = spec
    table = cls(**options)
    for column in columns:
        table.add_column(**column)
    for cells, end_section in rows:
        table.add_row(*cells, end_section=end_section)
    out = io.StringIO()
    console = Console(file=out, width=width, markup=False, highlight=False, emoji=False,
                      force_terminal=colour, color_system="standard" if colour else None,
                      no_color=not colour)
    console.print(table)
    return out.getvalue(), table


@settings(max_examples=400, deadline=None)
@given(tables(), st.integers(8, 130), st.booleans())
def test_quick_table_draws_what_rich_draws(spec, width, colour) -> None:
    expected, _ = drawn(Table, spec, width, colour)
    got, table = drawn(QuickTable, spec, width, colour)
    assert got == expected
    # Not vacuous: QuickTable drew it itself unless a column had no room for text.
    console = Console(file=io.StringIO(), width=width)
    widths = table._calculate_column_widths(
        console, console.options.update_width(width - table._extra_width))
    if all(w - sum(pad) > 0 for w, pad in zip(widths, table._pads(), strict=True)):
        assert table._quick(console, console.options) is not None


def test_a_cell_that_is_not_text_goes_to_rich() -> None:
    inner = Table()
    inner.add_column("x")
    inner.add_row("y")
    spec = ({"box": box.SIMPLE_HEAD, "show_edge": False, "pad_edge": False,
             "padding": (0, 1, 0, 0)}, [{"header": "a"}, {"header": "b"}], [(["1", inner], False)])
    expected, _ = drawn(Table, spec, 40, True)
    got, table = drawn(QuickTable, spec, 40, True)
    assert got == expected
    console = Console(file=io.StringIO(), width=40)
    assert table._quick(console, console.options) is None


@pytest.mark.parametrize("justify", ["left", "right"])
@pytest.mark.parametrize("value", ["Road\u200d", Text("Road\u200d", style="red"),
                                   Text("x", style="no-such-style")])
def test_text_rich_measures_its_own_way_is_drawn_as_rich_draws_it(justify, value) -> None:
    # rich measures a padded line again, and counts the space after a zero-width joiner
    # as nothing; an unknown style name is no style to it, not an error.
    spec = ({"box": box.SIMPLE_HEAD, "show_edge": False, "pad_edge": False,
             "padding": (0, 1, 0, 0)},
            [{"header": "a", "justify": justify, "width": 12}, {"header": "b"}],
            [([value, "next"], False)])
    for colour in (True, False):
        assert drawn(QuickTable, spec, 40, colour)[0] == drawn(Table, spec, 40, colour)[0]


def test_a_control_character_is_laid_out_as_its_escape() -> None:
    # rich would measure the raw character and the sanitiser then print a longer escape:
    # QuickTable lays the cell out as the escaped text, and moves each style with it.
    raw = Text("a\x1bb cd", spans=[Span(2, 3, "bold"), Span(0, 1, "red")])
    escaped = Text("a\\u001bb cd", spans=[Span(7, 8, "bold"), Span(0, 1, "red")])
    spec = ({"box": box.SIMPLE_HEAD}, [{"header": "a"}, {"header": "b"}],
            [([raw, "x\x7fy"], False)])
    expected_spec = (spec[0], spec[1], [([escaped, "x\\u007fy"], False)])
    for colour in (True, False):
        assert drawn(QuickTable, spec, 40, colour)[0] == drawn(Table, expected_spec, 40,
                                                               colour)[0]
