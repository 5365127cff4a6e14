"""`make test`: run the suite on every supported CPython found, in parallel.

Native interpreters (3.10-3.13, found as python3.X on PATH) each get a tox
environment; CPython 3.14 and 3.15 run as Pyodide (WebAssembly) builds under
Node (tests/pyodide/). All of them run at once. Each run writes its figures
to _build/test/ENV.json (see conftest.py); this script ends with one line per
interpreter and the supported versions it did not find. With CI set, a
missing interpreter is an error.

Usage: python tests/matrix.py [PYTEST ARGS...]
"""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "_build" / "test"
NATIVE = ["3.10", "3.11", "3.12", "3.13"]
PYODIDE = ["3.14", "3.15"]
PYODIDE_DIR = ROOT / "tests" / "pyodide"
SITE = ROOT / "_build" / "pyodide" / "site"


def env_name(version):
    return "py" + version.replace(".", "")


def find_pyodide(version):
    """Why Pyodide `version` cannot run here, or None if it can."""
    package = PYODIDE_DIR / "node_modules" / f"pyodide{env_name(version)[2:]}"
    if not shutil.which("node"):
        return "Node.js is not installed"
    if not package.exists():
        return f"{package.relative_to(ROOT)} is missing (npm ci --prefix tests/pyodide)"
    if not (SITE / "pytest").exists():
        return f"{SITE.relative_to(ROOT)} is missing (make test installs it)"
    return None


def main(pytest_args):
    native = [v for v in NATIVE if shutil.which(f"python{v}")]
    missing = [f"CPython {v} (no python{v} on PATH)" for v in NATIVE if v not in native]
    wasm = []
    for version in PYODIDE:
        why = find_pyodide(version)
        if why:
            missing.append(f"Pyodide {version} ({why})")
        else:
            wasm.append(version)
    shutil.rmtree(RESULTS, ignore_errors=True)
    RESULTS.mkdir(parents=True)

    start = time.monotonic()
    runs = {}
    for version in wasm:
        env = env_name(version)
        log = open(RESULTS / f"{env}.log", "w")
        node = ["node", "--experimental-wasm-stack-switching", "tests/pyodide/run.mjs"]
        runs[env] = (subprocess.Popen(node + [env[2:]] + pytest_args, cwd=ROOT,
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
    for env in [env_name(v) for v in native + wasm]:
        path = RESULTS / f"{env}.json"
        if not path.exists():
            print(f"  {env:6} no result: the run ended before pytest finished (see above)")
            status = status or 1
            continue
        r = json.loads(path.read_text())
        print(
            f"  {env:6} {r['implementation']} {r['version']:<10} {r['platform']:<18}"
            f" passed {r['passed']:>3}  failed {r['failed']:>3}  skipped {r['skipped']:>3}"
            + (f"  errors {r['error']}" if r["error"] else "")
        )
    for what in missing:
        print(f"  not found: {what}")
    if missing and os.environ.get("CI"):
        print("ERROR: CI is set, and every supported interpreter must run there.")
        status = status or 2
    if not native and not wasm:
        print("ERROR: no supported interpreter found; nothing was tested.")
        status = status or 2
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
