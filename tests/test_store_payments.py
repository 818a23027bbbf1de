"""How the cash part is paid (issue 12): 现金, 微信, 支付宝, 银行卡, 聚合码 or a mix, with the settlement or not at all.

ZC01 is 丙类 at 300.00: the fund pays none of it, so with the account left out the cash due is 300.00;
with M003's account (1000.00) it pays everything and the cash due is 0.00. XA01 (甲类 25.00) twice
and FW01 (10.00) make 60.00.
"""
import datetime as dt
import json
from decimal import Decimal

import pytest

from desk.store.check import check
from desk.store.payments import Payment, PaymentRefused, parse_parts
from desk.store.settling import BillLine, reverse, settle_bill
from store_support import table_dump

ZC01 = [BillLine("ZC01")]


def paid(db, sid: str) -> dict[str, int]:
    return dict(db.execute("SELECT method, amount_fen FROM settlement_payments WHERE settlement_id = ?", (sid,)))


def test_without_a_method_the_cash_part_is_paid_in_cash(desk):
    stored = settle_bill(desk.db, desk.library, desk.cashier, "M003", ZC01, desk.at, use_account=False)
    assert paid(desk.db, stored.id) == {"cash": 30000}
    assert stored.payments == (("cash", Decimal("300.00")),)


def test_twenty_in_cash_and_the_rest_by_wechat(desk):
    stored = settle_bill(desk.db, desk.library, desk.cashier, "M003", ZC01, desk.at, use_account=False,
                         payments=[Payment("cash", Decimal("20")), Payment("wechat")])
    assert paid(desk.db, stored.id) == {"cash": 2000, "wechat": 28000}
    detail = json.loads(desk.db.execute("SELECT detail FROM audit WHERE action = 'settle' AND subject = ?",
                                        (stored.id,)).fetchone()[0])
    assert detail["payment"] == {"cash": "20.00", "wechat": "280.00"}


@pytest.mark.parametrize("method", ["cash", "wechat", "alipay", "card", "qr"])
def test_each_method_alone_pays_the_whole_cash_part(desk, method):
    stored = settle_bill(desk.db, desk.library, desk.cashier, "M003", ZC01, desk.at, use_account=False,
                         payments=[Payment(method, Decimal("300.00"))])
    assert paid(desk.db, stored.id) == {method: 30000}


@pytest.mark.parametrize("parts, field, reason", [
    ([Payment("cash", Decimal("20")), Payment("wechat", Decimal("279.99"))], "payments", "too_little"),
    ([Payment("cash", Decimal("300.01"))], "payments", "too_much"),
    ([Payment("card", Decimal("301")), Payment("cash")], "payments", "too_much"),
    ([Payment("cash", Decimal("0.005")), Payment("wechat")], "payment 1", "bad_amount"),
    ([Payment("cash", Decimal("-5")), Payment("wechat")], "payment 1", "bad_amount"),
    ([Payment("cash"), Payment("wechat")], "payment 2", "two_rests"),
    ([Payment("cash", Decimal("100")), Payment("cash")], "payment 2", "repeated_method"),
    ([Payment("paypal", Decimal("300"))], "payment 1", "unknown_method"),
], ids=["a-fen-short", "a-fen-over", "a-non-cash-part-beyond-the-due", "sub-fen", "negative", "two-rests", "twice",
        "unknown"])
def test_parts_that_do_not_add_up_to_the_cash_due_are_refused_and_nothing_is_written(desk, parts, field, reason):
    before = table_dump(desk.db)
    with pytest.raises(PaymentRefused) as refused:
        settle_bill(desk.db, desk.library, desk.cashier, "M003", ZC01, desk.at, use_account=False, payments=parts)
    assert (refused.value.field, refused.value.reason) == (field, reason)
    assert str(refused.value).startswith(f"{field}: ")
    assert table_dump(desk.db) == before  # not even a receipt number was used
    again = settle_bill(desk.db, desk.library, desk.cashier, "M003", ZC01, desk.at, use_account=False)
    assert again.receipt_no == 1


def test_nothing_in_cash_means_no_payment_and_a_part_beyond_it_is_refused(desk):
    with pytest.raises(PaymentRefused):
        settle_bill(desk.db, desk.library, desk.cashier, "M003", ZC01, desk.at, payments=[Payment("wechat", Decimal("1"))])
    stored = settle_bill(desk.db, desk.library, desk.cashier, "M003", ZC01, desk.at, payments=[Payment("wechat")])
    assert stored.figures["cash_pay"] == Decimal("0.00") and paid(desk.db, stored.id) == {}


def test_a_reversal_pays_back_by_the_same_methods_and_the_z_report_nets_them(desk):
    from desk.reports.day import close_day

    first = settle_bill(desk.db, desk.library, desk.cashier, "M003", ZC01, desk.at, use_account=False,
                        payments=[Payment("cash", Decimal("20")), Payment("wechat")])
    settle_bill(desk.db, desk.library, desk.cashier, "M002", [BillLine("ZC01")], desk.at, use_account=False,
                payments=[Payment("alipay")])
    settle_bill(desk.db, desk.library, desk.supervisor, "M001", [BillLine("ZC01")], desk.at, use_account=False,
                payments=[Payment("card", Decimal("100")), Payment("cash")])
    back = reverse(desk.db, desk.supervisor, first.id, desk.at + dt.timedelta(minutes=5), "开错", cashier=desk.cashier)
    assert paid(desk.db, back.id) == {"cash": -2000, "wechat": -28000}
    z = close_day(desk.db, desk.supervisor, desk.at + dt.timedelta(hours=9))
    # cash 20 − 20 + 200 = 200; wechat 280 − 280 = 0; alipay 300; card 100
    assert dict(z.figures.by_method) == {"cash": Decimal("200.00"), "wechat": Decimal("0.00"),
                                         "alipay": Decimal("300.00"), "card": Decimal("100.00")}
    assert z.figures.by_cashier_method == (
        ("收款员一", "cash", Decimal("0.00")), ("收款员一", "wechat", Decimal("0.00")),
        ("收款员一", "alipay", Decimal("300.00")),
        ("主管一", "cash", Decimal("200.00")), ("主管一", "card", Decimal("100.00")))
    from desk.store.day_close import get_close

    assert get_close(desk.db, z.number).figures == z.figures  # frozen and read back the same
    assert check(desk.db).ok


def test_a_payment_row_edited_behind_the_programs_back_is_refused_by_the_database_and_caught_by_check(desk):
    import sqlite3

    stored = settle_bill(desk.db, desk.library, desk.cashier, "M003", ZC01, desk.at, use_account=False)
    with pytest.raises(sqlite3.DatabaseError, match="never edited"):
        desk.db.execute("UPDATE settlement_payments SET method = 'wechat' WHERE settlement_id = ?", (stored.id,))
    with pytest.raises(sqlite3.DatabaseError, match="never deleted"):
        desk.db.execute("DELETE FROM settlement_payments WHERE settlement_id = ?", (stored.id,))
    desk.db.conn.rollback()
    desk.db.execute("DROP TRIGGER settlement_payments_never_edited")  # anyone with the file can do this
    desk.db.execute("UPDATE settlement_payments SET amount_fen = 100 WHERE settlement_id = ?", (stored.id,))
    desk.db.conn.commit()
    assert [p for p in check(desk.db).problems if "payment methods" in p] == [
        "receipt 1: payment methods add up to 100 fen, the cash part is 30000"]


@pytest.mark.parametrize("text, parts", [(["现金=20", "微信"], [Payment("cash", Decimal("20.00")), Payment("wechat")]),
                                         (["alipay"], [Payment("alipay")]), (["银行卡=1.5"], [Payment("card", Decimal("1.50"))])])
def test_the_cli_reads_method_and_amount(text, parts):
    assert parse_parts(text) == parts


@pytest.mark.parametrize("text, field", [(["bitcoin=1"], "payment 1"), (["现金=abc"], "payment 1"),
                                         (["现金", "微信=1.234"], "payment 2")])
def test_the_cli_refuses_a_bad_method_or_amount_by_its_position(text, field):
    with pytest.raises(PaymentRefused) as refused:
        parse_parts(text)
    assert refused.value.field == field


def test_desk_settle_takes_a_mix_and_refuses_parts_that_do_not_add_up(desk, monkeypatch, capsys):
    from desk.cli.main import main

    monkeypatch.setenv("DESK_USER", "cash1")
    monkeypatch.setenv("DESK_PIN", "1111")

    def run(*args):
        status = main(["settle", "--db", str(desk.path), *args])
        return status, *capsys.readouterr()
    status, out, err = run("M003", "ZC01", "--no-account", "--pay", "现金=20", "--pay", "微信=100")
    assert status == 2 and out == ""
    assert err.strip().splitlines() == [
        "desk settle: payments: the parts come to 120.00; they must add up to the cash due 300.00 exactly"]
    status, out, err = run("M003", "ZC01", "--no-account", "--pay", "现金=20", "--pay", "微信", "--json")
    assert status == 0, err
    assert json.loads(out)["payments"] == [{"method": "cash", "amount": "20.00"}, {"method": "wechat", "amount": "280.00"}]
    status, out, err = run("M003", "ZC01", "--no-account", "--pay", "bitcoin")
    assert status == 2 and err.startswith("desk settle: payment 1: 'bitcoin' is not one of cash")


@pytest.mark.parametrize("paper", ["80mm", "58mm", "a5"])
def test_the_receipt_says_how_the_cash_part_was_paid(desk, tmp_path, paper):
    from desk.receipts.receipt import receipt_data, render
    from pdf_support import text

    mixed = settle_bill(desk.db, desk.library, desk.cashier, "M003", ZC01, desk.at, use_account=False,
                        payments=[Payment("cash", Decimal("20")), Payment("wechat")])
    page = " ".join(text(render(receipt_data(desk.db, desk.library, mixed.id), paper), tmp_path).split())
    assert "其中现金 20.00" in page and "其中微信 280.00" in page
    one = settle_bill(desk.db, desk.library, desk.cashier, "M002", ZC01, desk.at, use_account=False,
                      payments=[Payment("qr")])
    page = " ".join(text(render(receipt_data(desk.db, desk.library, one.id), paper), tmp_path).split())
    assert "支付方式 聚合码" in page


def test_the_x_and_z_slips_break_the_cash_part_down_by_method_and_cashier(desk, tmp_path):
    from desk.receipts.day_slip import render_day
    from desk.reports.day import close_day, open_figures
    from desk.store.identity import get_desk
    from pdf_support import text

    first = settle_bill(desk.db, desk.library, desk.cashier, "M003", ZC01, desk.at, use_account=False,
                        payments=[Payment("cash", Decimal("20")), Payment("wechat")])
    settle_bill(desk.db, desk.library, desk.cashier, "M002", ZC01, desk.at, use_account=False,
                payments=[Payment("alipay")])
    reverse(desk.db, desk.supervisor, first.id, desk.at + dt.timedelta(minutes=5), "开错", cashier=desk.cashier)
    _, live = open_figures(desk.db)
    x = " ".join(text(render_day(get_desk(desk.db), live, "80mm", close=None, printed_at=desk.at,
                                 printed_by="主管一"), tmp_path).split())
    assert "现金支付按支付方式（含冲销） 现金 0.00 微信 0.00 支付宝 300.00" in x
    assert "按收款员和支付方式（含冲销） 收款员一 现金 0.00 微信 0.00 支付宝 300.00" in x
    z = close_day(desk.db, desk.supervisor, desk.at + dt.timedelta(hours=9))
    page = " ".join(text(render_day(get_desk(desk.db), z.figures, "a4", close=z, printed_at=desk.at,
                                    printed_by="主管一"), tmp_path).split())
    assert "支付宝 300.00" in page and "收款员一" in page


def test_desk_report_day_lists_the_cash_part_by_method(desk, monkeypatch, capsys):
    from desk.cli.main import main

    settle_bill(desk.db, desk.library, desk.cashier, "M003", ZC01, desk.at, use_account=False,
                payments=[Payment("cash", Decimal("20")), Payment("qr")])
    monkeypatch.setenv("DESK_USER", "cash1")
    monkeypatch.setenv("DESK_PIN", "1111")
    assert main(["report", "day", "--date", desk.at.date().isoformat(), "--db", str(desk.path)]) == 0
    lines = [" ".join(line.split()) for line in capsys.readouterr().out.splitlines()]
    assert "paid by cash 现金 20.00" in lines and "paid by qr 聚合码 280.00" in lines
