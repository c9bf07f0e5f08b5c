"""Fonts for the PDF renderer: the bundled DejaVu Sans, font directories, coverage, fallback.

A PDF shows a character only if the font drawing it has a glyph for it; reportlab silently
draws nothing otherwise. So every text run is split by coverage: each character is drawn in
the first font of the chain that covers it, and a character no font covers raises
:class:`~budapest_coop.errors.MissingGlyphsError` naming it.

The chain is DejaVu Sans (bundled: Latin, Greek, Cyrillic, Georgian, Armenian, Hebrew,
Arabic), then fonts found in the directories given with ``font_dirs=``, then those of the
``BUDAPEST_COOP_FONT_DIRS`` environment variable (paths separated by ``os.pathsep``), then
the system's font directories. Only fonts that cover a character DejaVu lacks are added, in
that order, so the output depends on no font it does not use. reportlab can embed only
TrueType outlines (``glyf``): OpenType/CFF fonts and fonts whose licence forbids embedding are
skipped, with the reason reported by :func:`font_candidates`.

Coverage is read with fontTools (``getBestCmap``) and cached per file. Nothing here imports
reportlab except :func:`register`, which the PDF layout calls.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from budapest_coop.errors import MissingGlyphsError, RenderError

__all__ = [
    "ENV_VAR",
    "Face",
    "FontCandidate",
    "FontChain",
    "build_chain",
    "font_candidates",
    "font_directories",
    "register",
    "system_font_directories",
]

#: Environment variable naming extra font directories, separated by ``os.pathsep``.
ENV_VAR = "BUDAPEST_COOP_FONT_DIRS"

_FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")
_LOCK = threading.Lock()


@attrs.frozen(kw_only=True)
class Face:
    """One embeddable font: its file, its index in a collection, its name and what it covers."""

    key: str
    path: str
    index: int
    name: str
    coverage: frozenset[str] = attrs.field(repr=False, eq=False)


@attrs.frozen(kw_only=True)
class FontCandidate:
    """A font file found in a font directory, usable or not (``reason`` says why not)."""

    path: str
    index: int
    name: str
    usable: bool
    reason: str = ""


def _bundled(filename: str) -> str:
    return str(resources.files("budapest_coop.render") / "fonts" / filename)


def _key(path: str, index: int) -> str:
    if Path(path).parent == Path(_bundled("DejaVuSans.ttf")).parent:
        return "BudapestCoop-" + Path(path).stem
    digest = hashlib.sha256(f"{path}\0{index}".encode()).hexdigest()[:12]
    return f"BudapestCoop-{digest}"


@functools.lru_cache(maxsize=512)
def _inspect(path: str, index: int, mtime_ns: int, size: int) -> tuple[str, frozenset[str], str]:
    """(name, coverage, reason-not-usable) of one font; the file's mtime and size key the cache."""
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(path, fontNumber=index, lazy=True)
    except Exception as error:  # fontTools raises many kinds of errors on a damaged file
        return Path(path).name, frozenset(), f"cannot be read ({type(error).__name__}: {error})"
    try:
        name = str(font["name"].getDebugName(6) or font["name"].getDebugName(4) or Path(path).stem)
        if "glyf" not in font:
            kind = "CFF (PostScript) outlines" if "CFF " in font or "CFF2" in font else "no TrueType outlines"
            return name, frozenset(), f"{kind}: only TrueType (glyf) outlines can be embedded"
        if "OS/2" in font and font["OS/2"].fsType & 0x000F == 0x0002:
            return name, frozenset(), "its licence forbids embedding (OS/2 fsType restricted)"
        cmap = font.getBestCmap() or {}
        return name, frozenset(chr(code) for code in cmap), ""
    except Exception as error:
        return name if "name" in locals() else Path(path).name, frozenset(), f"cannot be read ({error})"
    finally:
        font.close()


def _collection_size(path: str) -> int:
    if not path.lower().endswith((".ttc", ".otc")):
        return 1
    try:
        with open(path, "rb") as handle:
            header = handle.read(12)
    except OSError:
        return 0
    if header[:4] != b"ttcf":
        return 1
    return int.from_bytes(header[8:12], "big")


def _faces_of(path: str) -> Iterator[tuple[str, int, str, frozenset[str], str]]:
    try:
        stat = os.stat(path)
    except OSError as error:
        yield path, 0, Path(path).name, frozenset(), f"cannot be read ({error.strerror})"
        return
    for index in range(_collection_size(path)):
        name, coverage, reason = _inspect(path, index, stat.st_mtime_ns, stat.st_size)
        yield path, index, name, coverage, reason


def system_font_directories() -> tuple[Path, ...]:
    """The usual font directories of this operating system that exist here."""
    home = Path.home()
    if sys.platform == "win32":
        windir = os.environ.get("WINDIR", r"C:\Windows")
        local = os.environ.get("LOCALAPPDATA", str(home / "AppData" / "Local"))
        candidates = [Path(windir) / "Fonts", Path(local) / "Microsoft" / "Windows" / "Fonts"]
    elif sys.platform == "darwin":
        candidates = [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library" / "Fonts"]
    else:
        candidates = [
            Path("/usr/share/fonts"),
            Path("/usr/local/share/fonts"),
            home / ".local" / "share" / "fonts",
            home / ".fonts",
        ]
    return tuple(path for path in candidates if path.is_dir())


def font_directories(
    font_dirs: Iterable[str | os.PathLike[str]] = (), *, system_fonts: bool = True
) -> tuple[Path, ...]:
    """Where fallback fonts are searched, in order: *font_dirs*, ``BUDAPEST_COOP_FONT_DIRS``, the system's."""
    found: list[Path] = [Path(entry) for entry in font_dirs]
    found += [Path(entry) for entry in os.environ.get(ENV_VAR, "").split(os.pathsep) if entry.strip()]
    if system_fonts:
        found += system_font_directories()
    return tuple(dict.fromkeys(found))


def _font_files(directories: Sequence[Path]) -> Iterator[str]:
    """Font files under *directories* (a file may be named directly), each once, sorted per directory."""
    seen: set[str] = set()
    for directory in directories:
        if directory.is_file():
            files = [str(directory)]
        else:
            files = []
            for root, dirnames, filenames in os.walk(directory):
                dirnames.sort()
                files += [
                    os.path.join(root, name) for name in sorted(filenames) if name.lower().endswith(_FONT_SUFFIXES)
                ]
        for path in files:
            real = os.path.realpath(path)
            if real not in seen:
                seen.add(real)
                yield real


def font_candidates(
    font_dirs: Iterable[str | os.PathLike[str]] = (), *, system_fonts: bool = True
) -> tuple[FontCandidate, ...]:
    """Every font the PDF renderer would consider, with the reason each unusable one is skipped."""
    return tuple(
        FontCandidate(path=path, index=index, name=name, usable=not reason, reason=reason)
        for path in _font_files(font_directories(font_dirs, system_fonts=system_fonts))
        for path, index, name, _, reason in _faces_of(path)
    )


def _face(path: str, index: int = 0) -> Face:
    (_, _, name, coverage, reason), *_ = (entry for entry in _faces_of(path) if entry[1] == index)
    if reason:
        raise RenderError(f"font {path} cannot be used: {reason}")
    return Face(key=_key(path, index), path=path, index=index, name=name, coverage=coverage)


@functools.cache
def _dejavu() -> tuple[Face, Face]:
    return _face(_bundled("DejaVuSans.ttf")), _face(_bundled("DejaVuSans-Bold.ttf"))


@attrs.frozen(kw_only=True)
class FontChain:
    """The fonts of one rendering, in fallback order; ``bold`` starts with DejaVu Sans Bold."""

    regular: tuple[Face, ...]
    bold: tuple[Face, ...]

    @property
    def faces(self) -> tuple[Face, ...]:
        """Every distinct face of the chain."""
        return tuple(dict.fromkeys(self.bold + self.regular))

    def uncovered(self, chars: Iterable[str]) -> list[str]:
        """The characters of *chars* that no regular face covers, in order, each once."""
        return [c for c in dict.fromkeys(chars) if not any(c in face.coverage for face in self.regular)]

    def runs(self, text: str, *, bold: bool = False) -> list[tuple[Face, str]]:
        """*text* (one line) cut into runs, each character in the first face of the chain covering it.

        A space stays in the run it falls in when that face has it; a space character no face
        has is drawn as an ordinary space. Raises :class:`MissingGlyphsError` for any other
        character no face covers.
        """
        chain = self.bold if bold else self.regular
        first = chain[0]
        if set(text) <= first.coverage:
            return [(first, text)] if text else []
        runs: list[tuple[Face, list[str]]] = []
        missing: list[str] = []
        for char in text:
            drawn = char
            current = runs[-1][0] if runs else None
            if current is not None and char.isspace() and char in current.coverage:
                face: Face | None = current
            else:
                face = next((f for f in chain if char in f.coverage), None)
            if face is None and char.isspace():
                face, drawn = current or first, " "
            if face is None:
                missing.append(char)
            elif face is current:
                runs[-1][1].append(drawn)
            else:
                runs.append((face, [drawn]))
        if missing:
            raise MissingGlyphsError(missing, [face.name for face in self.regular])
        return [(face, "".join(chars)) for face, chars in runs]


def build_chain(
    characters: Iterable[str],
    *,
    font_dirs: Iterable[str | os.PathLike[str]] = (),
    system_fonts: bool = True,
) -> FontChain:
    """The smallest fallback chain that covers *characters*, or :class:`MissingGlyphsError`.

    DejaVu Sans first; further fonts are searched only for characters it lacks, and each is
    added only when it covers one of those still missing.
    """
    characters = characters if isinstance(characters, str) else "".join(characters)
    regular, bold = _dejavu()
    missing = sorted(c for c in set(characters).difference(regular.coverage) if not c.isspace())
    extra: list[Face] = []
    if missing:
        directories = font_directories(font_dirs, system_fonts=system_fonts)
        for path in _font_files(directories):
            for _, index, name, coverage, reason in _faces_of(path):
                if reason or not coverage.intersection(missing):
                    continue
                extra.append(Face(key=_key(path, index), path=path, index=index, name=name, coverage=coverage))
                missing = [c for c in missing if c not in coverage]
                if not missing:
                    break
            if not missing:
                break
    chain = FontChain(regular=(regular, *extra), bold=(bold, regular, *extra))
    if missing:
        ordered = sorted(missing, key=characters.index)
        raise MissingGlyphsError(ordered, [face.name for face in chain.regular])
    return chain


def _utf16_hex(code: int) -> str:
    if code < 0x10000:
        return f"{code:04X}"
    code -= 0x10000
    return f"{0xD800 + (code >> 10):04X}{0xDC00 + (code & 0x3FF):04X}"


def _to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """reportlab's ToUnicode CMap, with characters beyond U+FFFF written as UTF-16 surrogate pairs.

    reportlab writes them as five hex digits, which PDF readers reject: the text is drawn but
    cannot be searched, copied or extracted. The output is otherwise identical.
    """
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{index:02X}> <{_utf16_hex(code)}>" for index, code in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


@functools.lru_cache(maxsize=16)
def _subset_file(font_face: Any, subset: tuple[int, ...]) -> tuple[bytes, bytes]:
    """The TrueType subset of *font_face* for the characters *subset*, plain and compressed.

    A document usually needs the same subsets as the previous one (the same labels, the same
    digits), and building and compressing a subset is a sizeable part of writing a PDF.
    """
    import zlib

    content: bytes = font_face.makeSubset(list(subset))
    return content, zlib.compress(content)


def _add_subset_objects(font_face: Any, doc: Any, fontname: str, subset: Sequence[int]) -> Any:
    """reportlab's ``TTFontFace.addSubsetObjects`` with the subset file from :func:`_subset_file`.

    The objects written are the same, byte for byte, as reportlab's.
    """
    from reportlab.pdfbase import pdfdoc
    from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC

    content, compressed = _subset_file(font_face, tuple(subset))
    font_file = pdfdoc.PDFStream()
    font_file.dictionary["Length1"] = len(content)
    if doc.compression:
        # what PDFStream.format writes for filters=[PDFZCompress], compressed once per subset
        font_file.content = compressed
        font_file.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName(pdfdoc.PDFZCompress.pdfname)])
    else:
        font_file.content = content
    font_file_ref = doc.Reference(font_file, f"fontFile:{font_face.filename}({fontname})")
    descriptor = pdfdoc.PDFDictionary(
        {
            "Type": "/FontDescriptor",
            "Ascent": font_face.ascent,
            "CapHeight": font_face.capHeight,
            "Descent": font_face.descent,
            "Flags": (font_face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC,
            "FontBBox": pdfdoc.PDFArray(font_face.bbox),
            "FontName": pdfdoc.PDFName(fontname),
            "ItalicAngle": font_face.italicAngle,
            "StemV": font_face.stemV,
            "FontFile2": font_file_ref,
            "MissingWidth": font_face.defaultWidth,
        }
    )
    return doc.Reference(descriptor, "fontDescriptor:" + fontname)


def register(face: Face) -> str:
    """Register *face* with reportlab (once per process) and return the name to draw it with."""
    from reportlab.pdfbase import pdfmetrics, ttfonts
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    with _LOCK:
        ttfonts.makeToUnicodeCMap = _to_unicode_cmap
        if face.key not in pdfmetrics.getRegisteredFontNames():
            try:
                font = TTFont(face.key, face.path, subfontIndex=face.index)
                font.face.addSubsetObjects = functools.partial(_add_subset_objects, font.face)
                pdfmetrics.registerFont(font)
            except TTFError as error:
                raise RenderError(f"font {face.path} cannot be embedded: {error}") from error
    return face.key
