"""Receipt and Z report rendering, beside a bare one-page reportlab PDF in the same font.

Prints medians after warm-up: a receipt (goal ≤ 50 ms and ≤ 2× the bare page) in each format,
and a Z report over 2,000 settlements (goal ≤ 1 s), closing the day and rendering it.

    .venv/bin/python bench/receipts.py [--rounds 30]
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402
from store_support import make_desk  # noqa: E402

from desk.receipts.day_slip import render_day  # noqa: E402
from desk.receipts.fonts import register  # noqa: E402
from desk.receipts.receipt import receipt_data, render  # noqa: E402
from desk.store.day_close import close_day  # noqa: E402
from desk.store.identity import get_desk  # noqa: E402
from desk.store.settling import BillLine, settle_bill  # noqa: E402


def bare_page() -> bytes:
    """The floor: one 80 mm page with a few Chinese lines in the same embedded font."""
    font = register()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(80 * mm, 200 * mm), initialFontName=font)
    canvas.setFont(font, 8)
    for n, line in enumerate(("门诊医保结算单", "医疗费总额 450.00", "统筹基金支付 69.60", "现金支付 0.00")):
        canvas.drawString(10, 500 - 12 * n, line)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def same_text_page(pdf_text: str) -> bytes:
    """The fair floor: the receipt's own text, line by line at fixed places, in the same font (the same
    glyphs to subset), with no data gathering, layout or QR code."""
    font = register()
    buffer = io.BytesIO()
    lines = [line for line in pdf_text.splitlines() if line.strip()]
    canvas = Canvas(buffer, pagesize=(80 * mm, 14 * len(lines) + 40), initialFontName=font)
    canvas.setFont(font, 8)
    for n, line in enumerate(lines):
        canvas.drawString(10, 14 * (len(lines) - n) + 10, line.strip())
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def median_ms(fn, rounds: int) -> float:
    fn()  # warm-up: font subsetting tables, imports
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    desk = make_desk(Path(tempfile.mkdtemp()), "puyang")
    bill = [BillLine("XA01", Decimal("4")), BillLine("XB01"), BillLine("ZC01"), BillLine("FW01")]
    settled = settle_bill(desk.db, desk.library, desk.cashier, "A10000002", bill, desk.at, payer_id="M001")
    import subprocess

    floor = median_ms(bare_page, args.rounds)
    sample = Path(tempfile.mkdtemp()) / "sample.pdf"
    sample.write_bytes(render(receipt_data(desk.db, desk.library, settled.id), "80mm"))
    receipt_text = subprocess.run(["pdftotext", "-layout", str(sample), "-"], capture_output=True, text=True).stdout
    fair = median_ms(lambda: same_text_page(receipt_text), args.rounds)
    print(f"receipts, medians of {args.rounds} after warm-up")
    print(f"  floor: bare one-page reportlab PDF, same font:              {floor:7.1f} ms")
    print(f"  floor: the receipt's own text as a bare page, same font:    {fair:7.1f} ms")
    for paper in ("80mm", "58mm", "a5"):
        took = median_ms(lambda: render(receipt_data(desk.db, desk.library, settled.id), paper), args.rounds)
        print(f"  receipt {paper:<5} (data + layout + QR + PDF):              {took:7.1f} ms"
              f"  = {took / floor:4.2f}× bare page, {took / fair:4.2f}× same-text page   (goal ≤ 50 ms, ≤ 2×)")
    for n in range(2000):
        settle_bill(desk.db, desk.library, desk.cashier, ["M001", "M002", "M003"][n % 3], bill[: 1 + n % 4],
                    desk.at + dt.timedelta(seconds=20 * n), use_account=n % 2 == 0)
    info = get_desk(desk.db)
    start = time.perf_counter()
    close = close_day(desk.db, desk.supervisor, desk.at + dt.timedelta(days=1))
    render_day(info, close.figures, "80mm", close=close, printed_at=desk.at, printed_by="bench")
    took = time.perf_counter() - start
    print(f"  Z report over {close.figures.settlements:,} settlements (close + render):       {took * 1000:7.1f} ms"
          "   (goal ≤ 1000 ms)")


if __name__ == "__main__":
    main()
