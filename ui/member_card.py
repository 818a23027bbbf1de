"""The member card: who is at the counter and where they stand this year."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel

from desk.money import format_yuan, from_fen
from desk.store.roster import MemberRecord
from desk.store.usage import Freshness, Standing
from ui import labels

WARN = "color:#a15c00;"


class MemberCard(QGroupBox):
    FIELDS = ("name", "id", "category", "doctor", "account", "family", "certified", "deductible", "pool", "fresh")

    def __init__(self, parent=None):
        super().__init__(self.tr("参保人"), parent)
        form = QFormLayout(self)
        form.setHorizontalSpacing(14)
        labels = (self.tr("姓名"), self.tr("身份证号"), self.tr("类别"), self.tr("家庭医生"), self.tr("个人账户"),
                  self.tr("共济账户"), self.tr("认定病种"), self.tr("起付标准"), self.tr("统筹支付"), self.tr("用量数据"))
        self.values: dict[str, QLabel] = {}
        for key, label in zip(self.FIELDS, labels):
            value = QLabel("—")
            value.setObjectName(f"member_{key}")
            value.setWordWrap(True)
            self.values[key] = value
            form.addRow(label, value)
        self.values["name"].setStyleSheet("font-size:16pt; font-weight:bold;")
        self.message = QLabel("")
        self.message.setObjectName("member_message")
        self.message.setWordWrap(True)
        form.addRow(self.message)

    def clear(self, message: str = "") -> None:
        for value in self.values.values():
            value.setText("—")
            value.setStyleSheet(value.styleSheet() if value is self.values["name"] else "")
        self.show_message(message)

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color:#b3261e; font-weight:bold;" if error else "color:#555;")

    def show_member(self, member: MemberRecord, standing: Standing | None, family: list[tuple[MemberRecord, str]],
                    today: dt.date, fresh: Freshness, offers: list | None = None) -> None:
        v = self.values
        v["name"].setText(member.name + (self.tr("　【演示数据】") if member.demo else ""))
        v["id"].setText(f"{member.masked_id}　{member.age_on(today)}{self.tr('岁')}")
        eligible = "" if member.eligible else self.tr("　（不享受门诊统筹）")
        v["category"].setText(f"{labels.category(member.category)}　{labels.scheme(member.scheme)}{eligible}")
        v["doctor"].setText(member.family_doctor_institution or self.tr("未签约"))
        v["account"].setText(f"¥ {format_yuan(from_fen(member.account_balance_fen))}")
        v["family"].setText("; ".join(f"{labels.relation(r)} {m.name} ¥{format_yuan(from_fen(m.account_balance_fen))}"
                                      for m, r in family) or self.tr("无"))
        self._certified(offers or [])
        if standing is None:
            for key in ("deductible", "pool", "fresh"):
                v[key].setText("—")
        else:
            self._standing(standing, fresh)
        self.show_message("")

    def _certified(self, offers: list) -> None:
        """Each certification with its dates; one not in force today, or not paid at this level, says so."""
        lines = []
        for o in (o for o in offers if o.disease):
            text = self.tr("%1 %2（%3）%4 至 %5").replace("%1", labels.benefit(o.benefit)).replace("%2", o.disease_name) \
                .replace("%3", o.disease).replace("%4", o.start.isoformat()).replace("%5", o.end.isoformat())
            if not o.in_force:
                text += self.tr("【不在有效期内】")
            elif not o.allowed:
                text += self.tr("【本机构级别不适用】")
            lines.append(text)
        self.values["certified"].setText("\n".join(lines) or self.tr("无"))

    def _standing(self, s: Standing, fresh: Freshness) -> None:
        v = self.values
        if s.deductible_standard is None:
            v["deductible"].setText("—")
        elif s.basis == "annual":
            v["deductible"].setText(self.tr("年度 %1，已累计 %2，尚余 %3").replace("%1", format_yuan(s.deductible_standard))
                                    .replace("%2", format_yuan(s.deductible_met)).replace("%3", format_yuan(s.deductible_left)))
        else:
            v["deductible"].setText(self.tr("每次 %1，今日本机构已计 %2").replace("%1", format_yuan(s.deductible_standard))
                                    .replace("%2", format_yuan(s.same_day_met)))
        if s.cap is None:
            v["pool"].setText(format_yuan(s.pool_paid))
        else:
            v["pool"].setText(self.tr("已付 %1 / 限额 %2，尚余 %3").replace("%1", format_yuan(s.pool_paid))
                              .replace("%2", format_yuan(s.cap)).replace("%3", format_yuan(s.cap_left)))
            v["pool"].setStyleSheet(WARN if s.cap_left == 0 else "")
        if fresh.synced:  # how fresh is decided in the core (desk.store.usage.freshness), not here
            v["fresh"].setText(self.tr("%1 年度，中心数据 %2 小时前同步").replace("%1", str(s.year))
                               .replace("%2", str(fresh.hours)))
            v["fresh"].setStyleSheet(WARN if fresh.stale else "")
        else:
            v["fresh"].setText(self.tr("%1 年度，仅本机记录（尚未与中心同步）").replace("%1", str(s.year)))
            v["fresh"].setStyleSheet(WARN)
