"""The pharmacy's part of the counter: a drug line's traceability codes, 无码, batch and expiry, and the
external prescription (外配处方).

A scanner types a box's 20-digit code and Enter into the code box; each code is checked at once
(desk.store.pharmacy.check_scan) and refused in a sentence naming the receipt a box was sold on.
The core's refusals carry a kind and fields; the words are chosen here.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout)

from desk.prescription import Prescription, PrescriptionError
from desk.tracecode import TraceCodeError


class PharmacyPanel(QGroupBox):
    """Codes of the selected drug line: scan them here (or into the item box); F8 marks 无码."""

    code_scanned = Signal(str)
    done = Signal()  # an empty Enter: back to the item box
    no_code = Signal()
    batch_edited = Signal(str, str)  # batch, expiry

    def __init__(self, parent=None):
        super().__init__(self.tr("追溯码"), parent)
        self.codes = QLineEdit()
        self.codes.setObjectName("trace_box")
        self.codes.setPlaceholderText(self.tr("扫描药盒追溯码（20位），回车；空回车返回添加项目"))
        self.codes.returnPressed.connect(self._entered)
        self.no_code_button = QPushButton(self.tr("无码 (F8)"))
        self.no_code_button.setObjectName("no_code")
        self.no_code_button.clicked.connect(self.no_code)
        self.batch = QLineEdit()
        self.batch.setObjectName("batch")
        self.batch.setPlaceholderText(self.tr("批号"))
        self.expiry = QLineEdit()
        self.expiry.setObjectName("expiry")
        self.expiry.setPlaceholderText(self.tr("有效期至"))
        self.expiry.setToolTip(self.tr("有效期至：YYYY-MM-DD"))
        for box in (self.batch, self.expiry):
            box.editingFinished.connect(lambda: self.batch_edited.emit(self.batch.text().strip(),
                                                                       self.expiry.text().strip()))
        self.status = QLabel("")
        self.status.setObjectName("trace_status")
        self.status.setWordWrap(True)
        self.list = QLabel("")
        self.list.setObjectName("trace_list")
        self.list.setWordWrap(True)
        self.hint = QLabel("")
        self.hint.setObjectName("trace_demo_hint")
        self.hint.setStyleSheet("color:#8a5a00")
        self.hint.setTextInteractionFlags(self.hint.textInteractionFlags() | Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(self.codes, 3)
        row.addWidget(self.no_code_button)
        row.addWidget(self.batch, 1)
        row.addWidget(self.expiry, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.list)
        layout.addWidget(self.hint)

    def _entered(self) -> None:
        text = self.codes.text().strip()
        self.codes.clear()
        if text:
            self.code_scanned.emit(text)
        else:
            self.done.emit()

    def show_line(self, name: str, codes: list[str], needed: str, reason: str, batch: str, expiry: str,
                  traced: bool) -> None:
        self.setEnabled(traced)
        self.batch.setText(batch)
        self.expiry.setText(expiry)
        if not traced:
            self.status.setText(self.tr("所选项目无需追溯码"))
            self.list.setText("")
        elif reason:
            self.status.setText(self.tr("%1：无码（%2）").replace("%1", name).replace("%2", reason))
            self.list.setText("")
        else:
            self.status.setText(self.tr("%1：已扫 %2 盒%3").replace("%1", name).replace("%2", str(len(codes)))
                                .replace("%3", needed))
            self.list.setText("  ".join(codes))

    def demo_hint(self, code: str) -> None:
        """On a demo desk: a code of the selected drug's next unsold box, to type where a scanner would."""
        self.hint.setText(self.tr("演示数据：下一盒的追溯码 %1（可复制后粘贴并回车）").replace("%1", code) if code else "")

    def error(self, text: str) -> None:
        self.status.setText(f"<span style='color:#b3261e'>{text}</span>")


def trace_words(exc: TraceCodeError) -> str:
    """The cashier's sentence for a refused code."""
    f = exc.fields
    code = f.get("code", "")
    texts = {
        "digits": QCoreApplication.translate("PharmacyWords", "追溯码“%1”只能是数字").replace("%1", code),
        "length": QCoreApplication.translate("PharmacyWords", "追溯码“%1”为%2位，应为20位").replace("%1", code).replace("%2", str(f.get("length", ""))),
        "prefix": QCoreApplication.translate("PharmacyWords", "追溯码“%1”与该药品不符（应以 %2 开头）").replace("%1", code)
        .replace("%2", str(f.get("prefix", ""))),
        "repeated": QCoreApplication.translate("PharmacyWords", "追溯码“%1”在本单中已扫描过").replace("%1", code),
        "sold": QCoreApplication.translate("PharmacyWords", "追溯码“%1”已在本机第 %2 号结算单售出，不能重复销售").replace("%1", code)
        .replace("%2", str(f.get("receipt", ""))),
        "used_up": QCoreApplication.translate("PharmacyWords", "追溯码“%1”这一盒已拆零售完（结算单 %2）").replace("%1", code)
        .replace("%2", "、".join(map(str, f.get("receipts", ())))),
        "not_needed": QCoreApplication.translate("PharmacyWords", "追溯码“%1”多余：本行数量已够").replace("%1", code),
        "missing": QCoreApplication.translate("PharmacyWords", "第 %1 行缺少追溯码：请扫描每一盒的追溯码，或标记无码并说明原因")
        .replace("%1", str(f.get("line", ""))),
        "not_traced": QCoreApplication.translate("PharmacyWords", "该项目无需追溯码"),
        "stock_item": QCoreApplication.translate("PharmacyWords", "追溯码“%1”入库登记为药品 %2，与本行药品 %3 不符")
        .replace("%1", code).replace("%2", str(f.get("item", ""))).replace("%3", str(f.get("line_item", ""))),
        "expired": QCoreApplication.translate("PharmacyWords", "追溯码“%1”所属批号 %2 已于 %3 过期：过期药品不得销售")
        .replace("%1", code).replace("%2", str(f.get("batch", ""))).replace("%3", str(f.get("expiry", ""))),
        "batch_differs": QCoreApplication.translate(
            "PharmacyWords", "追溯码“%1”入库批号 %2（有效期至 %3），与本行批号 %4（有效期至 %5）不同：不同批号请分行录入")
        .replace("%1", code).replace("%2", str(f.get("batch", ""))).replace("%3", str(f.get("expiry", "")))
        .replace("%4", str(f.get("line_batch") or "-")).replace("%5", str(f.get("line_expiry") or "-")),
    }
    return texts.get(exc.kind, str(exc))


def prescription_words(exc: PrescriptionError) -> str:
    f = exc.fields
    texts = {
        "missing": QCoreApplication.translate("PharmacyWords", "处方药（%1）须凭外配处方医保结算：请按 F7 录入处方").replace(
            "%1", "、".join(f.get("items", ()))),
        "stale": QCoreApplication.translate("PharmacyWords", "处方已过有效期：%1 开具，有效至 %2").replace("%1", str(f.get("written_on", "")))
        .replace("%2", str(f.get("last_day", ""))),
        "future": QCoreApplication.translate("PharmacyWords", "处方开具日期 %1 晚于今天").replace("%1", str(f.get("written_on", ""))),
        "too_long": QCoreApplication.translate("PharmacyWords", "处方有效期 %1 天超过允许的 %2 天").replace("%1", str(f.get("days", "")))
        .replace("%2", str(f.get("max_days", ""))),
    }
    return texts.get(exc.kind, str(exc))


LEVEL_LABELS = (QT_TRANSLATE_NOOP("PrescriptionDialog", "一级以下"), QT_TRANSLATE_NOOP("PrescriptionDialog", "一级"),
                QT_TRANSLATE_NOOP("PrescriptionDialog", "二级"), QT_TRANSLATE_NOOP("PrescriptionDialog", "三级"))


class PrescriptionDialog(QDialog):
    """The external prescription, all by keyboard: Tab between fields, Enter accepts."""

    def __init__(self, today: QDate, current: Prescription | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("外配处方 (F7)"))
        self.number = QLineEdit()
        self.number.setObjectName("rx_number")
        self.institution_code = QLineEdit()
        self.institution_code.setObjectName("rx_institution_code")
        self.institution_name = QLineEdit()
        self.institution_name.setObjectName("rx_institution_name")
        self.level = QComboBox()
        self.level.setObjectName("rx_level")
        for level, label in enumerate(LEVEL_LABELS):
            self.level.addItem(self.tr(label), level)
        self.level.setCurrentIndex(3)
        self.doctor = QLineEdit()
        self.doctor.setObjectName("rx_doctor")
        self.diagnosis_code = QLineEdit()
        self.diagnosis_code.setObjectName("rx_diagnosis_code")
        self.diagnosis_name = QLineEdit()
        self.diagnosis_name.setObjectName("rx_diagnosis_name")
        self.written = QDateEdit(today)
        self.written.setObjectName("rx_written")
        self.written.setDisplayFormat("yyyy-MM-dd")
        self.written.setCalendarPopup(True)
        self.days = QSpinBox()
        self.days.setObjectName("rx_days")
        self.days.setRange(0, 30)
        self.days.setSpecialValueText(self.tr("当日有效"))
        self.error = QLabel("")
        self.error.setObjectName("rx_error")
        self.error.setStyleSheet("color:#b3261e")
        form = QFormLayout()
        for label, widget in ((self.tr("处方编号"), self.number), (self.tr("开方机构编码"), self.institution_code),
                              (self.tr("开方机构名称"), self.institution_name), (self.tr("机构级别"), self.level),
                              (self.tr("开方医师"), self.doctor), (self.tr("诊断编码"), self.diagnosis_code),
                              (self.tr("诊断名称"), self.diagnosis_name), (self.tr("开具日期"), self.written),
                              (self.tr("医师注明有效天数"), self.days)):
            form.addRow(label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.prescription: Prescription | None = None
        if current:
            self.number.setText(current.number)
            self.institution_code.setText(current.institution_code)
            self.institution_name.setText(current.institution_name)
            self.level.setCurrentIndex(current.institution_level)
            self.doctor.setText(current.doctor)
            self.diagnosis_code.setText(current.diagnosis_code)
            self.diagnosis_name.setText(current.diagnosis_name)
            self.written.setDate(QDate(current.written_on.year, current.written_on.month, current.written_on.day))
            self.days.setValue(current.valid_days or 0)

    def _accept(self) -> None:
        fields = ((self.number, self.tr("处方编号")), (self.institution_code, self.tr("开方机构编码")),
                  (self.institution_name, self.tr("开方机构名称")), (self.doctor, self.tr("开方医师")),
                  (self.diagnosis_code, self.tr("诊断编码")), (self.diagnosis_name, self.tr("诊断名称")))
        for widget, label in fields:
            if not widget.text().strip():
                self.error.setText(self.tr("请填写%1").replace("%1", label))
                widget.setFocus()
                return
        self.prescription = Prescription(
            self.number.text().strip(), self.institution_code.text().strip(), self.institution_name.text().strip(),
            self.level.currentData(), self.doctor.text().strip(), self.diagnosis_code.text().strip(),
            self.diagnosis_name.text().strip(), self.written.date().toPython(), self.days.value() or None)
        self.accept()
