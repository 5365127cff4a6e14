"""A recursive serializer hits the recursion limit; an explicit stack does not."""
import sys


def make_thread(depth):
    """A reply chain: each comment has one reply, `depth` comments deep."""
    root = {"id": 0, "replies": []}
    node = root
    for n in range(1, depth):
        reply = {"id": n, "replies": []}
        node["replies"].append(reply)
        node = reply
    return root


def count_recursive(comment):
    total = 1
    for reply in comment["replies"]:
        total += count_recursive(reply)
    return total


def count_iterative(comment):
    total, pending = 0, [comment]
    while pending:
        current = pending.pop()
        total += 1
        pending.extend(current["replies"])
    return total


thread = make_thread(1_500)
print("recursion limit:", sys.getrecursionlimit())
try:
    count_recursive(thread)
except RecursionError as exc:
    print("recursive:", type(exc).__name__)
print("iterative:", count_iterative(thread))
print("both agree on a shallow thread:",
      count_recursive(make_thread(50)) == count_iterative(make_thread(50)))
