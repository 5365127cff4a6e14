"""What tracemalloc counts and what the operating system counts (Linux)."""
import mmap
import os
import tracemalloc

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss():
    """Resident set size: the bytes of this process's pages now in RAM."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE


def traced():
    return tracemalloc.get_traced_memory()[0]


def build_then_keep_a_quarter(keep):
    rss_start, traced_start = rss(), traced()
    rows = [f"order {n:07d}: " + "x" * 60 for n in range(200_000)]
    rss_peak, traced_peak = rss() - rss_start, traced() - traced_start
    own_tables = tracemalloc.get_tracemalloc_memory()
    rows = keep(rows)
    rss_left, traced_left = rss() - rss_start, traced() - traced_start
    print("  tracemalloc fell to a quarter of its peak:",
          0.2 < traced_left / traced_peak < 0.3)
    return rss_left / rss_peak, own_tables


early = [bytes(1000) for _ in range(10_000)]     # about 10 MB, before start()
tracemalloc.start()
print("10 MB allocated before start(): in tracemalloc:", traced() > 2**20)
print("200,000 rows of about 120 bytes, then every fourth one kept:")
rss_share, own_tables = build_then_keep_a_quarter(lambda rows: rows[::4])
print("  RSS stayed above 85% of its peak:", rss_share > 0.85)
print("  tracemalloc's own tables, outside its count, over 8 MiB:",
      own_tables > 8 * 2**20)
print("the same, keeping the first quarter instead:")
rss_share, _ = build_then_keep_a_quarter(lambda rows: rows[:50_000])
print("  RSS fell below half of its peak:", rss_share < 0.5)

rss_start, traced_start = rss(), traced()
block = mmap.mmap(-1, 16 * 2**20)       # 16 MiB from the kernel, not from Python
block.write(bytes(len(block)))          # touch every page
print("16 MiB mapped by the mmap module: in RSS:",
      rss() - rss_start > 15 * 2**20, "in tracemalloc:",
      traced() - traced_start > 2**20)
tracemalloc.stop()
