"""The "Verified on" page (docs/verified.json) must describe the chapters as
they are: a chapter whose examples changed since the last full `make test`
has not been verified, and the page would say it had."""

import json
import os

import pytest

import claims
from booktest import DOCS, ROOT, fingerprint

VERIFIED = DOCS / "verified.json"


@pytest.mark.skipif(os.environ.get("BOOK_REWRITING_VERIFIED") == "1",
                    reason="this full run rewrites docs/verified.json when it passes")
def test_verified_page_matches_the_chapters():
    data = json.loads(VERIFIED.read_text()) if VERIFIED.exists() else {}
    recorded = data.get("chapters", {})
    problems = []
    current = {c.id for path in DOCS.glob("day*.md") for c in claims.read(path)}
    for claim in sorted(current ^ set(data.get("claims", {}))):
        problems.append(f"claim {claim}: " + ("not in docs/verified.json" if claim in current
                                              else "in docs/verified.json but no longer in the book"))
    for path in sorted(DOCS.glob("day*.md")):
        entry = recorded.get(path.name)
        if entry is None:
            problems.append(f"{path.relative_to(ROOT)}: not in docs/verified.json")
        elif entry["fingerprint"] != fingerprint(path):
            problems.append(f"{path.relative_to(ROOT)}: examples changed since the last full run")
    for name in sorted(set(recorded) - {p.name for p in DOCS.glob("day*.md")}):
        problems.append(f"docs/verified.json lists {name}, which no longer exists")
    if problems:
        pytest.fail("\n".join(problems) + "\nRun `make test` (all eight interpreters) and "
                    "commit docs/verified.json.", pytrace=False)
