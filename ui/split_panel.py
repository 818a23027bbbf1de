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


# Two figures a row (one for whose account pays and for the cash due), so that at 768 pixels high the
# 计算依据 box below has room for five steps without scrolling.
PLACES = {"total": (0, 0), "full_self_pay": (0, 2), "pre_self_pay": (1, 0), "in_scope": (1, 2),
          "deductible": (2, 0), "ratio": (2, 2), "pool_pay": (3, 0), "over_cap": (3, 2),
          "account_pay": (4, None), "cash_pay": (5, None)}
WHY_STYLE = "font-size:9pt;"


class Note(QLabel):
    """A line that takes no room while it says nothing (the 计算依据 box gets the height instead)."""

    def setText(self, text: str) -> None:  # noqa: N802 — Qt's name
        super().setText(text)
        self.setVisible(bool(text))


class SplitPanel(QGroupBox):
    def __init__(self, parent=None):
        super().__init__(self.tr("结算"), parent)
        self.benefit = Note("")
        self.benefit.setObjectName("split_benefit")
        self.benefit.setWordWrap(True)
        self.benefit.setStyleSheet("font-weight:bold; color:#6a1b9a;")
        grid = QGridLayout()
        grid.setVerticalSpacing(2)
        grid.setHorizontalSpacing(10)
        self.values: dict[str, QLabel] = {}
        self.names: dict[str, QLabel] = {}
        for key, label in ROWS:
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
            row, column = PLACES[key]
            if column is None:  # a line of its own: the payer's name may be long, the cash due is large
                grid.addWidget(name, row, 0, 1, 3)
                grid.addWidget(value, row, 3)
            else:
                grid.addWidget(name, row, column)
                grid.addWidget(value, row, column + 1)
            self.values[key] = value
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.funds = Note("")
        self.funds.setObjectName("split_funds")
        self.funds.setWordWrap(True)
        self.message = Note("")
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
        self.why.setPlaceholderText(self.tr("计算依据"))  # the caption inside the box: its line goes to the steps
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
        # one paragraph a step, its article on the same line: five steps fit without scrolling at 1024×768
        html = [f"<div style='{WHY_STYLE}'><p style='margin:0; color:#555'><b>{self.tr('计算依据')}</b>　{self.tr('政策版本')} {result.policy_version}</p>"]
        for n, step in enumerate(result.explain, start=1):
            amount = "" if step.amount is None else f" <b>{format_yuan(step.amount)}</b>"
            html.append(f"<p style='margin:0'>{n}. {step.why}{amount}　<span style='color:#0b57d0'>{step.source}</span></p>")
        html.append("</div>")
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
