"""Building quote requests in tests without repeating the whole contract each time."""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from desk.policy.loader import Library
from desk.quote import quote_one

POLICIES = Path(__file__).resolve().parent.parent / "resources" / "policies"


def request(policy: str, at: str = "2023-03-15T10:00:00+08:00", *, level: int = 2, type: str = "hospital",
            inst_id: str = "H-1", designated: bool = True, prescriber_level: int | None = None,
            items: list[tuple[str, str] | tuple[str, str, str]] = (("100.00", "A"),),
            usage: dict[str, Any] | None = None, use_account: bool = True, **member: Any) -> dict[str, Any]:
    """A quote request; items are (amount, class) or (amount, class, selfpay_ratio)."""
    member = {"category": "employed", "scheme": "employer", "eligible": True, "inpatient": False,
              "account_balance": "0", **member}
    return {
        "policy": policy,
        "at": at,
        "institution": {"id": inst_id, "level": level, "type": type, "designated": designated},
        "prescriber_level": prescriber_level,
        "benefit": "ordinary",
        "member": member,
        "usage": usage or {},
        "items": [{"code": f"I{i}", "name": f"item{i}", "amount": it[0], "class": it[1],
                   "selfpay_ratio": it[2] if len(it) > 2 else "0"} for i, it in enumerate(items)],
        "use_account": use_account,
    }


def quote(library: Library, policy: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    return quote_one(library, request(policy, *args, **kwargs))


def steps(answer: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The explanation steps by name (each appears at most once)."""
    return {s["step"]: s for s in answer["explain"]}


def pack_text(pack_id: str) -> str:
    return (POLICIES / f"{pack_id}.toml").read_text(encoding="utf-8")


def write_pack(folder: Path, pack_id: str, text: str) -> Path:
    path = folder / f"{pack_id}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def then(answer: dict[str, Any], previous: dict[str, Any]) -> dict[str, Any]:
    """The request that follows ``previous`` with the usage its answer left."""
    nxt = copy.deepcopy(previous)
    nxt["usage"] = answer["usage_after"]
    return nxt


def city_pack(pack_id: str, follows: str, start: str = "2023-01-01", **params: Any) -> str:
    """TOML for a test city pack following a framework; params override sensible defaults.

    A value of None leaves the parameter out; a string starting with "unset:" declares it unset.
    """
    values: dict[str, Any] = {
        "ordinary.designated_only": "true",
        "ordinary.requires_eligibility": "true",
        "ordinary.catalog_rules": "true",
        "ordinary.deductible_basis": '"annual"',
        "ordinary.deductible": '"200"',
        "ordinary.ratio": '{ 0 = "0.60", 1 = "0.60", 2 = "0.55", 3 = "0.50" }',
        "ordinary.retiree_addition": '"0.05"',
        "ordinary.annual_cap": '"1800"',
        "ordinary.inpatient_stops": "true",
        "pharmacy.mode": '"prescriber_level"',
        "account.pays_self_pay": "true",
    }
    values.update({k.replace("__", "."): v for k, v in params.items()})
    lines = [f'id = "{pack_id}"', f'name = "{pack_id}市"', f'short = "{pack_id}"', 'kind = "city"',
             f'follows = "{follows}"', 'document = "测试用政策包"', "", "[[versions]]", f"from = {start}",
             'source = "第一条"', ""]
    for key, value in values.items():
        if value is None:
            continue
        lines.append(f"[versions.{key}]")
        lines.append(f'unset = "{value[6:]}"' if str(value).startswith("unset:") else f"value = {value}")
        lines += ['source = "第二条"', ""]
    return "\n".join(lines)


EXAMPLE_PACKS = Path(__file__).resolve().parent / "packs"


def certified(benefit: str, disease: str, start: str = "2023-01-01", end: str = "2023-12-31") -> dict[str, str]:
    return {"benefit": benefit, "disease": disease, "from": start, "to": end}


def benefit_request(policy: str, at: str, benefit: str, disease: str | None = None, *,
                    certs: list[dict[str, str]] | None = None, extra: dict[str, Any] | None = None,
                    **kwargs: Any) -> dict[str, Any]:
    """A version-2 request under ``benefit``; the member holds ``certs`` (default: the disease, all year)."""
    req = request(policy, at, **kwargs)
    req["benefit"] = benefit
    if disease is not None:
        req["disease"] = disease
    if certs is None:
        certs = [certified(benefit, disease, f"{at[:4]}-01-01", f"{at[:4]}-12-31")] if disease else []
    req["member"]["certified"] = certs
    req.update(extra or {})
    return req
