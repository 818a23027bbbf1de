"""Importing the agency's member roster and finding a member at the counter.

The roster arrives as CSV or JSON Lines (columns in README.md). By default one bad row refuses
the whole file and nothing is written; with ``skip_bad`` the good rows are imported and the bad
ones returned with their reasons. Re-importing a member updates it in place.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import sqlite_utils

from desk.domain import (BENEFIT_LABELS, CATEGORIES, CATEGORY_LABELS, CERTIFIED_BENEFITS, RELATION_LABELS, RELATIONS,
                         SCHEME_LABELS, SCHEMES)
from desk.idcard import mask_id_number, parse_id_number
from desk.money import InputError, parse_money, to_fen
from desk.store import audit
from desk.store.database import StoreError, write_transaction
from desk.store.spelling import spell
from desk.store.tabular import ImportRefused, Row, RowError, read_rows
from desk.store.users import Actor, require

COLUMNS = ("member_id", "name", "id_number", "card_number", "ecard_code", "category", "birth_date", "scheme",
           "family_doctor_institution", "eligible", "account_balance", "family", "certified")
REQUIRED = ("member_id", "name", "id_number", "category")
UNIQUE = ("member_id", "id_number", "card_number", "ecard_code")
ALIASES = {  # a roster may write the Chinese label for a code
    "category": {label: code for code, label in CATEGORY_LABELS.items()},
    "scheme": {label: code for code, label in SCHEME_LABELS.items()},
}
TRUE, FALSE = {"true", "1", "yes", "y", "是"}, {"false", "0", "no", "n", "否"}
LINK_RELATIONS = {"", *RELATIONS, *RELATION_LABELS.values()}  # kept as written: a code, its label or unstated
CHUNK = 2000
UPSERT = (
    "INSERT INTO members (member_id, name, id_number, card_number, ecard_code, category, birth_date, sex, scheme,"
    " family_doctor_institution, eligible, account_baseline_fen, account_balance_fen, demo, updated_at,"
    " name_pinyin, name_initials)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
    " ON CONFLICT(member_id) DO UPDATE SET name = excluded.name, name_pinyin = excluded.name_pinyin,"
    " name_initials = excluded.name_initials, id_number = excluded.id_number,"
    " card_number = excluded.card_number, ecard_code = excluded.ecard_code, category = excluded.category,"
    " birth_date = excluded.birth_date, sex = excluded.sex, scheme = excluded.scheme,"
    " family_doctor_institution = excluded.family_doctor_institution, eligible = excluded.eligible,"
    " account_baseline_fen = excluded.account_baseline_fen,"
    " account_balance_fen = excluded.account_baseline_fen + COALESCE((SELECT SUM(delta_fen) FROM account_ledger"
    "   WHERE account_ledger.member_id = excluded.member_id AND in_baseline = 0), 0),"
    " demo = excluded.demo, updated_at = excluded.updated_at"
)


@dataclass(frozen=True)
class MemberRecord:
    """A member as the desk keeps them: who they are, their category and scheme, their account."""

    member_id: str
    name: str
    id_number: str
    card_number: str | None
    ecard_code: str | None
    category: str
    birth_date: dt.date
    sex: str
    scheme: str
    family_doctor_institution: str | None
    eligible: bool
    account_balance_fen: int
    demo: bool = False

    @property
    def masked_id(self) -> str:
        return mask_id_number(self.id_number)

    def age_on(self, day: dt.date) -> int:
        return day.year - self.birth_date.year - ((day.month, day.day) < (self.birth_date.month, self.birth_date.day))


@dataclass(frozen=True)
class MemberRow(MemberRecord):
    """A member as a roster file (or the hub) gives them: the record, the line it came from, its family links.

    ``family_given`` says the row had a family column at all: only then are the member's links replaced.
    """

    line: int = 0
    family: tuple[tuple[str, str], ...] = ()
    family_given: bool = False
    certified: tuple[tuple[str, str, str, str], ...] = ()  # (benefit, disease, from, to)
    certified_given: bool = False


@dataclass
class ImportResult:
    read: int = 0
    inserted: int = 0
    updated: int = 0
    rejected: list[tuple[Row | None, RowError]] = field(default_factory=list)


def _choice(values: dict[str, str], column: str, allowed: tuple[str, ...], default: str | None) -> str:
    raw = values.get(column, "")
    if not raw and default is not None:
        return default
    value = ALIASES.get(column, {}).get(raw, raw)
    if value not in allowed:
        raise InputError(column, f"{raw!r} is not one of {', '.join(allowed)}", kind="choice", value=raw[:40])
    return value


def _flag(values: dict[str, str], column: str, default: bool) -> bool:
    raw = values.get(column, "").lower()
    if not raw:
        return default
    if raw in TRUE or raw in FALSE:
        return raw in TRUE
    raise InputError(column, f"{values[column]!r} is not true or false", kind="choice", value=values[column][:40])


def _family(text: str, member_id: str) -> tuple[tuple[str, str], ...]:
    if not text:
        return ()
    links = []
    for part in filter(None, (p.strip() for p in text.replace("；", ";").split(";"))):
        relative, _, relation = part.partition(":")
        relative, relation = relative.strip(), relation.strip()
        if relation not in LINK_RELATIONS:
            raise InputError("family", f"relation {relation!r} is not spouse, parent or child")
        if relative == member_id:
            raise InputError("family", "a member cannot be their own family link")
        links.append((relative, relation))
    return tuple(links)


BENEFIT_ALIASES = {label: code for code, label in BENEFIT_LABELS.items()}


def _certified(text: str) -> tuple[tuple[str, str, str, str], ...]:
    """Certifications (认定) as ``benefit:disease:from:to`` separated by ``;`` — ``chronic:I10:2024-01-01:2024-12-31``.

    The benefit is a code or its label (门诊慢性病); both dates are included (China Standard Time)."""
    found = []
    for part in filter(None, (p.strip() for p in (text or "").replace("；", ";").split(";"))):
        pieces = [p.strip() for p in part.replace("：", ":").split(":")]
        if len(pieces) != 4:
            raise InputError("certified", f"{part!r} is not benefit:disease:from:to")
        benefit, disease, start, end = pieces
        benefit = BENEFIT_ALIASES.get(benefit, benefit)
        if benefit not in CERTIFIED_BENEFITS:
            raise InputError("certified", f"{pieces[0]!r} is not one of {', '.join(CERTIFIED_BENEFITS)}")
        if not disease:
            raise InputError("certified", f"{part!r} names no disease")
        try:
            first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
        except ValueError:
            raise InputError("certified", f"{part!r}: the dates must be YYYY-MM-DD") from None
        if last < first:
            raise InputError("certified", f"{part!r}: ends before it starts")
        found.append((benefit, disease, first.isoformat(), last.isoformat()))
    return tuple(found)


def parse_member(row: Row, today: dt.date) -> MemberRow:
    """One roster row, checked column by column (InputError names the column)."""
    v = row.values
    for column in REQUIRED:
        if not v.get(column):
            raise InputError(column, "is required", kind="required")
    try:
        ident = parse_id_number(v["id_number"], today)
    except ValueError as exc:
        raise InputError("id_number", f"{v['id_number']!r}: {exc}") from None
    if v.get("birth_date"):
        try:
            birth = dt.date.fromisoformat(v["birth_date"])
        except ValueError:
            raise InputError("birth_date", f"{v['birth_date']!r} is not a date (YYYY-MM-DD)") from None
        if birth != ident.birth_date:
            raise InputError("birth_date", f"{birth} differs from the ID number's {ident.birth_date}")
    balance = parse_money(v.get("account_balance") or "0", "account_balance")
    return MemberRow(
        line=row.line, member_id=v["member_id"], name=v["name"], id_number=ident.number,
        card_number=v.get("card_number") or None, ecard_code=v.get("ecard_code") or None,
        category=_choice(v, "category", CATEGORIES, None), birth_date=ident.birth_date, sex=ident.sex,
        scheme=_choice(v, "scheme", SCHEMES, "employer"),
        family_doctor_institution=v.get("family_doctor_institution") or None,
        eligible=_flag(v, "eligible", True), account_balance_fen=to_fen(balance, "account_balance"),
        family=_family(v.get("family", ""), v["member_id"]), family_given="family" in v,
        certified=_certified(v.get("certified", "")), certified_given="certified" in v,
    )


class _Parser:
    """Parses rows one by one, remembering unique keys so a repeat within the file names its first line."""

    def __init__(self, today: dt.date):
        self.today = today
        self.seen: dict[str, dict[str, int]] = {c: {} for c in UNIQUE}

    def parse(self, item: Row | RowError) -> MemberRow | RowError:
        if isinstance(item, RowError):
            return item
        try:
            member = parse_member(item, self.today)
        except InputError as exc:
            return RowError(item.line, exc.field, exc.reason, kind=exc.kind, value=exc.value)
        keys = (("member_id", member.member_id), ("id_number", member.id_number),
                ("card_number", member.card_number), ("ecard_code", member.ecard_code))
        for column, value in keys:
            if value and value in self.seen[column]:
                return RowError(item.line, column, f"{value} repeats line {self.seen[column][value]}", kind="repeats",
                                value=value, other=str(self.seen[column][value]))
        for column, value in keys:
            if value:
                self.seen[column][value] = item.line
        return member


def _values(m: MemberRow, demo: int, now: str) -> tuple:
    return (m.member_id, m.name, m.id_number, m.card_number, m.ecard_code, m.category, m.birth_date.isoformat(),
            m.sex, m.scheme, m.family_doctor_institution, int(m.eligible), m.account_balance_fen, m.account_balance_fen, demo, now,
            *spell(m.name))  # the name's pinyin and initials, for the counter's search by name


def _conflict(db: sqlite_utils.Database, m: MemberRow) -> str:
    for column in UNIQUE[1:]:
        value = getattr(m, column)
        owner = value and db.execute(f"SELECT member_id FROM members WHERE {column} = ? AND member_id <> ?",
                                     (value, m.member_id)).fetchone()
        if owner:
            return f"{column}|{value} belongs to member {owner[0]} already"
    return "|conflicts with a member already on this desk"


_CLEAR_CODES = "UPDATE members SET card_number = NULL, ecard_code = NULL WHERE member_id IN ({})"


def _upsert(db: sqlite_utils.Database, chunk: list[tuple[Row, MemberRow]], demo: int, now: str,
            result: ImportResult, deferred: list[tuple[Row, MemberRow]] | None) -> list[tuple[Row, MemberRow]]:
    """Write one chunk; a chunk that breaks a unique column is redone row by row to name the culprits.

    The members' card and 电子凭证 codes are cleared before they are written again, so a file may
    move codes between its members (a reissued card). A row that still collides is put in
    ``deferred`` to be tried once more after the whole file (the holder may come later in it), or,
    on that last try (``deferred`` None), rejected with the member who holds the code.
    """
    ids = [m.member_id for _, m in chunk]
    marks = ",".join("?" * len(ids))
    existing = db.execute(f"SELECT count(*) FROM members WHERE member_id IN ({marks})", ids).fetchone()[0]
    try:
        with write_transaction(db):
            db.execute(_CLEAR_CODES.format(marks), ids)
            db.conn.executemany(UPSERT, [_values(m, demo, now) for _, m in chunk])
        result.inserted += len(chunk) - existing
        result.updated += existing
        return chunk
    except sqlite3.IntegrityError:
        pass
    written = []
    for row, m in chunk:
        try:
            with write_transaction(db):
                is_new = not db.execute("SELECT 1 FROM members WHERE member_id = ?", (m.member_id,)).fetchone()
                db.execute(_CLEAR_CODES.format("?"), (m.member_id,))
                db.execute(UPSERT, _values(m, demo, now))
        except sqlite3.IntegrityError:
            if deferred is not None:
                deferred.append((row, m))
                continue
            column, _, reason = _conflict(db, m).partition("|")
            result.rejected.append((row, RowError(m.line, column, reason, kind="taken" if column else "bad",
                                                  value=str(getattr(m, column, "") or "") if column else "",
                                                  other=reason.rsplit(" ", 2)[-2] if column else "")))
            continue
        result.inserted += is_new
        result.updated += not is_new
        written.append((row, m))
    return written


def _drop_links(db: sqlite_utils.Database, written: list[tuple[Row, MemberRow]]) -> None:
    """A row with a family column replaces that member's links: drop the old ones."""
    ids = [m.member_id for _, m in written if m.family_given]
    if ids:
        db.execute(f"DELETE FROM family_links WHERE member_id IN ({','.join('?' * len(ids))})", ids)


def _write_certifications(db: sqlite_utils.Database, written: list[tuple[Row, MemberRow]]) -> None:
    """A row with a certified column replaces that member's certifications (a re-import updates them)."""
    given = [m for _, m in written if m.certified_given]
    if not given:
        return
    ids = [m.member_id for m in given]
    db.execute(f"DELETE FROM certifications WHERE member_id IN ({','.join('?' * len(ids))})", ids)
    db.conn.executemany("INSERT OR REPLACE INTO certifications (member_id, benefit, disease, valid_from, valid_to)"
                        " VALUES (?,?,?,?,?)", [(m.member_id, *c) for m in given for c in m.certified])


def certifications_of(db: sqlite_utils.Database, member_id: str) -> list[tuple[str, str, dt.date, dt.date]]:
    """The member's certifications, (benefit, disease, from, to), earliest first."""
    return [(b, d, dt.date.fromisoformat(f), dt.date.fromisoformat(t)) for b, d, f, t in db.execute(
        "SELECT benefit, disease, valid_from, valid_to FROM certifications WHERE member_id = ?"
        " ORDER BY valid_from, benefit, disease", (member_id,))]


def _link_family(db: sqlite_utils.Database, linked: list[tuple[Row, MemberRow]], result: ImportResult) -> None:
    """Add the links once every row is written, so a link may name a member further down the file."""
    for row, m in linked:
        for relative, relation in m.family:
            if not db.execute("SELECT 1 FROM members WHERE member_id = ?", (relative,)).fetchone():
                result.rejected.append((row, RowError(m.line, "family", f"{relative} is not a member on this desk",
                                                      kind="not_a_member", value=relative)))
                continue
            db.execute("INSERT OR REPLACE INTO family_links (member_id, relative_id, relation) VALUES (?,?,?)",
                       (m.member_id, relative, relation))


def import_roster(db: sqlite_utils.Database, actor: Actor, path: Path, now: dt.datetime, *, skip_bad: bool = False,
                  progress: Callable[[int, int], None] | None = None, encoding: str | None = None) -> ImportResult:
    """Import a roster file in one transaction; see the module docstring for what happens to bad rows.

    Rows are parsed and written a chunk at a time inside that transaction (memory stays flat on a
    city's roster); a bad row found late still rolls everything back unless ``skip_bad``.
    """
    require(actor, "import")
    path = Path(path)
    total = _count_lines(path)
    parser, result, stamp = _Parser(now.date()), ImportResult(), now.isoformat()
    demo_row = db.execute("SELECT demo FROM desk WHERE id = 1").fetchone()
    demo = int(bool(demo_row and demo_row[0]))
    with write_transaction(db):
        linked, chunk, deferred = [], [], []
        for item in read_rows(path, COLUMNS, REQUIRED, encoding):
            result.read += 1
            parsed = parser.parse(item)
            if isinstance(parsed, RowError):
                result.rejected.append((item if isinstance(item, Row) else None, parsed))
                if not skip_bad and len(result.rejected) >= 1000:
                    break  # enough to show; the file is refused anyway
                continue
            chunk.append((item, parsed))
            if len(chunk) == CHUNK:
                linked += _flush(db, chunk, demo, stamp, result, skip_bad, deferred)
                chunk = []
                if progress:
                    progress(result.read, max(total, result.read))
        linked += _flush(db, chunk, demo, stamp, result, skip_bad, deferred)
        linked += _flush(db, deferred, demo, stamp, result, skip_bad, None)
        if result.read == 0:
            raise StoreError(f"{path}: has no rows to import", kind="no_rows")
        if not (result.rejected and not skip_bad):
            _link_family(db, linked, result)
        if result.rejected and not skip_bad:
            raise ImportRefused(str(path), [e for _, e in result.rejected])
        audit.append(db, stamp, actor.user_id, "members.import", path.name,
                     {"read": result.read, "inserted": result.inserted, "updated": result.updated,
                      "rejected": len(result.rejected)})
    if progress:
        progress(result.read, result.read)
    return result


def upsert_members(db: sqlite_utils.Database, members: list[MemberRow], now: dt.datetime) -> ImportResult:
    """Write members already checked elsewhere (the hub's roster changes), inside the caller's
    transaction: the same upsert, card swaps and family links as a file import, without a file."""
    demo_row = db.execute("SELECT demo FROM desk WHERE id = 1").fetchone()
    demo, stamp = int(bool(demo_row and demo_row[0])), now.isoformat()
    rows = [(Row(m.line, {}, ""), m) for m in members]
    result, deferred = ImportResult(read=len(rows)), []
    linked = _flush(db, rows, demo, stamp, result, True, deferred)
    linked += _flush(db, deferred, demo, stamp, result, True, None)
    _link_family(db, linked, result)
    return result


def _flush(db: sqlite_utils.Database, chunk: list[tuple[Row, MemberRow]], demo: int, stamp: str,
           result: ImportResult, skip_bad: bool, deferred: list | None) -> list[tuple[Row, MemberRow]]:
    if not chunk or (result.rejected and not skip_bad):
        return []  # the file will be refused: no point writing what will be rolled back
    written = _upsert(db, chunk, demo, stamp, result, deferred)
    _drop_links(db, written)
    _write_certifications(db, written)
    return [(row, m) for row, m in written if m.family]


def _count_lines(path: Path) -> int:
    """Rows to expect, for the progress bar (a header line is not a row)."""
    try:
        with open(path, "rb") as handle:
            lines = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
    except OSError:
        return 0
    return lines - (0 if path.suffix.lower() in (".jsonl", ".ndjson", ".json") else 1)


def write_rejects(path: Path, rejected: list[tuple[Row | None, RowError]]) -> None:
    """The rejected rows with their reasons, for the administrator to fix and import again."""
    from desk.store.private_files import CsvWriter, open_private

    with open_private(path) as handle:
        writer = CsvWriter(handle)
        writer.writerow(["line", "column", "reason", "row"])
        for row, error in sorted(rejected, key=lambda r: r[1].line):
            writer.writerow([error.line, error.column, error.reason, row.raw if row else error.raw])


MEMBER_FIELDS = ("member_id", "name", "id_number", "card_number", "ecard_code", "category", "birth_date", "sex",
                 "scheme", "family_doctor_institution", "eligible", "account_balance_fen", "demo")
_SELECT = f"SELECT {', '.join(MEMBER_FIELDS)} FROM members"


def _record(row: tuple) -> MemberRecord:
    values = dict(zip(MEMBER_FIELDS, row))
    values.update(birth_date=dt.date.fromisoformat(values["birth_date"]), eligible=bool(values["eligible"]),
                  demo=bool(values["demo"]))
    return MemberRecord(**values)


class AmbiguousMember(StoreError):
    """A scanned code that names more than one member (A's member id is B's card number, say).

    Refused rather than guessed: the counter shows the candidates and the cashier picks one, by
    scanning a code only that member carries.
    """

    def __init__(self, key: str, candidates: list["MemberRecord"]):
        self.key, self.candidates = key, candidates
        names = ", ".join(f"{m.member_id} {m.name}" for m in candidates)
        super().__init__(f"member: code {key!r} names {len(candidates)} members ({names}); scan another of their codes")


def member_named(db: sqlite_utils.Database, key: str) -> MemberRecord:
    """The member settling and previewing act on (a member id first, else one unambiguous scanned code),
    or a StoreError that says which code found nobody."""
    member = member_by_id_or_code(db, key)
    if member is not None:
        return member
    raise StoreError(f"member: no member with card, 电子凭证, ID number or member id {key!r}")


def find_member(db: sqlite_utils.Database, key: str) -> MemberRecord | None:
    """The one member a scanned code names: card number, 电子凭证 code, ID number or member id.

    None when nobody carries the code; AmbiguousMember when more than one member does (the code
    is one member's card number and another's member id): never the first row of several.
    """
    key = (key or "").strip()
    if not key:
        return None
    upper = key.upper()
    rows = db.execute(f"{_SELECT} WHERE card_number = ? OR ecard_code = ? OR id_number = ? OR member_id = ?"
                      " ORDER BY member_id", (key, key, upper, key)).fetchall()
    if len(rows) > 1:
        raise AmbiguousMember(key, [_record(row) for row in rows])
    return _record(rows[0]) if rows else None


def member_by_id_or_code(db: sqlite_utils.Database, key: str) -> MemberRecord | None:
    """The member settling and previewing act on: a member id (what the counter passes, having
    resolved the scan once), else an unambiguous scanned code (what scripts may pass)."""
    row = db.execute(f"{_SELECT} WHERE member_id = ?", ((key or "").strip(),)).fetchone()
    return _record(row) if row else find_member(db, key)


def get_member(db: sqlite_utils.Database, member_id: str) -> MemberRecord:
    row = db.execute(f"{_SELECT} WHERE member_id = ?", (member_id,)).fetchone()
    if row is None:
        raise StoreError(f"member: no member {member_id!r} on this desk")
    return _record(row)


def family_of(db: sqlite_utils.Database, member_id: str) -> list[tuple[MemberRecord, str]]:
    """Linked family members (either direction) whose accounts may pay, with the relation as given."""
    rows = db.execute(
        "SELECT relative_id, relation FROM family_links WHERE member_id = ?"
        " UNION SELECT member_id, relation FROM family_links WHERE relative_id = ?", (member_id, member_id)).fetchall()
    return [(get_member(db, rid), relation) for rid, relation in rows]
