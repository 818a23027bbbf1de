"""Users, roles and PINs; the hash-chained audit log; the desk's identity (`desk init`)."""
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from desk.cli.main import main
from desk.store import audit
from desk.store.catalog import import_catalog
from desk.store.database import migrations, StoreError, open_db
from desk.store.identity import get_desk
from desk.store.roster import import_roster
from desk.store.settling import BillLine, reverse, settle_bill
from desk.store.users import (LOCKOUT, NEEDS, Actor, LoginFailed, PermissionDenied, add_user, login, set_active,
                              set_pin, set_role, unlock)
from store_support import CATALOG, CATALOG_HEADER, CST, MEMBERS, ROSTER_HEADER, Desk, table_dump, write_csv

WRONG = "0000"


@pytest.fixture
def cli(monkeypatch, capsys):
    """Run `desk ...` in this process with the given $DESK_PIN; gives (exit status, stdout, stderr)."""
    def run(*args, pin: str = "9999") -> tuple[int, str, str]:
        monkeypatch.setenv("DESK_PIN", pin)
        status = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return status, out, err
    return run


def settle(desk: Desk, actor: Actor | None):
    return settle_bill(desk.db, desk.library, actor, "A10000001", [BillLine("XA01")], desk.at)


def lock_out(desk: Desk, user_id: str, at: dt.datetime) -> None:
    for _ in range(5):
        with pytest.raises(LoginFailed):
            login(desk.db, user_id, WRONG, at)


def user_state(desk: Desk, user_id: str) -> tuple:
    return desk.db.execute("SELECT failed_attempts, locked_until FROM users WHERE user_id = ?", (user_id,)).fetchone()


def actions_after(desk: Desk, seq: int) -> list[str]:
    return [r[0] for r in desk.db.execute("SELECT action FROM audit WHERE seq > ? ORDER BY seq", (seq,))]


def last_seq(desk: Desk) -> int:
    return desk.db.execute("SELECT max(seq) FROM audit").fetchone()[0]


# --- roles --------------------------------------------------------------------------------------------------------

def test_actor_may_follows_the_role_ladder():
    """A cashier only settles; a supervisor also reverses, closes the day and approves a changed price; an admin does everything."""
    allowed = {role: {a for a in NEEDS if Actor("u", "n", role).may(a)} for role in ("cashier", "supervisor", "admin")}
    assert allowed == {"cashier": {"settle"}, "supervisor": {"settle", "reverse", "late_entry", "close_day",
                                                             "override_price"}, "admin": set(NEEDS)}


def test_nobody_logged_in_may_not_settle(desk):
    """settle_bill without an Actor is refused in the core, saying a cashier is needed; nothing is written."""
    before = table_dump(desk.db)
    with pytest.raises(PermissionDenied, match="nobody logged in may not settle bills: that needs a cashier"):
        settle(desk, None)
    assert table_dump(desk.db) == before


def test_a_cashier_settles_but_may_not_reverse_import_or_manage_users(desk, tmp_path):
    """The core refuses a cashier's reversal, import and new user, naming the role each needs; nothing is written."""
    settled = settle(desk, desk.cashier)
    before = table_dump(desk.db)
    roster = write_csv(tmp_path / "roster.csv", ROSTER_HEADER, MEMBERS)
    refusals = [
        (lambda: reverse(desk.db, desk.cashier, settled.id, desk.at, "typo"), "needs a supervisor"),
        (lambda: import_roster(desk.db, desk.cashier, roster, desk.at), r"needs an? admin"),
        (lambda: add_user(desk.db, desk.cashier, "cash2", "收款员二", "cashier", "3333", desk.at), r"needs an? admin"),
        (lambda: unlock(desk.db, desk.cashier, "sup1", desk.at), "needs a supervisor"),
    ]
    for call, says in refusals:
        with pytest.raises(PermissionDenied, match=says) as refused:
            call()
        assert "收款员一 (cashier) may not" in str(refused.value)
    assert table_dump(desk.db) == before


def test_a_supervisor_reverses_and_unlocks_but_may_not_import_or_manage_users(desk, tmp_path):
    """Reverse and unlock work for a supervisor; roster and catalog imports and user changes do not."""
    reversal = reverse(desk.db, desk.supervisor, settle(desk, desk.cashier).id, desk.at, "wrong member")
    assert reversal.kind == "reversal" and reversal.cashier == "sup1"
    lock_out(desk, "cash1", desk.at)
    unlock(desk.db, desk.supervisor, "cash1", desk.at)
    assert user_state(desk, "cash1") == (0, None)
    roster = write_csv(tmp_path / "roster.csv", ROSTER_HEADER, MEMBERS)
    catalog = write_csv(tmp_path / "catalog.csv", CATALOG_HEADER, CATALOG)
    before = table_dump(desk.db)
    for call in (lambda: import_roster(desk.db, desk.supervisor, roster, desk.at),
                 lambda: import_catalog(desk.db, desk.supervisor, catalog, desk.at),
                 lambda: set_role(desk.db, desk.supervisor, "cash1", "admin", desk.at),
                 lambda: add_user(desk.db, desk.supervisor, "cash2", "收款员二", "cashier", "3333", desk.at)):
        with pytest.raises(PermissionDenied, match=r"needs an? admin"):
            call()
    assert table_dump(desk.db) == before


def test_an_admin_may_do_everything(desk, tmp_path):
    """The admin settles, reverses, imports and manages users; the log shows each done by the admin."""
    start = last_seq(desk)
    reverse(desk.db, desk.admin, settle(desk, desk.admin).id, desk.at, "test")
    import_catalog(desk.db, desk.admin, write_csv(tmp_path / "catalog.csv", CATALOG_HEADER, CATALOG), desk.at)
    import_roster(desk.db, desk.admin, write_csv(tmp_path / "roster.csv", ROSTER_HEADER, MEMBERS), desk.at)
    add_user(desk.db, desk.admin, "cash2", "收款员二", "cashier", "3333", desk.at)
    set_role(desk.db, desk.admin, "cash2", "supervisor", desk.at)
    assert login(desk.db, "cash2", "3333", desk.at).role == "supervisor"
    assert actions_after(desk, start) == ["settle", "reverse", "catalog.import", "members.import", "user.add",
                                          "user.role"]
    assert desk.db.execute("SELECT DISTINCT actor FROM audit WHERE seq > ?", (start,)).fetchall() == [("admin",)]


# --- login, lockout, PINs -----------------------------------------------------------------------------------------

def test_wrong_pins_count_down_then_lock_until_the_lockout_passes(desk):
    """Four wrong PINs are counted; the fifth locks; the right PIN waits out LOCKOUT; then the count starts over."""
    for count in (1, 2, 3, 4):
        with pytest.raises(LoginFailed, match="^wrong user id or PIN$"):
            login(desk.db, "cash1", WRONG, desk.at)
        assert user_state(desk, "cash1") == (count, None)
    with pytest.raises(LoginFailed, match="locked"):
        login(desk.db, "cash1", WRONG, desk.at)
    with pytest.raises(LoginFailed, match="is locked"):
        login(desk.db, "cash1", "1111", desk.at + LOCKOUT - dt.timedelta(seconds=1))
    assert login(desk.db, "cash1", "1111", desk.at + LOCKOUT + dt.timedelta(seconds=1)).user_id == "cash1"
    assert user_state(desk, "cash1") == (0, None)
    with pytest.raises(LoginFailed, match="^wrong user id or PIN$"):
        login(desk.db, "cash1", WRONG, desk.at + LOCKOUT + dt.timedelta(seconds=2))
    assert user_state(desk, "cash1") == (1, None)


def test_a_right_pin_resets_the_count(desk):
    """Wrong PINs that did not lock are forgotten after a right one."""
    for _ in range(3):
        with pytest.raises(LoginFailed):
            login(desk.db, "cash1", WRONG, desk.at)
    login(desk.db, "cash1", "1111", desk.at)
    assert user_state(desk, "cash1") == (0, None)


def test_a_supervisor_unlocks_at_once(desk):
    """After unlock the right PIN works at the same minute the lock was set."""
    lock_out(desk, "cash1", desk.at)
    unlock(desk.db, desk.supervisor, "cash1", desk.at)
    assert login(desk.db, "cash1", "1111", desk.at).role == "cashier"


def test_a_disabled_user_cannot_log_in_until_enabled(desk):
    """Disabling refuses even the right PIN; enabling again lets the user back in."""
    set_active(desk.db, desk.admin, "cash1", False, desk.at)
    with pytest.raises(LoginFailed, match="^wrong user id or PIN$"):
        login(desk.db, "cash1", "1111", desk.at)
    set_active(desk.db, desk.admin, "cash1", True, desk.at)
    assert login(desk.db, "cash1", "1111", desk.at).user_id == "cash1"


BAD_PINS = ["123", "1234567890123", "12a4", "", "12 34", "１２３４", "١٢٣٤", "1234\n"]


@pytest.mark.parametrize("pin", BAD_PINS, ids=["3-digits", "13-digits", "letter", "empty", "space",
                                               "fullwidth-digits", "arabic-indic-digits", "trailing-newline"])
def test_a_pin_must_be_4_to_12_ascii_digits(desk, pin):
    """add_user and set_pin refuse anything but 4–12 digits 0–9 (what a keypad types), and write nothing."""
    before = table_dump(desk.db)
    with pytest.raises(StoreError, match="PIN: must be 4 to 12 digits"):
        add_user(desk.db, desk.admin, "cash2", "收款员二", "cashier", pin, desk.at)
    with pytest.raises(StoreError, match="PIN: must be 4 to 12 digits"):
        set_pin(desk.db, desk.admin, "cash1", pin, desk.at)
    assert table_dump(desk.db) == before


def test_pins_of_4_and_12_digits_are_accepted(desk):
    """The bounds themselves are valid PINs, for a new user and a changed PIN."""
    add_user(desk.db, desk.admin, "cash2", "收款员二", "cashier", "1234", desk.at)
    set_pin(desk.db, desk.admin, "cash1", "123456789012", desk.at)
    assert login(desk.db, "cash2", "1234", desk.at).user_id == "cash2"
    assert login(desk.db, "cash1", "123456789012", desk.at).user_id == "cash1"
    with pytest.raises(LoginFailed):
        login(desk.db, "cash1", "1111", desk.at)


def test_a_user_id_is_added_once(desk):
    """A second user with an existing id is refused and the first keeps its PIN and role."""
    with pytest.raises(StoreError, match="'cash1' exists already"):
        add_user(desk.db, desk.admin, "cash1", "别人", "admin", "5555", desk.at)
    assert login(desk.db, "cash1", "1111", desk.at).role == "cashier"


def test_pins_are_stored_as_argon2id_hashes(desk):
    """The users table holds an argon2id hash, never the PIN itself."""
    add_user(desk.db, desk.admin, "cash2", "收款员二", "cashier", "73914682", desk.at)
    (stored,) = desk.db.execute("SELECT pin_hash FROM users WHERE user_id = 'cash2'").fetchone()
    assert stored.startswith("$argon2id$") and "73914682" not in stored


# --- the audit chain ----------------------------------------------------------------------------------------------

def test_each_recorded_action_appends_one_audit_row(desk, tmp_path):
    """Settle, reverse, imports, user add/pin/role/disable, a lockout and an unlock: one row each, in order.

    Wrong PINs short of a lockout and successful logins add nothing.
    """
    start = last_seq(desk)
    settled = settle(desk, desk.cashier)
    reverse(desk.db, desk.supervisor, settled.id, desk.at, "wrong item")
    import_roster(desk.db, desk.admin, write_csv(tmp_path / "roster.csv", ROSTER_HEADER, MEMBERS), desk.at)
    import_catalog(desk.db, desk.admin, write_csv(tmp_path / "catalog.csv", CATALOG_HEADER, CATALOG), desk.at)
    add_user(desk.db, desk.admin, "cash2", "收款员二", "cashier", "3333", desk.at)
    set_pin(desk.db, desk.admin, "cash2", "4444", desk.at)
    set_role(desk.db, desk.admin, "cash2", "supervisor", desk.at)
    set_active(desk.db, desk.admin, "cash2", False, desk.at)
    login(desk.db, "cash1", "1111", desk.at)
    with pytest.raises(LoginFailed):
        login(desk.db, "cash1", WRONG, desk.at)
    assert actions_after(desk, start) == ["settle", "reverse", "members.import", "catalog.import", "user.add",
                                          "user.pin", "user.role", "user.disable"]
    lock_out(desk, "sup1", desk.at)
    unlock(desk.db, desk.admin, "sup1", desk.at)
    assert actions_after(desk, start)[-2:] == ["user.locked", "user.unlock"]
    subjects = desk.db.execute("SELECT subject FROM audit WHERE seq > ? ORDER BY seq", (start,)).fetchall()
    assert subjects[0] == (settled.id,) and subjects[-1] == ("sup1",)
    assert audit.verify(desk.db).ok


def test_an_untouched_log_verifies(desk):
    """Every row of the template desk's log chains to the one before, and the head matches."""
    report = audit.verify(desk.db)
    assert report.ok and report.problems == () and report.rows == last_seq(desk) > 1


def tamper(path: Path, sql: str) -> None:
    """What an attacker with the file can do: drop the append-only triggers on their own connection, then write."""
    conn = sqlite3.connect(path)
    conn.executescript(f"DROP TRIGGER audit_never_edited; DROP TRIGGER audit_never_deleted; {sql}")
    conn.close()


# The template desk's log: 1 user.add admin, 2 desk.init, 3 user.add cash1, 4 user.add sup1, 5 catalog.import,
# 6 members.import.
TAMPERING = [
    ("edit-a-row", "UPDATE audit SET detail = '{\"name\":\"收款员一\",\"role\":\"admin\"}' WHERE seq = 3",
     ["row 3 (user.add cash1) was edited"]),
    ("delete-a-middle-row", "DELETE FROM audit WHERE seq = 3",
     ["rows 3–3 are missing", "row 4 does not follow the row before it"]),
    ("delete-the-last-row", "DELETE FROM audit WHERE seq = 6", ["the log ends at row 5 but its head records row 6"]),
]


@pytest.mark.parametrize("sql, found", [t[1:] for t in TAMPERING], ids=[t[0] for t in TAMPERING])
def test_verify_finds_an_edited_or_deleted_row(desk, sql, found):
    """With the triggers dropped, an edit, a deleted middle row and a deleted last row are each reported."""
    assert last_seq(desk) == 6
    tamper(desk.path, sql)
    report = audit.verify(desk.reopen())
    assert not report.ok
    assert all(any(p.startswith(f) for p in report.problems) for f in found), report.problems
    assert len(report.problems) == len(found), report.problems


def test_the_triggers_refuse_edits_through_the_desk(desk):
    """Without dropping the triggers, the audit log cannot be edited or deleted from."""
    for sql in ("UPDATE audit SET detail = '{}' WHERE seq = 3", "DELETE FROM audit WHERE seq = 6"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            desk.db.execute(sql)
    assert audit.verify(desk.db).ok


def test_cli_audit_verify_exit_status(desk, cli):
    """`desk audit verify` exits 0 on an intact log and 1 with BROKEN lines on a tampered one."""
    status, out, _ = cli("audit", "verify", "--db", desk.path)
    assert status == 0 and out.strip() == "audit log: 6 rows, chain intact"
    tamper(desk.path, "DELETE FROM audit WHERE seq = 6")
    status, out, _ = cli("audit", "verify", "--db", desk.path)
    assert status == 1
    broken = [line for line in out.splitlines() if line.startswith("BROKEN ")]
    assert broken == ["BROKEN the log ends at row 5 but its head records row 6 (rows at the end were deleted,"
                      " or the head was edited)"]


# --- `desk users` -------------------------------------------------------------------------------------------------

def test_cli_users_add_by_an_admin_and_not_by_a_cashier(desk, cli, monkeypatch):
    """An admin adds a user with $DESK_NEW_PIN; a cashier acting gets exit 2 naming the role needed."""
    monkeypatch.setenv("DESK_NEW_PIN", "3333")
    status, out, err = cli("users", "add", "cash2", "--name", "收款员二", "--role", "cashier", "--db", desk.path,
                           "--user", "admin")
    assert (status, out.strip()) == (0, "add: cash2 done"), err
    assert login(desk.reopen(), "cash2", "3333", desk.at).role == "cashier"
    status, out, err = cli("users", "add", "cash3", "--name", "收款员三", "--role", "admin", "--db", desk.path,
                           "--user", "cash1", pin="1111")
    assert (status, out) == (2, "")
    assert err.startswith("desk users: 收款员一 (cashier) may not") and "admin" in err


def test_cli_users_unlock_by_a_supervisor(desk, cli):
    """A supervisor unlocks a cashier locked a moment ago, from the command line."""
    lock_out(desk, "cash1", dt.datetime.now(CST))
    status, _, err = cli("users", "unlock", "cash1", "--db", desk.path, "--user", "sup1", pin="2222")
    assert status == 0, err
    assert user_state(desk, "cash1") == (0, None)


# --- `desk init` and the schema version ---------------------------------------------------------------------------

def init_args(path: Path, policy: str = "puyang") -> list:
    return ["init", "--institution-code", "C-7", "--institution-name", "东风诊所", "--level", "1", "--type", "clinic",
            "--policy", policy, "--desk-number", "02", "--admin-id", "boss", "--admin-name", "老板", "--db", path]


def test_cli_init_records_the_identity_once(tmp_path, cli):
    """The first init records the desk and its admin (PIN from $DESK_PIN); a second is refused, naming why."""
    path = tmp_path / "new.sqlite"
    status, out, err = cli(*init_args(path), pin="4321")
    assert status == 0, err
    assert "desk 02 of 东风诊所 (C-7) settles under puyang" in out
    db = open_db(path)
    info = get_desk(db)
    assert (info.institution_code, info.level, info.type, info.policy, info.desk_number, info.designated,
            info.demo) == ("C-7", 1, "clinic", "puyang", "02", True, False)
    assert login(db, "boss", "4321", dt.datetime.now(CST)).role == "admin"
    assert [r[0] for r in db.execute("SELECT action FROM audit ORDER BY seq")] == ["user.add", "desk.init"]
    before = table_dump(db)
    status, out, err = cli(*init_args(path, "chongqing"), pin="4321")
    assert (status, out) == (2, "") and "has an identity already" in err
    assert table_dump(db) == before


@pytest.mark.parametrize("policy, says", [("shandong", "shandong is a provincial framework"),
                                          ("atlantis", "policy: ")])
def test_cli_init_refuses_a_policy_that_cannot_settle(tmp_path, cli, policy, says):
    """A framework pack or an unknown pack: exit 2 with the reason, and the database still has no identity."""
    path = tmp_path / "new.sqlite"
    status, out, err = cli(*init_args(path, policy), pin="4321")
    assert (status, out) == (2, "") and says in err and len(err.strip().splitlines()) == 1
    db = open_db(path)
    with pytest.raises(StoreError, match="no identity yet"):
        get_desk(db)
    assert db.execute("SELECT count(*) FROM users").fetchone()[0] == 0


@pytest.mark.parametrize("command", [["audit", "verify"], ["members", "find", "M001"], ["catalog", "search", "am"],
                                     ["users", "list"], ["init", *init_args(Path("x"))[1:-2]]],
                         ids=["audit", "members", "catalog", "users", "init"])
def test_a_newer_schema_is_refused_by_every_command(desk, cli, command):
    """A database written by a newer desk (user_version 99) is refused with a message saying so, exit 2."""
    conn = sqlite3.connect(desk.path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    status, out, err = cli(*command, "--db", desk.path)
    assert (status, out) == (2, "")
    assert f"has schema version 99, newer than this desk knows ({len(migrations())})" in err and "install the newer desk" in err
