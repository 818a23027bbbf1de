"""The pharmacy's part of a receipt: the traceability codes under each drug line, batch and expiry,
无码 marked, and the external prescription the bill was settled on.

Since 2026 a retail pharmacy prints every code it sold on the customer's 购药小票, so the codes are
packed several to a row (as many as the paper's width holds) rather than one a line.
"""
from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from desk.prescription import Prescription
from desk.receipts.layout import Slip
from desk.store.pharmacy import LineCodes

LEVELS = {0: "一级以下", 1: "一级", 2: "二级", 3: "三级"}
GAP = "  "
SCALE = 0.85


def _units(units: tuple[int, ...]) -> str:
    return str(units[0]) if len(units) == 1 else f"{units[0]}-{units[-1]}" if units == tuple(
        range(units[0], units[-1] + 1)) else ",".join(map(str, units))


def code_rows(slip: Slip, codes: list[str], indent: str = "  ") -> list[str]:
    """Codes packed into rows no wider than the paper; a code is never broken."""
    size = slip.size * SCALE
    rows, current = [], ""
    for code in codes:
        candidate = f"{current}{GAP}{code}" if current else f"{indent}{code}"
        if current and stringWidth(candidate, slip.font, size) > slip.width:
            rows.append(current)
            candidate = f"{indent}{code}"
        current = candidate
    if current:
        rows.append(current)
    return rows


def drug_line(slip: Slip, drug: LineCodes | None, units_per_box: int | None = None) -> None:
    """What goes under one item line of the receipt."""
    if drug is None:
        return
    notes = []
    if drug.batch:
        notes.append(f"批号 {drug.batch}")
    if drug.expiry:
        notes.append(f"有效期至 {drug.expiry}")
    if notes:
        slip.text("  " + "  ".join(notes), SCALE)
    if drug.no_code_reason:
        slip.text(f"  【无码】{drug.no_code_reason}", SCALE)
        return
    if not drug.codes:
        return
    label = "  追溯码" + (f"（拆零，取自{len(drug.codes)}盒）" if drug.split else f"（{len(drug.codes)}盒）")
    slip.text(label, SCALE)
    shown = [f"{code}[{_units(units)}]" if drug.split else code for code, units in drug.codes]
    for row in code_rows(slip, shown):
        slip.text(row, SCALE)


def prescription_block(slip: Slip, p: Prescription | None) -> None:
    if p is None:
        return
    slip.text("外配处方", 1.0)
    slip.pair("处方编号", p.number)
    slip.text(f"开方机构 {p.institution_name}", 0.95)
    slip.pair("机构编码", f"{p.institution_code}（{LEVELS.get(p.institution_level, '')}）")
    slip.pair("开方医师", p.doctor)
    slip.text(f"诊断 {p.diagnosis_code} {p.diagnosis_name}", 0.95)
    slip.pair("开具日期", f"{p.written_on.isoformat()}（有效{p.valid_days}天）")
    slip.rule()
