"""Reading the agency's files (roster, catalog) as CSV or JSON Lines, row by row with line numbers.

Every refusal is a RowError naming the line, the column and the reason, so an administrator
can fix the file in a text editor.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from desk.store.database import StoreError


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    reason: str
    raw: str = ""  # the line as it stood in the file, for the rejects file

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column or '-'}: {self.reason}"


class ImportRefused(StoreError):
    """The file was not imported (nothing was written); ``errors`` lists every bad row."""

    def __init__(self, path: str, errors: list[RowError]):
        shown = "; ".join(map(str, errors[:5])) + (f"; and {len(errors) - 5} more" if len(errors) > 5 else "")
        super().__init__(f"{path}: {len(errors)} bad row(s), nothing imported: {shown}")
        self.errors = errors


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]
    raw: str


def read_rows(path: Path, columns: tuple[str, ...], required: tuple[str, ...]) -> Iterator[Row | RowError]:
    """Rows of a .csv (header line first) or .jsonl file; values are stripped strings."""
    try:
        handle = open(path, encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise StoreError(f"{path}: cannot be read: {exc}") from None
    with handle:
        try:
            if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
                yield from _jsonl(handle, columns)
            else:
                yield from _csv(handle, path, columns, required)
        except UnicodeDecodeError as exc:
            raise StoreError(f"{path}: is not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


def _csv_line(cells: list[str]) -> str:
    """The cells as one CSV line again, quoting kept where a cell needs it."""
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    return out.getvalue()


def _csv(handle, path: Path, columns: tuple[str, ...], required: tuple[str, ...]) -> Iterator[Row | RowError]:
    reader = csv.reader(handle)
    header = next(reader, None)
    if header is None:
        raise StoreError(f"{path}: is empty (a header line naming the columns is expected)")
    header = [h.strip() for h in header]
    missing = [c for c in required if c not in header]
    if missing:
        raise StoreError(f"{path}: line 1: the header lacks column(s) {', '.join(missing)}")
    unknown = [h for h in header if h not in columns]
    if unknown:
        raise StoreError(f"{path}: line 1: unknown column(s) {', '.join(unknown)} (known: {', '.join(columns)})")
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            yield RowError(line, "", f"has {len(cells)} fields, the header has {len(header)}", _csv_line(cells))
            continue
        yield Row(line, dict(zip(header, map(str.strip, cells))), _csv_line(cells))


def _jsonl(handle, columns: tuple[str, ...]) -> Iterator[Row | RowError]:
    for line, text in enumerate(handle, start=1):
        if not text.strip():
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            yield RowError(line, "", f"is not valid JSON ({exc.msg} at column {exc.colno})", text.rstrip("\n"))
            continue
        if not isinstance(obj, dict):
            yield RowError(line, "", "is not a JSON object", text.rstrip("\n"))
            continue
        unknown = [k for k in obj if k not in columns]
        if unknown:
            yield RowError(line, unknown[0], "is not a known column", text.rstrip("\n"))
            continue
        yield Row(line, {k: _text(v) for k, v in obj.items()}, text.rstrip("\n"))
