"""Pool pay broken down by benefit and disease, for the X/Z slips and the monthly claim statement.

A bill's pool pay is its ordinary part (under the ordinary cap), its benefit's part (a certified
disease's, or the inpatient cap's for 门诊特殊疾病, 急诊抢救, 日间手术) and its own-scheme lines' (重庆 第六条);
the desk's ledgers keep each, and reversals carry them negated, so the sums net by themselves.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import sqlite_utils

from desk.domain import BENEFIT_LABELS, OWN_SCHEME_LABELS
from desk.money import from_fen


@dataclass(frozen=True)
class BenefitPool:
    benefit: str  # a benefit code, or "scheme" for an own scheme's lines
    key: str  # the disease code, the scheme, or ""
    label: str  # 门诊慢性病 高血压（I10）, 普通门诊, “两病”用药
    count: int  # net settlements (a reversal counts −1); 0 for own-scheme lines, which ride on other bills
    pool: Decimal


def pool_by_benefit(db: sqlite_utils.Database, where: str = "1", params: tuple = ()) -> list[BenefitPool]:
    """The pool pay of the settlements ``where`` selects (over ``settlements s``), by benefit and disease."""
    net = "SUM(CASE s.kind WHEN 'settlement' THEN 1 ELSE -1 END)"
    rows: list[BenefitPool] = []
    ordinary = db.execute(
        f"SELECT {net}, SUM(COALESCE(l.ordinary_pool_fen, l.pool_paid_fen)) FROM settlements s"
        f" JOIN usage_ledger l ON l.settlement_id = s.id WHERE s.benefit = 'ordinary' AND {where}", params).fetchone()
    if ordinary[0]:
        rows.append(BenefitPool("ordinary", "", BENEFIT_LABELS["ordinary"], ordinary[0], from_fen(ordinary[1] or 0)))
    for benefit, disease, name, count, pool in db.execute(
            f"SELECT s.benefit, COALESCE(s.disease, ''), MAX(json_extract(s.answer, '$.disease_name')), {net},"
            f" COALESCE(SUM((SELECT SUM(b.amount_fen) FROM benefit_usage_ledger b WHERE b.settlement_id = s.id"
            f"   AND b.kind IN ('disease', 'inpatient'))), 0)"
            f" FROM settlements s WHERE s.benefit <> 'ordinary' AND {where}"
            f" GROUP BY s.benefit, COALESCE(s.disease, '') ORDER BY s.benefit, 2", params):
        label = BENEFIT_LABELS.get(benefit, benefit) + (f" {name or ''}（{disease}）" if disease else "")
        rows.append(BenefitPool(benefit, disease, label, count, from_fen(pool)))
    for scheme, pool in db.execute(
            f"SELECT b.key, SUM(b.amount_fen) FROM settlements s JOIN benefit_usage_ledger b ON b.settlement_id = s.id"
            f" WHERE b.kind = 'scheme' AND {where} GROUP BY b.key ORDER BY b.key", params):
        rows.append(BenefitPool("scheme", scheme, OWN_SCHEME_LABELS.get(scheme, scheme), 0, from_fen(pool)))
    return rows


def beside_ordinary(rows: list[BenefitPool]) -> bool:
    """Whether the breakdown says more than "all of it was ordinary" (the slips print it only then)."""
    return any(r.benefit != "ordinary" for r in rows)
