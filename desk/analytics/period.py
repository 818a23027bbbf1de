"""A period of days [first, after), parsed from what a person types, and the period before it."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass


class PeriodError(ValueError):
    """A period that cannot be read; the message names the field and the value."""


@dataclass(frozen=True)
class Period:
    first: dt.date
    after: dt.date  # exclusive

    @property
    def days(self) -> int:
        return (self.after - self.first).days

    @property
    def is_month(self) -> bool:
        return self.first.day == 1 and _next_month(self.first) == self.after

    @property
    def label(self) -> str:
        if self.is_month:
            return f"{self.first:%Y-%m}"
        return f"{self.first.isoformat()}..{(self.after - dt.timedelta(days=1)).isoformat()}"

    def previous(self) -> "Period":
        """The period growth is measured against: the month before a month, else as many days before."""
        if self.is_month:
            return Period((self.first - dt.timedelta(days=1)).replace(day=1), self.first)
        return Period(self.first - dt.timedelta(days=self.days), self.first)

    @classmethod
    def month(cls, month: str) -> "Period":
        return parse_period(month) if re.fullmatch(r"\d{4}-\d{2}", month or "") else _refuse(month)

    @classmethod
    def of_days(cls, first: dt.date, last: dt.date) -> "Period":
        if last < first:
            raise PeriodError(f"period: {last} is before {first}")
        return cls(first, last + dt.timedelta(days=1))


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _refuse(text: str):
    raise PeriodError(f"period: {text!r} is not YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD")


def parse_period(text: str) -> Period:
    """YYYY (a year), YYYY-MM (a month), YYYY-MM-DD (a day) or FIRST..LAST (days, both included)."""
    text = (text or "").strip()
    try:
        if re.fullmatch(r"\d{4}", text):
            return Period(dt.date(int(text), 1, 1), dt.date(int(text) + 1, 1, 1))
        if re.fullmatch(r"\d{4}-\d{2}", text):
            first = dt.date.fromisoformat(f"{text}-01")
            return Period(first, _next_month(first))
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            day = dt.date.fromisoformat(text)
            return Period(day, day + dt.timedelta(days=1))
        match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})", text)
        if match:
            return Period.of_days(dt.date.fromisoformat(match[1]), dt.date.fromisoformat(match[2]))
    except ValueError:
        raise PeriodError(f"period: {text!r} is not a date") from None
    _refuse(text)
