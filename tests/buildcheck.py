"""Gates on the built book that Sphinx, LaTeX and epubcheck let pass.
`make epub`, `make pdf` and the Read the Docs jobs run them:

    python tests/buildcheck.py epub _build/epub/ten-days-inside-cpython.epub
    python tests/buildcheck.py pdf _build/latex/ten-days-inside-cpython.log
"""

import re
import sys
import zipfile
from pathlib import Path

#: What the LaTeX log must not say, and what it means for the reader.
LATEX = {
    r"Missing character": "the PDF font lacks a glyph the book uses",
    r"undefined on input line": "a link in the PDF points nowhere",
    r"multiply defined": "two anchors share a name, so links to it may land on the wrong one",
    r"Overfull \\vbox.*while \\output is active":
        "something runs off the bottom of a page (a table taller than a page?)",
}


def epub(path):
    """The e-reader's table of contents (nav.xhtml) lists every page; epubcheck
    accepts a nav holding only the title."""
    nav = zipfile.ZipFile(path).read("nav.xhtml").decode()
    pages = sorted(p.stem for p in (Path(__file__).parent.parent / "docs").glob("*.md"))
    missing = [page for page in pages if f'href="{page}.xhtml' not in nav]
    if missing:
        return f"the EPUB's table of contents (nav.xhtml) lacks: {', '.join(missing)}"
    print(f"EPUB table of contents: all {len(pages)} pages listed")


def pdf(log):
    found = [f"{log}:{n}: {line.strip()}\n  -> {why}"
             for n, line in enumerate(Path(log).read_text(errors="replace").splitlines(), 1)
             for pattern, why in LATEX.items() if re.search(pattern, line)]
    if found:  # the first few, and how many in all
        more = f"\n... {len(found) - 10} more" if len(found) > 10 else ""
        return f"{len(found)} problems in the LaTeX log:\n" + "\n".join(found[:10]) + more
    print("PDF: no missing glyphs, undefined or doubled references, or page overflows")


if __name__ == "__main__":
    kind, path = sys.argv[1:]
    problem = {"epub": epub, "pdf": pdf}[kind](path)
    if problem:
        sys.exit(f"ERROR: {problem}")
