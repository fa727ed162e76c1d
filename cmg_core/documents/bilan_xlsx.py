"""The bilan de traitement as an Excel workbook: a sheet "Bilan", the summary, then one row per
line of the deposit, ready to filter. Every text written goes through `safe_text.cell_value`."""

from __future__ import annotations

from datetime import UTC, date
from io import BytesIO
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from cmg_core.documents.bilan_pdf import other_sections
from cmg_core.documents.bilan_texts import NO_ACTION, TITLE
from cmg_core.documents.formats import capitalised, format_datetime, paris_time
from cmg_core.documents.model import Bilan
from cmg_core.templates import TemplateCode
from cmg_core.values import format_date
from cmg_core.workbook.safe_text import cell_value, strip_controls

SHEET = "Bilan"
OTHER_SHEET = "Absences et retraits"
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E2E9F3")
WRAP = Alignment(wrap_text=True, vertical="top")

# (header, width) of the line table; "Enfant" only for micro-crèches
_COLUMNS = (
    ("Ligne du fichier", 12),
    ("N° allocataire", 18),
    ("Enfant", 30),
    ("Résultat", 28),
    ("Motif", 60),
    ("Action attendue", 60),
)


def render_bilan_xlsx(b: Bilan) -> bytes:
    """The bilan as .xlsx bytes; the same bilan always gives the same bytes."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    is_mc = b.structure.kind == TemplateCode.MC
    columns = [c for c in _COLUMNS if is_mc or c[0] != "Enfant"]
    header_row = _write_heading(sheet, b)
    _write_lines(sheet, b, columns, header_row, is_mc)
    if b.absent or b.withdrawn:
        _write_others(workbook.create_sheet(OTHER_SHEET), b)
    properties = workbook.properties
    properties.title = strip_controls(f"{TITLE} — {b.structure.name} — {b.month.label()}")
    properties.creator = b.caf.name
    properties.identifier = b.document_id
    # Excel takes these dates as UTC
    utc = paris_time(b.processed_at).astimezone(UTC).replace(tzinfo=None)
    properties.created = properties.modified = utc
    buffer = BytesIO()
    stamp = paris_time(b.processed_at).timetuple()[:6]
    # openpyxl's own `save` dates the file and its zip entries with the clock; stored files are
    # content-addressed, so a re-run of the bilan stage must give the very same bytes
    ExcelWriter(workbook, _DatedZip(buffer, stamp)).save()
    return buffer.getvalue()


class _DatedZip(ZipFile):
    """A zip being written whose entries all carry one date."""

    def __init__(self, file: BytesIO, stamp: tuple[int, ...]) -> None:
        super().__init__(file, "w", ZIP_DEFLATED)
        self._stamp = stamp

    def writestr(self, name: str | ZipInfo, data: str | bytes, *args, **kwargs) -> None:  # type: ignore[override]
        if isinstance(name, str):
            name = ZipInfo(name, date_time=self._stamp)  # type: ignore[arg-type]
            name.compress_type = ZIP_DEFLATED
        super().writestr(name, data, *args, **kwargs)

    def write(self, filename, arcname=None, *args, **kwargs) -> None:  # type: ignore[override]
        """openpyxl writes each worksheet through a temporary file."""
        with open(filename, "rb") as file:
            self.writestr(arcname or str(filename), file.read())


def _put(sheet: Worksheet, row: int, column: int, value: object) -> None:
    sheet.cell(row=row, column=column, value=cell_value(value))


def _write_heading(sheet: Worksheet, b: Bilan) -> int:
    """Title, deposit and summary rows (label in A:B, value in C); return the table's header row."""
    s, summary = b.structure, b.summary
    rows: list[tuple[str, object]] = [
        (f"{TITLE} — déclaration mensuelle CMG du mois {b.month.of_label()}", ""),
        ("Caf", f"{b.caf.name} (code {b.caf.code})"),
        ("Structure", s.name),
        ("SIRET", s.siret),
        ("Type de structure", s.kind_label),
        ("Commune", s.commune),
        ("N° de dossier", b.deposit_reference),
        ("Déposé le", f"{format_date(b.deposited_on)} sur demarches-simplifiees.fr"),
        ("Traité le", format_datetime(b.processed_at)),
        ("Document", b.document_id),
        ("Lignes reçues", summary.received),
        ("Traitées", summary.processed),
        ("Transmises à un gestionnaire", summary.to_manager),
        ("Rejetées", summary.rejected),
    ]
    if summary.other:
        rows.append(("Autres résultats", summary.other))
    for index, (label, value) in enumerate(rows, start=1):
        _put(sheet, index, 1, label)
        sheet.cell(row=index, column=1).font = BOLD
        if index == 1:
            continue  # the title runs across the row
        # labels span the two narrow first columns, so that they are read whole
        sheet.merge_cells(start_row=index, start_column=1, end_row=index, end_column=2)
        _put(sheet, index, 3, value)
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    return len(rows) + 2


def _write_lines(
    sheet: Worksheet, b: Bilan, columns: list[tuple[str, int]], header_row: int, is_mc: bool
) -> None:
    for index, (header, width) in enumerate(columns, start=1):
        _put(sheet, header_row, index, header)
        cell = sheet.cell(row=header_row, column=index)
        cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, WRAP
        sheet.column_dimensions[get_column_letter(index)].width = width
    for offset, line in enumerate(b.lines, start=1):
        values: list[object] = [line.row, line.allocataire]
        if is_mc:
            values.append(line.child_name or "")
        values += [capitalised(line.outcome), line.reason, line.action or NO_ACTION]
        for index, value in enumerate(values, start=1):
            _put(sheet, header_row + offset, index, value)
            sheet.cell(row=header_row + offset, column=index).alignment = WRAP
    last = get_column_letter(len(columns))
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + max(len(b.lines), 1)}"


def _write_others(sheet: Worksheet, b: Bilan) -> None:
    """The lists printed after the lines of the PDF (`other_sections`), each under its title
    and explanation."""
    row = 1
    for section in other_sections(b):
        _put(sheet, row, 1, section.title)
        sheet.cell(row=row, column=1).font = Font(bold=True, size=12)
        _put(sheet, row + 1, 1, section.text)
        sheet.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=3)
        sheet.cell(row=row + 1, column=1).alignment = WRAP
        sheet.row_dimensions[row + 1].height = 60
        for index, column in enumerate(section.columns, start=1):
            _put(sheet, row + 2, index, column.header)
            cell = sheet.cell(row=row + 2, column=index)
            cell.font, cell.fill = BOLD, HEADER_FILL
        for offset, line in enumerate(section.rows, start=3):
            for index, value in enumerate(line, start=1):
                _put(sheet, row + offset, index, value)
                if isinstance(value, date):
                    sheet.cell(row=row + offset, column=index).number_format = "DD/MM/YYYY"
        row += len(section.rows) + 4
    for letter, width in zip("ABC", (18, 30, 20), strict=True):
        sheet.column_dimensions[letter].width = width
