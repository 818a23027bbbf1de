"""Per-line plausibility limits and price overrides (issue 12): refused in the core, approved by a supervisor."""
import json
from decimal import Decimal

import pytest

from desk.store.settling import BillLine, ImplausibleLine, PriceNeedsApproval, preview_bill, settle_bill


def count(db, table: str) -> int:
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.mark.parametrize("line, field", [(BillLine("FW01", Decimal("99999")), "quantity"),
                                         (BillLine("FW01", Decimal("1000")), "quantity"),
                                         (BillLine("ZC01", Decimal("200")), "amount")],  # 200 × 300.00 = 60,000.00
                         ids=["99999-consultations", "1000", "60000-yuan"])
def test_an_implausible_line_is_refused_before_anything_is_written(desk, line, field):
    before = count(desk.db, "settlements")
    with pytest.raises(ImplausibleLine) as refused:
        preview_bill(desk.db, desk.library, "M001", [BillLine("XA01"), line], desk.at)
    assert (refused.value.line, refused.value.field) == (2, field)
    with pytest.raises(ImplausibleLine):
        settle_bill(desk.db, desk.library, desk.cashier, "M001", [BillLine("XA01"), line], desk.at)
    assert count(desk.db, "settlements") == before


def test_the_largest_plausible_line_settles(desk):
    """999 is allowed; 166 × 300.00 = 49,800.00 is under the 50,000.00 line limit."""
    stored = settle_bill(desk.db, desk.library, desk.cashier, "M001",
                         [BillLine("FW01", Decimal("999")), BillLine("ZC01", Decimal("166"))], desk.at)
    assert stored.figures["total"] == Decimal("9990.00") + Decimal("49800.00")


def test_a_price_other_than_the_catalogs_needs_a_supervisor_and_is_audited(desk):
    lines = [BillLine("XA01", Decimal("2"), Decimal("20.00")), BillLine("FW01")]  # the catalog says 25.00
    with pytest.raises(PriceNeedsApproval) as refused:
        settle_bill(desk.db, desk.library, desk.cashier, "M001", lines, desk.at)
    assert (refused.value.line, refused.value.catalog, refused.value.price) == (1, Decimal("25.00"), Decimal("20.00"))
    with pytest.raises(PriceNeedsApproval):  # a cashier cannot approve their own change
        settle_bill(desk.db, desk.library, desk.cashier, "M001", lines, desk.at, price_approver=desk.cashier)
    assert count(desk.db, "settlements") == 0
    stored = settle_bill(desk.db, desk.library, desk.cashier, "M001", lines, desk.at, price_approver=desk.supervisor)
    assert stored.figures["total"] == Decimal("50.00")  # 2 × 20.00 + 10.00
    actor, detail = desk.db.execute("SELECT actor, detail FROM audit WHERE action = 'override_price'"
                                    " AND subject = ?", (stored.id,)).fetchone()
    assert actor == desk.supervisor.user_id
    assert json.loads(detail) == {"receipt": stored.receipt_no, "cashier": desk.cashier.user_id, "line": 1,
                                       "code": "XA01", "catalog_price": "25.00", "price": "20.00"}
    same = settle_bill(desk.db, desk.library, desk.cashier, "M001", [BillLine("XA01", Decimal("1"), Decimal("25.00"))],
                       desk.at)  # the catalog's own price, written out, needs nobody
    assert same.figures["total"] == Decimal("25.00")


def test_a_reversal_is_booked_to_the_tills_cashier_and_the_z_report_matches_the_drawer(desk):
    """The cashier took 2 × 25.00 + 10.00 in and paid one bill back; the supervisor only approved."""
    import datetime as dt

    from desk.reports.day import close_day
    from desk.store.settling import reverse

    first = settle_bill(desk.db, desk.library, desk.cashier, "M003", [BillLine("XA01", Decimal("2"))], desk.at)
    settle_bill(desk.db, desk.library, desk.cashier, "M003", [BillLine("FW01")], desk.at)
    back = reverse(desk.db, desk.supervisor, first.id, desk.at + dt.timedelta(minutes=1), "开错", cashier=desk.cashier)
    cashier, inputs = desk.db.execute("SELECT cashier, inputs FROM settlements WHERE id = ?", (back.id,)).fetchone()
    assert cashier == desk.cashier.user_id and json.loads(inputs)["approved_by"] == desk.supervisor.user_id
    actor, detail = desk.db.execute("SELECT actor, detail FROM audit WHERE action = 'reverse' AND subject = ?",
                                    (back.id,)).fetchone()
    assert actor == desk.supervisor.user_id and json.loads(detail)["cashier"] == desk.cashier.user_id
    z = close_day(desk.db, desk.supervisor, desk.at + dt.timedelta(hours=9))
    drawer = desk.db.execute("SELECT SUM(cash_pay_fen) FROM settlements").fetchone()[0]
    assert [(n, count) for n, count, _, _ in z.figures.by_cashier] == [(desk.cashier.name, 3)]
    assert z.figures.by_cashier[0][3] == Decimal(drawer) / 100
