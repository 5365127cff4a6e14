"""Get the stack out of a stuck worker: sys._current_frames() and faulthandler."""
import faulthandler
import re
import sys
import tempfile
import threading
import traceback

entered, release = threading.Event(), threading.Event()


def run_query(sql):
    entered.set()
    # Stands for a query that does not come back.
    release.wait()
    return []


def handle_request(order_id):
    return run_query(f"SELECT * FROM orders WHERE id = {order_id}")


def ours(entries):
    """Keep the (file, function) entries of this file, drop threading's."""
    return [name for filename, name in entries if filename == __file__]


worker = threading.Thread(target=handle_request, args=(42,), name="worker-1")
worker.start()
entered.wait()

# 1. Inside the process: each thread's topmost frame, by thread id.
frame = sys._current_frames()[worker.ident]
stack = traceback.extract_stack(frame)              # outermost first
print("worker-1, outermost first:", ours((e.filename, e.name) for e in stack))
print("waiting on:", [e.line for e in stack if e.name == "run_query"][0])

# 2. faulthandler writes every thread's stack to a file descriptor,
#    innermost call first, one block per thread.
with tempfile.TemporaryFile("w+") as log:
    faulthandler.dump_traceback(file=log, all_threads=True)
    log.seek(0)
    dump = log.read()
for block in sorted(re.split(r"\n(?=(?:Current thread|Thread) 0x)", dump.strip())):
    header = block.split(" 0x")[0]
    frames = re.findall(r'File "(.*)", line \d+ in (\S+)', block)
    print(f"faulthandler, {header}:", ours(frames))

# 3. A watchdog thread: dump every stack if we are still busy after 0.1 s
#    (here the main thread is busy waiting for the stuck worker).
with tempfile.TemporaryFile("w+") as log:
    faulthandler.dump_traceback_later(0.1, file=log)
    for _ in range(200):                # give up after 10 s
        worker.join(timeout=0.05)
        log.seek(0)
        found = "in run_query" in log.read()
        if found:
            break
    faulthandler.cancel_dump_traceback_later()
    print("the watchdog's dump shows run_query:", found)

release.set()
worker.join()
