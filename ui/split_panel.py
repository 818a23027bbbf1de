"""The split of the bill as the engine computed it, and why, step by step with its articles."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QTextBrowser, QVBoxLayout

from desk.engine import Settlement
from desk.money import format_yuan
from ui import labels

_ = QT_TRANSLATE_NOOP  # marks the labels for lupdate; SplitPanel.tr translates them at run time
ROWS = (("total", _("SplitPanel", "医疗费总额")), ("full_self_pay", _("SplitPanel", "全自费")),
        ("pre_self_pay", _("SplitPanel", "先行自付")), ("in_scope", _("SplitPanel", "政策范围内")),
        ("deductible", _("SplitPanel", "本单计入起付")), ("ratio", _("SplitPanel", "支付比例")),
        ("pool_pay", _("SplitPanel", "统筹基金支付")), ("over_cap", _("SplitPanel", "超限额")),
        ("account_pay", _("SplitPanel", "个人账户支付")), ("cash_pay", _("SplitPanel", "应收现金")))


class SplitPanel(QGroupBox):
    def __init__(self, parent=None):
        super().__init__(self.tr("结算"), parent)
        self.benefit = QLabel("")
        self.benefit.setObjectName("split_benefit")
        self.benefit.setWordWrap(True)
        self.benefit.setStyleSheet("font-weight:bold; color:#6a1b9a;")
        grid = QGridLayout()
        grid.setVerticalSpacing(4)
        self.values: dict[str, QLabel] = {}
        self.names: dict[str, QLabel] = {}
        for row, (key, label) in enumerate(ROWS):
            name = QLabel(self.tr(label))
            name.setObjectName(f"split_label_{key}")
            self.names[key] = name
            value = QLabel("0.00")
            value.setObjectName(f"split_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if key == "cash_pay":
                for widget in (name, value):
                    widget.setStyleSheet("font-size:20pt; font-weight:bold; color:#0b57d0;")
            elif key == "pool_pay":
                value.setStyleSheet("font-weight:bold; color:#146c2e;")
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1)
            self.values[key] = value
        self.funds = QLabel("")
        self.funds.setObjectName("split_funds")
        self.funds.setWordWrap(True)
        self.message = QLabel("")
        self.message.setObjectName("split_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color:#b3261e; font-weight:bold;")
        self.why = QTextBrowser()
        self.why.setObjectName("why")
        self.why.setOpenLinks(False)
        self.why.setMinimumHeight(36)  # it scrolls; at 1024×768 the rows below it (payment, 实收) need the room
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.benefit)
        layout.addWidget(self.funds)
        layout.addWidget(self.message)
        layout.addWidget(QLabel(self.tr("计算依据")))
        layout.addWidget(self.why, 1)
        self.result: Settlement | None = None

    def clear(self, message: str = "") -> None:
        self.result = None
        for key, value in self.values.items():
            value.setText("—" if key == "ratio" else "0.00")  # no bill, no ratio: not "0.0000"
        self.funds.setText("")
        self.benefit.setText("")
        self.why.clear()
        self.message.setText(message)

    def show_split(self, result: Settlement) -> None:
        self.result = result
        for key, value in self.values.items():
            figure = getattr(result, key)
            value.setText(f"{figure * 100:.2f}%" if key == "ratio" else format_yuan(figure))
        self.funds.setText("；".join(f"{part.name} {format_yuan(part.amount)}" for part in result.funds) if len(result.funds) > 1
                           else "")
        self.message.setText("")
        self.benefit.setText(self.benefit_line(result))
        html = [f"<p style='color:#555'>{self.tr('政策版本')} {result.policy_version}</p><ol>"]
        for step in result.explain:
            amount = "" if step.amount is None else f" <b>{format_yuan(step.amount)}</b>"
            html.append(f"<li>{step.why}{amount}<br><span style='color:#0b57d0'>{step.source}</span></li>")
        html.append("</ol>")
        self.why.setHtml("".join(html))

    def name_payer(self, relative: str | None) -> None:
        """Whose account pays: the patient's own (个人账户支付) or a relative's (共济账户支付（王伟，配偶）)."""
        self.names["account_pay"].setText(
            self.tr("共济账户支付（%1）").replace("%1", relative) if relative else self.tr(dict(ROWS)["account_pay"]))

    def benefit_line(self, result: Settlement) -> str:
        """普通门诊, or the benefit with its disease and what is used and left of the cap this bill counts against."""
        text = labels.benefit(result.benefit)
        if result.disease:
            text += self.tr("　%1（%2）").replace("%1", result.disease_name).replace("%2", result.disease)
        if result.benefit != "ordinary" and result.cap is not None:
            text += self.tr("：年度限额 %1，已用 %2，尚余 %3").replace("%1", format_yuan(result.cap)) \
                .replace("%2", format_yuan(result.cap - result.cap_left)).replace("%3", format_yuan(result.cap_left))
        return text

    def show_error(self, message: str) -> None:
        self.clear(message)

    def cash(self) -> Decimal:
        return self.result.cash_pay if self.result else Decimal("0.00")
