"""A bordered table for the PDF documents: wrapped cells, and on a page break the header row
drawn again at the top of the new page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cmg_core.documents.pdf_base import BLACK, FONT, LIGHT, Colour, DocumentPdf

PAD = 1.2  # inner margin of a cell, mm


@dataclass(frozen=True)
class Column:
    header: str
    width: float  # mm
    align: str = "L"  # "L", "R" or "C"


class Table:
    """Rows drawn one by one; `row` starts a new page (with the header again) when needed."""

    def __init__(
        self,
        pdf: DocumentPdf,
        columns: Sequence[Column],
        *,
        font_size: float = 8.5,
        line_height: float = 4.0,
    ) -> None:
        self.pdf = pdf
        self.columns = tuple(columns)
        self.widths = tuple(c.width for c in self.columns)
        self.font_size = font_size
        self.line_height = line_height

    def header(self) -> None:
        self._draw([c.header for c in self.columns], style="B", fill=LIGHT, header=True)

    def row(
        self,
        values: Sequence[str],
        *,
        style: str = "",
        colors: Sequence[Colour | None] = (),
    ) -> None:
        self._draw(values, style=style, fill=None, colors=colors)

    def _draw(
        self,
        values: Sequence[str],
        *,
        style: str,
        fill: Colour | None,
        colors: Sequence[Colour | None] = (),
        header: bool = False,
    ) -> None:
        pdf = self.pdf
        pdf.set_font(FONT, style, self.font_size)
        cells = [
            pdf.wrap(value, column.width - 2 * PAD)
            for value, column in zip(values, self.columns, strict=True)
        ]
        height = max(len(lines) for lines in cells) * self.line_height + 2 * PAD
        # a header row keeps room for one row below it, so it is never alone at a page's foot
        needed = height + (self.line_height + 2 * PAD if header else 0)
        if pdf.will_page_break(needed):
            pdf.add_page()
            if not header:
                self.header()
            pdf.set_font(FONT, style, self.font_size)
        if fill is not None:
            pdf.set_fill_color(fill)
        x, y = pdf.l_margin, pdf.get_y()
        pdf.row_frame(x, y, self.widths, height, fill=fill is not None)
        if fill is not None:
            pdf.set_fill_color(BLACK)  # text is written without a colour switch when fill = ink
        plain: list[tuple[float, float, str]] = []  # written at once, in the current colour
        for index, (lines, column) in enumerate(zip(cells, self.columns, strict=True)):
            color = colors[index] if index < len(colors) else None
            placed = pdf.place_lines(
                x + PAD, y + PAD, column.width - 2 * PAD, self.line_height, lines, column.align
            )
            if color is None:
                plain += placed
            else:  # keep the reading order: what precedes is written first
                pdf.show(plain)
                plain = []
                pdf.set_text_color(color)
                pdf.show(placed)
                pdf.set_text_color(BLACK)
            x += column.width
        pdf.show(plain)
        pdf.set_xy(pdf.l_margin, y + height)
