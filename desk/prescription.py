"""External prescriptions (外配处方): what the pharmacy keeps of one, and whether it is still valid.

处方管理办法 第十八条: a prescription is valid on the day it was written; where the doctor notes a
longer validity it is at most 3 days. The desk's settings may change both figures
(pharmacy_settings). The issuing institution's level is what the engine takes as
``prescriber_level``: 重庆 第12条 settles a pharmacy bill at the prescriber's level.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desk.money import InputError

FIELDS = ("number", "institution_code", "institution_name", "institution_level", "doctor", "diagnosis_code",
          "diagnosis_name", "written_on", "valid_days")


class PrescriptionError(ValueError):
    """A prescription refused: kind ``missing``, ``stale``, ``future``, ``too_long`` or ``level``."""

    def __init__(self, kind: str, message: str, **fields):
        super().__init__(message)
        self.kind = kind
        self.fields = fields


@dataclass(frozen=True)
class Prescription:
    number: str
    institution_code: str
    institution_name: str
    institution_level: int
    doctor: str
    diagnosis_code: str
    diagnosis_name: str
    written_on: dt.date
    valid_days: int | None = None  # None: the desk's default (the day it was written)

    def as_dict(self) -> dict:
        return {**{k: getattr(self, k) for k in FIELDS}, "written_on": self.written_on.isoformat()}


def parse(values: dict) -> Prescription:
    """A prescription from a dict of strings (a bill file, the counter's form); InputError names the field."""
    def text(name: str) -> str:
        value = str(values.get(name) or "").strip()
        if not value:
            raise InputError(f"prescription.{name}", "is required")
        return value

    level_text = text("institution_level")
    if level_text not in ("0", "1", "2", "3"):
        raise InputError("prescription.institution_level", f"{level_text!r} is not one of 0, 1, 2, 3")
    try:
        written = dt.date.fromisoformat(text("written_on"))
    except ValueError:
        raise InputError("prescription.written_on", f"{values.get('written_on')!r} is not a date (YYYY-MM-DD)") from None
    days = str(values.get("valid_days") or "").strip()
    if days and not (days.isascii() and days.isdigit() and int(days) >= 1):
        raise InputError("prescription.valid_days", f"{days!r} is not a whole number of days")
    return Prescription(text("number"), text("institution_code"), text("institution_name"), int(level_text),
                        text("doctor"), text("diagnosis_code"), text("diagnosis_name"), written,
                        int(days) if days else None)


def valid_days(p: Prescription, default_days: int, max_days: int) -> int:
    """The days the prescription is valid, counting the day written; a longer note than allowed is refused."""
    days = default_days if p.valid_days is None else p.valid_days
    if days > max_days:
        raise PrescriptionError("too_long", f"prescription {p.number}: a validity of {days} days is longer than the"
                                f" {max_days} days allowed", number=p.number, days=days, max_days=max_days)
    return days


def check_valid(p: Prescription, day: dt.date, default_days: int = 1, max_days: int = 3) -> int:
    """Refuse a prescription written after ``day`` or older than its validity; the validity in days."""
    days = valid_days(p, default_days, max_days)
    if p.written_on > day:
        raise PrescriptionError("future", f"prescription {p.number}: written on {p.written_on}, after the bill's day"
                                f" {day}", number=p.number, written_on=p.written_on)
    last = p.written_on + dt.timedelta(days=days - 1)
    if day > last:
        raise PrescriptionError("stale", f"prescription {p.number}: written on {p.written_on}, valid {days} day(s)"
                                f" until {last}; the bill is on {day}", number=p.number, written_on=p.written_on,
                                last_day=last, days=days)
    return days
