"""Settling and reversing on a real desk database, in every settling place."""
import datetime as dt
from decimal import Decimal

import pytest

from desk.store.check import check
from desk.store.database import StoreError
from desk.store.roster import get_member
from desk.store.settling import BillLine, find_by_receipt, reverse, settle_bill
from desk.store.usage import usage_for
from store_support import SITES, make_desk, table_dump

BILL = [BillLine("XA01", Decimal("4")), BillLine("XB01"), BillLine("ZC01")]  # 100 A, 40 B (10 %), 300 C


def _state(desk, member_id="M001"):
    at = desk.at
    usage = usage_for(desk.db, member_id, at.year, at.date(), "H-001")
    return usage, get_member(desk.db, member_id).account_balance_fen


@pytest.mark.parametrize("place", sorted(SITES))
def test_settle_reverse_settle_gives_the_same_split_and_restores_usage_and_account(tmp_path, place):
    desk = make_desk(tmp_path, place)
    usage0, balance0 = _state(desk)
    first = settle_bill(desk.db, desk.library, desk.cashier, "A10000001", BILL, desk.at)
    assert first.receipt_no == 1 and first.figures["total"] == Decimal("440.00")
    assert first.figures["full_self_pay"] == Decimal("300.00") and first.figures["pre_self_pay"] == Decimal("4.00")
    usage1, balance1 = _state(desk)
    assert usage1.ordinary_pool_paid == usage0.ordinary_pool_paid + first.figures["pool_pay"]
    assert balance1 == balance0 - int(first.figures["account_pay"] * 100)
    assert first.figures["account_pay"] == Decimal("440.00") - first.figures["pool_pay"]  # 500 in the account
    back = reverse(desk.db, desk.supervisor, first.id, desk.at + dt.timedelta(minutes=5), "开错药品")
    assert back.kind == "reversal" and back.reverses == first.id and back.receipt_no == 2
    assert {k: -v for k, v in first.figures.items()} == back.figures
    assert _state(desk) == (usage0, balance0)
    again = settle_bill(desk.db, desk.library, desk.cashier, "A10000001", BILL, desk.at + dt.timedelta(minutes=10))
    assert again.figures == first.figures and again.receipt_no == 3
    assert _state(desk) == (usage1, balance1)
    assert check(desk.db).ok


def test_the_stored_answer_is_the_engines_with_its_explanation(tmp_path):
    desk = make_desk(tmp_path, "puyang")
    settled = settle_bill(desk.db, desk.library, desk.cashier, "A10000001", BILL, desk.at)
    assert settled.answer["policy_version"] == "puyang@2022-07-01"
    assert settled.answer["pool_pay"] == str(settled.figures["pool_pay"])
    assert [s["step"] for s in settled.answer["explain"]][:3] == ["full_self_pay", "pre_self_pay", "deductible"]
    assert all(s["source"].startswith("濮阳 ") for s in settled.answer["explain"])


def test_puyang_same_day_visits_at_this_institution_share_one_deductible(tmp_path):
    desk = make_desk(tmp_path, "puyang")
    first = settle_bill(desk.db, desk.library, desk.cashier, "A10000002", [BillLine("FW01", Decimal("2"))], desk.at,
                        use_account=False)
    assert first.figures["deductible"] == Decimal("20.00")
    second = settle_bill(desk.db, desk.library, desk.cashier, "A10000002", [BillLine("XA01")],
                         desk.at + dt.timedelta(hours=3), use_account=False)
    assert second.figures["deductible"] == Decimal("10.00")
    tomorrow = settle_bill(desk.db, desk.library, desk.cashier, "A10000002", [BillLine("XA01")],
                           desk.at + dt.timedelta(days=1), use_account=False)
    assert tomorrow.figures["deductible"] == Decimal("25.00")


def test_a_linked_family_members_account_pays_and_an_unlinked_one_is_refused(tmp_path):
    desk = make_desk(tmp_path, "puyang")
    paid = settle_bill(desk.db, desk.library, desk.cashier, "A10000002", [BillLine("ZC01")], desk.at, payer_id="M001")
    assert paid.payer_id == "M001" and paid.figures["account_pay"] == Decimal("300.00")
    assert get_member(desk.db, "M001").account_balance_fen == 20000
    assert get_member(desk.db, "M002").account_balance_fen == 5000
    with pytest.raises(StoreError, match="payer: M003 is not linked to M002"):
        settle_bill(desk.db, desk.library, desk.cashier, "A10000002", [BillLine("ZC01")], desk.at, payer_id="M003")
    back = reverse(desk.db, desk.supervisor, paid.id, desk.at, "退药")
    assert back.payer_id == "M001" and get_member(desk.db, "M001").account_balance_fen == 50000


def test_a_settlement_id_settles_once(tmp_path):
    desk = make_desk(tmp_path, "chongqing")
    sid = "7d1c7a56-4a0e-4a8b-9c4e-111111111111"
    one = settle_bill(desk.db, desk.library, desk.cashier, "M003", BILL, desk.at, settlement_id=sid)
    two = settle_bill(desk.db, desk.library, desk.cashier, "M003", BILL, desk.at, settlement_id=sid)
    assert one == two
    assert desk.db.execute("SELECT count(*) FROM settlements").fetchone()[0] == 1


def test_reversal_refused_twice_for_a_reversal_and_for_another_desks_settlement(tmp_path):
    desk = make_desk(tmp_path, "nanchang")
    settled = settle_bill(desk.db, desk.library, desk.cashier, "M001", BILL, desk.at)
    back = reverse(desk.db, desk.supervisor, settled.id, desk.at, "重复收费")
    with pytest.raises(StoreError, match="already reversed by receipt 2"):
        reverse(desk.db, desk.supervisor, settled.id, desk.at, "again")
    with pytest.raises(StoreError, match="is itself a reversal"):
        reverse(desk.db, desk.supervisor, back.id, desk.at, "again")
    # A settlement another desk uploaded (as sync will bring them) may only be reversed there.
    _copy_as_other_desk(desk.db, settled.id, "other-desk-settlement", "02")
    with pytest.raises(StoreError, match="was made at desk 02; only that desk may reverse it"):
        reverse(desk.db, desk.supervisor, "other-desk-settlement", desk.at, "not ours")
    before = table_dump(desk.db)
    with pytest.raises(StoreError, match="reason: a reversal needs a reason"):
        reverse(desk.db, desk.supervisor, settled.id, desk.at, "  ")
    assert table_dump(desk.db) == before


def _copy_as_other_desk(db, settlement_id, new_id, desk_number):
    columns = [r[1] for r in db.execute("PRAGMA table_info(settlements)") if r[1] not in ("seq", "id", "desk_number")]
    db.execute(f"INSERT INTO settlements (id, desk_number, {', '.join(columns)})"
               f" SELECT ?, ?, {', '.join(columns)} FROM settlements WHERE id = ?", (new_id, desk_number, settlement_id))


def test_refusals_write_nothing_and_leave_no_receipt_gap(tmp_path):
    desk = make_desk(tmp_path, "jilin")
    before = table_dump(desk.db)
    with pytest.raises(StoreError, match="retiree_addition"):
        settle_bill(desk.db, desk.library, desk.cashier, "A10000003", BILL, desk.at)  # 吉林 template: no retiree tilt
    with pytest.raises(StoreError, match="member: no member"):
        settle_bill(desk.db, desk.library, desk.cashier, "NOBODY", BILL, desk.at)
    with pytest.raises(StoreError, match="bill: has no items"):
        settle_bill(desk.db, desk.library, desk.cashier, "M001", [], desk.at)
    with pytest.raises(StoreError, match="item code: 'NOPE' is not in the catalog"):
        settle_bill(desk.db, desk.library, desk.cashier, "M001", [BillLine("NOPE")], desk.at)
    with pytest.raises(StoreError, match="line 1 quantity"):
        settle_bill(desk.db, desk.library, desk.cashier, "M001", [BillLine("XA01", Decimal("-1"))], desk.at)
    with pytest.raises(StoreError, match="no policy in force for jilin on 2022-08-29"):
        settle_bill(desk.db, desk.library, desk.cashier, "M001", BILL, dt.datetime.fromisoformat("2022-08-29T10:00+08:00"))
    assert table_dump(desk.db) == before
    ok = settle_bill(desk.db, desk.library, desk.cashier, "M001", BILL, desk.at)
    assert ok.receipt_no == 1 and find_by_receipt(desk.db, 1) == ok
