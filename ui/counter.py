"""The counter screen: scan a member, add items, watch the split, settle and print.

Built for a keyboard and a barcode scanner (which types a code and Enter): the scan box has
focus; a member's code moves focus to the item box; F12 or Ctrl+Enter settles; Esc or F2 starts
a new bill. The draft bill is saved after every edit, so closing the window loses nothing.
"""
from __future__ import annotations

import logging
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QDate, QSettings, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QComboBox, QCompleter, QHBoxLayout, QHeaderView,
                               QInputDialog, QLabel, QLineEdit, QMessageBox, QPushButton, QSplitter, QTableView,
                               QVBoxLayout, QWidget)

from desk import prescription as rx
from desk.engine import Certification, Member, local_day
from desk.engine import benefits
from desk.money import InputError, change_due, format_yuan, from_fen, parse_money
from desk.prescription import PrescriptionError
from desk.receipts.receipt import print_receipt
from desk.store.catalog import get_item, search, warm_search
from desk.store.member_search import spell_members
from desk.store.database import StoreError
from desk.store.roster import (AmbiguousMember, MemberRecord, certifications_of, family_of, find_member, get_member,
                               member_by_id_or_code)
from desk.store import pharmacy, stock
from desk.store.payments import PaymentRefused
from desk.store.settling import find_settlement, preview_bill, settle_bill
from desk.store.usage import freshness, standing
from desk.tracecode import TraceCodeError, looks_like_code
from ui import draft as drafts
from ui import labels
from ui.bill_model import BillModel
from ui.draft_note import DraftNote
from ui.last_settlement import LastSettlementStrip
from ui.errors import describe, input_problem
from ui.held_bills import HoldAndRecall
from ui.member_card import MemberCard
from ui.pharmacy_panel import PharmacyPanel, PrescriptionDialog, prescription_words, trace_words
from ui.elided_label import ElidedLabel
from ui.payment_box import PaymentBox, payment_short, payment_words
from ui.pdf_preview import preview
from ui.session import Session
from ui.split_panel import SplitPanel

log = logging.getLogger("desk.ui")
TIMES = re.compile(r"(.+?)\s*[*×]\s*(\d+(?:\.\d{1,3})?)")  # CODE*3 in the item box


class CounterPage(QWidget):
    settled = Signal(str)  # settlement id

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.member: MemberRecord | None = None
        self.prescription: rx.Prescription | None = None
        self._quiet = False
        self._restoring = False
        self.me = session.actor.user_id if session.actor else ""
        self.draft_file = drafts.draft_path(session.path, self.me)
        self.draft_source: Path | None = None  # another user's draft restored here, until this user edits it
        self.draft = drafts.Draft(owner=self.me)
        self._build()
        self._shortcuts()
        warm_search(session.db)  # the first keystroke in the item box must not build the name index
        spell_members(session.db)  # members from before their names' pinyin was kept (once)
        self.restore_draft()

    # ---- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        self.scan = QLineEdit()
        self.scan.setObjectName("scan")
        self.scan.setPlaceholderText(self.tr("刷卡或扫码：社保卡号、医保电子凭证、身份证号（F1）"))
        self.scan.returnPressed.connect(self.scan_member)
        self.find_member_button = QPushButton(self.tr("查找 (Ctrl+F)"))
        self.find_member_button.setObjectName("find_member")
        self.find_member_button.setToolTip(self.tr("按姓名或拼音查找参保人（未带卡时）"))
        self.find_member_button.clicked.connect(lambda: self.search_member())
        self.item_box = QLineEdit()
        self.item_box.setObjectName("item_box")
        self.item_box.setPlaceholderText(self.tr("添加项目：编码、名称或拼音首字母，如 amxl（F3）"))
        self.completions = QStringListModel(self)
        completer = QCompleter(self.completions, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setMaxVisibleItems(12)
        completer.activated.connect(self.add_completion)
        self.item_box.setCompleter(completer)
        self.item_box.textEdited.connect(self.suggest)
        self.item_box.returnPressed.connect(self.add_typed_item)
        self.prescriber = QComboBox()
        self.prescriber.setObjectName("prescriber")
        for label, level in ((self.tr("无外配处方"), None), (self.tr("处方：一级以下"), 0), (self.tr("处方：一级"), 1),
                             (self.tr("处方：二级"), 2), (self.tr("处方：三级"), 3)):
            self.prescriber.addItem(label, level)
        self.prescriber.currentIndexChanged.connect(self.edited)
        self.prescriber.setVisible(self.session.desk.type == "pharmacy")
        self.pharmacy_desk = self.session.desk.type == "pharmacy" or pharmacy.get_settings(
            self.session.db).enforced(self.session.desk.type)
        self.rx_button = QPushButton(self.tr("外配处方 (F7)"))
        self.rx_button.setObjectName("rx_button")
        self.rx_button.clicked.connect(self.edit_prescription)
        self.rx_button.setVisible(self.pharmacy_desk)
        self.rx_label = QLabel("")
        self.rx_label.setObjectName("rx_label")
        self.rx_label.setVisible(self.pharmacy_desk)

        top = QHBoxLayout()
        top.addWidget(self.scan, 3)
        top.addWidget(self.find_member_button)
        self.find_member_button.setMaximumHeight(self.scan.sizeHint().height())  # the row no taller for it
        top.addWidget(self.item_box, 4)
        top.addWidget(self.prescriber)
        top.addWidget(self.rx_button)

        self.card = MemberCard()
        self.model = BillModel(self, codes_column=self.pharmacy_desk)
        self.model.changed.connect(self.edited)
        self.model.changed.connect(self.fit_columns)
        self.model.refused.connect(lambda text: self.split.message.setText(text))
        self.table = QTableView()
        self.table.setObjectName("bill")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(48)
        left = QVBoxLayout()
        self.draft_note = DraftNote()
        self.draft_note.discard.connect(self.new_bill)
        left.addWidget(self.draft_note)
        left.addWidget(self.card)
        bill_title = QLabel(self.tr("费用明细（Delete 删除所选行；双击数量或单价修改）"))
        left.addWidget(bill_title)
        left.addWidget(self.table, 1)
        self.last_strip = LastSettlementStrip(self.session, self)  # 上一单: view or reprint (Ctrl+I, Ctrl+P)
        self.settled.connect(lambda _: self.last_strip.refresh())
        left.addWidget(self.last_strip)
        self.trace = PharmacyPanel()
        self.trace.code_scanned.connect(self.scan_code)
        self.trace.done.connect(self.item_box.setFocus)
        self.trace.no_code.connect(self.mark_no_code)
        self.trace.batch_edited.connect(self.set_batch)
        self.trace.setVisible(self.pharmacy_desk)
        self.trace.setEnabled(False)
        left.addWidget(self.rx_label)
        left.addWidget(self.trace)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_trace())
        left_widget = QWidget()
        left_widget.setLayout(left)

        self.split = SplitPanel()
        self.use_account = QCheckBox(self.tr("个人账户支付"))
        self.use_account.setObjectName("use_account")
        self.use_account.setChecked(True)
        self.use_account.toggled.connect(self.edited)
        self.payer = QComboBox()
        self.payer.setObjectName("payer")
        self.payer.currentIndexChanged.connect(self.edited)
        self.benefit = QComboBox()
        self.benefit.setObjectName("benefit")
        self.benefit.setToolTip(self.tr("结算所用的待遇：默认为本单项目所适用的有效认定病种待遇（政策包列明病种用药时）"))
        self.benefit.currentIndexChanged.connect(self.benefit_picked)
        self.benefit_by_hand = False  # the cashier chose the benefit: the visit's items no longer change it
        self.offers: list = []
        self.settle_button = QPushButton(self.tr("结算 (F12)"))
        self.settle_button.setObjectName("settle")
        self.settle_button.setStyleSheet("font-size:14pt; padding:8px;")
        self.settle_button.clicked.connect(self.settle)
        new_button = QPushButton(self.tr("新结算 (F2)"))
        new_button.clicked.connect(self.new_bill)
        right = QVBoxLayout()
        benefit_row = QHBoxLayout()
        benefit_row.addWidget(QLabel(self.tr("待遇")))
        benefit_row.addWidget(self.benefit, 1)
        right.addLayout(benefit_row)
        right.addWidget(self.split, 1)
        account_row = QHBoxLayout()
        account_row.addWidget(self.use_account)
        account_row.addWidget(self.payer, 1)
        right.addLayout(account_row)
        self.payment = PaymentBox()  # 现金, 微信, 支付宝, 银行卡, 聚合码 or a mix, beside 实收/找零
        self.payment.changed.connect(self.show_change)
        self.payment.changed.connect(self.remember_payment)
        right.addWidget(self.payment)
        cash_row = QHBoxLayout()  # 实收 and 找零: what the patient hands over, the change in large type
        self.tendered = QLineEdit()
        self.tendered.setObjectName("tendered")
        self.tendered.setPlaceholderText(self.tr("实收现金（F4）"))
        self.tendered.setMaximumWidth(150)
        self.tendered.textEdited.connect(self.show_change)
        self.tendered.returnPressed.connect(self.settle)
        self.change = ElidedLabel("")  # one line whatever it says: a long refusal must not push the split up
        self.change.setObjectName("change")
        self.change.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.change.setStyleSheet("font-size:20pt; font-weight:bold; color:#146c2e;")
        cash_row.addWidget(QLabel(self.tr("实收")))
        cash_row.addWidget(self.tendered)
        cash_row.addWidget(self.change, 1)
        right.addLayout(cash_row)
        self.held = HoldAndRecall(self)  # 挂单/取单
        buttons = QHBoxLayout()
        buttons.addWidget(self.held.hold_button)
        buttons.addWidget(self.held.recall_button)
        buttons.addWidget(new_button)
        buttons.addWidget(self.settle_button, 1)
        right.addLayout(buttons)
        right_widget = QWidget()
        right_widget.setLayout(right)

        splitter = QSplitter()
        splitter.addWidget(left_widget)
        splitter.addWidget(right_widget)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.card.clear(self.tr("请刷卡或扫描医保电子凭证"))
        self.split.clear()
        self.fit_columns()  # an empty bill's columns as wide as their titles, no scrollbar under them
        self.table.installEventFilter(self)
        self.item_box.installEventFilter(self)

    def _shortcuts(self) -> None:
        for keys, slot in (("F12", self.settle), ("Ctrl+Return", self.settle), ("Ctrl+Enter", self.settle),
                           ("F2", self.new_bill), ("Escape", self.new_bill), ("F1", self.focus_scan),
                           ("F3", self.item_box.setFocus), ("Delete", self.remove_selected),
                           ("F7", self.edit_prescription), ("F8", self.mark_no_code),
                           ("F4", self.tendered.setFocus), ("F9", self.show_shortcuts),
                           ("F6", self.payment.next_method), ("F5", self.payment.focus_part),
                           ("F10", self.held.hold), ("F11", self.held.recall),
                           ("Ctrl+F", lambda: self.search_member())):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 — Qt's name
        """+ / − on the bill table, or in the item box while it is empty (else they are typed)."""
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Minus) \
                and (watched is self.table or not self.item_box.text()):
            self.step_quantity(1 if event.key() == Qt.Key.Key_Plus else -1)
            return True
        return super().eventFilter(watched, event)

    def shortcuts_text(self) -> str:
        """The counter's keys. F1 stays the scan box (a scanner's habit); the list is F9."""
        keys = ((self.tr("F1"), self.tr("刷卡框（选中原内容，新卡直接覆盖）")), (self.tr("F3"), self.tr("添加项目框")),
                (self.tr("Ctrl+F"), self.tr("按姓名或拼音查找参保人")),
                (self.tr("F4"), self.tr("实收现金")), (self.tr("F6"), self.tr("切换支付方式（现金、微信、支付宝、银行卡、聚合码）")),
                (self.tr("F5"), self.tr("组合支付：先收部分的金额，其余按所选方式")), (self.tr("编码*3"), self.tr("在项目框中一次添加 3 个")),
                (self.tr("+ / −"), self.tr("所选行数量加一 / 减一")), (self.tr("Delete"), self.tr("删除所选行")),
                (self.tr("F7"), self.tr("外配处方")), (self.tr("F8"), self.tr("无追溯码")),
                (self.tr("F10"), self.tr("挂单：挂起当前单据，接待下一位")), (self.tr("F11"), self.tr("取单：取回挂起的单据")),
                (self.tr("F12 / Ctrl+Enter"), self.tr("结算")), (self.tr("F2 / Esc"), self.tr("新结算")),
                (self.tr("Ctrl+I / Ctrl+P"), self.tr("查看 / 重打上一单")), (self.tr("F9"), self.tr("本快捷键列表")))
        return "\n".join(f"{key}\t{what}" for key, what in keys)

    def show_shortcuts(self) -> None:
        self.shortcuts_box = QMessageBox(QMessageBox.Icon.Information, self.tr("快捷键"), self.shortcuts_text(),
                                         QMessageBox.StandardButton.Close, self)
        self.shortcuts_box.open()

    def fit_columns(self) -> None:
        """Every column as wide as its widest cell, the name column taking what is left."""
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            if column != 1:
                width = max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column)) + 8
                header.resizeSection(column, width)

    # ---- member -------------------------------------------------------------------------------
    def focus_scan(self) -> None:
        """F1: the scan box with its text selected, so the next card's code replaces it, never appends."""
        self.scan.setFocus()
        self.scan.selectAll()

    def scan_member(self) -> None:
        """Resolve the scanned code to ONE member, once; the bill then carries that member id.

        A code nobody or several members carry is refused; the bill keeps the patient it had (and
        says so). A different patient's card on a bill with lines asks before the bill moves.
        """
        key = self.scan.text().strip()
        if not key:
            return
        try:
            member = find_member(self.session.db, key)
        except AmbiguousMember as exc:
            names = "；".join(f"{m.name}（{m.member_id}）" for m in exc.candidates)
            self.refuse_scan(self.tr("“%1”对应多位参保人：%2。请改刷社保卡或身份证").replace("%1", key).replace("%2", names))
            return
        if member is None:
            if not key.isascii() or (key.isalpha() and key.islower()):  # a name or pinyin typed (a scanner's
                # codes are digits and capitals): look the name up
                return self.search_member(key)
            self.refuse_scan(self.tr("找不到卡号或证件号为“%1”的参保人，请核对后重新刷卡").replace("%1", key))
            return
        self.bind_member(member)

    def search_member(self, text: str = "") -> None:
        """Ctrl+F: find the patient by name or pinyin; the pick binds the bill as a scanned card would."""
        from ui.member_search import MemberSearchDialog

        dialog = MemberSearchDialog(self.session, text, self)
        self.member_search = dialog
        if dialog.exec() != MemberSearchDialog.DialogCode.Accepted or not dialog.chosen:
            self.focus_scan()
            return
        self.bind_member(get_member(self.session.db, dialog.chosen))  # by member id: one member, never a code

    def bind_member(self, member: MemberRecord) -> None:
        """The bill now belongs to ``member`` (resolved to one member id); a different patient on a bill with
        lines asks first."""
        if self.member and member.member_id != self.member.member_id and self.model.lines:
            answer = QMessageBox.question(
                self, self.tr("更换参保人"),
                self.tr("当前费用明细属于 %1（%2）。\n改为 %3（%4）结算？").replace("%1", self.member.name)
                .replace("%2", self.member.member_id).replace("%3", member.name).replace("%4", member.member_id),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                self.scan.setText(self.member.member_id)
                self.item_box.setFocus()
                return
        self.set_member(member)
        self.item_box.setFocus()

    def refuse_scan(self, message: str) -> None:
        """A failed scan: a beep, the message, the scan text selected for the next try; the bill's patient
        (if any) stays bound and is named, never silently kept behind a blank card."""
        QApplication.beep()
        if self.member:
            message += self.tr("。本单仍为 %1（%2）").replace("%1", self.member.name).replace("%2", self.member.member_id)
        else:
            self.card.clear()
        self.card.show_message(message, error=True)
        self.scan.setFocus()
        self.scan.selectAll()

    def set_member(self, member: MemberRecord) -> None:
        self.member = member
        self.draft.member_key = member.member_id
        self.scan.setText(member.member_id)
        self.payer.blockSignals(True)
        self.payer.clear()
        self.payer.addItem(self.tr("本人账户 ¥%1").replace("%1", format_yuan(from_fen(member.account_balance_fen))), None)
        self.payer_names = {}  # member id → "王伟，配偶": named on the split when that account pays
        for relative, relation in family_of(self.session.db, member.member_id):
            self.payer_names[relative.member_id] = f"{relative.name}，{labels.relation(relation)}"
            balance = format_yuan(from_fen(relative.account_balance_fen))
            self.payer.addItem(f"{self.tr('共济')}：{labels.relation(relation)} {relative.name} ¥{balance}",
                               relative.member_id)
        index = self.payer.findData(self.draft.payer_id)
        self.payer.setCurrentIndex(max(index, 0))
        self.payer.blockSignals(False)
        self.fill_benefits()
        self.refresh_member()
        self.edited()

    def member_offers(self) -> list:
        """The benefits this member may be settled under here today (the engine's reading of the pack)."""
        session = self.session
        try:
            rules = session.library.get(session.desk.policy).on(local_day(session.now()))
        except Exception as exc:  # no policy in force: the split panel says why
            log.info("no benefits for %s: %s", self.member.member_id if self.member else "-", exc)
            return [benefits.Offer("ordinary")]
        engine_member = Member("employed", certified=tuple(
            Certification(b, d, f, t) for b, d, f, t in certifications_of(session.db, self.member.member_id)))
        return benefits.offers(rules, engine_member, local_day(session.now()), session.desk.level)

    def fill_benefits(self) -> None:
        options = self.offers = self.member_offers()
        self.benefit_by_hand = False
        chosen = benefits.default_offer(options, self.line_codes())
        self.benefit.blockSignals(True)
        self.benefit.clear()
        for option in options:
            if option.disease and not (option.in_force and option.allowed):
                continue  # shown on the member card with its dates; it cannot settle this bill
            text = labels.benefit(option.benefit)
            if option.disease:
                text = self.tr("%1：%2（%3）").replace("%1", text).replace("%2", option.disease_name)                     .replace("%3", option.disease)
            self.benefit.addItem(text, f"{option.benefit}|{option.disease or ''}")
        self.benefit.setCurrentIndex(max(self.benefit.findData(f"{chosen.benefit}|{chosen.disease or ''}"), 0))
        self.benefit.blockSignals(False)

    def line_codes(self) -> list[str]:
        return [line.item.code for line in self.model.lines]

    def benefit_picked(self, *_) -> None:
        self.benefit_by_hand = True
        self.edited()

    def follow_items(self) -> None:
        """Until the cashier picks one, the benefit offered is the certified one the bill's items fit."""
        if self.benefit_by_hand or not self.offers:
            return
        chosen = benefits.default_offer(self.offers, self.line_codes())
        index = self.benefit.findData(f"{chosen.benefit}|{chosen.disease or ''}")
        if index >= 0 and index != self.benefit.currentIndex():
            self.benefit.blockSignals(True)
            self.benefit.setCurrentIndex(index)
            self.benefit.blockSignals(False)

    def chosen_benefit(self) -> tuple[str, str | None]:
        """(benefit, disease) as the cashier picked it (the item's data is "benefit|disease")."""
        benefit, _, disease = (self.benefit.currentData() or "ordinary|").partition("|")
        return benefit, disease or None

    def refresh_member(self) -> None:
        if not self.member:
            return
        session = self.session
        self.member = get_member(session.db, self.member.member_id)
        now = session.now()
        desk = session.desk
        try:
            day = local_day(now)
            rules = session.library.get(desk.policy).on(day)
            state = standing(session.db, rules, self.member, desk.level, day, desk.institution_code)
        except Exception as exc:  # no policy in force on this date: the split panel says why
            log.info("no standing for %s: %s", self.member.member_id, exc)
            state = None
        self.card.show_member(self.member, state, family_of(session.db, self.member.member_id), now.date(),
                              freshness(session.db, now), self.member_offers())

    # ---- items --------------------------------------------------------------------------------
    def suggest(self, text: str) -> None:
        """Refill the list on every keystroke and show it again ourselves.

        Resetting the model hides QCompleter's popup, and the line edit's own completion runs before
        this slot: left to it, the list showed on one keystroke and vanished on the next.
        """
        found = search(self.session.db, text, 15) if text.strip() else []
        self._suggested = found
        self.completions.setStringList([f"{i.name} {i.spec}  {labels.item_class(i.cls)}  [{i.code}] ¥{i.unit_price}"
                                        for i in found])
        completer = self.item_box.completer()
        if found:
            completer.complete()
        else:
            completer.popup().hide()

    def add_completion(self, text: str) -> None:
        code = text.rsplit("[", 1)[-1].split("]")[0] if "[" in text else ""
        if code:
            self.add_code(code)

    def add_typed_item(self) -> None:
        text = self.item_box.text().strip()
        if not text:
            return
        if "[" in text:
            return self.add_completion(text)
        times = TIMES.fullmatch(text)
        if times:  # CODE*3: three of the item, in one line
            try:
                row = self.add_code(times[1].strip())
            except StoreError as exc:
                self.split.message.setText(describe(exc))
                return
            self.model.setData(self.model.index(row, BillModel.QTY), times[2])
            return
        if looks_like_code(text) and self.selected_row() is not None:  # a box's code scanned into the item box
            self.item_box.clear()
            return self.scan_code(text)
        try:
            self.add_code(text)
            return
        except StoreError:
            pass
        found = search(self.session.db, text, 2)
        if len(found) == 1 or (found and found[0].code == text.upper()):
            self.add_code(found[0].code)
        elif found:
            self.split.message.setText(self.tr("“%1”不是唯一的项目，请从列表中选择").replace("%1", text))
            self.suggest(text)  # the list to choose from, not just the sentence
        else:
            QApplication.beep()
            self.split.message.setText(self.tr("目录中没有“%1”").replace("%1", text))

    def add_code(self, code: str) -> int:
        db = self.session.db
        item = get_item(db, pharmacy.item_for_barcode(db, code) or code)  # a box barcode names its item
        traced = self.pharmacy_desk and pharmacy.drug_info(db, item.code).trace_required
        row = self.model.add(item, traced=traced)
        self.table.selectRow(row)
        self.item_box.clear()
        self.completions.setStringList([])
        self.show_trace()
        if traced:  # next: the boxes' codes
            self.trace.codes.setFocus()
        return row

    # ---- traceability codes -------------------------------------------------------------------
    def selected_row(self) -> int | None:
        index = self.table.selectionModel().currentIndex()
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else index.row()
        return row if 0 <= row < len(self.model.lines) else None

    def show_trace(self) -> None:
        row = self.selected_row()
        if row is None:
            self.trace.setEnabled(False)
            self.trace.demo_hint("")
            self.trace.status.setText("")
            self.trace.list.setText("")
            return
        line = self.model.lines[row]
        info = pharmacy.drug_info(self.session.db, line.item.code)
        needed = ""
        if info.split:
            needed = self.tr("（拆零，每盒%1%2，本行%3%2）").replace("%1", str(info.units_per_box)) \
                .replace("%2", line.item.unit).replace("%3", f"{line.quantity.normalize():f}")
        self.trace.show_line(line.item.name, list(line.drug.trace_codes), needed, line.drug.no_code_reason,
                             line.drug.batch, line.drug.expiry, line.traced)
        self.trace.demo_hint(self.demo_code(line) if line.traced and self.session.desk.demo else "")

    def demo_code(self, line) -> str:
        """The demo pharmacy's next unsold box of the line's item (no scanner needed to try it)."""
        from desk.demo_pharmacy import unsold_codes

        try:
            return unsold_codes(self.session.db, line.item.code, 1, set(self.model.codes_in_bill()))[0]
        except StoreError:
            return ""

    def scan_code(self, text: str) -> None:
        row = self.selected_row()
        if row is None or not self.model.lines[row].traced:
            self.trace.error(self.tr("请先选择需要追溯码的药品行"))
            return
        line = self.model.lines[row]
        try:
            code = text.strip()
            pharmacy.check_scan(self.session.db, line.item.code, code, self.model.codes_in_bill())
            codes = (*line.drug.trace_codes, code)
            # a received box names its batch and expiry (and is refused on another item, or expired)
            batch, expiry = stock.batch_for(self.session.db, line.item.code, list(codes), line.drug.batch,
                                            line.drug.expiry, local_day(self.session.now()))
        except TraceCodeError as exc:
            self.show_trace()
            self.trace.error(trace_words(exc))
            self.trace.codes.setFocus()
            return
        except StoreError as exc:
            self.trace.error(describe(exc))
            return
        split = pharmacy.drug_info(self.session.db, line.item.code).split
        self.model.set_drug(row, replace(line.drug, trace_codes=codes, no_code_reason="", batch=batch, expiry=expiry),
                            None if split else Decimal(len(codes)))  # a box line's quantity is its boxes
        self.table.selectRow(row)
        self.show_trace()
        self.trace.codes.setFocus()

    def mark_no_code(self) -> None:
        row = self.selected_row()
        if row is None or not self.model.lines[row].traced:
            return
        reason, ok = QInputDialog.getText(self, self.tr("无码"), self.tr("无追溯码的原因（如：2025年7月前购进库存）"),
                                          text=self.tr("2025年7月前购进库存"))
        if not ok or not reason.strip():
            return
        line = self.model.lines[row]
        self.model.set_drug(row, replace(line.drug, trace_codes=(), no_code_reason=reason.strip()))
        self.show_trace()
        self.item_box.setFocus()

    def set_batch(self, batch: str, expiry: str) -> None:
        row = self.selected_row()
        if row is None:
            return
        line = self.model.lines[row]
        if (batch, expiry) != (line.drug.batch, line.drug.expiry):
            self.model.set_drug(row, replace(line.drug, batch=batch, expiry=expiry))

    # ---- the external prescription ------------------------------------------------------------
    def edit_prescription(self) -> None:
        if not self.pharmacy_desk:
            return
        today = self.session.now().date()
        dialog = PrescriptionDialog(QDate(today.year, today.month, today.day), self.prescription, self)
        if dialog.exec() and dialog.prescription:
            self.set_prescription(dialog.prescription)
        self.item_box.setFocus()

    def set_prescription(self, value: rx.Prescription | None) -> None:
        self.prescription = value
        self.draft.prescription = value.as_dict() if value else None
        if value:
            self.prescriber.setCurrentIndex(max(self.prescriber.findData(value.institution_level), 0))
            self.rx_label.setText(self.tr("外配处方 %1：%2（%3），%4，%5 %6，%7 开具").replace("%1", value.number)
                                  .replace("%2", value.institution_name).replace("%3", value.institution_code)
                                  .replace("%4", value.doctor).replace("%5", value.diagnosis_code)
                                  .replace("%6", value.diagnosis_name).replace("%7", value.written_on.isoformat()))
        else:
            self.rx_label.setText("")
        self.prescriber.setEnabled(value is None)
        self.edited()

    def pharmacy_refusal(self) -> str | None:
        """What stops the bill from settling on codes or prescription, as the cashier's sentence (a dry run
        of the checks settling makes again inside its transaction)."""
        session = self.session
        lines = self.model.bill_lines()
        day = local_day(session.now())
        try:
            pharmacy.check_prescription(session.db, session.desk.type, [l.item.code for l in self.model.lines],
                                        self.prescription, day)
            pharmacy.plan(session.db, [(l.code, l.quantity, l.drug) for l in lines], day,
                          pharmacy.get_settings(session.db).enforced(session.desk.type))
        except TraceCodeError as exc:
            if exc.fields.get("line"):
                self.table.selectRow(exc.fields["line"] - 1)
            return trace_words(exc)
        except PrescriptionError as exc:
            return prescription_words(exc)
        except StoreError as exc:
            return describe(exc)
        return None

    def step_quantity(self, step: int) -> None:
        """+ and − change the selected line's quantity by one (never below one; Delete removes a line)."""
        row = self.selected_row()
        if row is None:
            return
        quantity = self.model.lines[row].quantity + step
        if quantity >= 1:
            self.model.setData(self.model.index(row, BillModel.QTY), str(quantity))
            self.table.selectRow(row)

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()}, reverse=True)
        for row in rows:
            self.model.remove(row)

    # ---- the split ----------------------------------------------------------------------------
    def edited(self, *_) -> None:
        if self._quiet:
            return
        self.draft.lines = [{"code": l.item.code, "quantity": str(l.quantity), "unit_price": str(l.unit_price)}
                            for l in self.model.lines]
        self.draft.prescriber_level = self.prescriber.currentData()
        self.draft.use_account = self.use_account.isChecked()
        self.draft.payer_id = self.payer.currentData()
        self.draft.benefit = self.benefit.currentData() or ""
        self.draft.lines = [{**d, "codes": list(l.drug.trace_codes), "no_code_reason": l.drug.no_code_reason,
                             "batch": l.drug.batch, "expiry": l.drug.expiry}
                            for d, l in zip(self.draft.lines, self.model.lines)]
        self.save_draft()
        self.follow_items()
        self.refresh_split()

    def show_change(self, *_) -> Decimal | None:
        """找零 = 实收 − the cash share of 应收现金, as the patient's money is typed; None while nothing (valid)
        is typed. Only 现金 has change: with no cash share (all 微信, say) 实收 is off."""
        due = self.split.cash()
        try:
            share = self.payment.cash_share(due)
        except PaymentRefused as exc:  # a mix that does not fit the cash due: said at once, in red
            self._say_change(payment_short(exc), error=True)
            self.change.setToolTip(payment_words(exc))
            return None
        self.tendered.setEnabled(share > 0 or not due)
        if due and not share:
            self.tendered.clear()
        text = self.tendered.text().strip()
        if not text:
            self.change.setText("")
            return None
        try:
            change = change_due(parse_money(text, "tendered"), share)
        except InputError as exc:  # not an amount, negative, too many decimals: said in the cashier's words
            self._say_change(input_problem(exc), error=True)
            return None
        if change < 0:
            self._say_change(self.tr("实收不足，尚差 ¥%1").replace("%1", format_yuan(-change)), error=True)
            return None
        self._say_change(self.tr("找零 ¥%1").replace("%1", format_yuan(change)))
        return change

    def remember_payment(self) -> None:
        if not self._quiet and (self.member or self.model.lines):
            self.draft.payment = self.payment.state()
            self.save_draft()

    def _say_change(self, text: str, error: bool = False) -> None:
        self.change.setStyleSheet("font-size:14pt; font-weight:bold; color:#b3261e;" if error
                                  else "font-size:20pt; font-weight:bold; color:#146c2e;")
        self.change.setText(text)

    def refresh_split(self) -> None:
        if not self.member:
            self.split.clear(self.tr("尚未刷卡") if self.model.lines else "")
            return
        if not self.model.lines:
            self.split.clear()
            return
        try:
            result = preview_bill(self.session.db, self.session.library, self.member.member_id, self.model.bill_lines(),
                                  self.session.now(), prescriber_level=self.prescriber.currentData(),
                                  use_account=self.use_account.isChecked(), payer_id=self.payer.currentData(),
                                  prescription=self.prescription, benefit=self.chosen_benefit()[0],
                                  disease=self.chosen_benefit()[1])
        except StoreError as exc:
            self.split.show_error(describe(exc))
            return
        self.split.show_split(result)
        self.split.name_payer(getattr(self, "payer_names", {}).get(self.payer.currentData()))
        self.show_change()

    # ---- settle -------------------------------------------------------------------------------
    def settle(self) -> None:
        if not self.member:
            self.card.show_message(self.tr("请先刷卡：尚未选择参保人"), error=True)
            self.scan.setFocus()
            return
        if not self.model.lines:
            self.split.message.setText(self.tr("费用明细为空：请先添加项目再结算"))
            self.item_box.setFocus()
            return
        self.refresh_split()
        result = self.split.result
        if result is None:
            return
        refusal = self.pharmacy_refusal()
        if refusal:
            QMessageBox.warning(self, self.tr("未能结算"), refusal)
            self.trace.codes.setFocus() if self.trace.isEnabled() else self.item_box.setFocus()
            return
        try:
            paid_by = self.payment.summary(result.cash_pay) if result.cash_pay else ""
        except PaymentRefused as exc:
            QMessageBox.warning(self, self.tr("未能结算"), payment_words(exc))
            self.payment.focus_part()
            return
        cash_line = self.tr("\n支付：%1").replace("%1", paid_by) if paid_by else ""
        if self.tendered.text().strip():
            change = self.show_change()
            if change is None:  # not an amount, or less than the cash due
                self.tendered.setFocus()
                self.tendered.selectAll()
                return
            cash_line += self.tr("\n实收 ¥%1，找零 ¥%2").replace("%1", format_yuan(parse_money(self.tendered.text().strip(), "tendered"))) \
                .replace("%2", format_yuan(change))
        answer = QMessageBox.question(
            self, self.tr("确认结算"),
            self.tr("参保人 %4（%5）\n应收现金 ¥%1\n个人账户支付 ¥%2，统筹基金支付 ¥%3\n\n确认结算？")
            .replace("%4", self.member.name).replace("%5", self.member.member_id)
            .replace("%1", format_yuan(result.cash_pay)).replace("%2", format_yuan(result.account_pay))
            .replace("%3", format_yuan(result.pool_pay)).replace("\n\n", cash_line + "\n\n", 1),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.settle_confirmed()

    def price_approver(self):
        """A supervisor's approval when any line's price differs from the catalog's (None: nothing to approve;
        False: refused or cancelled). The core checks it again and audits it."""
        from ui.supervisor import SupervisorDialog

        changed = [line for line in self.model.lines if line.unit_price != line.item.unit_price]
        if not changed or find_settlement(self.session.db, self.draft.settlement_id):  # settled already: nothing new
            return None
        what = "\n".join(self.tr("%1：目录价 ¥%2，改为 ¥%3").replace("%1", line.item.name)
                         .replace("%2", format_yuan(line.item.unit_price)).replace("%3", format_yuan(line.unit_price))
                         for line in changed)
        dialog = SupervisorDialog(self.session, "override_price", self.tr("改价须主管授权：\n%1").replace("%1", what), self)
        self.authorise = dialog
        if dialog.exec() != SupervisorDialog.DialogCode.Accepted:
            return False
        return dialog.actor

    def settle_confirmed(self) -> str | None:
        session = self.session
        approver = self.price_approver()
        if approver is False:
            return None
        try:
            stored = settle_bill(session.db, session.library, session.actor, self.member.member_id,
                                 self.model.bill_lines(), session.now(), prescriber_level=self.prescriber.currentData(),
                                 use_account=self.use_account.isChecked(), payer_id=self.payer.currentData(),
                                 settlement_id=self.draft.settlement_id, prescription=self.prescription,
                                 price_approver=approver, benefit=self.chosen_benefit()[0],
                                 disease=self.chosen_benefit()[1], payments=self.payment.parts())
        except PaymentRefused as exc:
            QMessageBox.warning(self, self.tr("未能结算"), payment_words(exc))
            return None
        except TraceCodeError as exc:
            QMessageBox.warning(self, self.tr("未能结算"), trace_words(exc))
            return None
        except PrescriptionError as exc:
            QMessageBox.warning(self, self.tr("未能结算"), prescription_words(exc))
            return None
        except StoreError as exc:
            QMessageBox.warning(self, self.tr("未能结算"), describe(exc))
            return None
        log.info("settled %s receipt %s", stored.id, stored.receipt_no)
        self.new_bill(confirm=False)
        self.settled.emit(stored.id)
        fmt = QSettings().value("receipt_format", "80mm")
        try:
            pdf, _ = print_receipt(session.db, session.library, session.actor, stored.id, fmt, session.now())
            self.last_receipt = preview(pdf, self.tr("结算单 %1").replace("%1", f"{stored.receipt_no:06d}"), self,
                                        QSettings().value("printer", ""))
        except Exception as exc:  # the settlement stands; the receipt can be reprinted from today's list
            log.exception("receipt failed")
            QMessageBox.warning(self, self.tr("结算单未能生成"),
                                self.tr("结算已完成，但结算单未能生成：%1。可在“今日结算”中重打。").replace("%1", str(exc)))
        return stored.id

    def new_bill(self, confirm: bool = True) -> None:
        if confirm and self.model.lines:
            answer = QMessageBox.question(self, self.tr("新结算"), self.tr("放弃当前未结算的费用明细？"),
                                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                          QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.member = None
        self.prescription = None
        self.rx_label.setText("")
        self.prescriber.setEnabled(True)
        self.draft = drafts.Draft(owner=self.me)
        drafts.discard(self.draft_file)
        if self.draft_source:  # another user's draft, settled or dropped here: it must not come back to them
            drafts.discard(self.draft_source)
            self.draft_source = None
        self.draft_note.hide()
        self._quiet = True  # a new bill is not an edit of the old one
        self.model.clear()
        self._quiet = False
        self.scan.clear()
        self.item_box.clear()
        self.payer.clear()
        self.benefit.clear()
        self.offers, self.benefit_by_hand = [], False
        self.use_account.setChecked(True)
        self.prescriber.setCurrentIndex(0)
        self.card.clear(self.tr("请刷卡或扫描医保电子凭证"))
        self.split.clear()
        self.tendered.clear()
        self.change.setText("")
        self.payment.reset()
        self.scan.setFocus()

    # ---- the draft ----------------------------------------------------------------------------
    def save_draft(self) -> None:
        if self._restoring:  # reading a draft back is not an edit (another's stays theirs until edited)
            return
        if self.member or self.model.lines:
            self.draft.owner = self.me  # edited here: the bill is now this user's
            try:
                drafts.save(self.draft_file, self.draft)
                if self.draft_source:
                    drafts.discard(self.draft_source)
                    self.draft_source = None
            except OSError:
                log.exception("draft not saved")

    def restore_draft(self) -> None:
        self._restoring = True
        try:
            self._restore_draft()
        finally:
            self._restoring = False

    def _restore_draft(self) -> None:
        saved = drafts.load(self.draft_file)
        if not saved:  # none of this user's own: a bill another user left at this counter, named
            for path in drafts.left_by_others(self.session.path, self.me):
                saved = drafts.load(path)
                if saved:
                    self.draft_source = path
                    break
        if not saved:
            return
        if self.draft_source:
            from desk.store.users import list_users

            names = {u["user_id"]: u["name"] for u in list_users(self.session.db)}
            self.draft_note.show_owner(names.get(saved.owner), saved.owner)
            log.info("restored a draft of %r for %r", saved.owner, self.me)
        self.load_bill(saved)

    def load_bill(self, saved: drafts.Draft) -> None:
        """Put a draft on the counter: the one saved on disk, or a held bill recalled (取单)."""
        self.draft = saved
        benefit, payment = saved.benefit, saved.payment
        self._quiet = True
        for line in saved.lines:
            try:
                item = get_item(self.session.db, line["code"])
            except StoreError:
                continue
            traced = self.pharmacy_desk and pharmacy.drug_info(self.session.db, item.code).trace_required
            row = self.model.add(item, Decimal(line["quantity"]), traced=traced)
            self.model.setData(self.model.index(row, BillModel.PRICE), line["unit_price"])
            if line.get("codes") or line.get("no_code_reason") or line.get("batch") or line.get("expiry"):
                self.model.set_drug(row, pharmacy.DrugLine(tuple(line.get("codes") or ()),
                                                           line.get("no_code_reason", ""), line.get("batch", ""),
                                                           line.get("expiry", "")))
        self._quiet = False
        self.use_account.setChecked(saved.use_account)
        self.prescriber.setCurrentIndex(max(self.prescriber.findData(saved.prescriber_level), 0))
        if saved.prescription:
            try:
                self.set_prescription(rx.parse(saved.prescription))
            except ValueError:
                log.warning("the draft's prescription could not be read back")
        member = member_by_id_or_code(self.session.db, saved.member_key) if saved.member_key else None
        if member:
            self.set_member(member)
            index = self.benefit.findData(benefit) if benefit else -1
            if index >= 0:
                self.benefit.setCurrentIndex(index)
        else:
            self.refresh_split()
        self.payment.restore(payment)


def plain(message: str) -> str:
    """The core's refusal as a sentence for the cashier (field names are for logs and scripts)."""
    known = {
        "no policy in force": "该日期没有适用的医保政策：",
        "is not in the catalog": "项目不在目录中：",
        "needs ": "权限不足：",
    }
    for needle, prefix in known.items():
        if needle in message:
            return prefix + message
    return message
