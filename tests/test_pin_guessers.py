"""The attack: many processes guess one cashier's PIN at once. The lockout must hold for all of them
together: at most five PINs are checked in all, however many guessers run in parallel."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desk.store.users import LoginFailed, login

HERE = Path(__file__).resolve().parent


def guessers(path: Path, count: int) -> list[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")])}
    procs = [subprocess.Popen([sys.executable, str(HERE / "pin_guesser.py"), str(path), "cash1", str(100000 + 40 * n)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for n in range(count)]
    for proc in procs:
        assert proc.stdout.readline().strip() == "READY", proc.stderr.read()
    for proc in procs:  # release them as close together as the OS allows
        proc.stdin.write("go\n")
        proc.stdin.flush()
    answers = []
    for proc in procs:
        out, err = proc.communicate(timeout=240)
        assert proc.returncode == 0, err
        answers += out.split()
    return answers


@pytest.mark.parametrize("count", [8, 16])
def test_parallel_guessers_get_five_tries_in_all(desk, count):
    """Before: 8 guessers got 16–32 tries and 16 got 61 (the count was read before the check and
    written back as a value). Now every guesser ends locked out and five PINs were checked in all."""
    answers = guessers(desk.path, count)
    assert answers.count("TRIED") == 5, answers
    assert answers.count("LOCKED") == count and "IN" not in answers
    (failed, locked_until), = desk.db.execute("SELECT failed_attempts, locked_until FROM users"
                                              " WHERE user_id = 'cash1'").fetchall()
    assert locked_until is not None
    (locks,) = desk.db.execute("SELECT count(*) FROM audit WHERE action = 'user.locked'").fetchone()
    assert locks == 1
    with pytest.raises(LoginFailed, match="is locked"):
        login(desk.db, "cash1", "1111", desk.at)


def test_an_unknown_user_and_a_wrong_pin_read_the_same(desk, monkeypatch):
    """Neither the words nor the kind of the answer tell an unknown or disabled user id from a wrong
    PIN, and each costs one real argon2 verification (counted, not timed: a dummy hash for an
    unknown id), so the time does not tell them apart either."""
    from desk.store import users

    verified = []
    real = users.PasswordHasher.verify

    class Counting(users.PasswordHasher):
        def verify(self, hash, password):
            verified.append(hash)
            return real(self, hash, password)

    monkeypatch.setattr(users, "HASHER", Counting(time_cost=2, memory_cost=19456, parallelism=1))
    users.set_active(desk.db, desk.admin, "cash1", False, desk.at)
    answers = []
    for user in ("nosuchuser", "cash1", "sup1"):
        with pytest.raises(LoginFailed) as failed:
            login(desk.db, user, "0000", desk.at)
        answers.append((str(failed.value), failed.value.kind))
    assert answers == [("wrong user id or PIN", "credentials")] * 3
    assert len(verified) == 3 and all(h.startswith("$argon2id$") for h in verified)


def test_the_dummy_hash_costs_what_a_real_one_does():
    """The constant verified for unknown users has the hasher's own parameters (memory, passes)."""
    from desk.store.users import DUMMY_HASH, HASHER

    assert not HASHER.check_needs_rehash(DUMMY_HASH)
