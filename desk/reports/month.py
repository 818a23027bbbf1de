"""The monthly claim statement: what the institution fronted for the pooled funds, day by day.

The institution books the pooled part of each bill and settles monthly with the agency (濮阳
第十九条), so the statement sums each day's settlements with reversals netted (a reversal counts
−1 and carries negative figures), as CSV and PDF from the same rows; and the month's settlements
are exported with the national platform's setlinfo field names.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from decimal import Decimal

import sqlite_utils

from desk.money import from_fen
from desk.store.database import StoreError
from desk.store.private_files import CsvWriter

COLUMNS = ("total", "in_scope", "hifp_pay", "hifob_pay", "pool_pay", "account_pay", "cash_pay")
HEADINGS = {"day": "日期", "count": "净结算笔数", "total": "医疗费总额", "in_scope": "政策范围内",
            "hifp_pay": "统筹基金", "hifob_pay": "大额互助", "pool_pay": "基金支付合计", "account_pay": "个人账户",
            "cash_pay": "现金"}


@dataclass(frozen=True)
class ClaimRow:
    day: str  # YYYY-MM-DD, or "合计" for the total
    count: int
    sums: dict[str, Decimal]


def month_range(month: str) -> tuple[dt.date, dt.date]:
    if not re.fullmatch(r"\d{4}-\d{2}", month or ""):
        raise StoreError(f"month: {month!r} is not YYYY-MM")
    try:
        first = dt.date.fromisoformat(f"{month}-01")
    except ValueError:
        raise StoreError(f"month: {month!r} is not a month") from None
    after = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first, after


def claim_rows(db: sqlite_utils.Database, month: str) -> list[ClaimRow]:
    """One row per day with settlements, then the month's total (the same SQL sums, so they agree)."""
    first, after = month_range(month)
    sums = ", ".join(f"SUM({c}_fen)" for c in COLUMNS)
    query = (f"SELECT {{key}}, SUM(CASE kind WHEN 'settlement' THEN 1 ELSE -1 END), {sums} FROM settlements"
             f" WHERE day >= ? AND day < ? {{group}}")
    params = (first.isoformat(), after.isoformat())
    rows = [ClaimRow(day, count, {c: from_fen(v) for c, v in zip(COLUMNS, values)})
            for day, count, *values in db.execute(query.format(key="day", group="GROUP BY day ORDER BY day"), params)]
    total = db.execute(query.format(key="'合计'", group=""), params).fetchone()
    rows.append(ClaimRow("合计", total[1] or 0, {c: from_fen(v or 0) for c, v in zip(COLUMNS, total[2:])}))
    return rows


def claim_csv(rows: list[ClaimRow]) -> str:
    out = io.StringIO()
    writer = CsvWriter(out)
    writer.writerow([HEADINGS["day"], HEADINGS["count"], *(HEADINGS[c] for c in COLUMNS)])
    for row in rows:
        writer.writerow([row.day, row.count, *(str(row.sums[c]) for c in COLUMNS)])
    return out.getvalue()


# The national 医保信息平台 setlinfo fields, in the order of the 2207 settlement answer.
SETLINFO = ("setl_id", "medins_setl_id", "fixmedins_code", "psn_no", "psn_name", "certno", "insutype", "med_type",
            "setl_time", "refd_setl_flag", "init_setl_id", "medfee_sumamt", "fulamt_ownpay_amt", "overlmt_selfpay",
            "preselfpay_amt", "inscp_scp_amt", "act_pay_dedc", "hifp_pay", "pool_prop_selfpay", "hifob_pay",
            "fund_pay_sumamt", "psn_part_amt", "acct_pay", "psn_cash_pay", "balc", "acct_mulaid_pay", "policy_version")


def setlinfo_csv(db: sqlite_utils.Database, month: str) -> str:
    """Every settlement and reversal of the month, one line each, in setlinfo field names."""
    first, after = month_range(month)
    out = io.StringIO()
    writer = CsvWriter(out)
    writer.writerow(SETLINFO)
    for row in db.execute(
            "SELECT s.id, s.desk_number || '-' || s.receipt_no, s.institution_code, s.member_id, m.name, m.id_number,"
            " s.at, s.kind, s.reverses, s.total_fen, s.full_self_pay_fen, s.over_cap_fen, s.pre_self_pay_fen,"
            " s.in_scope_fen, s.deductible_fen, s.hifp_pay_fen, s.ratio, s.hifob_pay_fen, s.pool_pay_fen,"
            " s.self_pay_fen, s.account_pay_fen, s.cash_pay_fen, s.balance_after_fen, s.payer_id, s.policy_version"
            " FROM settlements s JOIN members m ON m.member_id = s.member_id"
            " WHERE s.day >= ? AND s.day < ? ORDER BY s.seq", (first.isoformat(), after.isoformat())):
        (sid, medins, inst, psn, name, certno, at, kind, reverses, total, full, over, pre, in_scope, ded, hifp, ratio,
         hifob, pool, self_pay, acct, cash, balc, payer, version) = row
        mulaid = acct if payer and payer != psn else 0
        writer.writerow([
            sid, medins, inst, psn, name, certno, "310", "11", at, "1" if kind == "reversal" else "0", reverses or "",
            *map(from_fen, (total, full, over, pre, in_scope, ded, hifp)),
            str((1 - Decimal(ratio)).quantize(Decimal("0.0001"))),
            *map(from_fen, (hifob, pool, self_pay, acct, cash, balc, mulaid)), version])
    return out.getvalue()


def overruns_csv(overruns: list) -> str:
    """The hub's overruns of the month, for the claim: the agency may refuse these amounts."""
    out = io.StringIO()
    writer = CsvWriter(out)
    writer.writerow(["day", "member_id", "kind", "amount", "limit", "total_after", "settlement_id", "settlements",
                     "disease", "disease_name"])
    for o in overruns:  # disease: the disease (or benefit) of a disease_cap or inpatient_cap overrun
        writer.writerow([o.day, o.member_id, o.kind, o.amount, o.limit, o.total_after, o.settlement_id,
                         ";".join(o.settlements), getattr(o, "key", ""), getattr(o, "key_name", "")])
    return out.getvalue()


def benefits_csv(rows: list) -> str:
    """Pool pay by benefit and disease for the month (desk/reports/benefits.py), beside the claim."""
    out = io.StringIO()
    writer = CsvWriter(out)
    writer.writerow(["benefit", "key", "label", "count", "pool_pay"])
    for r in rows:
        writer.writerow([r.benefit, r.key, r.label, r.count, str(r.pool)])
    return out.getvalue()
