"""Timestamp pycs trust mtime + size; checked-hash pycs read the source;
unchecked-hash pycs trust themselves, unless --check-hash-based-pycs says
otherwise."""
import importlib
import importlib.util
import os
import py_compile
import sys
import tempfile

saved = sys.dont_write_bytecode, sys.pycache_prefix, sys.path[:]
sys.dont_write_bytecode = False
sys.pycache_prefix = None


def fresh_import(name):
    """Import name again, the way a newly started process would."""
    sys.modules.pop(name, None)
    importlib.invalidate_caches()
    return importlib.import_module(name)


def edit_keeping_mtime(path, text):
    """Rewrite a file, then put its old modification time back."""
    st = os.stat(path)
    with open(path, "w") as f:
        f.write(text)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


try:
    with tempfile.TemporaryDirectory() as tmp:
        sys.path.insert(0, tmp)
        src = os.path.join(tmp, "settings.py")
        with open(src, "w") as f:
            f.write("LIMIT = 100\n")
        print("first import: LIMIT =", fresh_import("settings").LIMIT)

        # Same size, same mtime: the timestamp pyc still looks valid.
        edit_keeping_mtime(src, "LIMIT = 500\n")
        print("after edit:   LIMIT =", fresh_import("settings").LIMIT)

        # Replace the cache with a checked hash-based pyc (PEP 552).
        py_compile.compile(
            src, cfile=importlib.util.cache_from_source(src),
            doraise=True,
            invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH)
        edit_keeping_mtime(src, "LIMIT = 900\n")
        print("checked hash: LIMIT =", fresh_import("settings").LIMIT)

        # An unchecked hash-based pyc is not compared with the source
        # (unless the interpreter runs with --check-hash-based-pycs always):
        # even an edit that changes the size and the mtime goes unseen.
        py_compile.compile(
            src, cfile=importlib.util.cache_from_source(src),
            doraise=True,
            invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
        with open(src, "w") as f:
            f.write("LIMIT = 30000\n")
        os.utime(src, (0, 0))
        print("unchecked hash, after a real edit: LIMIT =",
              fresh_import("settings").LIMIT)
finally:
    sys.dont_write_bytecode, sys.pycache_prefix = saved[:2]
    sys.path[:] = saved[2]
    sys.modules.pop("settings", None)
