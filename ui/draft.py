"""The bill being entered, kept on disk after every edit, so closing the window loses nothing.

The draft also carries the settlement id chosen when the bill started: settling uses it, so
pressing settle twice (or settling again after a crash) cannot settle the bill twice.

Each cashier's open bill is kept in its own file (``owner``), so switching user leaves it for
its cashier; the counter names the owner when it restores a draft left by someone else.
"""
from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

from desk.store.private_files import write_private


@dataclass
class Draft:
    settlement_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    member_key: str = ""
    lines: list[dict] = field(default_factory=list)  # code, quantity, unit_price as strings; codes, batch …
    prescriber_level: int | None = None
    use_account: bool = True
    payer_id: str | None = None
    prescription: dict | None = None  # the external prescription (desk.prescription.Prescription.as_dict)
    owner: str = ""  # the user id whose bill it is ("" in a draft written before owners were kept)
    benefit: str = ""  # "benefit|disease" as the counter's benefit list names it ("" : the member's default)
    payment: dict | None = None  # the payment choice (ui.payment_box.PaymentBox.state)


def draft_path(db_path: Path, owner: str = "") -> Path:
    """The owner's draft beside the database; with no owner, the one file drafts had before owners.

    The user id goes into the name hex-encoded: file names on Windows ignore case ("Amy", "amy").
    """
    if not owner:
        return db_path.with_name(db_path.name + ".draft.json")
    return db_path.with_name(f"{db_path.name}.draft.{owner.encode('utf-8').hex()}.json")


def left_by_others(db_path: Path, owner: str) -> list[Path]:
    """Drafts other users (or a program from before owners) left at this counter, newest first."""
    mine = draft_path(db_path, owner)
    found = [p for p in db_path.parent.glob(db_path.name + ".draft*.json") if p != mine]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def save(path: Path, draft: Draft) -> None:
    """Write atomically (temp file, fsync, rename), readable by the owner only (it names the member)."""
    write_private(path, json.dumps(asdict(draft), ensure_ascii=False))


def load(path: Path) -> Draft | None:
    try:
        return from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None


def as_dict(draft: Draft) -> dict:
    return asdict(draft)


def from_dict(raw: object) -> Draft | None:
    """A draft from its JSON (a file, or a held bill's); None when it is not one."""
    try:
        return Draft(**raw) if isinstance(raw, dict) else None
    except TypeError:
        return None


def discard(path: Path) -> None:
    path.unlink(missing_ok=True)
