"""A reproducible mix of quote requests across the settling packs, for the benchmarks.

About a third of the bills use contract version 2: chronic, special-disease, emergency and day-surgery
bills under the example 吉林 city pack, 南昌 chronic bills, 重庆 own-scheme lines, wellness items and
family payers. The example packs (tests/packs) set what the shipped packs leave unset, so the
benchmarks read them first (POLICY_DIR).
"""
from __future__ import annotations

import random
from pathlib import Path

POLICY_DIR = Path(__file__).resolve().parent.parent / "tests" / "packs"

PLACES = [("puyang", "2023"), ("chongqing", "2024"), ("nanchang", "2023"), ("jilin", "2023")]


def requests(count: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        place, year = PLACES[i % len(PLACES)]
        pharmacy = place == "chongqing" and rng.random() < 0.2
        items = [{"code": f"X{n}", "name": "药品", "amount": f"{rng.randint(1, 40000) / 100:.2f}",
                  "class": rng.choice("AAABBC"), "selfpay_ratio": rng.choice(["0", "0.05", "0.10", "0.20"])}
                 for n in range(rng.randint(1, 8))]
        out.append({
            "policy": place,
            "at": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(8, 20):02d}:15:00+08:00",
            "institution": {"id": f"H-{rng.randint(1, 30)}", "level": rng.randint(0, 3),
                            "type": "pharmacy" if pharmacy else rng.choice(["clinic", "hospital"]), "designated": True},
            "prescriber_level": rng.randint(1, 3) if pharmacy else None,
            "benefit": "ordinary",
            "member": {"category": "employed" if place == "jilin" else rng.choice(["employed", "retired"]),
                       "scheme": rng.choice(["employer", "individual_tier2", "individual_tier1"]),
                       "family_doctor_institution": f"H-{rng.randint(1, 30)}", "eligible": True, "inpatient": False,
                       "account_balance": f"{rng.randint(0, 200000) / 100:.2f}"},
            "usage": {"deductible_met": f"{rng.randint(0, 60000) / 100:.2f}",
                      "ordinary_pool_paid": f"{rng.randint(0, 200000) / 100:.2f}",
                      "same_day_deductible_met": "0"},
            "items": items,
            "use_account": rng.random() < 0.8,
        })
        if rng.random() < 0.35:
            _version_2(rng, out[-1], year)
    return out


# (policy, benefit, disease codes, levels it is paid at)
BENEFITS = [
    ("changchun", "chronic", ("I10", "E11", "I25"), (0, 1, 2)),
    ("changchun", "special", ("N18", "C97"), (2, 3)),
    ("changchun", "emergency", (None,), (0, 1, 2, 3)),
    ("changchun", "day_surgery", (None,), (0, 1, 2, 3)),
    ("nanchang", "chronic", ("M01", "M02", "M10", "M20"), (0, 1, 2, 3)),
]
SCHEMES = ["fixed_fee", "two_diseases", "special_disease", "national_negotiated"]


def _version_2(rng: random.Random, req: dict, year: str) -> None:
    """Turn an ordinary request into one using a version-2 field."""
    if req["policy"] == "chongqing":
        for item in req["items"]:
            if rng.random() < 0.4:
                item["scheme"] = rng.choice(SCHEMES)
        req["usage"]["scheme_pool_paid"] = {"two_diseases": f"{rng.randint(0, 30000) / 100:.2f}"}
        return
    if req["policy"] == "puyang":
        req["items"][0]["account_excluded"] = True
        req["payer_relation"] = rng.choice([None, "spouse", "parent", "child"])
        return
    policy, benefit, diseases, levels = rng.choice(BENEFITS)
    disease = rng.choice(diseases)
    year = "2023"
    req.update(policy=policy, benefit=benefit, at=f"{year}{req['at'][4:]}")
    req["institution"]["type"], req["prescriber_level"] = "hospital", None
    req["institution"]["level"] = rng.choice(levels)
    req["usage"]["inpatient_pool_paid"] = f"{rng.randint(0, 10000000) / 100:.2f}"
    req["usage"]["special_deductible_met"] = rng.choice(["0", "300.00", "500.00"])
    if disease:
        req["disease"] = disease
        req["member"]["certified"] = [{"benefit": benefit, "disease": disease, "from": f"{year}-01-01",
                                       "to": f"{year}-12-31"}]
        req["usage"]["disease_pool_paid"] = {disease: f"{rng.randint(0, 500000) / 100:.2f}"}
