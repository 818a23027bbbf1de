"""Reading PDFs back with poppler (and QR codes with zbar), as a person's tools would."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path


def text(pdf: bytes, tmp: Path, layout: bool = True) -> str:
    path = tmp / "read.pdf"
    path.write_bytes(pdf)
    args = ["pdftotext", "-layout", str(path), "-"] if layout else ["pdftotext", str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def value_of(page_text: str, label: str) -> str:
    """The value printed at the end of the line that starts with ``label``."""
    for line in page_text.splitlines():
        if line.strip().startswith(label):
            return line.split()[-1]
    raise AssertionError(f"no line starts with {label!r} in:\n{page_text}")


def fonts(pdf: bytes, tmp: Path) -> list[tuple[str, str]]:
    """(font name, embedded yes/no) for every font the PDF uses."""
    path = tmp / "fonts.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    return [(row.split()[0], row.split()[-5]) for row in rows if row.strip()]


def page_size(pdf: bytes, tmp: Path) -> tuple[float, float]:
    path = tmp / "info.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", out)
    return float(match.group(1)), float(match.group(2))


def words(pdf: bytes, tmp: Path) -> list[tuple[float, float, float, float, str]]:
    """Every word with its box (xMin, yMin, xMax, yMax) in points."""
    path = tmp / "bbox.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
    return [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(pattern, out)]


def qr_codes(pdf: bytes, tmp: Path) -> list[str]:
    path = tmp / "qr.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(path), str(tmp / "qr")], check=True)
    found = []
    for png in sorted(tmp.glob("qr*.png")):
        done = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True)
        found += [line for line in done.stdout.splitlines() if line]
    return found
