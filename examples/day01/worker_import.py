"""Module-level code runs once per process, at import, in every worker."""
import importlib
import os
import sys
import tempfile

APP = '''
print("  webapp: module body runs (config, routes, clients...)")
ROUTES = {"/health": "ok"}

def view(path):
    return ROUTES[path]
'''

saved_path = sys.path[:]
try:
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "webapp.py"), "w") as f:
            f.write(APP)
        sys.path.insert(0, tmp)
        importlib.invalidate_caches()

        print("worker 1 imports the app twice:")
        import webapp
        import webapp as again       # found in sys.modules: no re-run
        print("same module object:", webapp is again)

        # A new worker process starts with an empty sys.modules, so it
        # runs the module body again. Simulate workers 2 and 3.
        for worker in (2, 3):
            print(f"worker {worker} imports the app:")
            del sys.modules["webapp"]
            assert importlib.import_module("webapp").view("/health") == "ok"
finally:
    sys.path[:] = saved_path
    sys.modules.pop("webapp", None)
