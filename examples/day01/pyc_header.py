"""Write a .pyc the way import does, then decode its 16-byte header."""
import importlib
import importlib.util
import os
import py_compile
import sys
import tempfile


def read_header(pyc_path):
    with open(pyc_path, "rb") as f:
        data = f.read()
    magic = data[0:4]
    flags = int.from_bytes(data[4:8], "little")
    return data, magic, flags


saved = sys.dont_write_bytecode, sys.pycache_prefix, sys.path[:]
sys.dont_write_bytecode = False   # this machine may forbid .pyc writes
sys.pycache_prefix = None         # put caches next to the source
try:
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "pricing.py")
        with open(src, "w") as f:
            f.write("VAT = 0.2\n")
        sys.path.insert(0, tmp)
        importlib.invalidate_caches()
        import pricing                     # first import writes the pyc

        pyc = importlib.util.cache_from_source(src)
        print("cache file:", os.path.relpath(pyc, tmp))
        data, magic, flags = read_header(pyc)
        st = os.stat(src)
        print("magic matches this interpreter:",
              magic == importlib.util.MAGIC_NUMBER)
        print("flags:", flags, "(timestamp-based)")
        mtime = int.from_bytes(data[8:12], "little")
        size = int.from_bytes(data[12:16], "little")
        print("mtime field == source mtime:",
              mtime == int(st.st_mtime) & 0xFFFFFFFF)
        print("size field == source size:", size, "==", st.st_size)

        # PEP 552: the same file, compiled as a checked hash-based pyc.
        py_compile.compile(
            src, cfile=pyc, doraise=True,
            invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH)
        data, magic, flags = read_header(pyc)
        with open(src, "rb") as f:
            source_bytes = f.read()
        print("flags:", flags, "(hash-based, check_source set)")
        print("hash field == source_hash(source):",
              data[8:16] == importlib.util.source_hash(source_bytes))
finally:
    sys.dont_write_bytecode, sys.pycache_prefix = saved[:2]
    sys.path[:] = saved[2]
    sys.modules.pop("pricing", None)
