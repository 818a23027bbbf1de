"""Administration (admin role): roster and catalog import, users and roles, desk settings."""
from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QMessageBox, QPlainTextEdit, QProgressBar, QPushButton, QSpinBox,
                               QVBoxLayout, QWidget)

from desk.store.database import StoreError, open_db
from desk.store.usage import freshness
from desk.sync.client import set_stale_after, status
from ui import labels
from ui.errors import import_problem
from ui.operations import Changes, CollectionOp
from ui.users_box import UsersBox

log = logging.getLogger("desk.ui")


class AdminPage(QWidget):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        left.addWidget(self._imports())
        self.users_box = UsersBox(session)
        self.users = self.users_box.table
        left.addWidget(self.users_box, 1)
        layout.addLayout(left, 3)
        layout.addWidget(self._settings(), 2)

    # ---- imports ------------------------------------------------------------------------------
    def _imports(self) -> QGroupBox:
        box = QGroupBox(self.tr("导入（CSV 或 JSON Lines）"))
        roster = QPushButton(self.tr("导入参保人名册…"))
        catalog = QPushButton(self.tr("导入药品诊疗目录…"))
        roster.clicked.connect(lambda: self.choose("members"))
        catalog.clicked.connect(lambda: self.choose("catalog"))
        self.skip_bad = QCheckBox(self.tr("跳过错误行（错误行另存为 .rejects.csv）"))
        self.progress = QProgressBar()
        self.progress.setObjectName("import_progress")
        self.progress.setFormat("%v / %m")
        self.report = QPlainTextEdit()
        self.report.setObjectName("import_report")
        self.report.setReadOnly(True)
        self.report.setMaximumHeight(140)
        row = QHBoxLayout()
        row.addWidget(roster)
        row.addWidget(catalog)
        row.addWidget(self.skip_bad, 1)
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self.report)
        return box

    def choose(self, kind: str) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择文件"), "", "CSV / JSON Lines (*.csv *.jsonl *.ndjson)")
        if path:
            self.start_import(kind, Path(path))

    def start_import(self, kind: str, path: Path):
        """Import on a pool thread with its own connection; the bar follows the rows."""
        from desk.store.catalog import import_catalog
        from desk.store.roster import import_roster, write_rejects

        session, skip = self.session, self.skip_bad.isChecked()
        actor, now, db_path = session.actor, session.now(), session.path
        self.progress.setRange(0, 0)
        self.report.setPlainText(self.tr("正在导入 %1 …").replace("%1", path.name))

        def work(progress):
            db = open_db(db_path)
            importer = import_roster if kind == "members" else import_catalog
            result = importer(db, actor, path, now, skip_bad=skip, progress=progress)
            if result.rejected:
                write_rejects(path.with_suffix(".rejects.csv"), result.rejected)
            return result

        def done(result):
            self.progress.setRange(0, max(result.read, 1))
            self.progress.setValue(result.read)
            text = self.tr("%1：读取 %2 行，新增 %3，更新 %4，拒绝 %5").replace("%1", path.name) \
                .replace("%2", str(result.read)).replace("%3", str(result.inserted)) \
                .replace("%4", str(result.updated)).replace("%5", str(len(result.rejected)))
            if result.rejected:
                text += "\n" + self.tr("错误行已写入 %1").replace("%1", str(path.with_suffix(".rejects.csv")))
            self.report.setPlainText(text)
            self.import_finished = result

        def failed(error: Exception):
            message = import_problem(error)  # in the administrator's language, row by row
            log.info("import refused: %s", error)
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
            self.report.setPlainText(self.tr("未导入，文件中有错误：\n%1").replace("%1", message))
            self.import_finished = message

        def progress(done_rows, total):
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done_rows)

        self.import_finished = None
        return CollectionOp(parent=self, op=work, success=done,
                            changes=Changes(members=kind == "members", catalog=kind == "catalog")) \
            .failure(failed).with_progress(progress).run_in_background()

    # ---- settings -----------------------------------------------------------------------------
    def _settings(self) -> QGroupBox:
        box = QGroupBox(self.tr("本机设置"))
        form = QFormLayout(box)
        desk = self.session.desk
        identity = QLabel(f"{desk.institution_name}\n{desk.institution_code}　{self.tr('窗口')} {desk.desk_number}\n"
                          f"{self.tr('政策')} {desk.policy}　{self.tr('等级')} {desk.level}　"
                          f"{labels.institution_type(desk.type)}")
        identity.setWordWrap(True)
        form.addRow(self.tr("机构"), identity)
        settings = QSettings()
        self.receipt_format = QComboBox()
        self.receipt_format.setObjectName("receipt_format")
        for fmt in ("80mm", "58mm", "a5"):
            self.receipt_format.addItem(fmt, fmt)
        self.receipt_format.setCurrentIndex(max(self.receipt_format.findData(settings.value("receipt_format", "80mm")), 0))
        self.printer = QLineEdit(settings.value("printer", ""))
        self.printer.setPlaceholderText(self.tr("默认打印机"))
        self.stale = QSpinBox()
        self.stale.setRange(1, 24 * 30)
        self.stale.setSuffix(self.tr(" 小时"))
        # The desk's one threshold for stale usage (status bar and member card), kept in its database.
        fresh = freshness(self.session.db, self.session.now())
        self.stale.setValue(max(1, int(fresh.stale_after.total_seconds() // 3600)))
        self.stale.setEnabled(status(self.session.db, self.session.now()).configured)  # kept with the hub's settings
        self.language = QComboBox()
        self.language.addItem("中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(self.language.findData(settings.value("language", "zh_CN")), 0))
        form.addRow(self.tr("结算单格式"), self.receipt_format)
        form.addRow(self.tr("打印机"), self.printer)
        form.addRow(self.tr("用量数据过期提醒"), self.stale)
        form.addRow(self.tr("界面语言（重启生效）"), self.language)
        save = QPushButton(self.tr("保存设置"))
        save.setObjectName("save_settings")
        save.clicked.connect(self.save_settings)
        form.addRow(save)
        self.saved_note = QLabel("")  # 保存设置 says it saved
        self.saved_note.setObjectName("settings_saved")
        self.saved_note.setStyleSheet("color:#146c2e;")
        form.addRow(self.saved_note)
        self._language_at_start = self.language.currentData()
        return box

    def save_settings(self) -> None:
        settings = QSettings()
        settings.setValue("receipt_format", self.receipt_format.currentData())
        settings.setValue("printer", self.printer.text().strip())
        settings.setValue("language", self.language.currentData())
        settings.sync()
        if self.stale.isEnabled():
            hours = dt.timedelta(hours=self.stale.value())
            if hours != freshness(self.session.db, self.session.now()).stale_after:
                try:
                    set_stale_after(self.session.db, self.session.actor, hours, self.session.now())
                except StoreError as exc:
                    log.warning("stale-after setting not saved: %s", exc)
                    QMessageBox.warning(self, self.tr("保存设置"), self.tr("未能保存用量数据过期提醒，详见日志"))
                    return
        self.saved_note.setText(self.tr("设置已保存（%1）").replace("%1", self.session.now().strftime("%H:%M:%S"))
                                + (self.tr("；界面语言重启后生效") if self.language.currentData() != self._language_at_start
                                   else ""))
