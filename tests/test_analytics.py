"""Supervision indicators: worked by hand on a small 濮阳 desk, and recomputed item by item on a demo desk.

The hand-built month (March 2023, a level-2 hospital: 30 元 per-visit deductible shared within a day,
60% for the employed, 70% for retirees, caps 1,500 / 2,000):

  s1 M001 03-01 09:00  诊查 10 + 检查 100     total 110  in scope 110  deductible 30  pool 48.00  account 62
  s2 M001 03-01 10:00  西药 XA01 25            total  25  deductible met today     pool 15.00  account 10
  s3 M001 03-01 11:00  化验 50                 total  50                           pool 30.00  account 20
  s4 M002 03-02 22:30  中成药 丙类 300          total 300  全自费 300   pool 0   account 50 (all she has), cash 250
  s5 M003 03-03 08:00  西药 XA01 25            deductible 25, pool 0, account 25 — reversed the same day 10:00
  s6 M003 03-05 09:00  乙类 XB01 40 (10%)      先行自付 4, in scope 36, deductible 30, pool 0.7 × 6 = 4.20
  s7 M003 03-06 09:00  西药 XA01 25            deductible 25, pool 0, account 25: an account-only purchase
and in February one visit: M001 XA01 25 (the previous period: total 25, one visit).
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from desk.analytics import Selection, supervise
from desk.analytics.period import PeriodError, parse_period
from desk.analytics.thresholds import ThresholdError, load_thresholds, thresholds_from
from desk.store.settling import BillLine, reverse, settle_bill
from store_support import CATALOG, CATALOG_HEADER, CST, make_desk, write_csv
from desk.store.catalog import import_catalog

D = Decimal
MARCH = parse_period("2023-03")


def at(month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2023, month, day, hour, minute, tzinfo=CST)


@pytest.fixture(scope="module")
def march(tmp_path_factory):
    folder = tmp_path_factory.mktemp("analytics")
    desk = make_desk(folder)
    rows = CATALOG + [["JC01", "彩色多普勒超声", "", "次", "A", "0", "100.00", "检查"],
                      ["HY01", "血常规", "", "次", "A", "0", "50.00", "化验"]]
    import_catalog(desk.db, desk.admin, write_csv(folder / "more.csv", CATALOG_HEADER, rows), desk.at)
    db, lib, cashier = desk.db, desk.library, desk.cashier
    settle_bill(db, lib, cashier, "M001", [BillLine("XA01")], at(2, 10, 10))
    s = {}
    s[1] = settle_bill(db, lib, cashier, "M001", [BillLine("FW01"), BillLine("JC01")], at(3, 1, 9))
    s[2] = settle_bill(db, lib, cashier, "M001", [BillLine("XA01")], at(3, 1, 10))
    s[3] = settle_bill(db, lib, cashier, "M001", [BillLine("HY01")], at(3, 1, 11))
    s[4] = settle_bill(db, lib, cashier, "M002", [BillLine("ZC01")], at(3, 2, 22, 30))
    s[5] = settle_bill(db, lib, cashier, "M003", [BillLine("XA01")], at(3, 3, 8))
    s["r5"] = reverse(db, desk.supervisor, s[5].id, at(3, 3, 10), "退费")
    s[6] = settle_bill(db, lib, cashier, "M003", [BillLine("XB01")], at(3, 5, 9))
    s[7] = settle_bill(db, lib, cashier, "M003", [BillLine("XA01")], at(3, 6, 9))
    return desk, s


def test_the_settlements_are_the_ones_worked_by_hand(march):
    _, s = march
    assert [s[n].figures["pool_pay"] for n in range(1, 8)] == [D("48.00"), D("15.00"), D("30.00"), D("0.00"),
                                                              D("0.00"), D("4.20"), D("0.00")]
    assert (s[4].figures["account_pay"], s[4].figures["cash_pay"]) == (D("50.00"), D("250.00"))


def test_each_indicator_of_the_hand_built_month(march):
    desk, s = march
    result = supervise(desk.db, Selection(MARCH), library=desk.library)
    value = {i.key: i.value for i in result.indicators}
    assert value["visits"] == 6  # seven settlements, one reversed
    assert value["members"] == 3
    assert value["total"] == D("550.00")
    assert value["avg_cost"] == D("91.67")  # 550 / 6
    assert value["growth"] == D("21.0000")  # (550 − 25) / 25
    assert value["avg_cost_growth"] == D("2.6668")  # (91.67 − 25) / 25
    assert value["self_pay_share"] == D("0.5455")  # 300 / 550
    assert value["exam_share"] == D("0.1818")  # 100 / 550
    assert value["lab_share"] == D("0.0909")  # 50 / 550
    assert value["drug_share"] == D("0.7091")  # (西药 90 + 中成药 300) / 550
    assert value["pool_share"] == D("0.1767")  # 97.20 / 550
    assert value["pool_per_member"] == D("32.40")  # 97.20 / 3
    assert value["visits_per_member_day"] == D("1.50")  # 6 visits over M001 03-01, M002 03-02, M003 03-05, 03-06
    assert value["visits_per_member_month"] == D("2.00")
    assert value["account_only"] == 1  # s7; s5 was reversed
    assert value["excluded_cash"] == 1
    assert value["off_hours"] == 1  # s4 at 22:30
    assert result.totals.pool_pay == D("97.20")
    assert dict(result.fee_structure) == {"诊查": D("10.00"), "检查": D("100.00"), "西药": D("90.00"),
                                          "化验": D("50.00"), "中成药": D("300.00")}
    hours = [0] * 24
    hours[8], hours[9], hours[10], hours[11], hours[22] = 1, 3, 0, 1, 1  # s2 at 10 and the reversal at 10 net out
    assert list(result.hours) == hours
    assert [(i.code, i.pool_pay) for i in result.top_items] == [
        ("JC01", D("43.63")), ("HY01", D("30.00")), ("XA01", D("15.00")), ("FW01", D("4.36")), ("XB01", D("4.20"))]
    assert [(d.day, d.visits, d.total, d.pool_pay, d.account_pay, d.cash_pay) for d in result.daily][:2] == [
        ("2023-03-01", 3, D("185.00"), D("93.00"), D("92.00"), D("0.00")),
        ("2023-03-02", 1, D("300.00"), D("0.00"), D("50.00"), D("250.00"))]
    assert all(i.article for i in result.indicators)
    assert result.indicator("self_pay_share").article.startswith("南昌（五）")


def test_default_thresholds_raise_the_alerts_they_should_and_list_the_settlements(march):
    desk, s = march
    result = supervise(desk.db, Selection(MARCH), library=desk.library)
    alerts = {(a.key, a.member_id): a for a in result.alerts}
    assert set(alerts) == {("growth", None), ("avg_cost_growth", None), ("self_pay_share", None),
                           ("visits_per_member_day", "M001"), ("off_hours", None)}
    assert [r.id for r in alerts["visits_per_member_day", "M001"].settlements] == [s[1].id, s[2].id, s[3].id]
    assert alerts["visits_per_member_day", "M001"].when == "2023-03-01"
    assert [r.id for r in alerts["off_hours", None].settlements] == [s[4].id]
    assert [r.id for r in alerts["self_pay_share", None].settlements] == [s[4].id]
    growth = alerts["growth", None]
    assert growth.count == 6 and s[5].id not in {r.id for r in growth.settlements}  # a reversed one is not behind it


def test_tightened_thresholds_raise_every_other_alert(march):
    desk, s = march
    tight = thresholds_from({"avg_cost_max": "90", "exam_share_max": 0.1, "lab_share_max": 0.05, "account_only_max": 0,
                             "excluded_cash_max": 200, "near_cap_share": 0.05, "visits_per_month_max": 2})
    result = supervise(desk.db, Selection(MARCH), tight, desk.library)
    alerts = {(a.key, a.member_id): a for a in result.alerts}
    assert [r.id for r in alerts["avg_cost", None].settlements] == [s[4].id, s[1].id]  # bills above 90, largest first
    assert [r.id for r in alerts["exam_share", None].settlements] == [s[1].id]
    assert [r.id for r in alerts["lab_share", None].settlements] == [s[3].id]
    assert [r.id for r in alerts["account_only", "M003"].settlements] == [s[7].id]
    assert alerts["excluded_cash", "M002"].value == D("300.00")
    assert alerts["visits_per_member_month", "M001"].value == 3
    assert ("visits_per_member_month", "M003") not in alerts  # 2 net visits: not more than 2
    near = alerts["near_cap", "M001"]  # 93.00 of 1,500 this year
    assert near.value == D("0.0620")
    assert {r.id for r in near.settlements} == {s[1].id, s[2].id, s[3].id} | {
        r.id for r in near.settlements if r.day.startswith("2023-02")}
    assert ("near_cap", "M003") not in alerts  # 4.20 of 2,000
    loose = thresholds_from({"avg_cost_max": "91.67", "growth_max": 21, "avg_cost_growth_max": "2.6668",
                             "self_pay_share_max": "0.5455", "visits_per_day_max": 3, "open_from": 0, "open_until": 24})
    assert supervise(desk.db, Selection(MARCH), loose, desk.library).alerts == ()  # at a threshold is not above it


def test_a_counter_selection_and_an_empty_period(march):
    desk, _ = march
    assert supervise(desk.db, Selection(MARCH, desk_number="02")).totals.visits == 0
    empty = supervise(desk.db, Selection(parse_period("2023-05")))
    assert empty.indicator("avg_cost").value is None and empty.indicator("growth").value is None
    assert empty.alerts == ()


def test_indicators_equal_a_recomputation_from_every_stored_settlement_of_a_demo_desk(tmp_path, library):
    from desk.store.database import open_db
    from desk.demo_desk import build_demo
    from desk.store.settling import find_settlement

    db = open_db(tmp_path / "demo.sqlite")
    build_demo(db, library, "puyang", members=300, now=dt.datetime(2026, 7, 20, 12, tzinfo=CST))
    from desk.store.users import login

    supervisor = login(db, "super", "8888", dt.datetime(2026, 7, 20, 12, tzinfo=CST))
    first = [r[0] for r in db.execute("SELECT id FROM settlements WHERE day LIKE '2026-05-%' ORDER BY seq LIMIT 3")]
    for n, sid in enumerate(first):  # reversed in May (netted in May) and in June (netted in June)
        reverse(db, supervisor, sid, dt.datetime(2026, 5 + n % 2, 28, 15, tzinfo=CST), "退费")
    ids = [r[0] for r in db.execute("SELECT id FROM settlements WHERE day LIKE '2026-05-%'")]
    assert len(ids) > 20
    stored = [find_settlement(db, i) for i in ids]
    assert sum(x.kind == "reversal" for x in stored) == 2
    result = supervise(db, Selection(parse_period("2026-05")), library=library)
    sign = {"settlement": 1, "reversal": -1}
    total = sum((x.figures["total"] for x in stored), D(0))
    visits = sum(sign[x.kind] for x in stored)
    assert result.totals.visits == visits and result.totals.total == total
    assert result.totals.pool_pay == sum((x.figures["pool_pay"] for x in stored), D(0))
    structure: dict[str, D] = {}
    for x in stored:
        for item in x.items:
            structure[item["fee_category"]] = structure.get(item["fee_category"], D(0)) + D(item["amount_fen"]) / 100
    assert dict(result.fee_structure) == {k: v for k, v in structure.items() if v}
    exam = structure.get("检查", D(0))
    assert result.indicator("exam_share").value == (exam / total).quantize(D("0.0001"))
    hours = [0] * 24
    for x in stored:
        hours[dt.datetime.fromisoformat(x.at).astimezone(CST).hour] += sign[x.kind]
    assert list(result.hours) == hours
    per_day: dict[tuple[str, str], int] = {}
    for x in stored:
        per_day[x.member_id, x.day] = per_day.get((x.member_id, x.day), 0) + sign[x.kind]
    assert result.member_days == sum(1 for n in per_day.values() if n > 0)
    per_member: dict[str, int] = {}
    for (member, _), n in per_day.items():
        per_member[member] = per_member.get(member, 0) + n
    assert result.totals.members == sum(1 for n in per_member.values() if n > 0)


def test_threshold_files_are_checked_key_by_key(tmp_path):
    good = tmp_path / "ok.toml"
    good.write_text('[supervision]\navg_cost_max = "150.00"\nexam_share_max = 0.25\nvisits_per_day_max = 3\n',
                    encoding="utf-8")
    loaded = load_thresholds(good)
    assert (loaded.avg_cost_max, loaded.exam_share_max, loaded.visits_per_day_max) == (D("150.00"), D("0.2500"), 3)
    assert loaded.lab_share_max == D("0.30")  # the default stays
    for body, message in (('exam_share_max = 1.5', "supervision.exam_share_max: 1.5 is not a share between 0 and 1"),
                          ('avg_cost_max = "12.345"', "supervision.avg_cost_max: '12.345' has more than two decimals"),
                          ('visits_per_day_max = -1', "supervision.visits_per_day_max: -1 is not a whole number"),
                          ('open_from = 22', "supervision.open_from: 22 is not before open_until 21"),
                          ('exam_ratio = 0.2', "supervision.exam_ratio: not a threshold")):
        bad = tmp_path / "bad.toml"
        bad.write_text(f"[supervision]\n{body}\n", encoding="utf-8")
        with pytest.raises(ThresholdError, match=message.replace("(", r"\(").replace(")", r"\)")):
            load_thresholds(bad)


def test_periods():
    assert parse_period("2023-01").previous() == parse_period("2022-12")
    assert parse_period("2023-03-01..2023-03-10").previous() == parse_period("2023-02-19..2023-02-28")
    assert parse_period("2024").days == 366
    for bad in ("2023-13", "March", "2023-03-10..2023-03-01"):
        with pytest.raises(PeriodError):
            parse_period(bad)


def test_the_supervision_pdf_has_a_page_of_figures_with_articles_and_a_page_of_alerts(march, tmp_path):
    from desk.receipts.supervision_pdf import render_supervision
    from desk.store.identity import get_desk
    from pdf_support import fonts, text

    desk, s = march
    result = supervise(desk.db, Selection(MARCH), library=desk.library)
    pdf = render_supervision(get_desk(desk.db), result, at(4, 1, 9))
    pages = text(pdf, tmp_path).split("\f")
    figures, alerts = pages[0], pages[1]
    line = next(ln for ln in figures.splitlines() if ln.strip().startswith("次均费用 "))
    assert "91.67" in line and "南昌（五）（次均费用高）" in line
    assert "54.55%" in next(ln for ln in figures.splitlines() if ln.strip().startswith("患者自费比例"))
    assert "18.18%" in next(ln for ln in figures.splitlines() if ln.strip().startswith("检查费用占比"))
    for title in ("每日费用", "费用结构", "各时段就诊人次", "次均费用走势"):  # the charts' own titles
        assert title in figures
    assert "预警 2023-03（5 条）" in alerts
    assert "参保人 M001 于 2023-03-01 就诊 3 次，多于 2 次" in alerts
    receipts = f"01-{s[1].receipt_no}、01-{s[2].receipt_no}、01-{s[3].receipt_no}"
    assert receipts in alerts.replace("\n", "").replace(" ", "")
    assert all(embedded == "yes" for _, embedded in fonts(pdf, tmp_path))


def test_desk_report_month_writes_the_supervision_report_and_the_claim_names_it(march, tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    from pdf_support import text

    desk, _ = march
    cli = str(Path(sys.executable).parent / "desk")
    env = {**os.environ, "DESK_DB": str(desk.path)}
    done = subprocess.run([cli, "report", "month", "2023-03", "--out-dir", str(tmp_path)], capture_output=True,
                          text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    claim = text((tmp_path / "claim-2023-03.pdf").read_bytes(), tmp_path)
    assert "监测报告 supervision-2023-03.pdf" in claim.replace("\n", "")
    assert "门诊费用监测报告 2023-03" in text((tmp_path / "supervision-2023-03.pdf").read_bytes(), tmp_path)
    bad = tmp_path / "bad.toml"
    bad.write_text("[supervision]\nlab_share_max = -1\n", encoding="utf-8")
    done = subprocess.run([cli, "report", "supervision", "2023-03", "--thresholds", str(bad), "--out",
                           str(tmp_path / "s.pdf")], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "supervision.lab_share_max" in done.stderr
    assert not (tmp_path / "s.pdf").exists()


def test_hours_are_china_standard_time_whatever_offset_a_settlement_was_written_with(tmp_path):
    desk = make_desk(tmp_path)
    utc = dt.timezone.utc
    morning = settle_bill(desk.db, desk.library, desk.cashier, "M001", [BillLine("XA01")],
                          dt.datetime(2023, 3, 7, 1, 0, tzinfo=utc))  # 09:00 in Beijing
    night = settle_bill(desk.db, desk.library, desk.cashier, "M002", [BillLine("XA01")],
                        dt.datetime(2023, 3, 7, 14, 30, tzinfo=utc))  # 22:30 in Beijing: off-hours
    settle_bill(desk.db, desk.library, desk.cashier, "M003", [BillLine("XA01")], at(3, 8, 23))  # CST, off-hours
    result = supervise(desk.db, Selection(MARCH))
    assert (result.hours[9], result.hours[22], result.hours[23], result.hours[1], result.hours[14]) == (1, 1, 1, 0, 0)
    off = next(a for a in result.alerts if a.key == "off_hours")
    assert off.value == 2 and off.count == 2 and night.id in {r.id for r in off.settlements}
    assert morning.id not in {r.id for r in off.settlements}
