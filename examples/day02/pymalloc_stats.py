"""Small requests go to pymalloc, big ones to malloc: read pymalloc's statistics."""
import os
import re
import sys
import tempfile


def pymalloc_stats():
    """sys._debugmallocstats() writes to the C-level stderr (fd 2): catch it."""
    with tempfile.TemporaryFile(mode="w+") as out:
        saved = os.dup(2)
        os.dup2(out.fileno(), 2)
        try:
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        out.seek(0)
        return out.read()


def in_blocks():
    line = re.search(r"# bytes in allocated blocks\s+=\s+([\d,]+)", pymalloc_stats())
    return int(line[1].replace(",", ""))


def pymalloc_bytes_per_object(size, count=10_000):
    before = in_blocks()
    keep = [bytes(size) for _ in range(count)]
    grown = in_blocks() - before
    return sys.getsizeof(keep[0]), round(grown / count)


stats = pymalloc_stats()
print(re.search(r"Small block threshold = \d+", stats)[0], "bytes")
print(re.search(r"\d+ bytes/arena", stats)[0])
for size in (384, 600):
    object_size, per_object = pymalloc_bytes_per_object(size)
    print(f"{object_size}-byte objects: pymalloc bytes per object: {per_object}")
