"""The month's drug sales and returns in the national platform's fields (3505 商品销售, 3506 商品销售退货).

One record per settlement line of a drug, with its traceability codes (``drugtracinfo``), as JSON
Lines (the interface's shape: ``drugtracinfo`` an array of ``{drug_trac_codg}``) and as CSV (the
codes joined by ``;``), ready for the agency's upload. A reversal is a return (3506): its record
carries the original sale's batch, expiry and the codes it gave back.
"""
from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import sqlite_utils

from desk.money import from_fen, money_str
from desk.reports.month import month_range
from desk.store.pharmacy import lines_of
from desk.store.private_files import CsvWriter

DRUG_CATEGORIES = ("西药", "中成药", "中药饮片")
FIELDS = ("infno", "med_list_codg", "fixmedins_hilist_id", "fixmedins_hilist_name", "fixmedins_bchno", "setl_id",
          "init_setl_id", "psn_no", "psn_name", "rx_flag", "trdn_flag", "rtal_docno", "manu_lotnum", "expy_end",
          "finl_trns_pric", "sel_retn_cnt", "sel_retn_time", "sel_retn_opter_name", "mdtrt_setl_type",
          "prsc_no", "drugtracinfo")
SETTLED_BY_INSURANCE = "1"  # mdtrt_setl_type: 1 医保结算, 2 自费结算


def _count(quantity: str) -> str:
    """A quantity without exponent or sign ("1E+1" → "10"): sel_retn_cnt is positive for a return too."""
    value = abs(Decimal(quantity))
    return f"{value:f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:f}"


def drug_records(db: sqlite_utils.Database, month: str) -> list[dict]:
    first, after = month_range(month)
    records = []
    rows = db.execute(
        "SELECT s.id, s.kind, s.reverses, s.desk_number, s.receipt_no, s.at, s.member_id, m.name,"
        " COALESCE(u.name, s.cashier), i.line, i.code, i.name, i.fee_category, i.quantity, i.unit_price_fen,"
        " (SELECT p.number FROM prescriptions p WHERE p.settlement_id = COALESCE(s.reverses, s.id))"
        " FROM settlements s JOIN settlement_items i ON i.settlement_id = s.id"
        " JOIN members m ON m.member_id = s.member_id LEFT JOIN users u ON u.user_id = s.cashier"
        " WHERE s.day >= ? AND s.day < ? ORDER BY s.seq, i.line", (first.isoformat(), after.isoformat())).fetchall()
    drugs_by_settlement: dict[str, dict] = {}
    for (sid, kind, reverses, desk, receipt, at, psn, psn_name, cashier, line, code, name, category, quantity,
         price, rx_number) in rows:
        drugs = drugs_by_settlement.setdefault(sid, lines_of(db, sid))
        drug = drugs.get(line)
        if drug is None and category not in DRUG_CATEGORIES:
            continue
        records.append({
            "infno": "3506" if kind == "reversal" else "3505",
            "med_list_codg": code, "fixmedins_hilist_id": code, "fixmedins_hilist_name": name,
            "fixmedins_bchno": f"{desk}-{receipt}-{line}", "setl_id": sid, "init_setl_id": reverses or "",
            "psn_no": psn, "psn_name": psn_name,
            "rx_flag": "1" if drug and drug.rx_flag else "0", "trdn_flag": "1" if drug and drug.split else "0",
            "rtal_docno": f"{desk}-{receipt}", "manu_lotnum": drug.batch if drug else "",
            "expy_end": drug.expiry if drug else "", "finl_trns_pric": money_str(from_fen(price)),
            "sel_retn_cnt": _count(quantity),
            "sel_retn_time": dt.datetime.fromisoformat(at).strftime("%Y-%m-%d %H:%M:%S"),
            "sel_retn_opter_name": cashier, "mdtrt_setl_type": SETTLED_BY_INSURANCE, "prsc_no": rx_number or "",
            "drugtracinfo": [{"drug_trac_codg": c} for c, _ in drug.codes] if drug else []})
    return records


def drug_jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def drug_csv(records: list[dict]) -> str:
    out = io.StringIO()
    writer = CsvWriter(out)
    writer.writerow(FIELDS)
    for r in records:
        writer.writerow([";".join(t["drug_trac_codg"] for t in r[f]) if f == "drugtracinfo" else r[f] for f in FIELDS])
    return out.getvalue()
