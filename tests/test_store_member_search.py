"""Member search by name or pinyin at the counter (issue 12): spelling, the indexed prefix search, and
spelling kept with the row when the roster renames a member."""
from __future__ import annotations

import datetime as dt

import pytest

from desk.store.member_search import search_members, spell, spell_members
from desk.store.roster import import_roster
from store_support import ROSTER_HEADER, member_row, write_csv

ROSTER = [
    member_row("Z001", "张三", dt.date(1980, 5, 1), card="CZ001", sequence=11),
    member_row("Z002", "张珊珊", dt.date(1981, 5, 1), "F", card="CZ002", sequence=12),
    member_row("Z003", "章三", dt.date(1982, 5, 1), card="CZ003", sequence=13),
    member_row("Z004", "曾小贤", dt.date(1983, 5, 1), card="CZ004", sequence=14),
]


def ids(db, query: str) -> list[str]:
    return [m.member_id for m in search_members(db, query)]


@pytest.fixture()
def db(desk, tmp_path):
    import_roster(desk.db, desk.admin, write_csv(tmp_path / "more.csv", ROSTER_HEADER, ROSTER), desk.at)
    return desk.db


def test_a_name_is_spelled_a_character_at_a_time_with_its_surname_read_as_a_surname():
    assert spell("张三丰") == ("zhangsanfeng", "zsf")
    assert spell("曾国藩") == ("zengguofan", "zgf")  # not ceng
    assert spell("单雄信") == ("shanxiongxin", "sxx")  # not dan
    assert spell("欧阳 娜娜") == ("ouyangnana", "oynn")


def test_name_pinyin_and_initials_find_the_members_they_begin(db):
    assert {"Z001", "Z002"} <= set(ids(db, "张")) and "Z003" not in ids(db, "张")
    assert ids(db, "张三") == ["Z001"]
    assert {"Z001", "Z002", "Z003"} <= set(ids(db, "zhangs"))  # 张三, 张珊珊, 章三 all begin zhangs
    assert "Z004" in ids(db, "zengx") and "Z004" in ids(db, "zxx")
    assert {"Z001", "Z003"} <= set(ids(db, "ZS"))  # initials, any case
    assert ids(db, "zzzzzq") == []


def test_codes_wildcards_and_blanks_find_nobody_here(db):
    """A code goes to the scan box (one member or refused); the name search never turns one into a member."""
    assert ids(db, "CZ001") == [] and ids(db, "410902") == []
    assert ids(db, "%") == [] and ids(db, "_") == [] and ids(db, "张%") == []
    assert ids(db, "") == [] and ids(db, "   ") == []


def test_a_member_renamed_by_the_roster_is_found_by_the_new_name_only(db, desk, tmp_path):
    renamed = [member_row("Z001", "李四", dt.date(1980, 5, 1), card="CZ001", sequence=11)]
    import_roster(db, desk.admin, write_csv(tmp_path / "renamed.csv", ROSTER_HEADER, renamed), desk.at)
    assert "Z001" in ids(db, "lis") and "Z001" in ids(db, "李")
    assert "Z001" not in ids(db, "zhangsan") and "Z001" not in ids(db, "张")


def test_rows_written_before_spelling_was_kept_are_spelled_once(db):
    from desk.store.database import write_transaction

    with write_transaction(db):
        db.execute("UPDATE members SET name_pinyin = NULL, name_initials = NULL")
    assert ids(db, "zhangs") == []
    assert spell_members(db) == db.execute("SELECT count(*) FROM members").fetchone()[0]
    assert spell_members(db) == 0
    assert {"Z001", "Z002", "Z003"} <= set(ids(db, "zhangs"))
