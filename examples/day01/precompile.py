"""Build-time compileall, and where import does (or does not) cache."""
import compileall
import importlib
import importlib.util
import os
import py_compile
import sys
import tempfile

saved = sys.dont_write_bytecode, sys.pycache_prefix, sys.path[:]


def fresh_import(folder, name, source):
    """Write NAME.py into folder, import it, return (module, its cache path)."""
    path = os.path.join(folder, name + ".py")
    with open(path, "w") as f:
        f.write(source)
    importlib.invalidate_caches()
    module = importlib.import_module(name)
    return module, importlib.util.cache_from_source(path)


try:
    with tempfile.TemporaryDirectory() as tmp:
        sys.path.insert(0, tmp)
        sys.pycache_prefix = None

        # Image build step: "python -m compileall --invalidation-mode
        # checked-hash app/" does the same thing.
        app = os.path.join(tmp, "app")
        os.mkdir(app)
        for name in ("models", "views"):
            with open(os.path.join(app, name + ".py"), "w") as f:
                f.write(f"NAME = {name!r}\n")
        ok = compileall.compile_dir(
            app, quiet=1,
            invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH)
        cache_dir = os.path.join(app, "__pycache__")
        flags = set()
        for pyc in os.listdir(cache_dir):
            with open(os.path.join(cache_dir, pyc), "rb") as f:
                flags.add(int.from_bytes(f.read()[4:8], "little"))
        print("compile_dir succeeded:", bool(ok))
        print("pyc files written:", len(os.listdir(cache_dir)),
              "flags:", sorted(flags))

        # PYTHONDONTWRITEBYTECODE=1 sets sys.dont_write_bytecode:
        # import works, and no cache file appears.
        sys.dont_write_bytecode = True
        jobs, cache = fresh_import(tmp, "jobs", "QUEUE = 'default'\n")
        print("don't write: import works:", jobs.QUEUE,
              "| cache written:", os.path.exists(cache))

        # The setting stops the importer only: compileall (what pip runs
        # at install time) still writes the file.
        compileall.compile_file(os.path.join(tmp, "jobs.py"), quiet=1)
        print("don't write: compileall still writes:", os.path.exists(cache))

        # Not writing is not the same as not reading: a pyc that is already
        # there (unchecked-hash here, so its contents win) is still used.
        stale = os.path.join(tmp, "stale_src.py")
        with open(stale, "w") as f:
            f.write("QUEUE = 'from the pyc'\n")
        py_compile.compile(stale, cfile=cache, doraise=True,
                           invalidation_mode=py_compile.PycInvalidationMode
                           .UNCHECKED_HASH)
        sys.modules.pop("jobs")
        print("don't write: existing pyc still read:",
              importlib.import_module("jobs").QUEUE)

        # The same import with writing allowed does write the cache file.
        sys.dont_write_bytecode = False
        tasks, cache = fresh_import(tmp, "tasks", "RETRIES = 3\n")
        print("default: cache written:", os.path.exists(cache))

        # PYTHONPYCACHEPREFIX sets sys.pycache_prefix: the cache goes to
        # a mirror tree under the prefix, not to a __pycache__ folder.
        sys.pycache_prefix = os.path.join(tmp, "pycache")
        mail, cache = fresh_import(tmp, "mail", "SENDER = 'noreply'\n")
        print("prefix: cache under prefix:",
              cache.startswith(sys.pycache_prefix) and os.path.exists(cache))
        print("prefix: no __pycache__ entry for mail:", not any(
            n.startswith("mail.") for n in os.listdir(
                os.path.join(tmp, "__pycache__"))))

        # A cache location that cannot be written does not break import:
        # the module is compiled in memory and the write is skipped.
        blocker = os.path.join(tmp, "blocker")
        open(blocker, "w").close()          # a file, not a directory
        sys.pycache_prefix = os.path.join(blocker, "cache")
        audit, cache = fresh_import(tmp, "audit", "LEVEL = 'info'\n")
        print("unwritable cache: import works:", audit.LEVEL)
finally:
    sys.dont_write_bytecode, sys.pycache_prefix = saved[:2]
    sys.path[:] = saved[2]
    for name in ("jobs", "tasks", "mail", "audit"):
        sys.modules.pop(name, None)
