"""A rich `Table` that lays out its rows itself when every cell is one line that fits.

rich sends each cell through its general machinery: padding, wrapping, justifying
and cropping, one render per cell. A report on a terminal has a few thousand
cells (the matrix alone, 40 pledges by 20 parties, is 800), and that machinery
was most of its drawing time. When every cell is a single line of text that
fits its column, there is nothing to wrap: the row is each cell's text padded
to the column's width, joined by the box's divider. `QuickTable` does that and
hands every other table (a cell that wraps, a box edge, a footer) to rich.

Column widths, the title and the box characters still come from rich, so the
two paths agree by construction on what they share; tests/test_quick_table.py
compares their output on random tables, coloured and plain.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Span, Text

QUICK_PADDING = (0, 1, 0, 0)  # the report's tables: one space after each cell but the last


class QuickTable(Table):
    """A `Table` drawn without rich's per-cell rendering when its cells allow it."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = self._quick(console, options)
        if lines is None:
            yield from super().__rich_console__(console, options)
        else:
            yield from lines

    def _simple(self) -> bool:
        """The layouts `_quick` knows: no edge, caption, footer, row lines or row styles."""
        return (tuple(self.padding) == QUICK_PADDING and not self.pad_edge
                and not self.collapse_padding and not self.show_edge and not self.show_footer
                and not self.show_lines and not self.leading and not self.row_styles
                and not self.caption and self.width is None and bool(self.columns)
                and all(column.vertical == "top" for column in self.columns))

    def _quick(self, console: Console, options: ConsoleOptions) -> list[Segment] | None:
        """The table's segments, or None when rich must draw it (see `_simple`, `_line`)."""
        if not self._simple():
            return None
        widths = self._calculate_column_widths(
            console, options.update_width(options.max_width - self._extra_width))
        table_width = sum(widths) + self._extra_width
        last = len(self.columns) - 1
        # Each column's text width: the last one has no padding after it.
        room = [width - (0 if index == last else 1) for index, width in enumerate(widths)]
        if min(room) < 1:  # a column with no room for text: rich draws it blank
            return None
        get_style = console.get_style
        header_style = get_style(self.header_style or "")
        rows: list[tuple[list[list[list[Segment]]], bool]] = []
        if self.show_header:
            header = self._line(console, options, [c.header for c in self.columns], room,
                                [header_style + get_style(c.header_style) for c in self.columns],
                                header=True)
            if header is None:
                return None
            rows.append((header, False))
        null = Style.null()
        cell_styles = [get_style(column.style or "") for column in self.columns]
        for index, row in enumerate(self.rows):
            cells = self._line(console, options, [c._cells[index] for c in self.columns], room,
                               cell_styles)
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
        box = self.box.substitute(options, safe=console.safe_box) if self.box else None
        if box is not None and not self.show_header:
            box = box.get_plain_headed_box()
        border = get_style(self.style or "") + get_style(self.border_style or "")
        new_line = Segment.line()
        for number, (cells, end_section) in enumerate(rows):
            first, final = number == 0, number == len(rows) - 1
            divider = None
            if box is not None:
                vertical = box.head_vertical if first else (
                    box.foot_vertical if final else box.mid_vertical)
                divider = Segment(vertical, border if vertical.strip() else null + border)
            for line in range(len(cells[0])):
                for position, cell in enumerate(cells):
                    if position and divider is not None:
                        segments.append(divider)
                    segments += cell[line]
                segments.append(new_line)
            if box is None:
                continue
            if first and self.show_header:
                segments += [Segment(box.get_row(widths, "head", edge=False), border), new_line]
            elif end_section and not final:
                segments += [Segment(box.get_row(widths, "row", edge=False), border), new_line]
        return segments

    def _line(self, console: Console, options: ConsoleOptions, cells: Iterable[object],
              room: list[int], styles: list[Style], *, header: bool = False
              ) -> list[list[list[Segment]]] | None:
        """One row: each cell's lines of segments, padded to its column's width and the
        row's height; None when a cell is not text (rich draws any other renderable)."""
        laid: list[list[list[Segment]]] = []
        last = len(room) - 1
        get_style = console.get_style
        for index, (cell, width, style) in enumerate(zip(cells, room, styles, strict=True)):
            column = self.columns[index]
            if isinstance(cell, str):  # as rich makes a str cell into text
                cell = console.render_str(cell, highlight=column.highlight, markup=options.markup)
            if type(cell) is not Text:
                return None
            justify = cell.justify or column.justify or "default"
            plain = cell.plain
            length = cell_len(plain)
            after = [Segment(" ", style)] if index != last else []
            fits = (length <= width and justify in ("left", "right") and "\n" not in plain
                    and "\t" not in plain and not plain[-1:].isspace())
            if fits and not cell.spans:  # the common cell: one segment in one style
                padding = " " * (width - length)
                laid.append([[Segment(plain + padding if justify == "left" else padding + plain,
                                      style + get_style(cell.style) if cell.style else style),
                              *after]])
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
                rendered.append(Segment.adjust_line_length(list(segments), width, style=style)
                                + after)
            laid.append(rendered)
        height = max(len(lines) for lines in laid)
        if height > 1:  # a header sits at the bottom of its row, a cell at the top
            for index, lines in enumerate(laid):
                blank = [Segment(" " * (room[index] + (index != last)), styles[index])]
                extra = [blank] * (height - len(lines))
                laid[index] = extra + lines if header else lines + extra
        return laid
