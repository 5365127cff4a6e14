"""Find memory that grows per request: compare two tracemalloc snapshots."""
import linecache
import struct
import tracemalloc

WORD = struct.calcsize("P")
_recent = []                # module global: lives as long as the process


def handle(request_id):
    body = f"order {request_id}: " + "x" * 40
    # the leak: nobody ever trims this list
    _recent.append(body)
    return len(body)


def serve(requests):
    for n in range(requests):
        handle(n)


tracemalloc.start()
serve(100)                        # warm up: first-call caches, list growth
before = tracemalloc.take_snapshot()
serve(1000)
after = tracemalloc.take_snapshot()
tracemalloc.stop()

only_here = [tracemalloc.Filter(True, __file__)]
stats = after.filter_traces(only_here).compare_to(
    before.filter_traces(only_here), "lineno")
top = stats[0]
frame = top.traceback[0]
line = linecache.getline(frame.filename, frame.lineno)
print("grows most at:", line.strip())
print("new blocks there:", top.count_diff)
text = "order 999: " + "x" * 40
print("each at least as big as its text:", top.size_diff >= 1000 * len(text))
second = stats[1].traceback[0]
print("then at:", linecache.getline(second.filename, second.lineno).strip())
print("  growth there, in words per request:",
      round(stats[1].size_diff / 1000 / WORD))
