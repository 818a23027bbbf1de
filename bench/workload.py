"""A reproducible mix of quote requests across the settling packs, for the benchmarks."""
from __future__ import annotations

import random

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
    return out
