"""The catalog: importing drugs and services, pinyin initials, and search as the cashier types."""
import json
from decimal import Decimal

import pytest

from desk.cli.main import main
from desk.store.catalog import get_item, import_catalog, initials, search
from desk.store.database import StoreError
from desk.store.tabular import ImportRefused
from store_support import CATALOG, CATALOG_HEADER, Desk, table_dump, write_csv

# With the template's four items, each of these answers "am" (and the Chinese ones "阿莫") by a different rule.
# Their name lengths run against their rank, so only the rank can put them in the expected order.
RANKED = [
    ["AM", "葡萄糖酸钙口服溶液", "", "支", "A", "0", "2.00", "西药"],      # exact code "am"
    ["AM7", "维生素B1注射液", "", "支", "A", "0", "1.00", "西药"],        # code prefix "am"
    ["QK1", "阿莫西林克拉维酸钾片", "", "盒", "B", "0.2", "30.00", "西药"],  # initials amxlklwsjp; name prefix 阿莫
    ["QF2", "复方阿莫西林片", "", "盒", "A", "0", "8.00", "西药"],         # initials ffamxlp, name: both inside
]


@pytest.fixture
def ranked(desk, tmp_path) -> Desk:
    import_catalog(desk.db, desk.admin, write_csv(tmp_path / "ranked.csv", CATALOG_HEADER, RANKED), desk.at)
    return desk


def codes(items) -> list[str]:
    return [item.code for item in items]


def item(code: str, name: str, cls: str = "A", ratio: str = "0", price: str = "1.00", fee: str = "西药") -> list[str]:
    return [code, name, "", "盒", cls, ratio, price, fee]


# --- initials and import ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, expected", [
    ("阿莫西林胶囊", "amxljn"),
    ("维生素C片", "wsscp"),
    ("0.9%氯化钠注射液", "09lhnzsy"),
], ids=["amoxicillin", "vitamin-c", "saline"])
def test_initials_are_lowercase_pinyin_first_letters(name, expected):
    """Chinese characters give their first pinyin letter; ASCII letters and digits stay, lower case; the rest go."""
    assert initials(name) == expected


def test_class_aliases_and_b_ratios_are_kept(desk, tmp_path):
    """甲/乙/丙 (and 甲类…, lower case) are read as A/B/C; a B item keeps its 先行自付 ratio, 0 when not given."""
    rows = [item("N1", "甲药", "甲"), item("N2", "乙药", "乙", "0.15"), item("N3", "丙药", "丙"),
            item("N4", "甲类药", "甲类"), item("N5", "乙类药", "乙类", "0.05"), item("N6", "丙类药", "丙类"),
            item("N7", "小写乙药", "b", "0.3"), item("N8", "无比例乙药", "B", "")]
    result = import_catalog(desk.db, desk.admin, write_csv(tmp_path / "aliases.csv", CATALOG_HEADER, rows), desk.at)
    assert (result.inserted, result.updated, result.rejected) == (8, 0, [])
    got = {code: (get_item(desk.db, code).cls, get_item(desk.db, code).selfpay_ratio)
           for code in ("N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8")}
    assert got == {"N1": ("A", 0), "N2": ("B", Decimal("0.15")), "N3": ("C", 0), "N4": ("A", 0),
                   "N5": ("B", Decimal("0.05")), "N6": ("C", 0), "N7": ("B", Decimal("0.3")), "N8": ("B", 0)}
    assert get_item(desk.db, "N2").class_label == "乙"


@pytest.mark.parametrize("row, column, says", [
    (item("N1", "甲药", "A", "0.1"), "selfpay_ratio", "only 乙类 (B) items have one"),
    (item("N1", "丙药", "C", "0.1"), "selfpay_ratio", "only 乙类 (B) items have one"),
    (item("N1", "乙药", "B", "1.5"), "selfpay_ratio", "not a ratio between 0 and 1"),
    (item("N1", "乙药", "D"), "class", "'D' is not one of A/甲, B/乙, C/丙"),
    (item("N1", "药", fee="药品"), "fee_category", "'药品' is not one of 西药"),
    (item("N1", "药", price="-1.00"), "unit_price", "negative"),
    (item("N1", "药", price="1.005"), "unit_price", "more than two decimals"),
    (item("N1", "药", price="cheap"), "unit_price", "is not a number"),
    (item("N1", ""), "name", "is required"),
    (item("xa01", "阿莫西林胶囊"), "code", "XA01 repeats line 2"),
], ids=["a-with-ratio", "c-with-ratio", "ratio-above-1", "unknown-class", "unknown-fee-category",
        "negative-price", "three-decimal-price", "price-not-a-number", "missing-name", "repeated-code"])
def test_a_bad_item_refuses_the_file_naming_line_and_column(desk, tmp_path, row, column, says):
    """One bad line 3 after a good line 2: nothing is written, and the error names line 3 and the column."""
    path = write_csv(tmp_path / "bad.csv", CATALOG_HEADER, [item("XA01", "阿莫西林胶囊", price="99.00"), row])
    before = table_dump(desk.db)
    with pytest.raises(ImportRefused) as refused:
        import_catalog(desk.db, desk.admin, path, desk.at)
    assert [(e.line, e.column) for e in refused.value.errors] == [(3, column)]
    assert says in refused.value.errors[0].reason
    assert table_dump(desk.db) == before


def test_reimport_updates_prices_and_counts(desk, tmp_path):
    """A second import changes the price of a known code in place and adds the new one; the audit row counts both."""
    rows = [item("xa01", "阿莫西林胶囊", price="26.50"), item("N1", "新药", price="3.00")]
    result = import_catalog(desk.db, desk.admin, write_csv(tmp_path / "prices.csv", CATALOG_HEADER, rows), desk.at)
    assert (result.read, result.inserted, result.updated) == (2, 1, 1)
    assert get_item(desk.db, "XA01").unit_price == Decimal("26.50")
    assert desk.db.execute("SELECT count(*) FROM catalog").fetchone()[0] == len(CATALOG) + 1
    action, detail = desk.db.execute("SELECT action, detail FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    assert (action, json.loads(detail)) == ("catalog.import", {"read": 2, "inserted": 1, "updated": 1, "rejected": 0})


def test_get_item_of_an_unknown_code_names_it(desk):
    """The refusal names the code the cashier typed; a known code is found whatever its case and spacing."""
    with pytest.raises(StoreError, match="'NOPE01' is not in the catalog"):
        get_item(desk.db, "NOPE01")
    assert get_item(desk.db, " xa01 ").name == "阿莫西林胶囊"


# --- search -------------------------------------------------------------------------------------------------------

def test_initials_find_amoxicillin_first(ranked):
    """'amxl' puts 阿莫西林胶囊 first: the shorter of the two names with those initials, before an inside match."""
    assert codes(search(ranked.db, "amxl")) == ["XA01", "QK1", "QF2"]


def test_ascii_ranks_exact_code_then_code_prefix_then_initials_then_inside(ranked):
    """For 'am': exact code, code prefix, initials prefixes (shorter name first), then initials inside."""
    assert codes(search(ranked.db, "am")) == ["AM", "AM7", "XA01", "QK1", "QF2"]
    assert codes(search(ranked.db, "AM")) == codes(search(ranked.db, "am"))


def test_chinese_ranks_name_prefix_before_inside_the_name(ranked):
    """'阿莫': both names beginning with it (shorter first), then the one containing it, though that is shorter.

    An ASCII query that begins a name also begins its initials, so the name-prefix rank shows with Chinese.
    """
    assert codes(search(ranked.db, "阿莫")) == ["XA01", "QK1", "QF2"]


def test_inside_a_name_is_the_fallback(ranked):
    """'西林' begins no name; every match has it inside, 阿莫西林胶囊 among them."""
    found = search(ranked.db, "西林")
    assert "XA01" in codes(found)
    assert all(i.name.index("西林") > 0 for i in found)


@pytest.mark.parametrize("query", ["xa0", "Xa01", " xa01 "])
def test_code_search_ignores_case_and_spacing(desk, query):
    """A code typed in lower or mixed case, with stray spaces, finds the upper-case code first."""
    assert codes(search(desk.db, query))[:1] == ["XA01"]


@pytest.mark.parametrize("query", ["", "   ", None])
def test_an_empty_query_finds_nothing(desk, query):
    """Nothing typed yet: no results rather than the whole catalog."""
    assert search(desk.db, query) == []


def test_the_limit_is_respected(ranked):
    """limit cuts the best-ranked results, not arbitrary ones."""
    assert codes(search(ranked.db, "am", limit=2)) == ["AM", "AM7"]
    assert codes(search(ranked.db, "am", limit=1)) == ["AM"]


def test_results_carry_decimal_prices_ratios_and_classes(desk):
    """A result has the price in yuan as a Decimal quantized to the fen, the ratio and the class."""
    found = search(desk.db, "XB01")[0]
    assert (found.cls, found.class_label, found.selfpay_ratio) == ("B", "乙", Decimal("0.1"))
    assert isinstance(found.unit_price, Decimal) and found.unit_price == Decimal("40.00")
    assert str(found.unit_price) == "40.00", "money is Decimal yuan quantized to the fen"


def test_ranking_holds_in_a_catalog_of_thousands(desk, tmp_path):
    """3,000 generated items, a thousand sharing the initials amxl or a name containing 西林: the ranks still hold."""
    stems, forms = ["阿莫西林", "复方阿莫西林", "头孢克肟", "布洛芬", "板蓝根", "维生素C"], ["缓释片", "胶囊", "颗粒", "口服液"]
    rows = [item(f"G{i:05d}", f"{stems[i % len(stems)]}{forms[i // len(stems) % len(forms)]}{i}") for i in range(3000)]
    rows += [item("AMXL", "葡萄糖酸钙口服溶液"), item("AMXL1", "维生素B1注射液")]
    import_catalog(desk.db, desk.admin, write_csv(tmp_path / "big.csv", CATALOG_HEADER, rows), desk.at)

    found = search(desk.db, "amxl", limit=10)
    assert codes(found)[:3] == ["AMXL", "AMXL1", "XA01"]
    assert len(found) == 10 and all(initials(i.name).startswith("amxl") for i in found[2:])
    assert [len(i.name) for i in found[2:]] == sorted(len(i.name) for i in found[2:])

    inside = search(desk.db, "西林", limit=20)
    assert len(inside) == 20 and all(i.name.index("西林") > 0 for i in inside)
    assert [len(i.name) for i in inside] == sorted(len(i.name) for i in inside)

    assert set(codes(search(desk.db, "g0123"))) == {f"G0123{d}" for d in range(10)}
    assert codes(search(desk.db, "G01234"))[0] == "G01234"


def test_cli_search_prints_one_line_per_item(desk, capsys):
    """`desk catalog search` shows code, name, class, the 先行自付 share and the price in yuan.fen per unit."""
    assert main(["catalog", "search", "tbkw", "--db", str(desk.path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and lines[0].startswith("XB01") and "头孢克肟分散片" in lines[0]
    assert "乙类 先行自付10%" in lines[0]
    assert "40.00/盒" in lines[0], lines[0]
