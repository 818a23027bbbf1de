"""Files the desk writes that hold personal data (receipts, reports, claim statements, setlinfo,
rejects, exports): readable by their owner only, and CSV cells a spreadsheet cannot run.

A file is created 0600 from its first byte (never briefly world-readable) under a temporary name
and renamed into place, so a reader never sees half a file. Every CSV the desk writes goes through
``csv_text`` or ``CsvWriter``: a cell that starts with ``= + - @``, a tab or a carriage return is
what Excel and LibreOffice read as a formula (``=cmd|' /C calc'!A0``, CWE-1236), so it is written
with a leading apostrophe, as OWASP recommends. A plain number (``-12.30``, a reversal's figure)
is no formula and is written as it is.
"""
from __future__ import annotations

import csv
import io
import os
import re
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterable, Iterator

from desk.store.database import StoreError

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def safe_cell(value: object) -> str:
    """The cell as text a spreadsheet shows and never evaluates."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


class CsvWriter:
    """csv.writer with every cell neutralised (the one way the desk writes CSV)."""

    def __init__(self, handle: IO[str], **options):
        self._writer = csv.writer(handle, **options)

    def writerow(self, cells: Iterable[object]) -> None:
        self._writer.writerow([safe_cell(c) for c in cells])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_text(header: Iterable[object], rows: Iterable[Iterable[object]]) -> str:
    out = io.StringIO()
    writer = CsvWriter(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def check_target(path: Path | str) -> Path:
    """Refuse, before any work is done, a target whose folder is missing or which is a folder."""
    path = Path(path)
    if path.is_dir():
        raise StoreError(f"{path}: is a folder; give a file name", kind="bad_output", path=str(path))
    if not path.parent.is_dir():
        raise StoreError(f"{path}: the folder {path.parent} does not exist", kind="bad_output", path=str(path))
    return path


@contextmanager
def open_private(path: Path | str, *, binary: bool = False) -> Iterator[IO]:
    """A new file (or a replacement) readable by its owner only, in place once the block ends."""
    path = check_target(path)
    temp = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    except OSError as exc:
        raise StoreError(f"{path}: cannot be written: {exc.strerror}", kind="bad_output", path=str(path)) from None
    try:
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
        if os.name == "posix":
            os.chmod(path, 0o600)  # an existing file replaced keeps nobody else's read bit
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise


def write_private(path: Path | str, data: bytes | str) -> Path:
    """Write ``data`` (bytes, or text as UTF-8) to a file readable by its owner only."""
    with open_private(path, binary=isinstance(data, bytes)) as handle:
        handle.write(data)
    return Path(path)
