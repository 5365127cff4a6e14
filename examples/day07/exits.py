"""What an uncaught exception does to a process: cleanup, then the report,
then the exit status. Each case runs in a child interpreter; the parent
prints what the child printed (tracebacks left out) and how it exited."""
import subprocess
import sys

CHILD = """
import atexit, contextlib, sys
atexit.register(print, "atexit")

@contextlib.contextmanager
def transaction():
    try:
        yield
    finally:
        print("__exit__")

def hook(kind, value, tb):
    print("excepthook:", kind.__name__)

with transaction():
    try:
        {body}
    finally:
        print("finally")
"""
CASES = {
    "ValueError": "raise ValueError('boom')",
    "ValueError, own hook": "sys.excepthook = hook; raise ValueError('boom')",
    "SystemExit(3)": "raise SystemExit(3)",
    "sys.exit(text)": "sys.exit('config missing')",
    "sys.exit()": "sys.exit()",
}

for case, body in CASES.items():
    command = [sys.executable, "-u", "-c", CHILD.format(body=body)]
    child = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True)
    said = [line for line in child.stdout.splitlines()
            if not line.startswith(("Traceback", " "))]
    print(f"{case:>20} -> {child.returncode}: {', '.join(said)}")
