"""The claim ledger, enforced: every claim is proved, on every version it names.

What a claim is, and which blocks are its proofs, is defined in claims.py.
"""

import sys
import warnings
from collections import Counter

import pytest

import booktest
import claims
from booktest import DOCS, report, where

#: Every chapter's claims, read once.
CLAIMS = {path: claims.read(path) for path in sorted(DOCS.glob("day*.md"))}
VERSION = "%d.%d" % sys.version_info[:2]


def platform_gated(lines, line):
    """The block at `line` (1-based, in a chapter's `lines`) is gated on this
    interpreter's platform: the skip comment right above it tests
    `sys.platform` and names this platform."""
    above = lines[line - 2]
    return "skip: next if(" in above and f'sys.platform == "{sys.platform}"' in above


def test_claims_are_well_formed():
    """Ids are unique and name their day; every option is valid, every claim
    has at least one proof block, and a proof tests each release named in
    :changed: (claims.py)."""
    problems = []
    ids = Counter(c.id for found in CLAIMS.values() for c in found)
    for path, found in CLAIMS.items():
        day = path.name.split("-")[0]
        for c in found:
            here = f"{where(path, c.line)}: claim {c.id}"
            problems += [f"{here}: {p}" for p in c.problems]
            if not c.id.startswith(day + "."):
                problems.append(f"{here}: ids in {path.name} start with '{day}.'")
            if ids[c.id] > 1:
                problems.append(f"{here}: duplicate id")
    report(problems)


def test_unclaimed_blocks_are_reported():
    """Blocks that prove no claim are allowed (setup, illustrations), but listed."""
    unclaimed = []
    for path, found in CLAIMS.items():
        proofs = {line for c in found for line in c.proofs}
        unclaimed += [where(path, line) for line, lang, *_ in claims.fenced_blocks(path)
                      if lang in claims.EXECUTED and line not in proofs]
    if unclaimed:
        warnings.warn(f"{len(unclaimed)} blocks prove no claim: {', '.join(unclaimed)}")


@pytest.mark.parametrize("path", CLAIMS, ids=lambda p: p.name)
def test_claims_are_proved_on_this_version(path):
    """On this interpreter, every claim stated for its version has at least
    one proof block that ran and passed (not one that was skipped). On PyPy
    this holds for the guarantees; the other claims may differ there."""
    if not any(name == path.name for name, _ in booktest.OUTCOMES):
        pytest.skip(f"{path.name} was not run in this session")
    problems = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for c in CLAIMS[path]:
        if VERSION not in c.versions or not c.proofs:
            continue
        outcomes = {booktest.OUTCOMES.get((path.name, line)) for line in c.proofs}
        if outcomes == {"skipped"} and all(platform_gated(lines, line) for line in c.proofs):
            continue  # cannot run on this platform (WebAssembly); proved on native builds
        if booktest.OTHER_IMPLEMENTATION and c.kind != "guarantee":
            if "differs" in outcomes or "passed" not in outcomes:
                booktest.DIFFERS.add(c.id)  # a CPython detail need not hold on PyPy
        elif "passed" not in outcomes:
            booktest.UNPROVED.add(c.id)
            problems.append(
                f"{where(path, c.line)}: claim {c.id} is stated for "
                f"{', '.join(c.versions)}, but on {VERSION} none of its proofs ran "
                f"and passed ({', '.join(sorted(map(str, outcomes)))})"
            )
    report(problems)


PEP = "https://peps.python.org/pep-0001/"


def per_release(*releases):
    """The :changes: and :see: options a claim needs for these releases."""
    return (":changes: " + " | ".join(f"{r}: what changes" for r in releases)
            + "\n:see: " + " ".join(f"{r} {PEP}" for r in releases))


@pytest.mark.parametrize("options, gate, expected", [
    # each case: a claim's options, the skip gate on its one proof, what is wrong
    (":kind: version", "", [":changed: is required"]),
    (":kind: version\n:changed:", "", [":changed: is required"]),
    (":kind: detail", "sys.version_info >= (3, 12)", ["gated at 3.12"]),
    (f":kind: version\n:changed: 3.13\n{per_release('3.13')}", "sys.version_info < (3, 12)",
     ["changes in 3.13, but no proof tests", "gated at 3.12"]),
    (":kind: version\n:changed: 3.12", "sys.version_info >= (3, 12)",
     [":changes: needs a note", ":see: needs a source"]),
    (f":kind: detail\n:versions: 3.12+\n{per_release('3.12', '3.13')}",
     "sys.version_info < (3, 12)", [":changes: 3.13 is not a release", ":see: 3.13 is not a release"]),
    (f":kind: version\n:changed: 3.11, 3.12\n{per_release('3.11', '3.12')}",
     "sys.version_info[:2] != (3, 11)", []),
    (f":kind: version\n:changed: 3.12\n{per_release('3.12')}", "sys.version_info <= (3, 12)", []),
    (f":kind: detail\n:versions: 3.11+\n{per_release('3.11')}", "sys.version_info < (3, 11)", []),
    (f":kind: guarantee\n:changed: 3.13.4, 3.13.5\n{per_release('3.13.4', '3.13.5')}",
     "sys.version_info[:3] == (3, 13, 4)", []),
], ids=["no-change-release", "empty-change-release", "undeclared-gate", "gate-and-release-differ",
        "no-note-or-source", "note-and-source-for-no-change", "tab-variant", "full-version-info",
        "from-first-version", "patch-regression"])
def test_release_checks(tmp_path, options, gate, expected):
    """The checks behind the upgrade guide fail a claim whose change releases
    disagree with its proofs' gates, or that lacks a note or a source for one."""
    options = ":versions: 3.10+\n" * (":versions:" not in options) + options
    skip = f'<!-- skip: next if({gate}, reason="why") -->\n' if gate else ""
    chapter = tmp_path / "day01-test.md"
    chapter.write_text(f"# Day\n\n:::{{claim}} day01.x\n{options}\n:summary: S\nText.\n:::\n\n"
                       f"{skip}```python\nassert True\n```\n", encoding="utf-8")
    [claim] = claims.read(chapter)
    assert len(claim.problems) == len(expected), claim.problems
    for problem, words in zip(claim.problems, expected):
        assert words in problem, (words, claim.problems)


@pytest.mark.parametrize("condition, releases", [
    ("sys.version_info >= (3, 12)", "3.12"),
    ("sys.version_info <= (3, 12)", "3.12"),  # (3, 12, 0, ...) > (3, 12)
    ("sys.version_info[:2] <= (3, 12)", "3.13"),
    ("sys.version_info[:2] != (3, 11)", "3.11 3.12"),
    ("sys.version_info == (3, 12)", ""),  # never true
    ('sys.platform == "emscripten" or (3, 11) <= sys.version_info[:3] < (3, 11, 2)',
     "3.11 3.11.2"),
    ("sys.version_info[:2] == (3, 14) and sys.version_info[:3] < (3, 14, 5)", "3.14 3.14.5"),
    ("sys.version_info.minor >= 13 and not FREE_THREADED", "3.13"),
])
def test_version_edges(condition, releases):
    """Where a gate's condition on sys.version_info flips."""
    assert sorted(claims.version_edges(condition), key=claims.release_key) == releases.split()
