"""A PIN guesser process for the lockout test: waits for a go line on stdin, then guesses PINs for one
user on a desk database until the desk says the user is locked.

    pin_guesser.py DB USER FIRST_PIN

It prints one line per answer: TRIED (the PIN was checked and was wrong), LOCKED (refused without a
check: the user is locked) or IN (a guess was right). The lockout test counts the TRIED lines of all
guessers together.
"""
from __future__ import annotations

import datetime as dt
import sys

from desk.store.database import open_db
from desk.store.users import LoginFailed, login

CST = dt.timezone(dt.timedelta(hours=8), "CST")


def main() -> int:
    path, user, first = sys.argv[1], sys.argv[2], int(sys.argv[3])
    db = open_db(path)
    print("READY", flush=True)
    sys.stdin.readline()
    now = dt.datetime(2023, 3, 15, 10, 0, tzinfo=CST)
    for guess in range(first, first + 40):
        try:
            login(db, user, f"{guess:06d}", now)
        except LoginFailed as failed:
            if failed.kind == "locked" and "is now locked" not in str(failed):
                print("LOCKED", flush=True)
                return 0
            print("TRIED", flush=True)
            continue
        print("IN", flush=True)
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
