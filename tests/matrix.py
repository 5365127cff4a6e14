"""`make test`: run the suite on every supported CPython found, in parallel.

Every supported version runs natively (found as python3.X on PATH; `make
pythons` provisions 3.14 and 3.15), each in a tox environment, and 3.14 and
3.15 also run as Pyodide (WebAssembly) builds under Node (tests/pyodide/).
PyPy 3.11 runs it too, as a check of each claim's kind, not as a supported
version: there a language guarantee must still be proved, while a CPython
detail may differ (it is listed, and recorded for the ledger). All of them
run at once. Each run writes its figures to _build/test/ENV.json
(see conftest.py); this script ends with one line per interpreter, the
interpreters it did not find, and every claim whose proof failed (file, line,
kind, versions, interpreter). With CI set, a missing interpreter is an error.

Usage: python tests/matrix.py [--only='3.14t pyodide-3.15'] [PYTEST ARGS...]
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from claims import SUPPORTED  # noqa: E402 (the releases the book covers)

RESULTS = ROOT / "_build" / "test"
#: Native interpreters looked for as pythonX.Y on PATH (3.14t: free-threaded,
#: run when found, required only when --only names it).
NATIVE = SUPPORTED + ["3.14t", "3.15t"]
#: CPython compiled to WebAssembly, run under Node (tests/pyodide/).
PYODIDE = ["pyodide-3.14", "pyodide-3.15"]
#: Another implementation of Python (found as pypy3.11 on PATH; `make pythons`
#: provisions it): not a supported CPython, it checks that guarantees are portable.
OTHER = ["pypy3.11"]
SITE = ROOT / "_build" / "pyodide" / "site"


def env_name(target):
    """py310 ... py314t for native runs, pypy311, pyodide314 for WebAssembly ones."""
    name = target.replace("-", "").replace(".", "")
    return "py" + name if target in NATIVE else name


def why_missing(target):
    """Why `target` cannot run here, or None if it can."""
    if target in NATIVE + OTHER:
        command = target if target in OTHER else f"python{target}"
        how = ("`make pythons` provisions it" if target in ("3.14", "3.15", *OTHER)
               else "uv python install provides it" if target.endswith("t") else "install it")
        return None if shutil.which(command) else f"no {command} on PATH; {how}"
    package = ROOT / "tests" / "pyodide" / "node_modules" / env_name(target)
    if not shutil.which("node"):
        return "Node.js is not installed"
    if not package.exists():
        return f"{package.relative_to(ROOT)} is missing (npm ci --prefix tests/pyodide)"
    if not (SITE / "pytest").exists():
        return f"{SITE.relative_to(ROOT)} is missing (make test installs it)"
    return None


def choose(only):
    """The runs to make, and what is missing. By default every supported
    version natively and both Pyodide builds; --only names exact targets."""
    if only:
        unknown = sorted(set(only) - set(NATIVE + PYODIDE + OTHER))
        if unknown:
            sys.exit(f"unknown interpreter {unknown}; choose from {NATIVE + PYODIDE + OTHER}")
        wanted, required = only, only
    else:
        wanted, required = NATIVE + PYODIDE + OTHER, SUPPORTED + PYODIDE + OTHER
    return ([t for t in wanted if not why_missing(t)],
            [f"{t} ({why_missing(t)})" for t in required if why_missing(t)])


def main(argv):
    parser = argparse.ArgumentParser(description="Run the suite on every supported CPython.")
    parser.add_argument("--only", default="", help="space-separated targets, e.g. '3.14t'")
    options, pytest_args = parser.parse_known_args(argv)
    targets, missing = choose(options.only.split())
    # A full run (every version, whole suite) rewrites the "Verified on" data
    # when it passes; under CI the committed data must already be current.
    full = not options.only and not pytest_args and not missing
    if full and not os.environ.get("CI"):
        os.environ["BOOK_REWRITING_VERIFIED"] = "1"
    native = [t for t in targets if t in NATIVE + OTHER]
    wasm = [t for t in targets if t in PYODIDE]
    shutil.rmtree(RESULTS, ignore_errors=True)
    RESULTS.mkdir(parents=True)

    start = time.monotonic()
    runs = {}
    for target in wasm:
        env = env_name(target)
        log = open(RESULTS / f"{env}.log", "w")
        node = ["node", "--experimental-wasm-stack-switching", "tests/pyodide/run.mjs"]
        runs[env] = (subprocess.Popen(node + [env[7:]] + pytest_args, cwd=ROOT,
                                      stdout=log, stderr=subprocess.STDOUT), log)
    status = 0
    if native:
        envs = ",".join(env_name(v) for v in native)
        tox = [sys.executable, "-m", "tox", "p", "-p", "auto", "-e", envs, "--"]
        status = subprocess.call(tox + pytest_args, cwd=ROOT)
    for env, (process, log) in runs.items():
        code = process.wait()
        log.close()
        if code:
            print(f"\n{env} (Pyodide) failed with exit code {code}:")
            print((RESULTS / f"{env}.log").read_text())
            status = status or code
    elapsed = time.monotonic() - start

    print(f"\nInterpreter results ({elapsed:.0f} s):")
    totals = []
    for target in native + wasm:
        env = env_name(target)
        path = RESULTS / f"{env}.json"
        if not path.exists():
            print(f"  {env:10} no result: the run ended before pytest finished (see above)")
            status = status or 1
            continue
        r = json.loads(path.read_text())
        totals.append(r)
        wrong = wrong_interpreter(target, r)
        if wrong:
            print(f"  {env:10} ERROR: {wrong}")
            status = status or 1
            continue
        print(
            f"  {env:10} {r['implementation'] + ' ' + r['version']:<18} {r['platform']:<18}"
            f" passed {r['passed']:>3}  failed {r['failed']:>3}  skipped {r['skipped']:>3}"
            + (f"  differs {r['xfailed']}" if r.get("xfailed") else "")
            + (f"  errors {r['error']}" if r["error"] else "")
        )
    cpython = [r for r in totals if r["implementation"] == "CPython"]  # PyPy: the kind check
    total = (f"Total on CPython: {sum(r['passed'] for r in cpython)} passed, "
             f"{sum(r['failed'] + r['error'] for r in cpython)} failed, "
             f"{sum(r['skipped'] for r in cpython)} skipped")
    for r in totals:
        if r["failed"] + r["error"] and r not in cpython:
            total += f"; {r['failed'] + r['error']} failed on {label(r)}"
    (RESULTS / "total.txt").write_text(total + "\n")
    print(total)
    report_failed_claims(totals)
    if full and status == 0 and not os.environ.get("CI"):
        write_verified(targets)
    for what in missing:
        print(f"  not found: {what}")
    if missing and (os.environ.get("CI") or options.only):
        print("ERROR: a required interpreter is missing (CI is set, or --only named it).")
        status = status or 2
    if not targets:
        print("ERROR: no supported interpreter found; nothing was tested.")
        status = status or 2
    return status


def wrong_interpreter(target, run):
    """Why the run recorded for `target` ('3.14t', 'pyodide-3.15', 'pypy3.11')
    did not run the interpreter it names, or None."""
    implementation = "PyPy" if target in OTHER else "CPython"
    version = target.removeprefix("pyodide-").removeprefix("pypy").removesuffix("t")
    threaded = target.endswith("t")
    wasm = target in PYODIDE
    if (run["version"].split(".")[:2] != version.split(".")
            or run["implementation"] != implementation
            or (run["build"] == "free-threaded") != threaded
            or run["platform"].startswith("emscripten") != wasm):
        where = "tests/pyodide" if wasm else f".tox/{env_name(target)}"
        return f"ran on {label(run)}, not on {target} (see {where})"
    return None


def label(run):
    """'3.15.0 (linux-x86_64)': the interpreter a result came from."""
    build = " free-threaded" if run["build"] == "free-threaded" else ""
    name = "" if run["implementation"] == "CPython" else run["implementation"] + " "
    return f"{name}{run['version']}{build} ({run['platform']})"


def report_failed_claims(runs):
    """The sentences that may have become false: every claim with a failed
    proof, and on which interpreters. (Failed blocks that prove no claim are
    listed by pytest above.)"""
    failed = {}
    for run in runs:
        for c in run.get("claims_failed", []):
            failed.setdefault(c["id"], (c, []))[1].append(label(run))
    if failed:
        print(f"\nClaims whose proof failed ({len(failed)}):")
    for claim_id, (c, where) in sorted(failed.items()):
        print(f"  claim {claim_id} ({c['where']}, {c['kind']}, {c['versions']}) "
              f"failed on {', '.join(where)}")
    for run in runs:
        if run.get("claims_differ"):
            print(f"\nNot guarantees, and they differ on {label(run)} "
                  f"({len(run['claims_differ'])}, recorded in the ledger):")
            print(textwrap.fill(" ".join(run["claims_differ"]), 88, break_on_hyphens=False,
                                initial_indent="  ", subsequent_indent="  "))


def write_verified(targets):
    """Record this passing full run in docs/verified.json (the "Verified on"
    page); the file is rewritten only when something other than the date changed.
    For each claim: the versions whose native run proved it, and the
    WebAssembly versions that ran a proof of it (not those that excused it)."""
    runs = {env_name(t): json.loads((RESULTS / f"{env_name(t)}.json").read_text()) for t in targets}
    if not all(r["complete"] for r in runs.values()):
        return
    # The kind check (PyPy) is recorded on its own: it is not a supported CPython.
    other = {env: runs.pop(env) for env in map(env_name, OTHER) if env in runs}
    keys = ("version", "sys.version", "implementation", "build", "platform")
    data = {
        "date": time.strftime("%Y-%m-%d"),
        "interpreters": [{"env": env, **{k: r[k] for k in keys}} for env, r in runs.items()],
        "chapters": {
            name: {
                "fingerprint": chapter["fingerprint"],
                "results": {env: {k: r["chapters"][name].get(k, 0) for k in ("passed", "skipped")}
                            for env, r in runs.items()},
            }
            for name, chapter in next(iter(runs.values()))["chapters"].items()
        },
    }

    def proved(claim, wasm):
        return [r["version"] for r in runs.values() if claim in r["claims_proved"]
                and r["platform"].startswith("emscripten") == wasm and r["build"] == "default"]

    data["claims"] = {
        claim: {"native": proved(claim, False), "wasm": proved(claim, True)}
        for claim in sorted({c for r in runs.values() for c in r["claims_proved"]})
    }
    # Each claim stated for its version: every proof that ran passed ("held"),
    # or one failed or none ran ("differs"; only a claim that is no guarantee).
    data["other"] = [{
        "env": env, **{k: r[k] for k in keys},
        "results": {name: {k: c.get(k, 0) for k in ("passed", "skipped", "differs")}
                    for name, c in r["chapters"].items()},
        "held": sorted(set(r["claims_proved"]) - set(r["claims_differ"])),
        "differs": r["claims_differ"],
    } for env, r in other.items()]
    path = ROOT / "docs" / "verified.json"
    old = json.loads(path.read_text()) if path.exists() else {}
    if {**old, "date": None} != {**data, "date": None}:
        path.write_text(json.dumps(data, indent=1) + "\n")
        print(f"\nUpdated {path.relative_to(ROOT)} from this run: commit it.")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
