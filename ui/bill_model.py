"""The bill being entered, as a Qt table model: items from the catalog, quantity and price editable."""
from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from desk.money import format_yuan, money_str
from desk.store.catalog import CatalogItem
from desk.store.pharmacy import DrugLine
from desk.store.settling import BillLine, LineError, line_amount, line_quantity, line_unit_price
from ui import labels

FULL_SELF_PAY = QT_TRANSLATE_NOOP("BillModel", "全自费")
NO_ACCOUNT = QT_TRANSLATE_NOOP("BillModel", "〔个人账户不予支付〕")


@dataclass(frozen=True)
class Line:
    item: CatalogItem
    quantity: Decimal
    unit_price: Decimal
    drug: DrugLine = DrugLine()  # traceability codes, 无码 reason, batch, expiry
    traced: bool = False  # the item carries a traceability code

    @property
    def amount(self) -> Decimal:
        return line_amount(self.quantity, self.unit_price)


class BillModel(QAbstractTableModel):
    changed = Signal()
    refused = Signal(str)
    COLUMNS = (QT_TRANSLATE_NOOP("BillModel", "编码"), QT_TRANSLATE_NOOP("BillModel", "名称"),
               QT_TRANSLATE_NOOP("BillModel", "规格"), QT_TRANSLATE_NOOP("BillModel", "类别"),
               QT_TRANSLATE_NOOP("BillModel", "先行自付"), QT_TRANSLATE_NOOP("BillModel", "数量"),
               QT_TRANSLATE_NOOP("BillModel", "单价"), QT_TRANSLATE_NOOP("BillModel", "金额"),
               QT_TRANSLATE_NOOP("BillModel", "追溯码"))
    QTY, PRICE, CODES = 5, 6, 8

    def __init__(self, parent=None, codes_column: bool = False):
        super().__init__(parent)
        self.lines: list[Line] = []
        self.codes_column = codes_column  # the 追溯码 column, at a desk that takes codes

    def headers(self) -> list[str]:
        return [self.tr(h) for h in self.COLUMNS]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent=QModelIndex()) -> int:
        return len(self.COLUMNS) if self.codes_column else self.CODES

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        line = self.lines[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            item = line.item
            shown = format_yuan if role == Qt.ItemDataRole.DisplayRole else money_str  # an editor gets no separators
            name = f"{item.name} {self.tr(NO_ACCOUNT)}" if item.account_excluded else item.name
            return (item.code, name, item.spec, labels.item_class(item.cls),
                    self.tr(FULL_SELF_PAY) if item.cls == "C" or item.account_excluded
                    else (f"{item.selfpay_ratio:.0%}" if item.cls == "B" else ""),
                    f"{line.quantity.normalize():f}", shown(line.unit_price), shown(line.amount),
                    self._codes(line))[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= self.QTY:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.CODES and line.traced and not (
                line.drug.trace_codes or line.drug.no_code_reason):
            return QColor("#b3261e")
        if role == Qt.ItemDataRole.ForegroundRole and column in (1, 4) and line.item.account_excluded:
            return QColor("#b3261e")
        if role == Qt.ItemDataRole.ForegroundRole and column in (3, 4) and line.item.cls == "C":
            return QColor("#b3261e")
        if role == Qt.ItemDataRole.BackgroundRole and column in (self.QTY, self.PRICE):
            return QColor("#fffbe6")
        return None

    def _codes(self, line: Line) -> str:
        if not line.traced:
            return ""
        if line.drug.no_code_reason:
            return self.tr("无码")
        if not line.drug.trace_codes:
            return self.tr("待扫码")
        return self.tr("%1盒").replace("%1", str(len(line.drug.trace_codes)))

    def set_drug(self, row: int, drug: DrugLine, quantity: Decimal | None = None) -> None:
        """A line's codes (and the quantity that follows them) changed."""
        line = self.lines[row]
        self.lines[row] = replace(line, drug=drug, quantity=line.quantity if quantity is None else quantity)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        self.changed.emit()

    def codes_in_bill(self) -> list[str]:
        return [c for line in self.lines for c in line.drug.trace_codes]

    def flags(self, index: QModelIndex):
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.column() in (self.QTY, self.PRICE) else base

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole:
            return False
        line = self.lines[index.row()]
        try:  # the core's checks, the interface's words
            if index.column() == self.QTY:
                self.lines[index.row()] = replace(line, quantity=line_quantity(str(value)))
            else:
                self.lines[index.row()] = replace(line, unit_price=line_unit_price(str(value)))
        except LineError as exc:
            if exc.kind == "not_a_number":
                self.refused.emit(self.tr("“%1”不是数字").replace("%1", str(value)))
            elif exc.field == "quantity":
                self.refused.emit(self.tr("数量须为正数，最多三位小数"))
            else:
                self.refused.emit(self.tr("单价须为非负金额，最多两位小数"))
            return False
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1))
        self.changed.emit()
        return True

    def add(self, item: CatalogItem, quantity: Decimal = Decimal("1"), traced: bool = False) -> int:
        """Add an item; the same item scanned again adds to its line's quantity (a traced line's
        quantity follows its codes: scanning the box again only selects it)."""
        for row, line in enumerate(self.lines):
            if line.item.code == item.code and line.unit_price == item.unit_price and traced and line.drug.trace_codes:
                return row
            if line.item.code == item.code and line.unit_price == item.unit_price:
                self.lines[row] = replace(line, quantity=line.quantity + quantity)
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
                self.changed.emit()
                return row
        self.beginInsertRows(QModelIndex(), len(self.lines), len(self.lines))
        self.lines.append(Line(item, quantity, item.unit_price, traced=traced))
        self.endInsertRows()
        self.changed.emit()
        return len(self.lines) - 1

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.lines):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.lines[row]
            self.endRemoveRows()
            self.changed.emit()

    def clear(self) -> None:
        self.beginResetModel()
        self.lines = []
        self.endResetModel()
        self.changed.emit()

    def bill_lines(self) -> list[BillLine]:
        return [BillLine(line.item.code, line.quantity, line.unit_price, line.drug) for line in self.lines]
