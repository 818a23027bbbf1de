"""Synthetic demo data: a member roster, a catalog and a year of past visits.

It has to look real to a cashier trying the desk (plausible names, valid 身份证号 whose birth
date and sex agree with the roster, real drug and service names at believable prices) and yet
be unmistakably demo: every member_id starts with DEMO and institutions are DEMO-C01..DEMO-C05.
Everything is drawn from a random.Random built from the seed, never the global one, so a seed
always gives the same data and two demo databases built from it agree row for row.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources

from desk.domain import FEE_CATEGORIES as DOMAIN_FEE_CATEGORIES
from desk.idcard import make_id_number
from desk.money import fen, from_fen, money_str

ROSTER_COLUMNS = ("member_id", "name", "id_number", "card_number", "ecard_code", "category",
                  "birth_date", "scheme", "family_doctor_institution", "eligible",
                  "account_balance", "family")
CATALOG_COLUMNS = ("code", "name", "spec", "unit", "class", "selfpay_ratio", "unit_price",
                   "fee_category", "account_excluded")
# Wellness and health-check items: outside the basic scope, never paid from a personal account
# (濮阳 第七条, 重庆 第十条); the demo catalog marks them account_excluded.
WELLNESS = ("复合维生素片", "维生素C泡腾片", "鱼油软胶囊", "褪黑素片", "碳酸钙维生素D3咀嚼片", "乳清蛋白粉", "维生素E乳",
            "辅酶Q10软胶囊", "叶黄素酯软胶囊", "氨糖软骨素钙片", "维生素B族片", "健康体检(基础套餐)", "健康体检(中老年套餐)")
FEE_CATEGORIES = tuple(c for c in DOMAIN_FEE_CATEGORIES if c != "其他")  # the demo catalog uses every one but 其他
RETIREMENT_AGE = {"M": 60, "F": 55}
MIN_AGE, MAX_AGE = 20, 85
RETIRED_SHARE = 0.30
B_SELFPAY_RATIOS = ("0.05", "0.10", "0.15", "0.20")

# ~100 common surnames, most frequent first; drawn with weights falling by rank so 王李张刘陈
# turn up far more often than 覃 or 汤, as on any real roster.
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
            "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺"
            "顾毛郝龚邵万钱严覃武戴莫孔向汤")
_SURNAME_WEIGHTS = tuple(1 / (rank + 5) for rank in range(len(SURNAMES)))
GIVEN_MALE = ("伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆旭宁龙林峰建国文东海志成亮兵晨博"
              "阳翔振宏毅昊鸿嘉家子天轩泽睿哲然永庆德福春学金生荣卫民新忠立功胜利祥瑞彬豪晖铭锋坤良栋")
GIVEN_FEMALE = ("芳娜敏静丽艳娟霞燕玲丹萍红琳婷倩雪慧莹颖佳梅洁琴云兰凤英秀美欣怡悦琪璐瑶涵萱晶"
                "蕾薇月彤妍雯菲露馨雅淑珍桂晓文华素玉翠秋香霖诗梦娇婕琼岚璇茜媛蓉")


# The demo places: policy pack → (institution code, name, level, type, ID-number region of its members).
SITES = {
    "puyang": ("DEMO-H0901", "濮阳市演示人民医院", 2, "hospital", "410902"),
    "chongqing": ("DEMO-H5001", "重庆市演示区人民医院", 2, "hospital", "500101"),
    "nanchang": ("DEMO-C3601", "南昌市演示社区卫生服务中心", 1, "clinic", "360102"),
    "jilin": ("DEMO-H2201", "吉林省演示医院", 2, "hospital", "220102"),
}

def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year - years, day=28)


def age_at(birth: dt.date, today: dt.date) -> int:
    """Completed years, as the retirement rule counts them."""
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def category_for(birth: dt.date, sex: str, today: dt.date) -> str:
    """'retired' from 60 for men and 55 for women, the ages the demo roster assumes."""
    return "retired" if age_at(birth, today) >= RETIREMENT_AGE[sex] else "employed"


def _birth_between_ages(rng: random.Random, today: dt.date, youngest: int, oldest: int) -> dt.date:
    # age_at(b) is in [youngest, oldest] exactly when years_before(oldest + 1) < b <= years_before(youngest)
    first = _years_before(today, oldest + 1).toordinal() + 1
    last = _years_before(today, youngest).toordinal()
    return dt.date.fromordinal(rng.randint(first, last))


def _name(rng: random.Random, sex: str) -> str:
    surname = rng.choices(SURNAMES, weights=_SURNAME_WEIGHTS)[0]
    pool = GIVEN_MALE if sex == "M" else GIVEN_FEMALE
    if rng.random() < 0.3:
        return surname + rng.choice(pool)
    return surname + "".join(rng.sample(pool, 2))


def _unique(rng: random.Random, seen: set[str], draw) -> str:
    value = draw(rng)
    while value in seen:
        value = draw(rng)
    seen.add(value)
    return value


def _card_number(rng: random.Random) -> str:
    return chr(ord("A") + rng.randrange(26)) + f"{rng.randrange(10 ** 8):08d}"


def _ecard_code(rng: random.Random) -> str:
    return "0" + f"{rng.randrange(10 ** 27):027d}"


def _scheme(rng: random.Random) -> str:
    roll = rng.random()
    return "individual_tier1" if roll < 0.05 else "individual_tier2" if roll < 0.15 else "employer"


def _balance(rng: random.Random) -> str:
    # Cubing a uniform draw piles balances up near zero, as personal accounts drained by the
    # pharmacy are; the top stays 3000.00.
    cents = int(300_000 * rng.random() ** 3)
    return money_str(from_fen(cents))


def _relation(me: dict[str, str], other: dict[str, str], my_sex: str, other_sex: str) -> str:
    # A suffix only where the ages and sexes make it believable; otherwise the link stays bare.
    gap = int(other["birth_date"][:4]) - int(me["birth_date"][:4])
    if gap <= -18:
        return ":parent"
    if gap >= 18:
        return ":child"
    if abs(gap) <= 12 and my_sex != other_sex:
        return ":spouse"
    return ""


def demo_members(count: int, seed: int = 1, region: str = "410900",
                 today: dt.date = dt.date(2026, 1, 1)) -> list[dict[str, str]]:
    """count roster rows (all values strings, keys ROSTER_COLUMNS), the same for the same seed."""
    if not 0 <= count < 10 ** 7:
        raise ValueError(f"count must be 0-9999999, got {count}")
    rng = random.Random(seed)
    ids: set[str] = set()
    cards: set[str] = set()
    ecards: set[str] = set()
    rows: list[dict[str, str]] = []
    sexes: list[str] = []
    for index in range(count):
        sex = "M" if rng.random() < 0.5 else "F"
        threshold = RETIREMENT_AGE[sex]
        if rng.random() < RETIRED_SHARE:
            birth = _birth_between_ages(rng, today, threshold, MAX_AGE)
        else:
            birth = _birth_between_ages(rng, today, MIN_AGE, threshold - 1)
        id_number = _unique(rng, ids, lambda r: make_id_number(region, birth, r.randrange(100), sex))
        clinic = rng.random() < 0.15
        rows.append({
            "member_id": f"DEMO{index + 1:07d}",
            "name": _name(rng, sex),
            "id_number": id_number,
            "card_number": _unique(rng, cards, _card_number),
            "ecard_code": _unique(rng, ecards, _ecard_code),
            "category": category_for(birth, sex, today),
            "birth_date": birth.isoformat(),
            "scheme": _scheme(rng),
            "family_doctor_institution": f"DEMO-C0{rng.randint(1, 5)}" if clinic else "",
            "eligible": "true" if rng.random() < 0.97 else "false",
            "account_balance": _balance(rng),
            "family": "",
        })
        sexes.append(sex)
    if count > 1:
        for index, row in enumerate(rows):
            if rng.random() >= 0.10:
                continue
            links = []
            for other in rng.sample(range(count - 1), min(rng.randint(1, 2), count - 1)):
                other += other >= index  # skip oneself
                links.append(rows[other]["member_id"]
                             + _relation(row, rows[other], sexes[index], sexes[other]))
            row["family"] = ";".join(links)
    return rows


@dataclass(frozen=True)
class _Base:
    fee_category: str
    group: str
    name: str
    cls: str
    unit: str
    specs: tuple[str, ...]
    low: Decimal
    high: Decimal


def _parse_block(fee_category: str, block: str) -> list[_Base]:
    bases = []
    for line in block.strip().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        group, name, cls, unit, specs, prices = (part.strip() for part in line.split("|"))
        low, high = prices.split("-")
        bases.append(_Base(fee_category, group, name, cls, unit, tuple(specs.split(";")),
                           Decimal(low), Decimal(high)))
    return bases


@lru_cache(maxsize=1)
def _catalog_bases() -> tuple[_Base, ...]:
    bases: list[_Base] = []
    for fee_category, name in _CATALOG_FILES:
        bases.extend(_parse_block(fee_category, _catalog_text(name)))
    return tuple(bases)


def _code(base: _Base, number: int) -> str:
    # Shaped like the national 医保 codes: X/Z + ATC-like group + serial for drugs,
    # T for 饮片, FW + group + serial for services, HC for consumables.
    if base.fee_category == "西药":
        return f"X{base.group}A{number:03d}"
    if base.fee_category == "中成药":
        return f"Z{base.group}A{number:03d}"
    if base.fee_category == "中药饮片":
        return f"T{base.group}{number:03d}"
    if base.fee_category == "材料":
        return f"HC{base.group}{number:02d}"
    return f"FW{base.group}{number:02d}"


def demo_catalog(seed: int = 1) -> list[dict[str, str]]:
    """Catalog rows (all values strings, keys CATALOG_COLUMNS); the seed moves prices and the
    B self-pay ratios, never the codes, so a code means the same item under every seed."""
    rng = random.Random(f"demo-catalog-{seed}")
    serials: dict[tuple[str, str], int] = {}
    rows = []
    for base in _catalog_bases():
        ratio = rng.choice(B_SELFPAY_RATIOS) if base.cls == "B" else "0"
        span = base.high - base.low
        for position, spec in enumerate(base.specs):
            key = (base.fee_category, base.group)
            serials[key] = serials.get(key, 0) + 1
            # Specs are listed smallest pack first; each takes its slice of the price range.
            share = (Decimal(position) + Decimal(str(rng.random()))) / len(base.specs)
            price = max(base.low + span * share, Decimal("0.01"))
            rows.append({
                "code": _code(base, serials[key]),
                "name": base.name,
                "spec": spec,
                "unit": base.unit,
                "class": base.cls,
                "selfpay_ratio": ratio,
                "unit_price": money_str(fen(price)),
                "fee_category": base.fee_category,
                "account_excluded": "true" if base.name in WELLNESS else "",
            })
    return rows


def demo_usage_plan(members: list[dict[str, str]], seed: int = 1, year: int = 2026,
                    fraction: float = 0.4) -> list[tuple[str, dt.date, list[str]]]:
    """Past visits to replay as settlements: (member_id, date, catalog codes), oldest first.

    Only eligible members visit (an ineligible one could not have been settled). About 70% of
    bills carry a 诊查 fee, as a clinic visit does; the rest are pharmacy purchases or tests.
    Visits fall between 1 January and 20 November, so the year to date has history in it.
    """
    # Its own stream, so which members visit is not tied to the draws that made their rows.
    rng = random.Random(f"demo-usage-{seed}")
    catalog = demo_catalog(seed)
    consult = [row["code"] for row in catalog if row["fee_category"] == "诊查"]
    other = [row["code"] for row in catalog if row["fee_category"] != "诊查"]
    first = dt.date(year, 1, 1).toordinal()
    last = dt.date(year, 11, 20).toordinal()
    plan: list[tuple[int, int, tuple[str, dt.date, list[str]]]] = []
    for order, member in enumerate(members):
        if member.get("eligible", "true") != "true" or rng.random() >= fraction:
            continue
        for _ in range(rng.randint(1, 6)):
            day = dt.date.fromordinal(rng.randint(first, last))
            size = rng.randint(1, 5)
            codes = [rng.choice(consult)] if rng.random() < 0.7 else []
            codes += rng.sample(other, size - len(codes))
            plan.append((day.toordinal(), order, (member["member_id"], day, codes)))
    plan.sort(key=lambda entry: entry[:2])
    return [visit for _, _, visit in plan]


# The catalog's items are data: resources/demo/<file>.psv, one per fee category, one item a line:
# group | name | class | unit | specs, smallest pack first | price range in yuan. Classes follow
# the usual 目录 placement (old generics 甲类, newer or branded 乙类, tonics, supplements and
# cosmetic or wellness items 丙类); prices are the ordinary retail range.
_CATALOG_FILES = (("西药", "western"), ("中成药", "chinese_patent"), ("中药饮片", "decoction_pieces"),
                  ("诊查", "consultation"), ("检查", "examination"), ("化验", "laboratory"),
                  ("治疗", "treatment"), ("材料", "materials"))


def _catalog_text(name: str) -> str:
    return resources.files("resources").joinpath("demo", f"{name}.psv").read_text(encoding="utf-8")
