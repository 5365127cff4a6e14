"""`make epub` gate: the e-reader's table of contents (nav.xhtml) must list
every page of the book. epubcheck accepts a nav holding only the title."""

import sys
import zipfile
from pathlib import Path

nav = zipfile.ZipFile(sys.argv[1]).read("nav.xhtml").decode()
pages = sorted(p.stem for p in (Path(__file__).parent.parent / "docs").glob("*.md"))
missing = [page for page in pages if f'href="{page}.xhtml' not in nav]
if missing:
    sys.exit(f"ERROR: the EPUB's table of contents (nav.xhtml) lacks: {', '.join(missing)}")
print(f"EPUB table of contents: all {len(pages)} pages listed")
