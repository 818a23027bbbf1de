"""Previewing and printing a PDF (receipt, X/Z report) with QtPdf onto a QPrinter."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QMessageBox, QPushButton, QVBoxLayout

from ui.operations import QueryOp


def load_pdf(data: bytes, parent) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument over bytes in memory (the buffer must outlive the document)."""
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(parent)
    document.load(buffer)
    return document, buffer


def print_pdf(document: QPdfDocument, printer: QPrinter) -> None:
    """Each page rendered at the printer's resolution onto white (QtPdf renders transparent)."""
    painter = QPainter(printer)
    try:
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            target = printer.pageLayout().paintRectPixels(printer.resolution())
            points = document.pagePointSize(page)
            scale = min(target.width() / points.width(), target.height() / points.height())
            size = QSize(int(points.width() * scale), int(points.height() * scale))
            image = document.render(page, size)
            white = QImage(size, QImage.Format.Format_RGB32)
            white.fill(QColor("white"))
            QPainter(white).drawImage(0, 0, image)
            painter.drawImage(0, 0, white)
    finally:
        painter.end()


class PdfPreview(QDialog):
    """A PDF on screen with 打印 and 另存为.

    ``on_print``, when given, is called as the cashier confirms printing and returns the PDF to print:
    a receipt's print is recorded then (the copy after the first is a 重打), never on merely looking.
    """

    def __init__(self, data: bytes, title: str, parent=None, printer_name: str = "", on_print=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.data, self.printer_name, self.on_print = data, printer_name, on_print
        self.document, self._buffer = load_pdf(data, self)
        view = QPdfView(self)
        view.setDocument(self.document)
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        # Fit-to-width with an "as needed" scrollbar loops when the page is about as tall as the view:
        # the bar appears, the view narrows, the page shrinks, the bar goes, the view widens… (CPU at
        # 100 %, Esc ignored). Reserving the bar keeps the width, hence the zoom, the same either way.
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view = view
        buttons = QDialogButtonBox(self)
        self.print_button = QPushButton(self.tr("打印 (Ctrl+P)"))
        save = QPushButton(self.tr("另存为 PDF"))
        close = QPushButton(self.tr("关闭 (Esc)"))
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(save, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        self.print_button.clicked.connect(self.print_document)
        save.clicked.connect(self.save_as)
        close.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_document)
        layout = QVBoxLayout(self)
        layout.addWidget(view, 1)
        layout.addWidget(buttons)
        self.resize(460, 720)

    def print_document(self) -> None:
        """Ask where to print on the GUI thread, then render and spool on a pool thread.

        The worker reads the PDF into its own QPdfDocument (a QObject belongs to its thread);
        QPainter on a QPrinter is allowed off the GUI thread.
        """
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self.printer_name:
            printer.setPrinterName(self.printer_name)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Record the print (when a receipt), show what is printed, and spool it off the GUI thread."""
        if self.on_print is not None:
            try:
                self.data = self.on_print()
            except Exception as exc:  # nothing recorded, nothing printed
                from ui.errors import describe

                QMessageBox.warning(self, self.tr("打印失败"), describe(exc))
                return
            self.document.close()
            self.document, self._buffer = load_pdf(self.data, self)
            self.view.setDocument(self.document)
        self.print_button.setEnabled(False)
        self.print_button.setText(self.tr("正在打印…"))
        data, self._printer = self.data, printer

        def work(progress):
            document, buffer = load_pdf(data, None)
            print_pdf(document, printer)
            return document.pageCount()

        def finished(_pages=None) -> None:
            self.print_button.setEnabled(True)
            self.print_button.setText(self.tr("打印 (Ctrl+P)"))

        def failed(error: Exception) -> None:
            finished()
            QMessageBox.warning(self, self.tr("打印失败"), str(error))
        QueryOp(parent=self, op=work, success=finished).failure(failed).run_in_background()

    def save_as(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("另存为 PDF"), "", "PDF (*.pdf)")
        if path:
            from desk.store.database import StoreError
            from desk.store.private_files import write_private

            try:
                write_private(path, self.data)  # a receipt or report names patients: owner-only
            except (OSError, StoreError) as exc:
                QMessageBox.warning(self, self.tr("保存失败"), self.tr("无法保存文件：%1").replace("%1", str(exc)))


def preview(data: bytes, title: str, parent=None, printer_name: str = "", on_print=None) -> PdfPreview:
    dialog = PdfPreview(data, title, parent, printer_name, on_print)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
