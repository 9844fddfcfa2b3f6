"""Check the rendered layout: a gbt9704 speech printed by LibreOffice holds 22 lines a page.

Renders a ~6,000-character speech with ``soffice --headless --convert-to pdf``,
reads the position of every text line with ``pdftotext -bbox-layout`` and
reports, page by page, how many lines sit on the type area's grid, the measured
line pitch and the longest body line in characters.  Full body pages must hold
22 lines at 28.95 pt (a page may hold 21 when a heading moved to the next page
to stay with its paragraph).  Skips cleanly (exit 0) without soffice/pdftotext.

    python benchmarks/check_layout.py                 # gbt9704
    python benchmarks/check_layout.py --profile podium
    python benchmarks/check_layout.py --png samples/preview/speech-page1.png --profile speech

Fonts: the .docx names 仿宋_GB2312, 楷体_GB2312, 黑体, 方正小标宋简体 and 宋体; for the preview
``benchmarks/fonts.conf`` maps them to installed fonts (Noto Serif/Sans CJK SC, AR PL UKai
when fonts-arphic-ukai is installed, Liberation Serif for Times New Roman).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

PAGE_NUMBER = re.compile(r"^\u2014?\s*\d+\s*\u2014?$")


def render_pdf(docx: Path, outdir: Path) -> Path:
    env = dict(os.environ, FONTCONFIG_FILE=str(HERE / "fonts.conf"))
    profile_dir = outdir / "lo-profile"  # a private LibreOffice profile: no clash with a running soffice
    cmd = ["soffice", f"-env:UserInstallation=file://{profile_dir}", "--headless", "--convert-to", "pdf",
           "--outdir", str(outdir), str(docx)]
    subprocess.run(cmd, check=True, env=env, capture_output=True, timeout=180)
    pdf = outdir / (docx.stem + ".pdf")
    if not pdf.exists():
        raise RuntimeError("LibreOffice produced no PDF")
    return pdf


def page_lines(pdf: Path) -> list[list[tuple[float, str]]]:
    """For each page: (top, text) of every text line, page number excluded, merged by position."""
    html = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    pages = []
    for page in html.split("<page ")[1:]:
        rows: dict[float, str] = {}
        for top, body in re.findall(r'<line xMin="[\d.]+" yMin="([\d.]+)"[^>]*>(.*?)</line>', page, re.S):
            words = "".join(re.findall(r">([^<]*)</word>", body))
            key = next((k for k in rows if abs(k - float(top)) < 6), float(top))
            rows[key] = rows.get(key, "") + words
        pages.append(sorted((t, w) for t, w in rows.items() if not PAGE_NUMBER.match(w.strip())))
    return pages


def analyse(pages: list[list[tuple[float, str]]], pitch_pt: float, expected: int) -> bool:
    diffs = [b[0] - a[0] for page in pages for a, b in zip(page, page[1:]) if b[0] - a[0] < pitch_pt * 1.5]
    measured = statistics.fmean(diffs) if diffs else 0.0
    print(f"line pitch measured {measured:.2f} pt (profile {pitch_pt:g} pt)")
    ok = abs(measured - pitch_pt) < 0.3
    widest = 0.0
    for number, page in enumerate(pages, 1):
        if not page:
            continue
        slots = round((page[-1][0] - page[0][0]) / pitch_pt) + 1
        widest = max([widest, *(_width(w.rstrip("。，、；：！？”）")) for _, w in page)])
        last = number == len(pages)
        verdict = "last page" if last else "OK" if slots == expected else (
            "OK (heading kept with next paragraph)" if slots == expected - 1 else "WRONG")
        ok &= last or slots in (expected, expected - 1)
        ok &= slots <= expected
        print(f"  page {number}: {len(page):2} text lines on {slots:2} grid lines  {verdict}")
    full = sum(1 for p in pages[:-1] if p and round((p[-1][0] - p[0][0]) / pitch_pt) + 1 == expected)
    ok &= full >= 1
    print(f"full pages with {expected} lines: {full} of {len(pages) - 1}; "
          f"widest line ≈ {widest:g} characters (a closing mark may hang into the margin)")
    return ok


def _width(text: str) -> float:
    return sum(1.0 if ord(c) > 0x2E80 else 0.5 for c in text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--profile", default="gbt9704")
    parser.add_argument("--png", type=Path, help="also write page 1 as a PNG (60 dpi) to this path")
    parser.add_argument("--keep", type=Path, help="keep the .docx and .pdf in this directory")
    args = parser.parse_args()
    missing = [tool for tool in ("soffice", "pdftotext", "pdftoppm") if shutil.which(tool) is None]
    if missing:
        print(f"SKIP: {', '.join(missing)} not installed "
              "(apt-get install libreoffice-writer-nogui fonts-noto-cjk poppler-utils)")
        return 0
    from docx_export import typical_speech

    from speechgen.exporters import export_bytes
    from speechgen.exporters.profiles import load_profile

    profile = load_profile(args.profile)
    draft = typical_speech()
    draft.blocks = [b for b in draft.blocks if type(b).__name__ != "Table"]
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        docx = out / f"check-{profile.name}.docx"
        docx.write_bytes(export_bytes(draft, "docx", profile=profile))
        pdf = render_pdf(docx, Path(tmp) if args.keep is None else out)
        print(f"{profile.name}: {draft.char_count()} characters → {pdf.name}")
        ok = analyse(page_lines(pdf), profile.line_pitch, profile.lines_per_page)
        if args.png:
            args.png.parent.mkdir(parents=True, exist_ok=True)
            stem = args.png.with_suffix("")
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                            str(stem)], check=True)
            print(f"wrote {args.png}")
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
