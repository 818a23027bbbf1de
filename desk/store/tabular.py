"""Reading the agency's files (roster, catalog) as CSV or JSON Lines, row by row with line numbers.

Every refusal is a RowError naming the line, the column and the reason, so an administrator
can fix the file in a text editor.

Agencies export UTF-8 or GBK/GB18030 (Excel on a Chinese Windows): the encoding is detected (UTF-8
if the first line with non-ASCII bytes decodes as UTF-8, else GB18030, a superset of GBK) or given
(``--encoding``), and a byte that does not decode names its line. Control characters (NUL, tabs, line breaks inside a
field) are refused in every value: they print as nothing on a receipt and break the exports.
"""
from __future__ import annotations

import codecs
import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from desk.store.database import StoreError


@dataclass(frozen=True)
class RowError:
    """A refused row: ``kind`` names the refusal for ui/ to word (the InputError kinds, or control_char,
    field_count, not_json, too_nested, not_object, unknown_column, not_scalar, repeats, taken,
    not_a_member), ``value`` the value refused and ``other`` the line or member it clashes with;
    ``reason`` says it in English for the CLI, the log and the rejects file."""

    line: int
    column: str
    reason: str
    raw: str = ""  # the line as it stood in the file, for the rejects file
    kind: str = field(default="bad", compare=False)  # for the words, not the identity of the refusal
    value: str = field(default="", compare=False)
    other: str = field(default="", compare=False)

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column or '-'}: {self.reason}"


class ImportRefused(StoreError):
    """The file was not imported (nothing was written); ``errors`` lists every bad row."""

    def __init__(self, path: str, errors: list[RowError]):
        shown = "; ".join(map(str, errors[:5])) + (f"; and {len(errors) - 5} more" if len(errors) > 5 else "")
        super().__init__(f"{path}: {len(errors)} bad row(s), nothing imported: {shown}", kind="import_refused",
                         path=path, count=len(errors))
        self.errors = errors


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]
    raw: str


CONTROL = re.compile(r"[\x00-\x1f\x7f]")
ENCODINGS = ("utf-8", "gb18030", "gbk")
FIELD_LIMIT = csv.field_size_limit()  # 131,072 characters: longer is no roster or catalog field


def detect_encoding(path: Path) -> str:
    """UTF-8, unless the file's first line with a non-ASCII byte is not UTF-8: then GB18030 (which reads GBK).

    Judged by the first such line, not the whole file: a UTF-8 roster with one bad line near its end
    must be refused at that line, not read whole as GB18030 (which would turn every name into nonsense).
    """
    try:
        with open(path, "rb") as handle:
            for raw in handle:
                if raw.isascii():
                    continue
                try:
                    raw.decode("utf-8")
                except UnicodeDecodeError:
                    return "gb18030"
                return "utf-8"
    except OSError as exc:
        raise StoreError(f"{path}: cannot be read: {exc.strerror}", kind="unreadable") from None
    return "utf-8"


def _lines(handle, path: Path, encoding: str) -> Iterator[str]:
    """The file's lines decoded one by one, so a byte that does not decode names its line. (A line
    break byte never occurs inside a UTF-8 or GB18030 character.)"""
    for number, raw in enumerate(handle, start=1):
        if number == 1 and encoding == "utf-8" and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        try:
            yield raw.decode(encoding)
        except UnicodeDecodeError as exc:
            raise StoreError(f"{path}: line {number}: is not {encoding} text (byte {exc.start + 1} of the line:"
                             f" {exc.reason}); give the file's encoding with --encoding",
                             kind="bad_encoding", line=number) from None


def read_rows(path: Path, columns: tuple[str, ...], required: tuple[str, ...],
              encoding: str | None = None) -> Iterator[Row | RowError]:
    """Rows of a .csv (header line first) or .jsonl file; values are stripped strings."""
    if encoding is not None:
        try:
            encoding = codecs.lookup(encoding).name
        except LookupError:
            raise StoreError(f"encoding: {encoding!r} is not an encoding (try utf-8 or gb18030)",
                             kind="bad_encoding") from None
    try:
        handle = open(path, "rb")
    except OSError as exc:
        raise StoreError(f"{path}: cannot be read: {exc.strerror}", kind="unreadable") from None
    with handle:
        lines = _lines(handle, path, encoding or detect_encoding(path))
        if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
            yield from _jsonl(lines, columns)
        else:
            yield from _csv(lines, path, columns, required)


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


def _control(values: dict[str, str]) -> str | None:
    """The first column whose value holds a control character, if any."""
    if CONTROL.search("".join(values.values())):
        return next(c for c, v in values.items() if CONTROL.search(v))
    return None


def _control_error(line: int, column: str, value: str, raw: str) -> RowError:
    char = CONTROL.search(value).group()
    return RowError(line, column, f"contains a control character (U+{ord(char):04X}); remove it", raw,
                    kind="control_char", value=f"U+{ord(char):04X}")


def _csv(lines: Iterator[str], path: Path, columns: tuple[str, ...], required: tuple[str, ...]) -> Iterator[Row | RowError]:
    reader = csv.reader(lines)
    try:
        yield from _csv_rows(reader, path, columns, required)
    except csv.Error as exc:
        raise StoreError(f"{path}: line {reader.line_num}: {exc} (a field is at most {FIELD_LIMIT:,} characters)"
                         if "field larger" in str(exc) else f"{path}: line {reader.line_num}: {exc}",
                         kind="bad_file", line=reader.line_num) from None


def _csv_rows(reader, path: Path, columns: tuple[str, ...], required: tuple[str, ...]) -> Iterator[Row | RowError]:
    header = next(reader, None)
    if header is None:
        raise StoreError(f"{path}: is empty (a header line naming the columns is expected)", kind="empty_file")
    header = [h.strip() for h in header]
    repeated = sorted({h for h in header if header.count(h) > 1})
    if repeated:
        raise StoreError(f"{path}: line 1: column(s) {', '.join(repeated)} appear more than once in the header",
                         kind="bad_file", line=1)
    missing = [c for c in required if c not in header]
    if missing:
        raise StoreError(f"{path}: line 1: the header lacks column(s) {', '.join(missing)}", kind="missing_columns",
                         columns=", ".join(missing))
    unknown = [h for h in header if h not in columns]
    if unknown:
        raise StoreError(f"{path}: line 1: unknown column(s) {', '.join(unknown)} (known: {', '.join(columns)})",
                         kind="unknown_columns", columns=", ".join(unknown))
    end = reader.line_num
    for cells in reader:
        line, end = end + 1, reader.line_num  # the line the record starts on (a quoted field may span lines)
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            yield RowError(line, "", f"has {len(cells)} fields, the header has {len(header)}", _csv_line(cells),
                           kind="field_count", value=str(len(cells)), other=str(len(header)))
            continue
        values = dict(zip(header, map(str.strip, cells)))
        column = _control(values)
        if column is not None:
            yield _control_error(line, column, values[column], _csv_line([CONTROL.sub("?", c) for c in cells]))
            continue
        yield Row(line, values, _csv_line(cells))


def _jsonl(lines: Iterator[str], columns: tuple[str, ...]) -> Iterator[Row | RowError]:
    for line, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        shown = text.rstrip("\r\n")[:FIELD_LIMIT]
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            yield RowError(line, "", f"is not valid JSON ({exc.msg} at column {exc.colno})", shown, kind="not_json")
            continue
        except RecursionError:
            yield RowError(line, "", "is nested too deeply to be a row", shown[:200], kind="too_nested")
            continue
        if not isinstance(obj, dict):
            yield RowError(line, "", "is not a JSON object", text.rstrip("\n"), kind="not_object")
            continue
        unknown = [k for k in obj if k not in columns]
        if unknown:
            yield RowError(line, unknown[0], "is not a known column", text.rstrip("\n"), kind="unknown_column")
            continue
        nested = next((k for k, v in obj.items() if isinstance(v, (dict, list))), None)
        if nested is not None:
            yield RowError(line, nested, "is not a single value (a string, number or true/false)", shown[:200],
                           kind="not_scalar")
            continue
        values = {k: _text(v) for k, v in obj.items()}
        column = _control(values)
        if column is not None:
            yield _control_error(line, column, values[column], CONTROL.sub("?", shown))
            continue
        yield Row(line, values, text.rstrip("\r\n"))
