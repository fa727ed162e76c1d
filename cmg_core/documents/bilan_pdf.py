"""The bilan de traitement as PDF: what became of each line of a partner's deposit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cmg_core.documents.bilan_texts import (
    ABSENT_ACTION,
    ABSENT_TEXT,
    ABSENT_TITLE,
    EXPLANATION,
    NO_ACTION,
    TITLE,
    WITHDRAWN_TEXT,
    WITHDRAWN_TITLE,
)
from cmg_core.documents.digest import bilan_digest
from cmg_core.documents.formats import capitalised, format_count, format_datetime
from cmg_core.documents.model import Bilan, Outcome
from cmg_core.documents.pdf_base import (
    BLACK,
    BLUE,
    FONT,
    GREY,
    LIGHT,
    Colour,
    DocumentPdf,
    Identity,
    colour,
)
from cmg_core.documents.pdf_table import Column, Table
from cmg_core.templates import TemplateCode
from cmg_core.values import format_date

RED = colour(170, 20, 20)
ORANGE = colour(160, 82, 0)
OUTCOME_COLORS = {Outcome.REJECTED: RED, Outcome.TO_MANAGER: ORANGE}

MC_COLUMNS = (
    Column("Ligne du fichier", 16, "C"),
    Column("N° allocataire", 22, "C"),
    Column("Enfant", 40),
    Column("Résultat", 42),
    Column("Motif", 73),
    Column("Action attendue", 74),
)
GAD_COLUMNS = (
    Column("Ligne du fichier", 16, "C"),
    Column("N° allocataire", 22, "C"),
    Column("Résultat", 42),
    Column("Motif", 93),
    Column("Action attendue", 94),
)

NUMBER = Column("N° allocataire", 30, "C")
ABSENT_MC_COLUMNS = (NUMBER, Column("Enfant", 60), Column("Date de naissance", 35, "C"))


def render_bilan_pdf(b: Bilan) -> bytes:
    """The bilan as landscape A4 PDF bytes: summary, then every line, header repeated."""
    subject = f"{b.structure.name} — {b.month.label()}"
    pdf = DocumentPdf(
        Identity(
            title=f"{TITLE} — {subject}",
            running_title=f"{TITLE} — {subject} — dossier n° {b.deposit_reference}",
            caf=b.caf,
            document_id=b.document_id,
            digest=bilan_digest(b),
            generated_at=b.processed_at,
        ),
        orientation="landscape",
    )
    pdf.add_page()
    pdf.letterhead(f"Document n° {b.document_id}")
    pdf.title_block(TITLE, f"Déclaration mensuelle CMG — mois {b.month.of_label()}")
    _deposit(pdf, b)
    _summary(pdf, b)
    pdf.set_font(FONT, "", 9)
    pdf.paragraph(EXPLANATION, 4.6)
    pdf.set_y(pdf.get_y() + 4)
    pdf.section_title("Détail des lignes")
    _lines(pdf, b)
    _other_sections(pdf, b)
    return pdf.render()


def _deposit(pdf: DocumentPdf, b: Bilan) -> None:
    s = b.structure
    pdf.set_font(FONT, "", 9.5)
    for text in (
        f"Structure : {s.name} ({s.kind_label.lower()}, {s.commune}) — SIRET {s.siret_display}",
        f"Dossier n° {b.deposit_reference} déposé sur demarches-simplifiees.fr le "
        f"{format_date(b.deposited_on)}, traité le {format_datetime(b.processed_at)}.",
    ):
        pdf.paragraph(text, 5)
    pdf.set_y(pdf.get_y() + 4)


def _summary(pdf: DocumentPdf, b: Bilan) -> None:
    """A row of framed counts: received, processed, sent to a manager, rejected (and others)."""
    s = b.summary
    boxes = [
        ("Lignes reçues", s.received, BLUE),
        ("Traitées", s.processed, BLACK),
        ("Transmises à un gestionnaire", s.to_manager, ORANGE),
        ("Rejetées", s.rejected, RED),
    ]
    if s.other:
        boxes.append(("Autres résultats", s.other, GREY))
    gap = 4.0
    width = (pdf.content_width - gap * (len(boxes) - 1)) / len(boxes)
    top, height = pdf.get_y(), 16.0
    pdf.set_fill_color(LIGHT)
    pdf.set_draw_color(BLUE)
    for index, (label, count, color) in enumerate(boxes):
        x = pdf.l_margin + index * (width + gap)
        pdf.rect(x, top, width, height, style="DF")
        pdf.set_font(FONT, "B", 15)
        pdf.set_text_color(color)
        pdf.put(x, top + 1.5, width, 8, format_count(count), align="C")
        pdf.set_font(FONT, "", 8.5)
        pdf.set_text_color(BLACK)
        pdf.put(x, top + 9, width, 5, label, align="C")
    pdf.set_draw_color(BLACK)
    pdf.set_fill_color(BLACK)
    pdf.set_xy(pdf.l_margin, top + height + 5)


def _lines(pdf: DocumentPdf, b: Bilan) -> None:
    is_mc = b.structure.kind == TemplateCode.MC
    columns = MC_COLUMNS if is_mc else GAD_COLUMNS
    if not b.lines:
        pdf.set_font(FONT, "", 9.5)
        pdf.paragraph("Aucune ligne n'a été lue dans ce dépôt.", 5)
        return
    table = Table(pdf, columns, font_size=8.5, line_height=3.9)
    table.header()
    outcome_column = 3 if is_mc else 2
    for line in b.lines:
        cells = [str(line.row), line.allocataire]
        if is_mc:
            cells.append(line.child_name or "—")
        cells += [capitalised(line.outcome), line.reason, line.action or NO_ACTION]
        colors: list[Colour | None] = [None] * len(cells)
        colors[outcome_column] = OUTCOME_COLORS.get(line.outcome)
        table.row(cells, colors=colors)


@dataclass(frozen=True)
class Section:
    """A list printed after the lines, the same in the PDF and the workbook."""

    title: str
    text: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[str | date | None, ...], ...]  # None: nothing known (GAD: no child)


def other_sections(b: Bilan) -> list[Section]:
    """The children (GAD: families) declared last month and absent now, then the families
    this correction no longer declares; only those with rows."""
    kind = TemplateCode(b.structure.kind)
    sections = []
    if b.absent:
        if kind is TemplateCode.MC:
            columns = ABSENT_MC_COLUMNS
            rows = tuple((m.allocataire, m.child_name, m.birth_date) for m in b.absent)
        else:
            columns, rows = (NUMBER,), tuple((m.allocataire,) for m in b.absent)
        text = ABSENT_TEXT[kind] + ABSENT_ACTION
        sections.append(Section(ABSENT_TITLE[kind], text, columns, rows))
    if b.withdrawn:
        rows = tuple((number,) for number in b.withdrawn)
        sections.append(Section(WITHDRAWN_TITLE, WITHDRAWN_TEXT, (NUMBER,), rows))
    return sections


def _other_sections(pdf: DocumentPdf, b: Bilan) -> None:
    for section in other_sections(b):
        pdf.set_y(pdf.get_y() + 6)
        pdf.section_title(section.title)
        pdf.set_font(FONT, "", 9)
        pdf.paragraph(section.text, 4.6)
        pdf.set_y(pdf.get_y() + 2)
        table = Table(pdf, section.columns, font_size=8.5, line_height=3.9)
        table.header()
        for row in section.rows:
            table.row([_cell(value) for value in row])


def _cell(value: str | date | None) -> str:
    if value is None:
        return "—"
    return format_date(value) if isinstance(value, date) else value
