"""A policy pack: one place's rules as dated versions of cited parameters."""
from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from desk.policy.params import SETTLEMENT_KEYS, SPECS, Leaf, Node, Tree, at_date, change_dates, dated_source, lookup


class PolicyError(ValueError):
    """A rule cannot be applied as asked: no version in force, a figure the pack leaves unset.

    ``field`` names the request field the refusal is about, where there is one.
    """

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Param:
    """One parameter as a pack states it: the value (or why there is none) and its article."""

    key: str
    tree: Tree | None
    source: str
    unset: str = ""
    note: str = ""


@dataclass(frozen=True)
class Bound:
    """A framework's limit on a city's parameter; ``rule`` is one of bounds.RULES."""

    key: str
    rule: str
    arg: object
    source: str
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Version:
    start: dt.date
    source: str
    note: str
    params: dict[str, Param]
    bounds: tuple[Bound, ...] = ()


@dataclass(frozen=True)
class Resolved:
    """A pack's parameters on one day: what the engine reads."""

    pack: "Pack"
    version: Version
    day: dt.date
    values: dict[str, Tree | None]
    _sources: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    # what the engine derives from these values alone (a level's ratio and its explanation step…),
    # kept because the values never change once loaded; keys are the engine's own
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    @cached_property  # the settlement and its steps name it; written once into the instance's __dict__
    def version_id(self) -> str:
        return f"{self.pack.id}@{self.version.start.isoformat()}"

    def has(self, key: str) -> bool:
        return self.values.get(key) is not None

    def get(self, key: str, context: dict[str, str] | None = None, field: str = "") -> Leaf:
        tree = self.values.get(key)
        if tree is None:
            raise PolicyError(self.missing(key), field)
        return lookup(tree, context or {})

    def get_or(self, key: str, default: Leaf, context: dict[str, str] | None = None) -> Leaf:
        tree = self.values.get(key)
        return default if tree is None else lookup(tree, context or {})

    def source(self, key: str, context: dict[str, str] | None = None) -> str:
        """The article a parameter cites; a dated value in force today may cite its own (found by ``context``)."""
        if context:
            param = self.version.params.get(key)
            own = dated_source(param.tree, self.day, context) if param is not None and isinstance(param.tree, Node) \
                else None
            if own:
                return f"{self.pack.short} {own}".strip()
        found = self._sources.get(key)
        if found is None:
            param = self.version.params.get(key)
            article = param.source if param else ""
            found = self._sources[key] = f"{self.pack.short} {article}".strip()
        return found

    def missing(self, key: str) -> str:
        param = self.version.params.get(key)
        label = SPECS[key].label if key in SPECS else key
        if param is not None and param.unset:
            return (f"{self.version_id}: {label} ({key}) is not set by this pack: {param.unset}"
                    f" ({self.source(key)})")
        return f"{self.version_id}: {label} ({key}) is not in this pack"


@dataclass
class Pack:
    id: str
    name: str
    short: str
    kind: str  # city | framework
    document: str
    status: str
    follows: str | None
    versions: list[Version]
    file: str = ""
    digest: str = ""  # SHA-256 of the pack file's bytes: what a settlement records, what the hub looks up
    _cache: dict[dt.date, Resolved] = field(default_factory=dict, repr=False, compare=False)
    # per version, the days on which some dated value of it changes; and per stretch between two such
    # days, the values, sources and memo every day of that stretch shares (they are the same figures)
    _changes: dict[dt.date, list[dt.date]] = field(default_factory=dict, repr=False, compare=False)
    _stretches: dict[tuple[dt.date, int], tuple[dict, dict, dict]] = field(default_factory=dict, repr=False,
                                                                           compare=False)

    @cached_property
    def settles(self) -> bool:
        """True when the pack carries figures a bill can be settled with (a city, or a template)."""
        first = self.versions[0].params
        return all(k in first for k in SETTLEMENT_KEYS)

    def version_on(self, day: dt.date) -> Version:
        starts = [v.start for v in self.versions]
        index = bisect_right(starts, day)
        if index == 0:
            raise PolicyError(f"no policy in force for {self.id} on {day.isoformat()}"
                              f" (its first version starts {starts[0].isoformat()})", "at")
        return self.versions[index - 1]

    def on(self, day: dt.date) -> Resolved:
        """The parameters in force on ``day``; memoised, as packs do not change once loaded."""
        cached = self._cache.get(day)
        if cached is None:
            version = self.version_on(day)
            changes = self._changes.get(version.start)
            if changes is None:
                found: set[dt.date] = set()
                for param in version.params.values():
                    if param.tree is not None:
                        found |= change_dates(param.tree)
                changes = self._changes[version.start] = sorted(found)
            stretch = (version.start, bisect_right(changes, day))
            shared = self._stretches.get(stretch)
            if shared is None:
                values = {key: (None if p.tree is None else at_date(p.tree, day)) for key, p in version.params.items()}
                shared = self._stretches[stretch] = (values, {}, {})
            values, sources, memo = shared
            cached = Resolved(self, version, day, values, sources, memo)
            if len(self._cache) < 4096:
                self._cache[day] = cached
        return cached
