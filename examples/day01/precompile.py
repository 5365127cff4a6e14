"""Build-time compileall, and what import does when it cannot cache."""
import compileall
import importlib
import importlib.util
import os
import py_compile
import sys
import tempfile

saved = sys.dont_write_bytecode, sys.pycache_prefix, sys.path[:]
try:
    with tempfile.TemporaryDirectory() as tmp:
        app = os.path.join(tmp, "app")
        os.mkdir(app)
        for name in ("models", "views"):
            with open(os.path.join(app, name + ".py"), "w") as f:
                f.write(f"NAME = {name!r}\n")

        # Image build step: "python -m compileall" does the same thing.
        sys.pycache_prefix = None
        ok = compileall.compile_dir(
            app, quiet=1,
            invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH)
        cached = sorted(os.listdir(os.path.join(app, "__pycache__")))
        print("compile_dir succeeded:", bool(ok))
        print("pyc files written:", len(cached))

        # PYTHONPYCACHEPREFIX sets sys.pycache_prefix: caches move to a
        # mirror tree under the prefix instead of __pycache__ folders.
        sys.pycache_prefix = os.path.join(tmp, "pycache")
        where = importlib.util.cache_from_source(
            os.path.join(app, "models.py"))
        print("with a prefix:", where.startswith(sys.pycache_prefix))

        # A cache location that cannot be written does not break import:
        # the module is compiled in memory and the write is skipped.
        blocker = os.path.join(tmp, "blocker")
        open(blocker, "w").close()          # a file, not a directory
        sys.pycache_prefix = os.path.join(blocker, "cache")
        sys.dont_write_bytecode = False
        with open(os.path.join(tmp, "jobs.py"), "w") as f:
            f.write("QUEUE = 'default'\n")
        sys.path.insert(0, tmp)
        importlib.invalidate_caches()
        import jobs
        print("import still works:", jobs.QUEUE)
        print("cache written:", os.path.exists(
            importlib.util.cache_from_source(jobs.__file__)))
finally:
    sys.dont_write_bytecode, sys.pycache_prefix = saved[:2]
    sys.path[:] = saved[2]
    sys.modules.pop("jobs", None)
