"""The CJK font every PDF embeds: WenQuanYi Zen Hei (GPL-2 with a font-embedding exception).

reportlab's built-in CID fonts are not embedded and print blank on a machine without them;
a TrueType font is subset into each PDF, so a receipt reads the same everywhere.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

FONT = "WenQuanYiZenHei"


def font_path() -> Path:
    return Path(str(resources.files("resources") / "fonts" / "wqy-zenhei.ttc"))


@lru_cache(maxsize=1)
def register() -> str:
    """Register the font with reportlab once per process; returns its name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FONT, str(font_path()), subfontIndex=0))
    return FONT
