"""pytest wiring: every code block in docs/*.md is a test (see tests/booktest.py)."""

import functools
import json
import os
import platform
import re
import sys
import sysconfig
from collections import Counter, defaultdict
from pathlib import Path

import pytest

import booktest
import claims
from booktest import DOCS, ROOT, fingerprint, sybil, tree_snapshot

pytest_collect_file = sybil.pytest()
#: Outcomes per chapter, e.g. {"day01-execution-model.md": Counter(passed=70)}
OUTCOMES = defaultdict(Counter)


def pytest_collection_finish(session):
    """A whole-book run that collected no example from a chapter is an error,
    never a silent pass (a mis-wired parser collects nothing and passes)."""
    if session.config.args_source != pytest.Config.ArgsSource.TESTPATHS:
        return  # a partial run (one file, -k ...) may legitimately omit chapters
    collected = Counter(Path(item.path).name for item in session.items)
    empty = [p.name for p in sorted(DOCS.glob("day*.md")) if not collected[p.name]]
    if empty:
        raise pytest.UsageError(f"no examples collected from: {', '.join(empty)}")


def pytest_runtest_logreport(report):
    path, _, example = report.nodeid.partition("::")
    if path.startswith("docs/") and (report.when == "call" or report.outcome != "passed"):
        name = path.removeprefix("docs/")
        outcome = "differs" if hasattr(report, "wasxfail") else report.outcome
        OUTCOMES[name][outcome] += 1
        line = re.match(r"line:(\d+),", example)
        if line:  # worst outcome wins: a failed setup is not overwritten
            key = (name, int(line[1]))
            if booktest.OUTCOMES.get(key) in (None, "passed"):
                booktest.OUTCOMES[key] = outcome


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """On another implementation (PyPy), a failing block that proves only
    CPython details or version-specific facts is reported as "differs" (an
    xfail), not as a failure: those may differ there. Guarantees and blocks
    that prove nothing must still pass (or be gated with a reason), and so
    must a gate the probe finds unnecessary, and a block failing with NameError
    (a cascade from an earlier block that failed there)."""
    report = yield
    if (report.failed and call.when == "call" and booktest.OTHER_IMPLEMENTATION
            and not isinstance(call.excinfo.value, booktest.UnnecessaryGate)
            and not cascaded(call.excinfo.value) and proves_only_details(item)):
        report.outcome, report.wasxfail = "skipped", "differs on " + booktest.OTHER_IMPLEMENTATION
    return report


def cascaded(error):
    """A NameError is an earlier block's failure (a name it never defined), not
    this block's claim differing: it fails, and the earlier block gets fixed."""
    return isinstance(error, NameError) or "NameError: name " in str(error)


def proves_only_details(item):
    path, _, example = item.nodeid.partition("::")
    line = re.match(r"line:(\d+),", example)
    kinds = proof_kinds(path).get(int(line[1]), set()) if line else set()
    return bool(kinds) and "guarantee" not in kinds


@functools.cache
def proof_kinds(path):
    """{first line of a proof block: the kinds of the claims it proves}, read once."""
    kinds = defaultdict(set)
    for c in claims.read(ROOT / path):
        for line in c.proofs:
            kinds[line].add(c.kind)
    return kinds


@functools.cache
def run_claims():
    """(chapter file name, claim) for every chapter this run executed. Asked
    only once the examples have run, by the summary and the results file."""
    return [(name, c) for name in sorted(OUTCOMES) for c in claims.read(DOCS / name)]


def failed_claims():
    """Claims with a proof block that failed in this run, or that no proof
    proved on this version (tests/test_claims.py): the sentences to re-check."""
    failed = []
    for name, c in run_claims():
        if c.id in booktest.UNPROVED or any(
                booktest.OUTCOMES.get((name, line)) == "failed" for line in c.proofs):
            failed.append({"id": c.id, "where": f"docs/{name}:{c.sentence}",
                           "kind": claims.KINDS[c.kind],
                           "versions": claims.version_span(c.versions, dash="-")})
    return failed


def pytest_terminal_summary(terminalreporter):
    """End a failing run with the claims it could not prove, naming their sentences."""
    failed = failed_claims()
    if failed:
        name = "" if booktest.OTHER_IMPLEMENTATION is None else platform.python_implementation() + " "
        here = f"{name}{sys.version.split()[0]} ({sys.platform}-{platform.machine()})"
        terminalreporter.section(f"claims whose proof failed on {here}")
        for c in failed:
            terminalreporter.line(f"claim {c['id']} ({c['where']}, {c['kind']}, "
                                  f"{c['versions']}) failed on {here}")


def pytest_sessionstart(session):
    session.config._tree_before = tree_snapshot()


def pytest_sessionfinish(session, exitstatus):
    """Fail if the run left files in the work tree; record this run's figures
    (for `make test`'s summary and the book's "Verified on" page)."""
    left = tree_snapshot() - session.config._tree_before
    if left:
        print(f"\nERROR: the test run left files in the tree: {sorted(left)}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    results = os.environ.get("BOOK_RESULTS")
    if not results:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    counts = {k: len(reporter.stats.get(k, []))
              for k in ("passed", "failed", "skipped", "error", "xfailed")}
    Path(results).parent.mkdir(parents=True, exist_ok=True)
    Path(results).write_text(json.dumps({
        "version": sys.version.split()[0],
        "sys.version": sys.version,
        "implementation": platform.python_implementation(),
        "build": "free-threaded" if sysconfig.get_config_var("Py_GIL_DISABLED") else "default",
        "platform": f"{sys.platform}-{platform.machine()}",
        "complete": session.config.args_source == pytest.Config.ArgsSource.TESTPATHS
                    and not session.config.option.keyword and not session.config.option.markexpr,
        "left_files": sorted(left),
        "chapters": {
            name: {**outcome, "fingerprint": fingerprint(DOCS / name)}
            for name, outcome in sorted(OUTCOMES.items())
        },
        "claims_proved": sorted(
            c.id for name, c in run_claims() if "%d.%d" % sys.version_info[:2] in c.versions
            and any(booktest.OUTCOMES.get((name, line)) == "passed" for line in c.proofs)
        ),
        "claims_failed": failed_claims(),
        # On PyPy: claims stated for 3.11 with a failing proof there, or none that
        # ran (not guarantees: those must pass, tests/test_claims.py).
        "claims_differ": sorted(booktest.DIFFERS),
        **counts,
    }, indent=1))
