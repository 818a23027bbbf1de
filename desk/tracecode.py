"""Drug traceability codes (药品追溯码): the shape of one code, and how a split box's units are taken.

A code is the 20 digits printed (as a barcode) on each drug box; a scanner types them and Enter.
The first digits name the product (the manufacturer's prefix), so a code scanned against the
wrong item is caught when the catalog knows that item's prefix. Everything here is pure: whether
a code was already sold is the store's question (desk.store.pharmacy).
"""
from __future__ import annotations

from dataclasses import dataclass, field

LENGTH = 20
# 西药 and 中成药 boxes carry codes; 中药饮片 and services do not (国家医保局 2025 traceability rules).
TRACED_CATEGORIES = ("西药", "中成药")


class TraceCodeError(ValueError):
    """A scanned code refused, with a kind the counter words and the fields it names.

    kinds: ``length``, ``digits``, ``prefix``, ``repeated`` (twice in the bill), ``sold`` (sold at this
    desk, ``receipt``), ``used_up`` (a split box with no units left, ``receipts``), ``not_needed``
    (more codes than the line's quantity needs), ``missing`` (a required code not scanned),
    ``not_traced`` (codes on an item that has none); from a stock receipt (desk.store.stock):
    ``stock_item`` (received as another ``item``), ``expired`` (``batch``, ``expiry``), ``batch_differs``
    (the line's ``line_batch``/``line_expiry`` against the box's ``batch``/``expiry``).
    """

    def __init__(self, kind: str, message: str, **fields):
        super().__init__(message)
        self.kind = kind
        self.fields = fields


def normalize(text: str) -> str:
    """What the scanner typed, without surrounding blanks (a scanner may add a tab or a CR)."""
    return (text or "").strip()


def check_format(code: str, prefix: str = "") -> str:
    """The code if it is 20 ASCII digits starting with the item's prefix; else TraceCodeError."""
    code = normalize(code)
    if not (code.isascii() and code.isdigit()):
        raise TraceCodeError("digits", f"traceability code {code!r}: must be digits only", code=code)
    if len(code) != LENGTH:
        raise TraceCodeError("length", f"traceability code {code}: has {len(code)} digits, a code has {LENGTH}",
                             code=code, length=len(code))
    if prefix and not code.startswith(prefix):
        raise TraceCodeError("prefix", f"traceability code {code}: does not start with this item's prefix {prefix}",
                             code=code, prefix=prefix)
    return code


def looks_like_code(text: str) -> bool:
    """Whether a scan is a traceability code rather than a box barcode or an item code."""
    text = normalize(text)
    return len(text) == LENGTH and text.isascii() and text.isdigit()


@dataclass(frozen=True)
class Take:
    """Units taken from one box for one line: ``units`` are the box's unit numbers (1-based)."""

    code: str
    units: tuple[int, ...]


@dataclass
class BoxState:
    """How many of a box's units are sold already (and on which receipts)."""

    used: set[int] = field(default_factory=set)
    receipts: tuple[int, ...] = ()


def take_units(codes: list[str], quantity: int, units_per_box: int, state: dict[str, BoxState]) -> list[Take]:
    """Which units of which scanned boxes a line of ``quantity`` takes, in the order scanned.

    Sold by the box (units_per_box 1): one code per box, quantity == number of codes. Split (拆零):
    units come from each box in turn until the quantity is reached; a box with no unit left is
    refused naming the receipts that used it, and a box the quantity no longer needs is refused.
    """
    takes, left = [], quantity
    for code in codes:
        box = state.get(code, BoxState())
        free = [u for u in range(1, units_per_box + 1) if u not in box.used]
        if not free:
            if units_per_box == 1:
                raise TraceCodeError("sold", f"traceability code {code}: already sold on receipt"
                                     f" {box.receipts[0] if box.receipts else '?'}", code=code,
                                     receipt=box.receipts[0] if box.receipts else None)
            raise TraceCodeError("used_up", f"traceability code {code}: all {units_per_box} units of this box are"
                                 f" sold (receipts {', '.join(map(str, box.receipts))})", code=code,
                                 receipts=box.receipts, units=units_per_box)
        if left <= 0:
            raise TraceCodeError("not_needed", f"traceability code {code}: the line's quantity {quantity} needs no"
                                 " more boxes", code=code, quantity=quantity)
        taken = tuple(free[:left])
        takes.append(Take(code, taken))
        left -= len(taken)
    if left > 0 and codes:
        raise TraceCodeError("missing", f"the scanned boxes hold {quantity - left} units; the line's quantity is"
                             f" {quantity}: scan another box", quantity=quantity, have=quantity - left)
    return takes
