"""The domain's words: one table per idea in desk/domain.py, the screen's tables in ui/labels.py equal to it."""
import datetime as dt

import pytest

from desk import domain
from desk.domain import CST, relation_code


def test_the_one_time_zone_is_utc_plus_8_without_daylight_saving():
    for month in (1, 7):
        at = dt.datetime(2024, month, 1, 0, 30, tzinfo=dt.timezone.utc)
        assert at.astimezone(CST).hour == 8 and at.astimezone(CST).utcoffset() == dt.timedelta(hours=8)


def test_a_late_evening_utc_is_the_next_business_day():
    assert dt.datetime(2024, 3, 1, 16, 0, tzinfo=dt.timezone.utc).astimezone(CST).date() == dt.date(2024, 3, 2)


@pytest.mark.parametrize("written, code", [("spouse", "spouse"), ("配偶", "spouse"), ("父母", "parent"),
                                           ("child", "child"), ("", None), (None, None), ("朋友", None)])
def test_a_relation_is_read_from_its_code_or_its_label(written, code):
    assert relation_code(written) == code


def test_the_screen_labels_are_the_cores_labels_marked_for_translation():
    labels = pytest.importorskip("ui.labels")
    assert labels.CATEGORY == domain.CATEGORY_LABELS
    assert labels.SEX == domain.SEX_LABELS
    assert labels.SCHEME == domain.SCHEME_LABELS
    assert labels.CLASS_SHORT == domain.CLASS_SHORT
    assert labels.RELATION == domain.RELATION_LABELS
    assert labels.RELATIVE == domain.RELATIVE
    assert labels.INSTITUTION_TYPE == domain.INSTITUTION_TYPE_LABELS
    assert labels.BENEFIT == domain.BENEFIT_LABELS
    assert labels.PAYMENT == domain.PAYMENT_LABELS


def test_no_other_module_writes_the_zone_or_a_label_table_again():
    """The words live in desk/domain.py only: a second UTC+8 or a copied table is a test failure."""
    from conftest import ROOT

    copies = []
    for path in [*(ROOT / "desk").rglob("*.py"), *(ROOT / "ui").glob("*.py")]:
        if path.name in ("domain.py", "labels.py"):
            continue
        text = path.read_text(encoding="utf-8")
        for needle in ("timezone(dt.timedelta(hours=8)", '"配偶"', '"随单位"', '"在职"', '"甲类"'):
            if needle in text:
                copies.append(f"{path.relative_to(ROOT)}: {needle}")
    assert copies == []
