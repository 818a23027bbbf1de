"""X/Z slips and the monthly claim statement break pool pay down by benefit and disease (issue 11), reversals
netted; read back from the real PDFs with pdftotext."""
import datetime as dt

from desk.receipts.claim_pdf import render_claim
from desk.receipts.day_slip import render_day
from desk.reports.benefits import pool_by_benefit
from desk.reports.day import open_figures
from desk.reports.month import benefits_csv, claim_rows
from desk.store.identity import get_desk
from desk.store.settling import BillLine, reverse, settle_bill
from desk.store.users import add_user, login
from pdf_support import text
from test_store_benefits import AT, LIBRARY, make


def test_pool_pay_by_benefit_and_disease_on_the_x_slip_and_the_claim(tmp_path):
    db, admin, cashier = make(tmp_path, "changchun", 1, AT)
    # chronic 高血压: 16 × 25 = 400, deductible 200 shared, (400 − 200) × 0.70 = 140.00
    settle_bill(db, LIBRARY, cashier, "A1", [BillLine("XA01", 16)], AT, benefit="chronic", disease="I10")
    # ordinary: deductible met, 4 × 25 × 0.60 = 60.00
    settle_bill(db, LIBRARY, cashier, "A1", [BillLine("XA01", 4)], AT)
    # a second chronic bill, 100 × 0.70 = 70.00, reversed: nets to nothing
    again = settle_bill(db, LIBRARY, cashier, "A1", [BillLine("XA01", 4)], AT, benefit="chronic", disease="I10")
    add_user(db, admin, "sup1", "主管", "supervisor", "2222", AT)
    reverse(db, login(db, "sup1", "2222", AT), again.id, AT, "开错")
    rows = pool_by_benefit(db)
    assert [(r.benefit, r.key, r.count, str(r.pool)) for r in rows] == [
        ("ordinary", "", 1, "60.00"), ("chronic", "I10", 1, "140.00")]
    assert rows[1].label == "门诊慢性病 高血压（I10）"
    after, figures = open_figures(db)
    slip = text(render_day(get_desk(db), figures, "80mm", close=None, printed_at=AT, printed_by="主管",
                           benefits=pool_by_benefit(db, "s.seq > ?", (after,))), tmp_path, layout=False)
    assert "基金支付按待遇" in slip and "门诊慢性病 高血压（I10） 1笔" in slip and "140.00" in slip
    claim = text(render_claim(get_desk(db), "2023-05", claim_rows(db, "2023-05"), AT, benefits=rows), tmp_path,
                 layout=False)
    assert "基金支付按待遇及病种" in claim and "门诊慢性病 高血压（I10）" in claim
    assert benefits_csv(rows).splitlines()[2] == "chronic,I10,门诊慢性病 高血压（I10）,1,140.00"


def test_own_scheme_lines_have_their_row(tmp_path):
    at = dt.datetime(2024, 6, 1, 10, 0, tzinfo=AT.tzinfo)
    db, _, cashier = make(tmp_path, "chongqing", 3, at)
    # retired M003: ordinary (300 − 100) × 0.60 = 120.00; 两病 100 × 0.50 = 50.00
    settle_bill(db, LIBRARY, cashier, "A3", [BillLine("XA01", 12), BillLine("TD01", 1)], at)
    assert [(r.benefit, r.key, str(r.pool)) for r in pool_by_benefit(db)] == [
        ("ordinary", "", "120.00"), ("scheme", "two_diseases", "50.00")]
