"""A small line layout for receipts and report slips: blocks become measured lines, then pages.

Thermal paper is a roll, so a thermal page is exactly as tall as its lines; A5 and A4 pages break
where the next line would not fit. Every block wraps its text to the paper's width, so nothing is
clipped on 58 mm paper.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Callable

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from desk.receipts.fonts import register


@dataclass(frozen=True)
class Paper:
    name: str
    width: float  # points
    height: float | None  # None: a roll, as tall as the content
    margin: float
    size: float  # body font size in points


PAPERS = {
    "80mm": Paper("80mm", 80 * mm, None, 4 * mm, 8.0),
    "58mm": Paper("58mm", 58 * mm, None, 2.5 * mm, 7.0),
    "a5": Paper("a5", 148 * mm, 210 * mm, 12 * mm, 10.0),
    "a4": Paper("a4", 210 * mm, 297 * mm, 15 * mm, 9.0),
}

Draw = Callable[[Canvas, float, float, float], None]  # (canvas, left x, baseline y, usable width)


@dataclass(frozen=True)
class Line:
    height: float
    draw: Draw
    new_page: bool = False  # start a page before this line (A5/A4 only)


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Break text into lines no wider than width, by character (Chinese has no spaces to break at)."""
    lines, current = [], ""
    for char in text:
        if char == "\n":
            lines.append(current)
            current = ""
            continue
        if current and stringWidth(current + char, font, size) > width:
            lines.append(current)
            current = char.lstrip()
        else:
            current += char
    lines.append(current)
    return lines


class Slip:
    """Blocks are appended in reading order and rendered to a PDF on one paper size."""

    def __init__(self, paper: Paper):
        self.paper = paper
        self.font = register()
        self.size = paper.size
        self.width = paper.width - 2 * paper.margin
        self.lines: list[Line] = []

    def _leading(self, size: float) -> float:
        return size * 1.35

    def title(self, text: str, scale: float = 1.4) -> None:
        size = self.size * scale
        for part in wrap(text, self.font, size, self.width):
            self.lines.append(Line(self._leading(size), lambda c, x, y, w, t=part, s=size: (
                c.setFont(self.font, s), c.drawCentredString(x + w / 2, y, t))))

    def text(self, text: str, scale: float = 1.0, align: str = "left") -> None:
        size = self.size * scale
        for part in wrap(text, self.font, size, self.width):
            def draw(c, x, y, w, t=part, s=size):
                c.setFont(self.font, s)
                if align == "center":
                    c.drawCentredString(x + w / 2, y, t)
                elif align == "right":
                    c.drawRightString(x + w, y, t)
                else:
                    c.drawString(x, y, t)
            self.lines.append(Line(self._leading(size), draw))

    def pair(self, label: str, value: str, scale: float = 1.0) -> None:
        """Label on the left, value on the right; a label too long for the gap wraps above the value."""
        size = self.size * scale
        value_width = stringWidth(value, self.font, size)
        room = self.width - value_width - size
        parts = wrap(label, self.font, size, max(room, self.width * 0.3))
        for part in parts[:-1]:
            self.lines.append(Line(self._leading(size), lambda c, x, y, w, t=part, s=size: (
                c.setFont(self.font, s), c.drawString(x, y, t))))
        last = parts[-1]
        if stringWidth(last, self.font, size) > room:  # value would overlap: give it its own line
            self.lines.append(Line(self._leading(size), lambda c, x, y, w, t=last, s=size: (
                c.setFont(self.font, s), c.drawString(x, y, t))))
            last = ""
        self.lines.append(Line(self._leading(size), lambda c, x, y, w, t=last, v=value, s=size: (
            c.setFont(self.font, s), c.drawString(x, y, t), c.drawRightString(x + w, y, v))))

    def columns(self, cells: list[str], widths: list[float], aligns: str, scale: float = 1.0) -> None:
        """One table row; widths are fractions of the width; cells wrap within their column."""
        size = self.size * scale
        spans = [f * self.width for f in widths]
        wrapped = [wrap(cell, self.font, size, span - size * 0.3) for cell, span in zip(cells, spans)]
        for row in range(max(len(w) for w in wrapped)):
            texts = [w[row] if row < len(w) else "" for w in wrapped]

            def draw(c, x, y, w, texts=texts, s=size):
                c.setFont(self.font, s)
                left = x
                for text, span, align in zip(texts, spans, aligns):
                    if align == "r":
                        c.drawRightString(left + span - s * 0.3, y, text)
                    else:
                        c.drawString(left, y, text)
                    left += span
            self.lines.append(Line(self._leading(size), draw))

    def rule(self, dashed: bool = True) -> None:
        def draw(c, x, y, w):
            c.setLineWidth(0.5)
            c.setDash(2, 2) if dashed else c.setDash()
            c.line(x, y + self.size * 0.35, x + w, y + self.size * 0.35)
            c.setDash()
        self.lines.append(Line(self.size * 0.9, draw))

    def drawings(self, drawings: list, gap: float = 8) -> None:
        """reportlab drawings (charts) side by side in one row, as tall as the tallest."""
        from reportlab.graphics import renderPDF

        height = max(d.height for d in drawings)

        def draw(c, x, y, w):
            left = x
            for d in drawings:
                renderPDF.draw(d, c, left, y - height * 0.25)
                left += d.width + gap
        self.lines.append(Line(height, draw))

    def page_break(self) -> None:
        self.lines.append(Line(0, lambda c, x, y, w: None, new_page=True))

    def space(self, points: float) -> None:
        self.lines.append(Line(points, lambda c, x, y, w: None))

    def qr(self, payload: str, size_mm: float = 30) -> None:
        """A QR code (error correction M), drawn as filled runs of modules: one path, no per-module shapes."""
        import segno

        # A fixed mask: any of the eight is valid, and scoring all eight costs more than the rest of the receipt.
        matrix = segno.make(payload, error="m", micro=False, mask=0).matrix
        quiet = 2
        count = len(matrix) + 2 * quiet
        side = min(size_mm * mm, self.width)
        module = side / count
        height = side + self.size * 0.5

        def draw(c, x, y, w):
            left, bottom = x + (w - side) / 2, y - height * 0.25 + self.size * 0.25
            path = c.beginPath()
            for r, row in enumerate(matrix):
                top = bottom + side - (r + quiet + 1) * module
                col = 0
                while col < len(row):
                    if row[col]:
                        start = col
                        while col < len(row) and row[col]:
                            col += 1
                        path.rect(left + (start + quiet) * module, top, (col - start) * module, module)
                    else:
                        col += 1
            c.setFillColorRGB(0, 0, 0)
            c.drawPath(path, stroke=0, fill=1)
        self.lines.append(Line(height, draw))

    def pdf(self, title: str = "", author: str = "billing desk") -> bytes:
        paper = self.paper
        content = sum(line.height for line in self.lines)
        height = paper.height or content + 2 * paper.margin
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=(paper.width, height), pageCompression=1, invariant=1,
                        initialFontName=self.font, initialFontSize=self.size)
        canvas.setTitle(title)
        canvas.setAuthor(author)
        y = height - paper.margin
        for line in self.lines:
            if paper.height and (y - line.height < paper.margin or line.new_page):
                canvas.showPage()
                y = height - paper.margin
            y -= line.height
            line.draw(canvas, paper.margin, y + line.height * 0.25, self.width)
        canvas.showPage()
        canvas.save()
        return buffer.getvalue()
