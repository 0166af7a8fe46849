"""The results template offers the grades of its own edition, and an unknown grade is
the engine's finding against that edition's bands, not a list kept in the template."""

import io

from openpyxl import load_workbook

from prongsai.importers.results_import import import_results
from prongsai.importers.results_template import write_template_xlsx


def test_grade_list_and_an_unknown_grade(registry):
    framework = registry.get("nacc-2566")
    workbook = load_workbook(io.BytesIO(write_template_xlsx(framework)))
    sheet = workbook["ตัวชี้วัด"]
    lists = [v.formula1 for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert '"AA,A,B,C,D,E,F"' in lists
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    rows["1"][2].value = 90
    rows["grade"][2].value = "z"
    buffer = io.BytesIO()
    workbook.save(buffer)
    imported = import_results(buffer.getvalue(), "filled.xlsx", registry)
    assert imported.document["reported"]["grade"] == "Z"
    unknown = [w for w in imported.warnings if w.code == "UNKNOWN_GRADE"]
    assert unknown and "AA, A, B, C, D, E, F" in unknown[0].message
