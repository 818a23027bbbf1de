"""The counter program in English: resources/translations/desk_en.ts compiled and installed, offscreen.

Chinese is the source language, so whatever the translation misses shows up as Chinese on the
screen. These tests look at the widgets the cashier sees and tell the interface's own words
(which must be English) from the data (member, institution and drug names, policy articles),
which stay as they are.
"""
import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import (QAbstractButton, QComboBox, QGroupBox, QLabel, QLineEdit, QTabWidget, QTableView,
                               QWidget)

from desk.demo_desk import USERS
from ui.session import CST

NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=CST)
TS = Path(__file__).resolve().parent.parent / "resources" / "translations" / "desk_en.ts"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Han, and full-width punctuation (（），：“”), which only a Chinese sentence brings along. Not the
# ideographic space U+3000: the code itself puts it between fields, as a separator in both languages.
CJK = re.compile(r"[\u3001-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def lrelease() -> str:
    beside = Path(sys.executable).parent / "pyside6-lrelease"
    found = str(beside) if beside.exists() else shutil.which("pyside6-lrelease")
    if not found:
        pytest.fail("pyside6-lrelease not found (it comes with PySide6 in .venv)")
    return found


@pytest.fixture(scope="module")
def english_qm(tmp_path_factory) -> Path:
    """desk_en.ts compiled the way scripts/setup-env compiles it, into a temporary folder."""
    qm = tmp_path_factory.mktemp("translations") / "desk_en.qm"
    run = subprocess.run([lrelease(), str(TS), "-qm", str(qm)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    figures = re.search(r"Generated (\d+) translation\(s\) \((\d+) finished and (\d+) unfinished\)", run.stdout)
    assert figures, run.stdout + run.stderr
    generated, finished, unfinished = map(int, figures.groups())
    assert generated >= 100 and finished == generated and unfinished == 0, run.stdout
    assert "untranslated" not in run.stdout + run.stderr, run.stdout + run.stderr
    return qm


@pytest.fixture()
def english(english_qm, qapp):
    """The English translation on the running application, for this test only."""
    translator = QTranslator()
    assert translator.load(str(english_qm)) and not translator.isEmpty()
    assert qapp.installTranslator(translator)
    yield translator
    qapp.removeTranslator(translator)


@pytest.fixture()
def window(english, session, qtbot):
    from ui.main_window import MainWindow

    session.login("admin", "000000")
    win = MainWindow(session)
    qtbot.addWidget(win)
    win.show()
    return win


def a_member(session) -> tuple[str, str, str]:
    """An eligible member with family (so the payer list shows the family account)."""
    return session.db.execute(
        "SELECT card_number, member_id, name FROM members m WHERE eligible = 1 AND EXISTS"
        " (SELECT 1 FROM family_links f WHERE f.member_id = m.member_id) ORDER BY member_id LIMIT 1").fetchone()


def scan(qtbot, counter, code: str) -> None:
    counter.scan.clear()
    qtbot.keyClicks(counter.scan, code)
    qtbot.keyClick(counter.scan, Qt.Key.Key_Return)


class Texts(dict):
    def __setitem__(self, where: str, text: str) -> None:  # two labels may say the same thing: keep both
        n = 1
        while f"{where} #{n}" in self:
            n += 1
        super().__setitem__(f"{where} #{n}", text)


def ui_texts(page: QWidget, data: set) -> dict[str, str]:
    """The interface's own words on a page, each named by where it is; widgets in ``data`` show data."""
    texts: dict[str, str] = Texts()

    def seen(widget: QWidget) -> bool:
        return widget.isVisibleTo(page) and widget not in data

    for kind, name, text in ((QLabel, "label", QLabel.text), (QAbstractButton, "button", QAbstractButton.text),
                             (QGroupBox, "group box", QGroupBox.title),
                             (QLineEdit, "placeholder of", QLineEdit.placeholderText)):
        for widget in page.findChildren(kind):
            if seen(widget) and text(widget):
                texts[f"{name} {widget.objectName() or text(widget)!r}"] = text(widget)
    for combo in page.findChildren(QComboBox):
        if seen(combo):
            for i in range(combo.count()):
                texts[f"{combo.objectName()} item {i}"] = combo.itemText(i)
    for table in page.findChildren(QTableView):
        if seen(table):
            model = table.model()
            for column in range(model.columnCount()):
                texts[f"{table.objectName()} column {column}"] = str(model.headerData(
                    column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))
    return texts


def test_the_tabs_title_and_status_bar_are_english(window, session):
    tabs: QTabWidget = window.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["Counter", "Today's settlements", "Day close", "Statistics", "Admin"]
    desk = session.desk
    assert window.windowTitle() == f"Outpatient settlement — {desk.institution_name} desk {desk.desk_number} [DEMO]"
    who = window.who.text()
    assert who.startswith(f"{session.actor.name} (admin)  {desk.institution_code} desk {desk.desk_number}  ")
    assert who.endswith("  [demo data]") and "  policy " in who
    policy_name = session.library.get(desk.policy).name
    assert not CJK.search(who.replace(session.actor.name, "").replace(policy_name, "")), who
    # a placeholder filled with its value, in the English sentence
    outbox = session.db.execute("SELECT count(*) FROM outbox").fetchone()[0]
    assert window.sync.text() == f"{outbox} to upload  Last upload: never  Last download: never  (no hub configured)"


def test_the_counter_page_speaks_english_around_the_data(window, session, qtbot):
    counter = window.counter
    assert counter.settle_button.text() == "Settle (F12)"
    assert counter.split.title() == "Settlement"
    assert counter.card.title() == "Member"
    assert counter.card.message.text() == "Swipe a card or scan an e-insurance code"
    assert counter.scan.placeholderText().startswith("Swipe or scan:")

    scan(qtbot, counter, "NOSUCHCARD")  # a placeholder keeps the value it is filled with
    assert counter.card.message.text() == "No member with card or ID number “NOSUCHCARD”; check it and swipe again"

    card, member_id, name = a_member(session)
    scan(qtbot, counter, card)
    counter.add_code("FW0101")
    first = session.db.execute("SELECT code FROM catalog WHERE code != 'FW0101' ORDER BY code LIMIT 1").fetchone()[0]
    counter.add_code(first)
    assert len(counter.model.lines) == 2 and counter.split.result is not None, counter.split.message.text()

    from ui.split_panel import ROWS

    split_labels = [counter.split.names[key].text() for key, _ in ROWS]  # in the order of the split's figures
    assert split_labels == ["Total medical costs", "Full self-pay", "Pre-self-pay", "In scope", "Toward the deductible (this bill)", "Ratio",
                            "Pooled fund", "Over cap", "Personal account", "Cash to collect"]
    assert counter.split.why.toPlainText().startswith("How it was calculated Policy version ")
    assert [counter.model.headerData(c, Qt.Orientation.Horizontal) for c in range(counter.model.columnCount())] == \
        ["Code", "Name", "Spec", "Class", "Pre-self-pay", "Qty", "Price", "Amount"]
    assert counter.payer.itemText(0).startswith("Own account ¥")
    assert counter.payer.itemText(1).startswith("Family account")

    v = counter.card.values
    assert v["name"].text().startswith(name) and v["name"].text().endswith("  [demo data]")
    assert re.fullmatch(r"\S+\s+\d+ yrs", v["id"].text()), v["id"].text()  # the separator is in the code
    assert not CJK.search(v["category"].text()) and v["category"].text().split("\u3000")[0] in ("Employed", "Retired")
    assert re.fullmatch(r"Year 2026, .+", v["fresh"].text()) and not HAN.search(v["fresh"].text())
    for key in ("deductible", "pool", "account"):
        assert not HAN.search(v[key].text()), (key, v[key].text())

    # Everything else on the page is the interface's own words: no Chinese, not even full-width punctuation.
    data = {v["name"], v["doctor"], v["family"], v["id"], counter.split.funds, counter.payer,
            counter.last_strip.text}  # 上一单 names its patient
    strip_name = counter.last_strip.text.text().split(" ")[4]  # Last, number, date, time, name
    assert counter.last_strip.text.text().startswith("Last ") and not HAN.search(
        counter.last_strip.text.text().replace(strip_name, ""))
    texts = ui_texts(counter, data)
    assert len(texts) >= 35, texts  # labels, buttons, group boxes, placeholders, column headers
    chinese = {where: text for where, text in texts.items() if CJK.search(text)}
    assert not chinese, chinese
    # the data widgets carry no interface words but data: strip the data, nothing Chinese is left
    from desk.store.roster import family_of

    relatives = [relative.name for relative, _ in family_of(session.db, member_id)]
    assert counter.payer.count() == 1 + len(relatives)
    for i, relative in enumerate(relatives, start=1):
        assert relative in counter.payer.itemText(i)
        assert not HAN.search(counter.payer.itemText(i).replace(relative, "")), counter.payer.itemText(i)


def test_the_other_pages_have_english_labels(window):
    assert window.settlements.search.placeholderText() == "Find by receipt no., name or member no."
    headers = [window.settlements.table.horizontalHeaderItem(c).text()
               for c in range(window.settlements.table.columnCount() - 1)]
    assert headers == ["No.", "Time", "Member", "Type", "Total", "Pooled fund", "Account", "Cash", "Cashier"]
    assert window.dayend.findChild(QAbstractButton, "z_report").text() == "Z report (day close, supervisor)"
    assert window.dayend.summary.text().startswith("Since last day close: ")
    for page in (window.settlements, window.dayend, window.admin):
        chinese = {where: text for where, text in ui_texts(page, set()).items() if CJK.search(text)}
        if page is window.admin:  # the desk's identity: institution name and the language's own name
            chinese = {w: t for w, t in chinese.items() if not (t == "中文" or window.session.desk.institution_name in t)}
        assert not chinese, (type(page).__name__, chinese)
    buttons = [b.text() for page in (window.counter, window.settlements, window.dayend, window.admin)
               for b in page.findChildren(QAbstractButton) if b.text()]
    assert "Import member roster…" in buttons
    # a lone & in a translation would turn into an underlined shortcut letter and vanish from the text
    assert not [text for text in buttons if re.search(r"(?<!&)&(?!&)", text)]


def test_the_login_dialog_is_english(english, session, qtbot):
    from ui.login import LoginDialog

    dialog = LoginDialog(session)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Outpatient settlement — Log in"
    hint = dialog.findChild(QLabel, "demo_hint").text()
    assert hint.startswith("Demo mode: demo data, not valid for reimbursement.\nUser ID admin")
    for _, name, _, pin in USERS:
        assert f"PIN {pin}" in hint
        hint = hint.replace(name, "")
    assert not HAN.search(hint), hint
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert "User ID" in labels and "PIN" in labels
    buttons = {button.text() for button in dialog.findChildren(QAbstractButton)}
    assert "Log in" in buttons
    qtbot.keyClicks(dialog.user, "cashier")
    qtbot.keyClicks(dialog.pin, "9999")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert dialog.error.text() == "Login failed: Wrong user ID or PIN" and session.actor is None
    desk = session.desk  # the institution's name and the policy pack's name are data
    names = (desk.institution_name, session.library.get(desk.policy).name)
    data = {label for label in dialog.findChildren(QLabel) if any(name in label.text() for name in names)}
    assert len(data) == 2  # the title, and the desk and policy under it
    for label in data:
        text = label.text()
        for name in names:
            text = text.replace(name, "")
        assert not HAN.search(text), label.text()
    assert any(label.text().startswith("Billing desk ") for label in data)
    texts = ui_texts(dialog, data | {dialog.findChild(QLabel, "demo_hint")})
    chinese = {w: t for w, t in texts.items() if CJK.search(t)}
    assert not chinese, chinese


def test_without_the_translator_the_program_is_chinese_again(session, qtbot):
    """The translator is removed after each test: the other GUI tests see the source language."""
    from ui.login import LoginDialog

    dialog = LoginDialog(session)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "门诊共济结算 — 登录"
