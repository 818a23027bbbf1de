"""Disease tables: the certified diseases a benefit covers, as pack data.

吉林 leaves its chronic-disease list to a later text (二（一） "具体病种另行制定") and 南昌's
drafting note gives 33 diseases without listing them (四（二）2), so the table is a pack
parameter: each row a code, a name, and where the place sets them per disease a ratio and
an annual cap. Framework bounds check the ratio and cap columns like any other figure.

A row may list ``items``: the catalog codes dispensed for that disease (the city's 病种用药范围). The
counter uses them to offer by default the certified benefit a visit's items fit; the engine does not
(a cashier may settle any item under the benefit chosen, as the seeds say nothing more).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from desk.money import InputError, parse_money, parse_ratio

CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
ROW_KEYS = {"code", "name", "ratio", "cap", "items"}


@dataclass(frozen=True)
class Disease:
    code: str
    name: str
    ratio: Decimal | None = None
    cap: Decimal | None = None
    items: tuple[str, ...] = ()  # catalog codes dispensed for this disease (the counter's default benefit)


@dataclass(frozen=True)
class DiseaseTable:
    """The rows in the pack's order, found by code."""

    rows: tuple[Disease, ...]

    def get(self, code: str) -> Disease | None:
        return next((row for row in self.rows if row.code == code), None)

    def codes(self) -> tuple[str, ...]:
        return tuple(row.code for row in self.rows)

    def column(self, name: str) -> list[tuple[str, Decimal]]:
        """(code, value) for every row that sets the column, for bounds checks."""
        return [(row.code, getattr(row, name)) for row in self.rows if getattr(row, name) is not None]


def parse_diseases(raw: object, where: str) -> DiseaseTable:
    """A non-empty array of {code, name, ratio?, cap?} tables with unique codes."""
    if not isinstance(raw, list) or not raw:
        raise InputError(where, "must be a non-empty array of {code, name, ratio, cap} tables")
    rows: list[Disease] = []
    for index, row in enumerate(raw):
        here = f"{where}[{index}]"
        if not isinstance(row, dict):
            raise InputError(here, "must be a table with code and name")
        unknown = set(row) - ROW_KEYS
        if unknown:
            raise InputError(f"{here}.{sorted(unknown)[0]}", "is not a column of a disease table (code, name, ratio, cap, items)")
        code, name = row.get("code"), row.get("name")
        if not isinstance(code, str) or not CODE.match(code):
            raise InputError(f"{here}.code", f"{code!r} is not a disease code (letters, digits, . _ -)")
        if not isinstance(name, str) or not name.strip():
            raise InputError(f"{here}.name", "must be a non-empty string")
        if any(r.code == code for r in rows):
            raise InputError(f"{here}.code", f"{code} appears twice")
        ratio = row.get("ratio")
        cap = row.get("cap")
        items = row.get("items", [])
        if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
            raise InputError(f"{here}.items", "must be an array of catalog codes")
        rows.append(Disease(code, name.strip(),
                            None if ratio is None else parse_ratio(ratio, f"{here}.ratio"),
                            None if cap is None else parse_money(cap, f"{here}.cap"),
                            tuple(i.strip() for i in items)))
    return DiseaseTable(tuple(rows))
