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

from desk.domain import FEE_CATEGORIES as DOMAIN_FEE_CATEGORIES
from desk.idcard import make_id_number
from desk.money import fen, from_fen, money_str

ROSTER_COLUMNS = ("member_id", "name", "id_number", "card_number", "ecard_code", "category",
                  "birth_date", "scheme", "family_doctor_institution", "eligible",
                  "account_balance", "family")
CATALOG_COLUMNS = ("code", "name", "spec", "unit", "class", "selfpay_ratio", "unit_price",
                   "fee_category")
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
        group, name, cls, unit, specs, prices = (part.strip() for part in line.split("|"))
        low, high = prices.split("-")
        bases.append(_Base(fee_category, group, name, cls, unit, tuple(specs.split(";")),
                           Decimal(low), Decimal(high)))
    return bases


@lru_cache(maxsize=1)
def _catalog_bases() -> tuple[_Base, ...]:
    bases: list[_Base] = []
    for fee_category, block in _CATALOG_BLOCKS:
        bases.extend(_parse_block(fee_category, block))
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


# Catalog data: group | name | class | unit | specs, smallest pack first | price range in yuan.
# Classes follow the usual 目录 placement (old generics 甲类, newer or branded 乙类, tonics,
# supplements and cosmetic or wellness items 丙类); prices are the ordinary retail range.
_WESTERN = """
J01CA|阿莫西林胶囊|A|盒|0.25g×24粒/盒;0.5g×24粒/盒|5-20
J01CR|阿莫西林克拉维酸钾片|B|盒|0.375g×12片/盒;0.625g×12片/盒|15-45
J01DD|头孢克肟分散片|B|盒|0.05g×6片/盒;0.1g×6片/盒;0.1g×12片/盒|10-42
J01DB|头孢氨苄胶囊|A|盒|0.125g×24粒/盒;0.25g×24粒/盒|5-18
J01DC|头孢呋辛酯片|B|盒|0.125g×12片/盒;0.25g×12片/盒|15-40
J01DC|头孢克洛胶囊|B|盒|0.25g×6粒/盒;0.25g×12粒/盒|10-35
J01FA|阿奇霉素片|A|盒|0.25g×6片/盒;0.5g×6片/盒|8-30
J01FA|罗红霉素胶囊|A|盒|0.15g×12粒/盒;0.15g×24粒/盒|5-20
J01FA|克拉霉素片|A|盒|0.25g×6片/盒;0.25g×12片/盒|8-28
J01MA|左氧氟沙星片|A|盒|0.1g×12片/盒;0.5g×4片/盒|6-25
J01MA|莫西沙星片|B|盒|0.4g×3片/盒;0.4g×5片/盒|20-70
J01XD|甲硝唑片|A|瓶|0.2g×100片/瓶|3-10
J01EE|复方磺胺甲噁唑片|A|瓶|0.48g×100片/瓶|4-12
N02BE|对乙酰氨基酚片|A|盒|0.5g×12片/盒;0.5g×20片/盒|3-10
M01AE|布洛芬缓释胶囊|A|盒|0.3g×10粒/盒;0.3g×20粒/盒|5-20
M01AE|布洛芬片|A|盒|0.1g×24片/盒;0.2g×24片/盒|3-12
M01AB|双氯芬酸钠缓释片|A|盒|75mg×10片/盒;75mg×20片/盒|5-20
M01AH|塞来昔布胶囊|B|盒|0.2g×6粒/盒;0.2g×10粒/盒|15-50
M01AC|美洛昔康片|B|盒|7.5mg×7片/盒;7.5mg×14片/盒|8-30
B01AC|阿司匹林肠溶片|A|盒|100mg×30片/盒;100mg×60片/盒|5-25
B01AC|氯吡格雷片|B|盒|75mg×7片/盒;75mg×20片/盒|15-80
A10BA|二甲双胍片|A|盒|0.25g×48片/盒;0.5g×60片/盒|3-20
A10BA|二甲双胍缓释片|B|盒|0.5g×30片/盒;0.5g×60片/盒|10-40
A10BB|格列美脲片|A|盒|1mg×30片/盒;2mg×30片/盒|5-30
A10BB|格列齐特缓释片|A|盒|30mg×30片/盒;30mg×60片/盒|8-35
A10BF|阿卡波糖片|A|盒|50mg×30片/盒;50mg×60片/盒|10-45
A10BH|西格列汀片|B|盒|100mg×7片/盒;100mg×14片/盒|15-60
A10BX|瑞格列奈片|B|盒|0.5mg×30片/盒;1mg×30片/盒|8-40
A10AD|门冬胰岛素30注射液|B|支|3ml:300单位/支(笔芯);3ml:300单位/支(特充)|40-80
A10AE|甘精胰岛素注射液|B|支|3ml:300单位/支|60-180
A10AB|重组人胰岛素注射液|A|支|3ml:300单位/支;10ml:400单位/支|20-60
C08CA|硝苯地平控释片|A|盒|30mg×7片/盒;30mg×14片/盒|10-40
C08CA|硝苯地平缓释片|A|盒|10mg×30片/盒;20mg×30片/盒|4-15
C08CA|氨氯地平片|A|盒|5mg×7片/盒;5mg×28片/盒|3-30
C08CA|非洛地平缓释片|A|盒|5mg×10片/盒;5mg×30片/盒|8-35
C09AA|依那普利片|A|盒|5mg×16片/盒;10mg×16片/盒|3-12
C09AA|贝那普利片|A|盒|10mg×14片/盒;10mg×28片/盒|8-35
C09CA|缬沙坦胶囊|A|盒|80mg×7粒/盒;80mg×28粒/盒|8-40
C09CA|厄贝沙坦片|A|盒|0.15g×7片/盒;0.15g×28片/盒|6-30
C09CA|氯沙坦钾片|A|盒|50mg×7片/盒;100mg×7片/盒|8-35
C09CA|替米沙坦片|B|盒|40mg×14片/盒;80mg×7片/盒|10-40
C09DA|厄贝沙坦氢氯噻嗪片|B|盒|150mg/12.5mg×7片/盒;150mg/12.5mg×14片/盒|12-40
C07AB|美托洛尔缓释片|A|盒|47.5mg×7片/盒;47.5mg×28片/盒|10-40
C07AB|比索洛尔片|A|盒|2.5mg×18片/盒;5mg×18片/盒|8-30
C03AA|氢氯噻嗪片|A|瓶|25mg×100片/瓶|3-8
C03CA|呋塞米片|A|瓶|20mg×100片/瓶|3-10
C03DA|螺内酯片|A|瓶|20mg×100片/瓶|4-12
C10AA|阿托伐他汀钙片|A|盒|10mg×7片/盒;20mg×7片/盒;20mg×28片/盒|5-60
C10AA|瑞舒伐他汀钙片|A|盒|10mg×7片/盒;10mg×28片/盒|5-50
C10AA|辛伐他汀片|A|盒|20mg×10片/盒;40mg×7片/盒|4-20
C01DA|单硝酸异山梨酯缓释片|A|盒|40mg×10片/盒;40mg×24片/盒|8-35
C01DA|硝酸甘油片|A|瓶|0.5mg×100片/瓶|5-15
C01EB|曲美他嗪缓释片|B|盒|35mg×30片/盒|20-50
B01AA|华法林钠片|A|瓶|2.5mg×60片/瓶|5-20
A02BC|奥美拉唑肠溶胶囊|A|盒|20mg×14粒/盒;20mg×28粒/盒|4-25
A02BC|泮托拉唑钠肠溶片|A|盒|40mg×7片/盒;40mg×14片/盒|5-30
A02BC|雷贝拉唑钠肠溶片|B|盒|10mg×7片/盒;20mg×7片/盒|10-40
A02BC|艾司奥美拉唑镁肠溶片|B|盒|20mg×7片/盒;40mg×7片/盒|15-60
A02BX|铝碳酸镁咀嚼片|A|盒|0.5g×20片/盒;0.5g×36片/盒|8-30
A03FA|多潘立酮片|A|盒|10mg×30片/盒;10mg×42片/盒|5-20
A03FA|莫沙必利片|B|盒|5mg×12片/盒;5mg×24片/盒|10-35
A07BC|蒙脱石散|A|盒|3g×10袋/盒;3g×12袋/盒|5-20
A07FA|双歧杆菌三联活菌胶囊|B|盒|0.21g×24粒/盒;0.21g×36粒/盒|12-45
A06AD|乳果糖口服溶液|B|瓶|100ml:66.7g/瓶;200ml:133.4g/瓶|15-45
A06AB|开塞露|A|支|10ml/支;20ml/支|1-5
R05CB|氨溴索片|A|盒|30mg×20片/盒;30mg×40片/盒|3-15
R05CB|乙酰半胱氨酸泡腾片|B|盒|0.6g×6片/盒;0.6g×12片/盒|15-45
R05DA|复方甘草片|A|瓶|100片/瓶|3-10
R05DA|复方甘草口服溶液|A|瓶|100ml/瓶|3-10
R05DA|右美沙芬片|A|盒|15mg×12片/盒;15mg×24片/盒|4-15
R03AC|沙丁胺醇气雾剂|A|支|100μg×200揿/支|15-35
R03AK|布地奈德福莫特罗吸入粉雾剂|B|支|160μg/4.5μg×60吸/支|120-200
R03DC|孟鲁司特钠片|B|盒|10mg×5片/盒;10mg×10片/盒|8-45
R06AE|西替利嗪片|A|盒|10mg×6片/盒;10mg×12片/盒|5-25
R06AX|氯雷他定片|A|盒|10mg×6片/盒;10mg×12片/盒|5-25
R06AB|马来酸氯苯那敏片|A|瓶|4mg×100片/瓶|2-6
H02AB|醋酸泼尼松片|A|瓶|5mg×100片/瓶|4-12
H02AB|地塞米松磷酸钠注射液|A|盒|1ml:5mg×10支/盒|5-15
H03AA|左甲状腺素钠片|A|盒|50μg×100片/盒|15-35
A11CC|维生素D滴剂|B|盒|400单位×24粒/盒;400单位×36粒/盒|20-50
A11GA|维生素C片|A|瓶|0.1g×100片/瓶|2-6
A11DA|维生素B1片|A|瓶|10mg×100片/瓶|2-6
B03AA|硫酸亚铁片|A|瓶|0.3g×100片/瓶|3-10
B03BB|叶酸片|A|盒|0.4mg×31片/盒|3-20
B03BA|甲钴胺片|B|盒|0.5mg×20片/盒;0.5mg×50片/盒|10-45
A12BA|氯化钾缓释片|A|盒|0.5g×24片/盒|5-15
N05BA|艾司唑仑片|A|盒|1mg×20片/盒|3-8
N05CF|佐匹克隆片|B|盒|7.5mg×12片/盒|10-30
N06AB|舍曲林片|B|盒|50mg×14片/盒;50mg×28片/盒|20-80
N06AB|帕罗西汀片|B|盒|20mg×10片/盒;20mg×20片/盒|20-70
N03AX|加巴喷丁胶囊|B|盒|0.1g×50粒/盒;0.3g×24粒/盒|15-50
G04CA|坦索罗辛缓释胶囊|B|盒|0.2mg×10粒/盒;0.2mg×30粒/盒|15-60
G04CB|非那雄胺片|B|盒|5mg×10片/盒|15-50
M04AA|别嘌醇片|A|瓶|0.1g×100片/瓶|3-10
M04AA|非布司他片|B|盒|20mg×16片/盒;40mg×16片/盒|20-75
J05AB|阿昔洛韦片|A|盒|0.1g×24片/盒;0.2g×24片/盒|4-15
J05AH|奥司他韦胶囊|B|盒|75mg×6粒/盒;75mg×10粒/盒|25-80
D07AC|糠酸莫米松乳膏|B|支|5g:5mg/支;10g:10mg/支|10-30
D06AX|莫匹罗星软膏|B|支|5g:0.1g/支|10-25
D06AX|红霉素软膏|A|支|10g/支|2-5
S01AE|左氧氟沙星滴眼液|A|支|5ml:24.4mg/支|10-25
S01XA|玻璃酸钠滴眼液|B|支|5ml:5mg/支;0.4ml:1.2mg×10支/盒|20-45
B05BB|氯化钠注射液|A|瓶|0.9% 100ml/瓶;0.9% 250ml/瓶|5-8
B05BA|葡萄糖注射液|A|瓶|5% 250ml/瓶;5% 500ml/瓶|5-10
J01DD|注射用头孢曲松钠|A|支|1.0g/支;2.0g/支|5-30
J01DC|注射用头孢呋辛钠|B|支|0.75g/支;1.5g/支|8-35
J01CR|注射用阿莫西林克拉维酸钾|B|支|0.6g/支;1.2g/支|15-40
A03BB|山莨菪碱注射液|A|盒|1ml:10mg×10支/盒|5-15
A04AA|昂丹司琼注射液|B|支|2ml:4mg/支;4ml:8mg/支|8-30
B01AB|低分子量肝素钙注射液|B|支|0.4ml:4100IU/支;0.6ml:6150IU/支|20-60
N01BB|利多卡因注射液|A|盒|5ml:0.1g×5支/盒|5-12
R05CB|氨溴索注射液|B|支|2ml:15mg/支;4ml:30mg/支|5-20
A11AA|复合维生素片|C|瓶|30片/瓶;60片/瓶;100片/瓶|30-80
A11GA|维生素C泡腾片|C|支|1g×10片/支;1g×20片/支|10-25
C10AX|鱼油软胶囊|C|瓶|1g×60粒/瓶;1g×100粒/瓶|40-80
N05CH|褪黑素片|C|瓶|0.3g×60片/瓶|30-70
A12AX|碳酸钙维生素D3咀嚼片|C|瓶|0.3g×60片/瓶;0.3g×100片/瓶|20-60
V06DB|乳清蛋白粉|C|瓶|400g/瓶|80-200
D02AX|维生素E乳|C|瓶|80ml/瓶;100ml/瓶|5-15
C01EB|辅酶Q10软胶囊|C|瓶|30粒/瓶;60粒/瓶|40-80
S01XA|叶黄素酯软胶囊|C|瓶|30粒/瓶;60粒/瓶|40-80
M01AX|氨糖软骨素钙片|C|瓶|60片/瓶;120片/瓶|40-80
A11EA|维生素B族片|C|瓶|100片/瓶|10-30
"""

_CHINESE_PATENT = """
A01AA|感冒清热颗粒|A|盒|12g×10袋/盒;6g×10袋/盒(无蔗糖)|8-25
A01AA|感冒灵颗粒|B|盒|10g×9袋/盒|8-20
A01AA|小儿感冒颗粒|A|盒|6g×10袋/盒|8-15
A01BA|连花清瘟胶囊|A|盒|0.35g×24粒/盒;0.35g×36粒/盒|12-30
A01BA|板蓝根颗粒|A|盒|5g×20袋/盒(无蔗糖);10g×20袋/盒|5-20
A01BA|蒲地蓝消炎片|B|盒|0.3g×24片/盒;0.3g×48片/盒|15-35
A01BA|双黄连口服液|A|盒|10ml×6支/盒;10ml×10支/盒|10-30
A01BA|银翘解毒片|A|盒|0.5g×36片/盒|3-12
A01BA|清开灵胶囊|A|盒|0.25g×24粒/盒;0.25g×48粒/盒|5-18
A03AA|牛黄解毒片|A|盒|0.3g×24片/盒|3-10
A03AA|黄连上清片|A|盒|0.3g×24片/盒;0.3g×48片/盒|5-15
A04AA|藿香正气水|A|盒|10ml×10支/盒|5-15
A04AA|藿香正气软胶囊|B|盒|0.45g×24粒/盒;0.45g×36粒/盒|10-30
A05AA|保和丸|A|盒|6g×10袋/盒|5-15
A05AA|香砂养胃丸|A|盒|6g×10袋/盒;200丸/盒(浓缩丸)|8-20
A05AA|气滞胃痛颗粒|B|盒|5g×9袋/盒|15-35
A05AA|健胃消食片|B|盒|0.5g×36片/盒;0.8g×32片/盒|8-20
A05AA|三九胃泰颗粒|B|盒|20g×6袋/盒;2.5g×6袋/盒(无蔗糖)|10-25
A06AA|急支糖浆|A|瓶|100ml/瓶;200ml/瓶|8-25
A06AA|川贝枇杷膏|B|瓶|150ml/瓶;300ml/瓶|15-45
A06AA|蛇胆川贝液|A|盒|10ml×6支/盒|5-15
A06AA|通宣理肺丸|A|盒|7g×10袋/盒|8-20
A09AA|安神补脑液|B|盒|10ml×10支/盒|15-35
A09AA|枣仁安神胶囊|B|盒|0.45g×24粒/盒|15-35
A10AA|云南白药胶囊|A|盒|0.25g×16粒/盒;0.25g×32粒/盒|15-45
A12AA|六味地黄丸|A|盒|6g×10袋/盒;200丸/盒(浓缩丸)|8-30
A12AA|金匮肾气丸|A|盒|6g×10袋/盒;120丸/盒(浓缩丸)|10-30
A12AA|补中益气丸|A|盒|6g×10袋/盒|8-25
A12AA|归脾丸|A|盒|9g×10丸/盒|10-25
A12AA|逍遥丸|A|盒|6g×10袋/盒;200丸/盒(浓缩丸)|8-25
A12AA|乌鸡白凤丸|A|盒|9g×10丸/盒|15-35
A12AA|生脉饮|A|盒|10ml×10支/盒|8-25
A15AA|复方丹参滴丸|A|瓶|27mg×180丸/瓶|20-40
A15AA|速效救心丸|A|盒|40mg×60粒×3瓶/盒|30-50
A15AA|麝香保心丸|A|盒|22.5mg×42丸/盒|30-55
A15AA|血塞通软胶囊|B|盒|0.33g×24粒/盒;0.33g×48粒/盒|15-50
A15AA|银杏叶片|B|盒|9.6mg×24片/盒;19.2mg×24片/盒|10-40
A15AA|脑心通胶囊|B|盒|0.4g×48粒/盒|25-55
A15AA|通心络胶囊|B|盒|0.26g×30粒/盒;0.26g×60粒/盒|25-70
A17AA|跌打丸|A|盒|3g×10丸/盒|5-15
A17AA|活血止痛胶囊|B|盒|0.25g×24粒/盒;0.25g×48粒/盒|12-35
A17AA|伤湿止痛膏|A|盒|7cm×10cm×5贴/盒;7cm×10cm×10贴/盒|4-12
A17AA|麝香壮骨膏|B|盒|7cm×10cm×8贴/盒|8-20
B01AA|妇科千金片|A|盒|0.32g×36片/盒;0.32g×72片/盒|12-35
"""

_DECOCTION_PIECES = """
01|黄芪|A|袋|10g/袋;30g/袋|1-6
01|党参|A|袋|10g/袋;30g/袋|2-9
01|当归|A|袋|10g/袋;30g/袋|2-10
01|甘草|A|袋|6g/袋;10g/袋|1-3
01|白术|A|袋|10g/袋|1-4
01|茯苓|A|袋|10g/袋;15g/袋|1-4
01|枸杞子|A|袋|10g/袋;30g/袋|1-6
01|金银花|A|袋|10g/袋|2-6
01|菊花|A|袋|6g/袋;10g/袋|1-4
01|陈皮|A|袋|6g/袋;10g/袋|1-3
02|西洋参|C|袋|3g/袋;10g/袋|6-40
02|红参|C|袋|3g/袋;10g/袋|5-35
02|阿胶|C|袋|3g/袋;6g/袋|8-30
"""

_CONSULTATION = """
01|普通门诊诊查费|A|次||1-10
01|一般诊疗费|A|次||5-10
01|副主任医师诊查费|A|次||10-25
01|主任医师诊查费|A|次||15-40
01|急诊诊查费|A|次||5-15
01|中医辨证论治|A|次||5-20
01|特需门诊诊查费|C|次||30-50
"""

_EXAMINATION = """
02|心电图|A|次||10-30
02|动态心电图|B|次||100-250
02|胸部X线摄影|A|次||40-90
02|腹部彩色多普勒超声|A|次||60-150
02|甲状腺彩色多普勒超声|A|次||60-120
02|颈动脉彩色多普勒超声|B|次||80-150
02|经胸心脏彩色多普勒超声|B|次||150-260
02|胸部CT平扫|B|次||150-300
02|头颅CT平扫|B|次||150-280
02|骨密度测定|B|次||40-120
02|眼底检查|A|次||10-30
02|肺功能检查|B|次||60-150
02|电子胃镜检查|B|次||150-300
02|健康体检(基础套餐)|C|次||150-300
02|健康体检(中老年套餐)|C|次||200-300
"""

_LABORATORY = """
03|血常规|A|项||10-25
03|尿常规|A|项||5-15
03|粪便常规|A|项||5-15
03|肝功能|A|项||30-80
03|肾功能|A|项||20-60
03|血脂四项|A|项||20-60
03|血糖测定|A|项||5-15
03|糖化血红蛋白测定|B|项||40-80
03|电解质测定|A|项||20-50
03|C反应蛋白测定|A|项||15-40
03|甲状腺功能三项|B|项||60-150
03|乙肝五项|A|项||30-80
03|尿微量白蛋白测定|B|项||20-50
03|凝血四项|B|项||40-100
03|红细胞沉降率测定|A|项||5-15
03|心肌酶谱|B|项||50-120
03|甲胎蛋白测定|B|项||20-60
03|碳13尿素呼气试验|B|项||80-150
03|血型鉴定|A|项||10-20
03|血清同型半胱氨酸测定|B|项||30-80
"""

_TREATMENT = """
04|静脉输液|A|次||3-10
04|静脉输液(第二组起)|A|次||1-3
04|肌肉注射|A|次||1-5
04|皮下注射|A|次||1-5
04|静脉注射|A|次||3-8
04|小换药|A|次||5-15
04|中换药|A|次||15-30
04|大换药|A|次||30-50
04|雾化吸入|A|次||5-15
04|氧气吸入|A|次||3-10
04|清创缝合(小)|A|次||20-50
04|拆线|A|次||5-15
04|导尿|A|次||10-30
04|针灸(普通针刺)|B|次||10-30
04|电针|B|次||10-30
04|推拿|B|次||20-50
04|拔罐|B|次||5-15
04|艾灸|B|次||10-30
04|刮痧|B|次||10-30
04|穴位贴敷|B|次||10-30
04|中频脉冲电治疗|B|次||10-25
04|红外线治疗|B|次||5-15
04|超声波治疗|B|次||10-25
04|颈椎牵引|B|次||10-25
04|保健按摩|C|次||30-50
04|中医体质辨识|C|次||20-50
"""

_MATERIALS = """
01|一次性使用输液器|A|支|带针/支|1-5
01|一次性使用无菌注射器|A|支|5ml/支;10ml/支|1-3
01|一次性使用静脉留置针|B|支|22G/支;24G/支|10-30
01|医用脱脂纱布块|A|盒|8cm×10cm×10块/盒|3-10
01|医用胶带|A|盒|1.25cm×9.1m×12卷/盒|10-30
01|医用棉签|A|盒|10cm×50支/盒|2-6
01|弹力绷带|B|支|7.5cm×4.5m/支;10cm×4.5m/支|5-20
02|医用外科口罩|C|盒|10只/盒;50只/盒|5-30
02|电子体温计|C|支|MT101/支|15-40
02|血糖试纸|C|盒|25片/盒;50片/盒|40-120
02|医用修复敷料(面膜型)|C|盒|5片/盒;10片/盒|30-80
"""

_CATALOG_BLOCKS = (("西药", _WESTERN), ("中成药", _CHINESE_PATENT), ("中药饮片", _DECOCTION_PIECES),
                   ("诊查", _CONSULTATION), ("检查", _EXAMINATION), ("化验", _LABORATORY),
                   ("治疗", _TREATMENT), ("材料", _MATERIALS))
