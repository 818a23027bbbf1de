"""How the patient pays the cash due, chosen beside 实收/找零: 现金, 微信, 支付宝, 银行卡, 聚合码, or a mix.

One method takes the whole cash due; for a mix the cashier types one part (¥20 现金) and its method,
and the chosen method takes the rest. F6 steps through the methods, F5 goes to the part's amount;
both are combo boxes a mouse can open. Only a cash share has 实收 and 找零: a WeChat or card part is
exactly its share. The core checks the parts again against the cash due inside the settlement's
transaction (desk/store/payments.py); this widget only gathers them and words refusals.
"""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from desk.domain import PAYMENT_METHODS
from desk.money import InputError, format_yuan, from_fen, parse_money
from desk.store.payments import Payment, PaymentRefused, allocate
from ui import labels


class PaymentBox(QWidget):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.method = QComboBox()
        self.method.setObjectName("pay_method")
        self.part_method = QComboBox()
        self.part_method.setObjectName("pay_part_method")
        for code in PAYMENT_METHODS:
            self.method.addItem(labels.payment(code), code)
            self.part_method.addItem(labels.payment(code), code)
        self.method.setToolTip(self.tr("支付方式（F6 切换）：组合支付时为其余部分的方式"))
        self.part = QLineEdit()
        self.part.setObjectName("pay_part")
        self.part.setPlaceholderText(self.tr("金额（F5）"))
        self.part.setToolTip(self.tr("组合支付：先收的一部分（如现金 20），其余按左侧支付方式"))
        self.part.setMaximumWidth(110)
        self.method.currentIndexChanged.connect(self._method_changed)
        self.part_method.currentIndexChanged.connect(lambda *_: self.changed.emit())
        self.part.textEdited.connect(lambda *_: self.changed.emit())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("支付方式")))
        row.addWidget(self.method)
        # Read left to right as one sentence: 支付方式 微信，其中 20 用 现金 (the rest goes by the first method).
        row.addWidget(QLabel(self.tr("其中")))
        row.addWidget(self.part)
        row.addWidget(QLabel(self.tr("用")))
        row.addWidget(self.part_method)
        row.addStretch(1)
        self._method_changed()

    def _method_changed(self, *_) -> None:
        """The part's method defaults to 现金 beside a non-cash method (¥20 现金 + 微信), else 微信."""
        if self.part_method.currentData() == self.method.currentData() or not self.part.text().strip():
            other = "cash" if self.method.currentData() != "cash" else "wechat"
            self.part_method.setCurrentIndex(self.part_method.findData(other))
        self.changed.emit()

    def next_method(self) -> None:
        """F6: the next method, round the list."""
        self.method.setCurrentIndex((self.method.currentIndex() + 1) % self.method.count())

    def focus_part(self) -> None:
        self.part.setFocus()
        self.part.selectAll()

    def choose(self, method: str, part: str = "", part_method: str | None = None) -> None:
        self.method.setCurrentIndex(self.method.findData(method))
        self.part.setText(part)
        if part_method:
            self.part_method.setCurrentIndex(self.part_method.findData(part_method))
        self.changed.emit()

    def state(self) -> dict:
        """The choice as a draft keeps it."""
        return {"method": self.method.currentData(), "part": self.part.text().strip(),
                "part_method": self.part_method.currentData()}

    def restore(self, state: dict | None) -> None:
        state = state if isinstance(state, dict) else {}
        method = state.get("method") if state.get("method") in PAYMENT_METHODS else "cash"
        part_method = state.get("part_method") if state.get("part_method") in PAYMENT_METHODS else None
        self.choose(method, str(state.get("part") or ""), part_method)

    def reset(self) -> None:
        self.choose("cash", "")

    def parts(self) -> list[Payment]:
        """The parts as the core takes them (the part's amount is checked by the core: a bad one is refused there)."""
        main = Payment(self.method.currentData())
        text = self.part.text().strip()
        if not text:
            return [main]
        return [Payment(self.part_method.currentData(), _amount(text)), main]

    def cash_share(self, cash_due: Decimal) -> Decimal:
        """What of the cash due is paid in 现金 (the part 实收/找零 apply to); PaymentRefused when the parts do
        not fit it."""
        return from_fen(dict(allocate(self.parts(), cash_due)).get("cash", 0))

    def summary(self, cash_due: Decimal) -> str:
        """"现金 ¥20.00 + 微信 ¥280.00" for the confirmation (raises PaymentRefused when they do not fit)."""
        return " + ".join(f"{labels.payment(m)} ¥{format_yuan(from_fen(a))}"
                          for m, a in allocate(self.parts(), cash_due))


def by_method_text(parts) -> str:
    """The cash part by method as a line of the day-end page: "现金 ¥200.00，微信 ¥0.00" ("" for none)."""
    return "，".join(f"{labels.payment(method)} ¥{format_yuan(amount)}" for method, amount in parts)


def _amount(text: str) -> Decimal:
    try:
        return parse_money(text, "payment 1")
    except InputError:
        raise PaymentRefused("payment 1", "bad_amount", text, message=f"{text!r} is not an amount") from None


def payment_short(exc: PaymentRefused) -> str:
    """The refusal in a few words, for the line beside 实收 (the full sentence comes when settling)."""
    if exc.reason == "too_much" and exc.due is not None:
        return QCoreApplication.translate("Payment", "组合超出应收 ¥%1").replace("%1", format_yuan(exc.due))
    if exc.reason == "too_little" and exc.due is not None:
        return QCoreApplication.translate("Payment", "组合不足应收 ¥%1").replace("%1", format_yuan(exc.due))
    if exc.reason == "bad_amount":
        return QCoreApplication.translate("Payment", "组合金额“%1”无效").replace("%1", str(exc.value))
    if exc.reason == "repeated_method":
        return QCoreApplication.translate("Payment", "组合两部分方式相同")
    return QCoreApplication.translate("Payment", "支付方式无法使用")


def payment_words(exc: PaymentRefused) -> str:
    """A payment refusal as the cashier reads it, naming the field and the value."""
    value = exc.value if not isinstance(exc.value, Decimal) else format_yuan(exc.value)
    if exc.reason in ("too_much", "too_little") and exc.due is not None:
        return (QCoreApplication.translate("Payment", "支付方式合计 ¥%1 与应收现金 ¥%2 不符：组合支付的金额不能超过应收现金")
                if exc.reason == "too_much" else
                QCoreApplication.translate("Payment", "支付方式合计 ¥%1 与应收现金 ¥%2 不符")).replace("%1", str(value)) \
            .replace("%2", format_yuan(exc.due))
    if exc.reason == "bad_amount":
        return QCoreApplication.translate("Payment", "组合支付金额“%1”不是有效金额（非负，最多两位小数）").replace("%1", str(value))
    if exc.reason == "repeated_method":
        return QCoreApplication.translate("Payment", "组合支付的两部分不能是同一种方式（%1）").replace("%1", labels.payment(str(value)))
    return QCoreApplication.translate("Payment", "支付方式“%1”无法使用").replace("%1", str(value))
