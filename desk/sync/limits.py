"""The annual cap a settlement was made under, read from the same policy packs the desks settle with.

The hub needs it to tell when two desks together took a member past the cap: each desk kept
within the cap as far as it knew, so only the sum at the hub shows the overrun.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from desk.money import to_fen
from desk.policy.loader import Library
from desk.policy.pack import PolicyError


class Caps:
    """Annual caps (统筹基金年度最高支付限额 of ordinary outpatient pooling) in fen, and which usage the other
    benefits' caps hold, memoised."""

    def __init__(self, library: Library):
        self.library = library
        self.annual_cap_fen = lru_cache(maxsize=4096)(self._annual_cap_fen)
        self.benefit_figure = lru_cache(maxsize=4096)(self._benefit_figure)
        self.scheme_cap_fen = lru_cache(maxsize=4096)(self._scheme_cap_fen)

    def _annual_cap_fen(self, policy_version: str, day: str, category: str, scheme: str) -> int | None:
        """The cap in force on ``day`` under the settlement's pack; None when the hub cannot know it
        (a pack it does not have, or one that sets no cap): no overrun is then recorded."""
        pack_id = policy_version.partition("@")[0]
        try:
            rules = self.library.get(pack_id).on(dt.date.fromisoformat(day))
            if not rules.has("ordinary.annual_cap"):
                return None
            cap = rules.get("ordinary.annual_cap", {"category": category, "scheme": scheme})
        except (PolicyError, ValueError, KeyError):
            return None
        return to_fen(cap, "ordinary.annual_cap")

    def _scheme_cap_fen(self, policy_version: str, day: str, scheme: str, category: str, member_scheme: str
                        ) -> int | None:
        """An own scheme's annual cap (重庆 第六条: own_scheme.<scheme>.annual_cap) in force on ``day``; None
        when the scheme has none or the hub cannot know it."""
        key = f"own_scheme.{scheme}.annual_cap"
        try:
            rules = self.library.get(policy_version.partition("@")[0]).on(dt.date.fromisoformat(day))
            if not rules.has(key):
                return None
            return to_fen(rules.get(key, {"category": category, "scheme": member_scheme}), key)
        except (PolicyError, ValueError, KeyError):
            return None

    def _benefit_figure(self, policy_version: str, day: str, benefit: str,
                        disease: str | None) -> tuple[str, tuple[str, ...]] | None:
        """The usage a benefit's cap holds on ``day`` (desk.engine.benefits.terms): the inpatient figure
        (``("inpatient", ("",))``), the disease's own, or the sum over the benefit's diseases (a cap for
        all of them); None when the hub cannot know it."""
        try:
            rules = self.library.get(policy_version.partition("@")[0]).on(dt.date.fromisoformat(day))
            basis = rules.get(f"{benefit}.cap_basis")
            if basis == "inpatient":
                return "inpatient", ("",)
            if disease is None:
                return None
            if basis == "per_disease":
                return "disease", (disease,)
            table = rules.values.get(f"{benefit}.diseases")
            return "disease", tuple(table.codes()) if table is not None else (disease,)
        except (PolicyError, ValueError, KeyError):
            return None
