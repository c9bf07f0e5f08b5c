"""Tiny fonts made on the fly with fontTools, to test font directories and fallback without system fonts."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.ttGlyphPen import TTGlyphPen


def _box(pen: TTGlyphPen | T2CharStringPen) -> None:
    pen.moveTo((100, 0))
    pen.lineTo((100, 700))
    pen.lineTo((500, 700))
    pen.lineTo((500, 0))
    pen.closePath()


def make_font(path: Path, characters: Iterable[str], *, family: str, cff: bool = False, fs_type: int = 0) -> Path:
    """Write a font at *path* whose every glyph is a box, covering *characters* and the space.

    ``cff`` gives PostScript (CFF) outlines instead of TrueType ones; ``fs_type`` sets the
    OS/2 embedding permissions (2: restricted licence, no embedding).
    """
    cmap = {0x20: "space"} | {ord(char): f"u{ord(char):04X}" for char in characters}
    order = [".notdef", *dict.fromkeys(cmap.values())]
    builder = FontBuilder(1000, isTTF=not cff)
    builder.setupGlyphOrder(order)
    builder.setupCharacterMap(cmap)
    if cff:
        strings = {}
        for name in order:
            pen = T2CharStringPen(600, None)
            if name not in (".notdef", "space"):
                _box(pen)
            strings[name] = pen.getCharString()
        builder.setupCFF(family.replace(" ", ""), {"FullName": family}, strings, {})
    else:
        glyphs = {}
        for name in order:
            pen = TTGlyphPen(None)
            if name not in (".notdef", "space"):
                _box(pen)
            glyphs[name] = pen.glyph()
        builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics(dict.fromkeys(order, (600, 0)))
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": family, "styleName": "Regular", "psName": family.replace(" ", "")})
    builder.setupOS2(sTypoAscender=800, sTypoDescender=-200, usWinAscent=800, usWinDescent=200, fsType=fs_type)
    builder.setupPost()
    builder.save(str(path))
    return path
