"""Per-article cases as data (after OpenFisca's YAML tests): tests/cases/<pack>.toml, one per shipped pack.

Each case is a quote request and the figures worked by hand from the policy document; adding a
city is a pack file and a cases file. The keys of a case are described at the top of puyang.toml.
"""
from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

import pytest

from conftest import POLICIES
from desk.money import InputError
from desk.quote import quote_one

CASES = Path(__file__).resolve().parent / "cases"
CASE_KEYS = {"name", "article", "request", "expected", "sources", "sources_contain", "why", "error"}


def merged(base: Any, over: Any) -> Any:
    """``over`` on top of ``base``: tables merge key by key, anything else replaces."""
    if isinstance(base, dict) and isinstance(over, dict):
        out = copy.deepcopy(base)
        for key, value in over.items():
            out[key] = merged(base.get(key), value) if key in base else copy.deepcopy(value)
        return out
    return copy.deepcopy(over)


def _files() -> list[Path]:
    return sorted(CASES.glob("*.toml"))


def _cases() -> list:
    params = []
    for path in _files():
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        defaults = data.get("defaults", {}).get("request", {})
        for number, case in enumerate(data.get("cases", []), start=1):
            request = merged(defaults, case.get("request", {}))
            params.append(pytest.param(path.stem, case, request, id=f"{path.stem}-{number}: {case.get('name', '')}"))
    return params


def _subset(answer: Any, expected: Any, where: str) -> None:
    if isinstance(expected, dict):
        assert isinstance(answer, dict), f"{where}: {answer!r} is not a table"
        for key, value in expected.items():
            assert key in answer, f"{where}.{key}: not in the answer"
            _subset(answer[key], value, f"{where}.{key}")
    else:
        assert answer == expected, f"{where}: {answer!r}, the case says {expected!r}"


@pytest.mark.parametrize("pack, case, payload", _cases())
def test_case(library, pack, case, payload):
    assert set(case) <= CASE_KEYS, f"unknown keys {set(case) - CASE_KEYS}"
    assert case.get("article"), "every case names the article it checks"
    if "error" in case:
        with pytest.raises(InputError) as err:
            quote_one(library, payload)
        assert str(err.value).startswith(case["error"]), str(err.value)
        return
    answer = quote_one(library, payload)
    assert case.get("expected"), "a case that settles says what it expects"
    _subset(answer, case["expected"], "answer")
    steps = {s["step"]: s for s in answer["explain"]}
    for step, source in case.get("sources", {}).items():
        assert steps[step]["source"] == source, step
    for step, part in case.get("sources_contain", {}).items():
        assert part in steps[step]["source"], step
    for step, words in case.get("why", {}).items():
        assert words in steps[step]["why"], step
    assert all(s["source"] for s in answer["explain"])


def test_every_shipped_pack_has_its_cases_and_every_cases_file_its_pack():
    packs = {p.stem for p in POLICIES.glob("*.toml")}
    cases = {p.stem for p in _files()}
    assert packs == cases


def test_the_merge_keeps_defaults_and_replaces_arrays():
    base = {"member": {"category": "employed", "scheme": "employer"}, "items": [1, 2]}
    assert merged(base, {"member": {"category": "retired"}, "items": [3]}) == {
        "member": {"category": "retired", "scheme": "employer"}, "items": [3]}
    assert base["member"]["category"] == "employed"
