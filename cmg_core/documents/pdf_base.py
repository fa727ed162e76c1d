"""The PDF canvas shared by every document: core fonts in windows-1252, deterministic bytes,
the Caf letterhead and the footer carrying the document id, the data digest and page numbers.

Text is written as raw text operators at positions computed here with cached font metrics:
fpdf2's `cell` and `multi_cell` cost ten to a hundred times more, and the back office renders
thousands of attestations per run (see bench/bench_documents.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from fpdf import FPDF
from fpdf.drawing_primitives import DeviceGray, DeviceRGB, convert_to_device_color

from cmg_core.documents.core_fonts import PT, pdf_literal, text_units, wrap_lines
from cmg_core.documents.formats import format_datetime, paris_time
from cmg_core.documents.model import Caf
from cmg_core.documents.text import ENCODING, to_cp1252

FONT = "Helvetica"
# Colours built once: fpdf2 takes them as they are, instead of converting RGB on every call.
# Black is DeviceGray(0), fpdf2's default, so black text needs no colour operator.
Colour = DeviceGray | DeviceRGB


def colour(red: int, green: int, blue: int) -> Colour:
    return convert_to_device_color(red, green, blue)  # type: ignore[return-value]


BLUE = colour(0, 56, 118)
GREY = colour(90, 90, 90)
BLACK = colour(0, 0, 0)
LIGHT = colour(226, 233, 243)
MARGIN = 15.0
FOOTER_HEIGHT = 21.0


@dataclass(frozen=True)
class Identity:
    """What identifies a document on each of its pages."""

    title: str  # PDF metadata title
    running_title: str  # reminder at the top of pages 2 and after
    caf: Caf
    document_id: str
    digest: str  # SHA-256 of the canonical data
    generated_at: datetime


@lru_cache(maxsize=64)
def _colour_operator(text_colour: Colour) -> str:
    """`0 0.22 0.463 rg`: the PDF operator selecting a text colour."""
    return text_colour.serialize().lower()


class DocumentPdf(FPDF):
    """An A4 document whose bytes depend only on its content and its `Identity`."""

    def __init__(
        self, identity: Identity, orientation: str = "portrait", compress: bool = True
    ) -> None:
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.set_compression(compress)
        self.identity = identity
        self.core_fonts_encoding = ENCODING
        self.set_creation_date(paris_time(identity.generated_at))
        self.set_title(identity.title)
        self.set_author(identity.caf.name)
        self.set_creator("Caf — attestations mensuelles CMG")
        self.set_lang("fr-FR")
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=FOOTER_HEIGHT + 4)
        self.alias_nb_pages()
        self.set_line_width(0.2)
        self._closing = False

    def normalize_text(self, text: str) -> str:
        """Transliterate first: a name outside windows-1252 must never stop a rendering."""
        return super().normalize_text(to_cp1252(text))

    @property
    def content_width(self) -> float:
        return self.w - self.l_margin - self.r_margin

    # -- text primitives -------------------------------------------------------------------

    def width_of(self, text: str) -> float:
        """Width in mm of `text` in the current font (cached metrics)."""
        return text_units(self.current_font.fontkey, text) * self.font_size_pt * 0.001 * PT

    def put(
        self, x: float, top: float, width: float, height: float, text: str, align: str = "L"
    ) -> None:
        """Write one line of text in the box (x, top, width, height), vertically centred."""
        self.put_lines(x, top, width, height, (text,), align)

    def put_lines(
        self,
        x: float,
        top: float,
        width: float,
        line_height: float,
        lines: Sequence[str],
        align: str = "L",
    ) -> None:
        """Write lines one under the other, each centred in its `line_height`, in one operation."""
        self.show(self.place_lines(x, top, width, line_height, lines, align))

    def place_lines(
        self,
        x: float,
        top: float,
        width: float,
        line_height: float,
        lines: Sequence[str],
        align: str = "L",
    ) -> list[tuple[float, float, str]]:
        """Where `put_lines` would write each line: (x, baseline, text), in the current font."""
        placed = []
        baseline = top + line_height / 2 + 0.3 * self.font_size
        for line in lines:
            if line:
                shift = 0.0
                if align == "R":
                    shift = width - self.width_of(line)
                elif align == "C":
                    shift = (width - self.width_of(line)) / 2
                placed.append((x + shift, baseline, line))
            baseline += line_height
        return placed

    def show(self, placed: Sequence[tuple[float, float, str]]) -> None:
        """What `FPDF.text` writes for core fonts, for several texts at once and without its
        per-call checks (several times faster; thousands of attestations are rendered per run).

        Relies on fpdf2 internals (`_out`, `_set_font_for_page`); fpdf2 is pinned, and the tests
        read every document back, so a change there cannot go unnoticed.
        """
        if not placed:
            return
        if not self.current_font_is_set_on_page:
            self._out(self._set_font_for_page(self.current_font, self.font_size_pt))
        k, page_height = self.k, self.h
        operation = " ".join(
            f"1 0 0 1 {x * k:.2f} {(page_height - y) * k:.2f} Tm {pdf_literal(text)} Tj"
            for x, y, text in placed
        )
        operation = f"BT {operation} ET"
        if self.fill_color != self.text_color:
            operation = f"q {_colour_operator(self.text_color)} {operation} Q"
        self._out(operation)

    def wrap(self, text: str, width: float) -> tuple[str, ...]:
        """The lines of `text` fitting `width` mm in the current font; a too long word is cut."""
        return wrap_lines(self.current_font.fontkey, self.font_size_pt, text, width)

    def paragraph(self, text: str, line_height: float, width: float | None = None) -> None:
        """Flush-left wrapped text from the current position; breaks pages when needed."""
        x = self.get_x()
        width = width if width is not None else self.w - self.r_margin - x
        lines = self.wrap(text, width)
        while lines:
            room = int((self.page_break_trigger - self.get_y()) // line_height)
            if room < 1:
                self.add_page()
                continue
            chunk, lines = lines[:room], lines[room:]
            top = self.get_y()
            self.put_lines(x, top, width, line_height, chunk)
            self.set_xy(x, top + line_height * len(chunk))

    def row_frame(
        self, x: float, top: float, widths: Sequence[float], height: float, fill: bool = False
    ) -> None:
        """The borders of one table row as a single path, filled with the fill colour if asked.

        One path per row instead of one `rect` per cell: a 250-line bilan has 1,500 cells.
        """
        k, page_h = self.k, self.h
        y1, y2 = (page_h - top) * k, (page_h - top - height) * k
        parts = [f"{x * k:.2f} {y1:.2f} {sum(widths) * k:.2f} {-height * k:.2f} re"]
        for width in widths[:-1]:
            x += width
            parts.append(f"{x * k:.2f} {y1:.2f} m {x * k:.2f} {y2:.2f} l")
        self._out(" ".join(parts) + (" B" if fill else " S"))

    # -- page furniture --------------------------------------------------------------------

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(FONT, "", 8)
        self.set_text_color(GREY)
        lines = self.wrap(self.identity.running_title, self.content_width)
        self.put_lines(self.l_margin, self.t_margin, self.content_width, 4, lines)
        self.set_text_color(BLACK)
        self.set_xy(self.l_margin, self.t_margin + 4 * len(lines) + 4)

    def footer(self) -> None:
        identity = self.identity
        top = self.h - FOOTER_HEIGHT
        left, width = self.l_margin, self.content_width
        self.set_draw_color(GREY)
        self.line(left, top, left + width, top)
        self.set_text_color(GREY)
        self.set_font(FONT, "", 7.5)
        self.put(
            left,
            top + 1.5,
            width,
            3.6,
            f"Document n° {identity.document_id} — établi par la {identity.caf.name} "
            f"le {format_datetime(identity.generated_at)}",
        )
        number = self.page_no()
        if self._closing:  # the last page: the page count is known
            self.put(left, top + 1.5, width, 3.6, f"Page {number} / {number}", align="R")
        else:  # `cell`, unlike `put`, has {nb} replaced by the page count at the end
            self.set_xy(left + width - 30, top + 1.5)
            self.cell(30, 3.6, f"Page {number} / {{nb}}", align="R")
        self.put(
            left, top + 5.3, width, 3.6, f"Empreinte des données (SHA-256) : {identity.digest}"
        )
        self.set_font(FONT, "", 7)
        self.put(
            left,
            top + 9.1,
            width,
            3.2,
            "L'empreinte est calculée sur les données du document, et non sur ce fichier : "
            "elle permet de vérifier que les données déclarées n'ont pas été modifiées.",
        )
        self.set_text_color(BLACK)
        self.set_draw_color(BLACK)

    def letterhead(self, right_text: str) -> None:
        """The Caf's name and code on the left, `right_text` on the right, a blue rule below."""
        caf = self.identity.caf
        left, width, top = self.l_margin, self.content_width, self.get_y()
        self.set_font(FONT, "B", 12)
        self.set_text_color(BLUE)
        self.put(left, top, width, 6, caf.name)
        self.set_font(FONT, "", 8)
        self.set_text_color(GREY)
        self.put(left, top, width, 6, right_text, align="R")
        self.set_font(FONT, "", 9)
        self.set_text_color(BLACK)
        self.put(left, top + 6, width, 5, f"Code Caf : {caf.code}")
        rule = top + 12
        self.set_draw_color(BLUE)
        self.set_line_width(0.6)
        self.line(left, rule, left + width, rule)
        self.set_line_width(0.2)
        self.set_draw_color(BLACK)
        self.set_xy(left, rule + 4)

    def title_block(self, title: str, subtitle: str) -> None:
        self.set_font(FONT, "B", 15)
        self.set_text_color(BLUE)
        self.paragraph(title, 7)
        self.set_font(FONT, "B", 11)
        self.set_text_color(BLACK)
        self.set_y(self.get_y() + 1)
        self.paragraph(subtitle, 6)
        self.set_y(self.get_y() + 3)

    def section_title(self, text: str) -> None:
        """A blue heading, kept on the same page as the first lines that follow it."""
        if self.will_page_break(6 + 15):
            self.add_page()
        self.set_font(FONT, "B", 10.5)
        self.set_text_color(BLUE)
        self.paragraph(text, 6)
        self.set_y(self.get_y() + 1)
        self.set_text_color(BLACK)

    def render(self) -> bytes:
        """The PDF bytes; the footer of the last page is drawn now, knowing the page count."""
        self._closing = True
        return bytes(self.output())
