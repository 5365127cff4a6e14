"""When a dict grows, and what deleting does to its size."""
import sys

table = {}
size = sys.getsizeof(table)
grew_at = []
for i in range(1000):
    table[i] = None
    if sys.getsizeof(table) != size:
        grew_at.append(len(table))
        size = sys.getsizeof(table)
print("grew when len reached:", grew_at)

full = sys.getsizeof(table)
for i in range(1000):
    del table[i]
print("len after deleting every key:", len(table))
print("same size as when full:", sys.getsizeof(table) == full)
table.clear()
print("clear() gives back the table:",
      sys.getsizeof(table) == sys.getsizeof({}))
