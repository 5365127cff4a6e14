"""`make test`: run the suite on every supported CPython found, in parallel.

Each interpreter gets its own tox environment; each run writes its figures to
_build/test/ENV.json (see conftest.py), and this script ends with one line per
interpreter and the supported versions it did not find. With CI set, a missing
interpreter is an error.

Usage: python tests/matrix.py [PYTEST ARGS...]
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "_build" / "test"
NATIVE = ["3.10", "3.11", "3.12", "3.13"]


def main(pytest_args):
    found = [v for v in NATIVE if shutil.which(f"python{v}")]
    missing = [v for v in NATIVE if v not in found]
    envs = [f"py{v.replace('.', '')}" for v in found]
    shutil.rmtree(RESULTS, ignore_errors=True)
    status = 0
    if envs:
        tox = [sys.executable, "-m", "tox", "p", "-p", "auto", "-e", ",".join(envs)]
        status = subprocess.call(tox + ["--"] + pytest_args, cwd=ROOT)
    print("\nInterpreter results:")
    for env in envs:
        path = RESULTS / f"{env}.json"
        if not path.exists():
            print(f"  {env:6} no result: the run crashed before it ended (see above)")
            status = status or 1
            continue
        r = json.loads(path.read_text())
        print(
            f"  {env:6} {r['implementation']} {r['version']:<10} {r['platform']:<10}"
            f" passed {r['passed']:>3}  failed {r['failed']:>3}  skipped {r['skipped']:>3}"
            + (f"  errors {r['error']}" if r["error"] else "")
        )
    if missing:
        print(f"  not found: CPython {', '.join(missing)} (looked for python3.X on PATH)")
        if os.environ.get("CI"):
            print("ERROR: CI is set, and every supported interpreter must run there.")
            status = status or 2
    if not envs:
        print("ERROR: no supported interpreter found; nothing was tested.")
        status = status or 2
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
