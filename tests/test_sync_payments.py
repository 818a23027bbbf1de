"""The payment methods stay on the desk (the hub stores no payment): a mixed payment and its reversal
upload, are settled again by the hub and accepted, and every figure agrees (issue 12)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from desk.store.payments import Payment
from desk.store.settling import BillLine, reverse, settle_bill
from desk.sync import outbox
from desk.sync.client import sync_once
from sync_support import FAST, assert_consistent, hub_fixture, make_desks


@pytest.fixture(params=["sqlite"])
def hub(request, tmp_path):
    hub = hub_fixture(request, tmp_path)
    yield hub
    hub.close()


def test_a_mixed_payment_and_its_reversal_are_resettled_and_accepted_by_the_hub(hub, tmp_path):
    (a,) = make_desks(tmp_path, 1, hub)
    desk = a.desk
    first = settle_bill(a.db, desk.library, desk.cashier, "M002", [BillLine("ZC01")], desk.at, use_account=False,
                        payments=[Payment("cash", Decimal("20")), Payment("wechat")])
    a.settled.append(first.id)
    back = reverse(a.db, desk.supervisor, first.id, desk.at + dt.timedelta(minutes=2), "开错", cashier=desk.cashier)
    a.settled.append(back.id)
    report = sync_once(a.path, backoff=FAST)
    assert report.ok, report.error
    assert outbox.size(a.db) == 0  # both accepted: nothing refused, nothing left to send
    assert_consistent(hub, [a])
