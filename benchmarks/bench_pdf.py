"""PDF documents per second: the pdf renderer against a plain WeasyPrint HTML-to-PDF pipeline, same run.

Run: python benchmarks/bench_pdf.py [--seconds 5] [--no-weasyprint]
Single process pinned to one core. Prints one JSON line with the figures.

The document is the example preservation request in English, and in English and French side
by side. When ``budapest_coop.render.render`` exists the whole pipeline is measured
(``render(example, "pdf", languages=...)``: builder, localisation and layout); otherwise the
layout alone, on the hand-built LocalizedDocument of the tests
(``tests/fixtures/render/preservation-request.localized.json``), which has the same content.

WeasyPrint (``pip install -r benchmarks/requirements.txt``; it needs the Pango libraries,
Debian: libpango-1.0-0 libpangoft2-1.0-0) renders the same LocalizedDocument as a plain HTML
page of tables with the same bundled DejaVu fonts and the same page furniture.
"""

from __future__ import annotations

import argparse
import html
import io
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from budapest_coop import examples
from budapest_coop.render import LocalizedDocument
from budapest_coop.render.pdf import PDFRenderer

TOOLS = ("pdf", "weasyprint")


def localized(languages: tuple[str, ...]) -> tuple[LocalizedDocument, str]:
    """The example preservation request laid out for *languages*, and how it was made."""
    try:
        from budapest_coop.render import build, localize  # type: ignore[attr-defined]
    except ImportError:
        from tests.localized import sample_document

        return sample_document(languages), "hand-built LocalizedDocument (tests/fixtures/render)"
    return localize(build(examples.load("preservation-request")), languages), "build + localize of the example"


def pdf_pipeline(languages: tuple[str, ...]) -> tuple[Callable[[], bytes], str]:
    """A function producing the PDF, and what it measures."""
    try:
        from budapest_coop.render import render  # type: ignore[attr-defined]
    except ImportError:
        document, source = localized(languages)
        renderer = PDFRenderer()
        return (lambda: renderer.render(document, system_fonts=False)), f"PDFRenderer.render of a {source}"
    request = examples.load("preservation-request")
    return (lambda: render(request, "pdf", languages=languages)), 'render(example, "pdf") end to end'


def _font_face(family: str, path: str, weight: str) -> str:
    return f"@font-face {{ font-family: {family}; src: url('file://{path}'); font-weight: {weight}; }}"


def html_page(document: LocalizedDocument) -> str:
    """A plain HTML rendering of *document* for WeasyPrint: tables, bundled fonts, page x of y."""
    fonts = resources.files("budapest_coop.render") / "fonts"
    e = html.escape
    columns = len(document.languages)
    css = f"""
    {_font_face("DejaVu", str(fonts / "DejaVuSans.ttf"), "normal")}
    {_font_face("DejaVu", str(fonts / "DejaVuSans-Bold.ttf"), "bold")}
    @page {{ size: A4; margin: 20mm 18mm 22mm 18mm;
      @top-left {{ content: "{e(document.template)}"; font: 7pt DejaVu; color: #555; }}
      @top-right {{ content: "{e(document.reference or "")}"; font: 7pt DejaVu; color: #555; }}
      @bottom-left {{ content: "{e(document.digest)}"; font: 6.3pt DejaVu; color: #555; }}
      @bottom-right {{ content: "Page " counter(page) " of " counter(pages); font: 7pt DejaVu; color: #555; }} }}
    body {{ font: 9pt/1.3 DejaVu; }}
    h1 {{ font-size: 14pt; }}
    table {{ width: 100%; table-layout: fixed; border-collapse: collapse; margin-bottom: 2.5mm; }}
    th {{ background: #e6e9ef; text-align: left; font-size: 10pt; }}
    td, th {{ vertical-align: top; padding: 2.5pt 4pt 3pt; border-bottom: 0.4pt solid #9aa3b2; }}
    .label {{ font-weight: bold; font-size: 8.5pt; }} .citation {{ color: #555; font-size: 6.3pt; }}
    td {{ white-space: pre-wrap; }}
    """
    parts = [f"<!DOCTYPE html><html lang='{e(document.languages[0])}'><head><meta charset='utf-8'>"]
    parts.append(f"<title>{e(' / '.join(document.titles))}</title><style>{css}</style></head><body>")
    parts.append("".join(f"<h1 dir='auto'>{e(title)}</h1>" for title in document.titles))
    for section in document.sections:
        parts.append("<table><thead><tr>")
        for index in range(columns):
            direction = "rtl" if document.rtl[index] else "ltr"
            parts.append(f"<th dir='{direction}' colspan='{2 if columns == 1 else 1}'>")
            parts.append(f"{e(section.number)}. {e(section.titles[index])}")
            parts.append(f"<div class='citation'>{e(section.citation or '')}</div></th>")
        parts.append("</tr></thead><tbody>")
        for field in section.fields:
            parts.append("<tr>")
            for index in range(columns):
                direction = "rtl" if document.rtl[index] else "ltr"
                label = f"<span class='label'>{e(field.labels[index])}</span>"
                value = e(field.values[index])
                if columns == 1:
                    parts.append(f"<td dir='{direction}'>{label}</td><td dir='{direction}'>{value}</td>")
                else:
                    parts.append(f"<td dir='{direction}'>{label}<br>{value}</td>")
            parts.append("</tr>")
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    return "".join(parts)


def weasyprint_pipeline(languages: tuple[str, ...]) -> Callable[[], bytes]:
    """A function producing the same document with WeasyPrint from HTML."""
    import weasyprint

    document, _ = localized(languages)

    def produce() -> bytes:
        data: bytes = weasyprint.HTML(string=html_page(document)).write_pdf()
        return data

    return produce


def pages(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def measure(produce: Callable[[], bytes], seconds: float) -> dict[str, Any]:
    """Documents per second over rounds of at least 0.5 s: wall-clock median and best, and CPU-time best."""
    data = produce()
    for _ in range(2):
        produce()
    wall: list[float] = []
    cpu: list[float] = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline or len(wall) < 3:
        count, start, start_cpu = 0, time.perf_counter(), time.process_time()
        while time.perf_counter() - start < 0.5:
            produce()
            count += 1
        wall.append(count / (time.perf_counter() - start))
        cpu.append(count / max(time.process_time() - start_cpu, 1e-9))
    return {
        "docs_per_second_median": round(statistics.median(wall), 1),
        "docs_per_second_best": round(max(wall), 1),
        "docs_per_cpu_second_best": round(max(cpu), 1),
        "pages": pages(data),
        "bytes": len(data),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="time per measurement")
    parser.add_argument("--no-weasyprint", action="store_true", help="skip the WeasyPrint comparison")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from reportlab.lib import rl_accel

    result: dict[str, Any] = {"benchmark": "pdf documents per second, example preservation request"}
    for name, languages in (("pdf_en", ("en",)), ("pdf_en_fr", ("en", "fr"))):
        produce, source = pdf_pipeline(languages)
        result[name] = measure(produce, args.seconds)
        result["source"] = source
    if not args.no_weasyprint:
        try:
            import weasyprint
        except (ImportError, OSError) as error:  # OSError: the Pango libraries are missing
            result["weasyprint"] = f"not run: {type(error).__name__}: {error}"
        else:
            result["weasyprint_version"] = weasyprint.__version__
            for name, languages in (("weasyprint_en", ("en",)), ("weasyprint_en_fr", ("en", "fr"))):
                result[name] = measure(weasyprint_pipeline(languages), args.seconds)
            for language in ("en", "en_fr"):
                ours, theirs = (result[f"{tool}_{language}"]["docs_per_second_median"] for tool in TOOLS)
                result[f"speedup_{language}"] = round(ours / theirs, 1)
    result["rl_accel"] = not rl_accel._py_funcs
    result["python"] = platform.python_version()
    result["machine"] = platform.machine()
    result["cores_used"] = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    print(json.dumps(result))


if __name__ == "__main__":
    main()
