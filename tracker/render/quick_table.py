"""A rich `Table` that lays its cells out itself, without a render per cell.

rich sends every cell through its general machinery: a padding object, a
render of the text, cropping and re-measuring its lines, one pass per cell. A
report on a terminal has a few thousand cells (the matrix alone, 40 pledges by
20 parties, is 800) and a listing's page a few hundred; that machinery was most
of their drawing time. Most cells are one line of text that fits its column:
the line is the text padded to the column's width. `QuickTable` lays those out
directly, wraps the others with rich's own `Text.wrap`, and hands any table it
does not know (a footer, row lines, a cell that is not text) to rich.

Column widths, titles and box characters come from rich itself.
tests/test_quick_table.py compares both outputs on random tables, coloured and plain.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Span, Text

from tracker.printable import is_plain_text, printable


class QuickTable(Table):
    """A `Table` drawn without rich's per-cell rendering when its cells allow it.

    A cell holding a control character (a hand-edited file) is given its escaped
    form (`printable`) as it is added, so its column is measured for what the
    terminal will show, not for the shorter raw text.
    """

    def add_row(self, *renderables: object, style: object = None,
                end_section: bool = False) -> None:
        super().add_row(*(_as_printed(cell) for cell in renderables),  # type: ignore[arg-type]
                        style=style, end_section=end_section)  # type: ignore[arg-type]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = self._quick(console, options)
        if lines is None:
            yield from super().__rich_console__(console, options)
        else:
            yield from lines

    def _simple(self) -> bool:
        """The layouts `_quick` knows: no caption, footer, row lines, row or table styles,
        and padding only beside the text, not above or below it."""
        top, _, bottom, _ = self.padding
        return (not top and not bottom and not self.collapse_padding and not self.show_footer
                and not self.show_lines and not self.leading and not self.row_styles
                and not self.caption and self.style in (None, "", "none") and self.width is None
                and bool(self.columns)
                and all(column.vertical == "top" for column in self.columns))

    def _pads(self) -> list[tuple[int, int]]:
        """(left, right) padding of each column, as rich pads its cells."""
        _, right, _, left = self.padding
        last = len(self.columns) - 1
        return [(0 if index == 0 and not self.pad_edge else left,
                 0 if index == last and not self.pad_edge else right)
                for index in range(len(self.columns))]

    def _quick(self, console: Console, options: ConsoleOptions) -> list[Segment] | None:
        """The table's segments, or None when rich must draw it (see `_simple`, `_line`)."""
        if not self._simple():
            return None
        widths = self._calculate_column_widths(
            console, options.update_width(options.max_width - self._extra_width))
        table_width = sum(widths) + self._extra_width
        pads = self._pads()
        room = [width - left - right for width, (left, right) in zip(widths, pads, strict=True)]
        if min(room) < 1:  # a column with no room for text: rich draws it blank
            return None
        get_style = console.get_style
        header_style = get_style(self.header_style or "")
        rows: list[tuple[list[list[list[Segment]]], bool]] = []
        if self.show_header:
            header = self._line(console, options, [c.header for c in self.columns], room, pads,
                                [header_style + get_style(c.header_style) for c in self.columns],
                                header=True)
            if header is None:
                return None
            rows.append((header, False))
        null = Style.null()
        cell_styles = [get_style(column.style or "") for column in self.columns]
        for index, row in enumerate(self.rows):
            cells = self._line(console, options, [c._cells[index] for c in self.columns], room,
                               pads, cell_styles)
            if cells is None:
                return None
            rows.append((cells, row.end_section))

        segments: list[Segment] = []
        if self.title:
            title = (console.render_str(self.title, style=Style.pick_first(
                self.title_style, "table.title"), highlight=False)
                if isinstance(self.title, str) else self.title)
            segments += console.render(title, options.update(
                width=table_width, highlight=self.highlight, height=None,
                justify=self.title_justify))
        safe = console.safe_box if self.safe_box is None else self.safe_box
        box = self.box.substitute(options, safe=safe) if self.box else None
        if box is not None and not self.show_header:
            box = box.get_plain_headed_box()
        border = get_style(self.border_style or "")
        edge = box is not None and self.show_edge
        new_line = Segment.line()
        if edge:
            segments += [Segment(box.get_top(widths), border), new_line]
        for number, (cells, end_section) in enumerate(rows):
            first, final = number == 0, number == len(rows) - 1
            divider = left = right = None
            if box is not None:
                left, vertical, right = (
                    (box.head_left, box.head_vertical, box.head_right) if first else
                    (box.foot_left, box.foot_vertical, box.foot_right) if final else
                    (box.mid_left, box.mid_vertical, box.mid_right))
                divider = Segment(vertical, border if vertical.strip() else null + border)
            for line in range(len(cells[0])):
                if edge:
                    segments.append(Segment(left, border))
                for position, cell in enumerate(cells):
                    if position and divider is not None:
                        segments.append(divider)
                    segments += cell[line]
                if edge:
                    segments.append(Segment(right, border))
                segments.append(new_line)
            if box is None:
                continue
            if first and self.show_header:
                segments += [Segment(box.get_row(widths, "head", edge=self.show_edge), border),
                             new_line]
            elif end_section and not final:
                segments += [Segment(box.get_row(widths, "row", edge=self.show_edge), border),
                             new_line]
        if edge:
            segments += [Segment(box.get_bottom(widths), border), new_line]
        return segments

    def _line(self, console: Console, options: ConsoleOptions, cells: Iterable[object],
              room: list[int], pads: list[tuple[int, int]], styles: list[Style], *,
              header: bool = False) -> list[list[list[Segment]]] | None:
        """One row: each cell's lines of segments, padded to its column's width and the
        row's height; None when a cell is not text (rich draws any other renderable)."""
        laid: list[list[list[Segment]]] = []
        get_style = console.get_style
        null = Style.null()  # as `Text.render`: a style name it does not know is no style
        for index, (cell, width, style) in enumerate(zip(cells, room, styles, strict=True)):
            column = self.columns[index]
            left, right = pads[index]
            if isinstance(cell, str):  # as rich makes a str cell into text
                cell = console.render_str(cell, highlight=column.highlight, markup=options.markup)
            if type(cell) is not Text:
                return None
            justify = cell.justify or column.justify or "default"
            plain = cell.plain
            length = cell_len(plain)
            before = [Segment(" " * left, style)] if left else []
            after = [Segment(" " * right, style)] if right else []
            fits = (length <= width and justify in ("left", "right") and "\n" not in plain
                    and "\t" not in plain and not plain[-1:].isspace())
            if fits and not cell.spans:  # the common cell: one segment in one style
                padding = " " * (width - length)
                text = plain + padding if justify == "left" else padding + plain
                # rich measures the padded line again; a zero-width joiner at the end
                # of the text makes the two measures differ: then its way below.
                if cell_len(text) == width:
                    laid.append([[*before, Segment(text, style + get_style(
                        cell.style, default=null) if cell.style else style), *after]])
                    continue
            if fits:
                # One line that fits: what wrapping would give, without its machinery.
                line = cell.copy()
                if justify == "left":
                    line.pad_right(width - length)
                else:
                    line.pad_left(width - length)
                lines = [line]
            else:  # as `Text.__rich_console__` lays it out at the column's width
                lines = cell.wrap(
                    console, width, justify=justify,
                    overflow=cell.overflow or column.overflow or "fold",
                    tab_size=(console.tab_size if cell.tab_size is None else cell.tab_size) or 8,
                    no_wrap=column.no_wrap if cell.no_wrap is None else cell.no_wrap)
            rendered = []
            for line in lines:
                if line.style:  # rich joins the lines into one text: the style becomes a span
                    line = Text(line.plain, spans=[Span(0, len(line), line.style), *line.spans])
                segments = Segment.apply_style(line.render(console, end=""), style)
                rendered.append(before + Segment.adjust_line_length(list(segments), width,
                                                                    style=style) + after)
            laid.append(rendered)
        height = max(len(lines) for lines in laid)
        if height > 1:  # a header sits at the bottom of its row, a cell at the top
            for index, lines in enumerate(laid):
                blank = [Segment(" " * (room[index] + sum(pads[index])), styles[index])]
                extra = [blank] * (height - len(lines))
                laid[index] = extra + lines if header else lines + extra
        return laid


def _as_printed(cell: object) -> object:
    """A text cell as the output sanitiser will print it (see tracker/printable.py)."""
    if isinstance(cell, str):
        return printable(cell)
    if not isinstance(cell, Text) or is_plain_text(cell.plain):
        return cell
    # Each character escaped alone, so every style span can be moved to its new place.
    starts = [0]
    pieces = []
    for character in cell.plain:
        piece = printable(character)
        pieces.append(piece)
        starts.append(starts[-1] + len(piece))
    return Text("".join(pieces), style=cell.style, justify=cell.justify,
                overflow=cell.overflow, no_wrap=cell.no_wrap, end=cell.end,
                tab_size=cell.tab_size,
                spans=[Span(starts[span.start], starts[min(span.end, len(cell.plain))],
                            span.style) for span in cell.spans])
