"""Copying a desk file this process has open must not break its connections (the fixture that makes a
second desk from the first did, with shutil.copyfile: a later `desk` command on the first desk then deleted
its WAL under the open connection, and the test saw "disk I/O error")."""
from __future__ import annotations

import subprocess
import sys

from desk.store.database import write_transaction
from store_support import make_desk
from sync_support import copy_live


def test_a_live_copy_keeps_the_source_connections_locks(tmp_path):
    first = make_desk(tmp_path / "desk-01")
    first.db.execute("SELECT count(*) FROM settlements").fetchone()
    copy_live(first.db.conn, tmp_path / "copy.sqlite")
    done = subprocess.run([sys.executable, "-m", "desk.cli.main", "audit", "verify", "--db", str(first.path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    # The command's process closed the file while this one still has it open: it must not have taken
    # itself for the last connection and removed the WAL.
    assert (tmp_path / "desk-01" / "desk.sqlite-wal").exists()
    with write_transaction(first.db):
        first.db.execute("UPDATE desk SET desk_number = desk_number")
    assert first.db.execute("SELECT count(*) FROM desk").fetchone()[0] == 1
