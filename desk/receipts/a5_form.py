"""The A5 结算单 as a form: a header grid, a table of the bill's lines, the split beside the QR code, the
year's usage; a long bill continues on further pages, each with the table's header again and
"第 N 页 共 M 页", the totals printed once, on the last page.

The thermal layout (desk/receipts/layout.py) is a roll as tall as its lines; on A5 that spilled a
two-item bill's QR code onto a second page. Here the parts are the same line blocks (Slip), laid on
pages by a small paginator that keeps an item's row with its codes and the totals together.
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from desk.domain import BENEFIT_LABELS, CLASS_LABELS, OWN_SCHEME_LABELS
from desk.money import from_fen, money_str
from desk.receipts.layout import Line, Paper, Slip
from desk.receipts.pharmacy_lines import drug_line, prescription_block

A5 = Paper("a5", 148 * mm, 210 * mm, 10 * mm, 8.5)
COLUMNS = ("名称", "规格", "类别", "数量", "单价", "金额", "先行自付")
WIDTHS = (0.29, 0.18, 0.08, 0.08, 0.11, 0.12, 0.14)
ALIGNS = "lllrrrr"
SPLIT_SHARE = 0.62  # of the width: the split on the left, the QR code on the right
FOOTER = 14.0  # points kept at the bottom of every page for 第 N 页 共 M 页


@dataclass(frozen=True)
class Block:
    """Lines that stay on one page together (an item's row and its codes; the totals)."""
    lines: list[Line]

    @property
    def height(self) -> float:
        return sum(line.height for line in self.lines)


def _slip(width: float | None = None) -> Slip:
    slip = Slip(A5)
    if width is not None:
        slip.width = width
    return slip


def _grid(slip: Slip, left: tuple[str, str], right: tuple[str, str] | None = None) -> None:
    """Two label–value pairs on one line, a half of the width each (a value too long is cut to its half)."""
    size, half = slip.size, slip.width / 2

    def fit(text: str, room: float) -> str:
        while len(text) > 1 and stringWidth(text, slip.font, size) > room:
            text = text[:-2] + "…"
        return text

    def draw(c, x, y, w, pairs=(left, right)):
        c.setFont(slip.font, size)
        for n, pair in enumerate(pairs):
            if pair:
                label, value = pair
                c.drawString(x + n * w / 2, y, label)
                start = x + n * w / 2 + stringWidth(label, slip.font, size) + size
                c.drawString(start, y, fit(value, w / 2 - (start - x - n * w / 2) - size * 0.5))
    slip.lines.append(Line(slip._leading(size), draw))


def _header(r) -> Slip:
    s = r.settlement
    slip = _slip()
    if r.demo:
        slip.text("【演示数据 DEMO — 不作报销凭证】", align="center")
    slip.title(r.institution_name, 1.45)
    slip.title("门诊医保结算单（冲销）" if s.kind == "reversal" else "门诊医保结算单", 1.2)
    if r.copy > 1:
        slip.text(f"重打 第{r.copy - 1}次", 1.05, align="center")
    slip.space(2)
    at = dt.datetime.fromisoformat(s.at).strftime("%Y-%m-%d %H:%M:%S")
    _grid(slip, ("结算单号", f"{s.receipt_no:06d}"), ("结算时间", at))
    _grid(slip, ("机构编码", r.institution_code), ("收费窗口", r.desk_number))
    _grid(slip, ("参保人", r.member_name), ("身份证号", r.masked_id))
    _grid(slip, ("人员类别", f"{r.category}　{r.scheme}"), ("医保政策", f"{r.policy_name} {s.policy_version}"))
    _grid(slip, ("经办人" if s.kind == "reversal" else "收款员", r.cashier_name),
          ("冲销原结算单号", f"{r.original_receipt:06d}") if s.kind == "reversal" else None)
    benefit = s.answer.get("benefit", "ordinary")
    if benefit != "ordinary":
        disease = s.answer.get("disease")
        slip.pair("待遇类别", BENEFIT_LABELS.get(benefit, benefit)
                  + (f"　{s.answer.get('disease_name', '')}（{disease}）" if disease else ""))
    if s.kind == "reversal":
        slip.text(f"冲销原因：{s.reason}")
    if s.late_entry:
        slip.text(f"【补录】补录时间 {dt.datetime.fromisoformat(s.entered_at).strftime('%Y-%m-%d %H:%M:%S')}"
                  if s.entered_at else "【补录】")
        if s.kind != "reversal":
            slip.text(f"补录原因：{s.reason}")
    slip.text(f"结算流水 {s.id}", 0.85)
    slip.rule(dashed=False)
    prescription_block(slip, r.prescription)
    return slip


def _table_head(slip: Slip) -> None:
    slip.columns(list(COLUMNS), list(WIDTHS), ALIGNS, 1.0)
    slip.rule(dashed=False)


def _rows(r) -> list[Block]:
    """One block per fee category's title, and one per item with whatever goes under it."""
    groups: dict[str, list[dict]] = {}
    for item in r.settlement.items:
        groups.setdefault(item["fee_category"], []).append(item)
    blocks = []
    for category, items in groups.items():
        slip = _slip()
        subtotal = money_str(from_fen(sum(i["amount_fen"] for i in items)))
        slip.columns([f"【{category}】", "", "", "", "小计", subtotal, ""], list(WIDTHS), ALIGNS)
        blocks.append(Block(slip.lines))
        for item in items:
            slip = _slip()
            ratio = Decimal(item["selfpay_ratio"])
            own = {"C": "全自费", "B": f"{ratio:.0%}" if ratio else ""}.get(item["class"], "")
            slip.columns([item["name"], (r.specs or {}).get(item["code"], ""), CLASS_LABELS[item["class"]], item["quantity"],
                          money_str(from_fen(item["unit_price_fen"])), money_str(from_fen(item["amount_fen"])),
                          "全自费" if item.get("account_excluded") else own], list(WIDTHS), ALIGNS)
            if item.get("account_excluded"):
                slip.text("  全自费 个人账户不予支付", 0.85)
            elif item.get("scheme"):
                slip.text(f"  {OWN_SCHEME_LABELS.get(item['scheme'], item['scheme'])}", 0.85)
            drug_line(slip, (r.drugs or {}).get(item["line"]))
            blocks.append(Block(slip.lines))
    return blocks


def _totals(r, figures, usage, qr_payload: str) -> Block:
    """The split (left) beside the QR code (right), then the year's usage and the closing line."""
    width = A5.width - 2 * A5.margin
    split = _slip(width * SPLIT_SHARE)
    figures(split, r)
    code = _slip(width * (1 - SPLIT_SHARE))
    code.space(split.size * 2)
    code.qr(qr_payload, 30)
    left, right = split.lines, code.lines
    height = max(sum(l.height for l in left), sum(l.height for l in right))

    def draw(c, x, y, w):
        top = y + height * 0.75  # the renderer gives the baseline a quarter of the height above the bottom
        for lines, start, span in ((left, x, w * SPLIT_SHARE), (right, x + w * SPLIT_SHARE, w * (1 - SPLIT_SHARE))):
            at = top
            for line in lines:
                at -= line.height
                line.draw(c, start, at + line.height * 0.25, span)
    after = _slip()
    usage(after, r)
    after.text("请妥善保管，作为医保结算凭证" if not r.demo else "演示数据，不作报销凭证", 0.9, align="center")
    table_end = _slip()
    table_end.rule(dashed=False)
    return Block([*table_end.lines, Line(height, draw), *after.lines])


def _continued(r) -> list[Line]:
    slip = _slip()
    s = r.settlement
    slip.text(f"{r.institution_name}　门诊医保结算单（续）　结算单号 {s.receipt_no:06d}", 0.95)
    slip.rule(dashed=False)
    return slip.lines


def paginate(first: list[Line], head: list[Line], continued: list[Line], rows: list[Block], totals: Block,
             room: float) -> list[list[Line]]:
    """Pages of lines: the first page starts with the header, each later one with the continuation line;
    each page of rows has the table's header; a block never splits unless it is taller than a page."""
    pages: list[list[Line]] = [[*first, *head]]
    used = sum(l.height for l in pages[0])

    def new_page(with_head: bool) -> None:
        nonlocal used
        pages.append([*continued, *(head if with_head else [])])
        used = sum(l.height for l in pages[-1])

    on_page = 0  # rows on the current page
    for block in rows:
        if on_page and used + block.height > room:
            new_page(True)
            on_page = 0
        for line in block.lines:
            if used + line.height > room:  # a block taller than a page: split it after all
                new_page(True)
            pages[-1].append(line)
            used += line.height
        on_page += 1
    if used + totals.height > room:
        new_page(False)
    for line in totals.lines:
        if used + line.height > room:
            new_page(False)
        pages[-1].append(line)
        used += line.height
    return pages


def render_a5(r, figures, usage, qr_payload: str) -> bytes:
    """The A5 form's PDF; ``figures`` and ``usage`` draw the split and the usage blocks (as on a thermal slip)."""
    header, head = _header(r), _slip()
    _table_head(head)
    room = A5.height - 2 * A5.margin - FOOTER
    pages = paginate(header.lines, head.lines, _continued(r), _rows(r), _totals(r, figures, usage, qr_payload), room)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(A5.width, A5.height), pageCompression=1, invariant=1,
                    initialFontName=header.font, initialFontSize=A5.size)
    canvas.setTitle(f"结算单 {r.settlement.receipt_no}")
    canvas.setAuthor("billing desk")
    width = A5.width - 2 * A5.margin
    for number, lines in enumerate(pages, start=1):
        y = A5.height - A5.margin
        for line in lines:
            y -= line.height
            line.draw(canvas, A5.margin, y + line.height * 0.25, width)
        canvas.setFont(header.font, A5.size * 0.85)
        canvas.drawCentredString(A5.width / 2, A5.margin, f"第 {number} 页 共 {len(pages)} 页")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
