"""SpreadsheetML: a sheet's part, merged ranges and formulas without a value."""

from __future__ import annotations

from drafter.oxml import spreadsheet

S = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def workbook(sheet: str) -> dict[str, bytes]:
    """A workbook's parts, as the package reader gives them."""
    return {
        "xl/workbook.xml": f'<workbook {S} {R}><sheets><sheet name="Data" r:id="rId3"/></sheets></workbook>'.encode(),
        "xl/_rels/workbook.xml.rels": b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                                      b'relationships"><Relationship Id="rId3" Target="worksheets/data.xml"/>'
                                      b'</Relationships>',
        "xl/worksheets/data.xml": sheet.encode(),
    }


def test_a_sheets_part_and_its_merged_ranges_and_formulas_without_a_value():
    archive = workbook(f'<worksheet {S}><sheetData><row><c r="A1"><f>B1*2</f></c><c r="B1"><f>1+1</f><v>2</v></c>'
                       '</row></sheetData><mergeCells><mergeCell ref="A2:B3"/></mergeCells></worksheet>')
    part = spreadsheet.sheet_part(archive, "Data")
    assert part == "xl/worksheets/data.xml"
    assert spreadsheet.scan_sheet(archive, part) == (["A2:B3"], [("A1", "B1*2")])
    assert spreadsheet.sheet_part(archive, "Other") is None
    assert spreadsheet.scan_sheet(archive, None) == ([], [])
