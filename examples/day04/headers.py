"""A case-insensitive header mapping that keeps the sender's spelling."""
from collections.abc import MutableMapping


class Headers(MutableMapping):
    def __init__(self, pairs=()):
        self._items = {}                  # "content-type" -> (name, value)
        self.update(pairs)

    def __setitem__(self, name, value):
        self._items[name.lower()] = (name, value)

    def __getitem__(self, name):
        return self._items[name.lower()][1]

    def __delitem__(self, name):
        del self._items[name.lower()]

    def __iter__(self):
        return (name for name, _ in self._items.values())

    def __len__(self):
        return len(self._items)


raw = {"Content-Type": "application/json", "X-Request-ID": "r-42"}
plain = dict(raw)
print("plain dict, 'content-type' in it:", "content-type" in plain)

headers = Headers(raw)
print("Headers['content-type']:", headers["content-type"])
print("Headers['x-request-id']:", headers["x-request-id"])
headers["CONTENT-TYPE"] = "text/plain"      # replaces, does not add
print("len after replacing:", len(headers))
print("names as last sent:", list(headers))
