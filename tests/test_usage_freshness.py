"""How current members' usage is, decided once in the core: one threshold, the caller's clock."""
import datetime as dt

import pytest

from desk.store.database import StoreError
from desk.store.usage import DEFAULT_STALE_AFTER, freshness
from desk.store.users import PermissionDenied
from desk.sync.client import configure, set_stale_after, status


def _downloaded(db, at: dt.datetime) -> None:
    with db.conn:
        db.execute("UPDATE sync_state SET last_download_at = ? WHERE id = 1", (at.isoformat(),))


def test_a_desk_that_never_downloaded_counts_only_its_own_settlements_and_is_stale(desk):
    fresh = freshness(desk.db, desk.at)
    assert (fresh.synced, fresh.age, fresh.hours, fresh.stale) == (False, None, None, True)
    assert fresh.stale_after == DEFAULT_STALE_AFTER == dt.timedelta(hours=1)


def test_the_clock_is_the_callers_and_the_threshold_the_desks(desk):
    configure(desk.db, desk.admin, "http://127.0.0.1:9", "s3cret", desk.at)
    _downloaded(desk.db, desk.at)
    assert not freshness(desk.db, desk.at + dt.timedelta(minutes=59)).stale
    late = freshness(desk.db, desk.at + dt.timedelta(minutes=61))
    assert late.stale and late.hours == 1 and late.age == dt.timedelta(minutes=61)
    set_stale_after(desk.db, desk.admin, dt.timedelta(hours=24), desk.at)
    assert not freshness(desk.db, desk.at + dt.timedelta(hours=23, minutes=59)).stale
    assert freshness(desk.db, desk.at + dt.timedelta(hours=25)).hours == 25
    # the status bar reads the same decision
    assert status(desk.db, desk.at + dt.timedelta(hours=25)).stale
    assert not status(desk.db, desk.at + dt.timedelta(hours=2)).stale


def test_only_an_admin_changes_the_threshold_and_only_to_a_positive_time_with_a_hub(desk):
    with pytest.raises(StoreError, match="no hub yet"):
        set_stale_after(desk.db, desk.admin, dt.timedelta(hours=2), desk.at)
    configure(desk.db, desk.admin, "http://127.0.0.1:9", "s3cret", desk.at)
    with pytest.raises(PermissionDenied):
        set_stale_after(desk.db, desk.cashier, dt.timedelta(hours=2), desk.at)
    with pytest.raises(StoreError, match="positive"):
        set_stale_after(desk.db, desk.admin, dt.timedelta(0), desk.at)
    set_stale_after(desk.db, desk.admin, dt.timedelta(hours=2), desk.at)
    assert desk.db.execute("SELECT count(*) FROM audit WHERE action = 'sync.stale_after'").fetchone()[0] == 1
