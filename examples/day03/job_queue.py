"""A FIFO queue of jobs on collections.deque, and a bounded recent log."""
from collections import deque

jobs = deque()
recent = deque(maxlen=3)        # keeps only the last three

for n in range(1, 6):
    jobs.append(f"job-{n}")     # producer: add at the right end, O(1)

while jobs:
    job = jobs.popleft()        # worker: take the oldest, O(1)
    recent.append(job)          # past maxlen, the oldest entry drops out
    print(f"ran {job}, {len(jobs)} waiting")

print("last three:", list(recent))
