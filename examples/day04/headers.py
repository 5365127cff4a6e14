"""Case-insensitive headers that keep the sender's spelling and repeats."""
from collections.abc import MutableMapping


class Headers(MutableMapping):
    def __init__(self, pairs=()):
        self._items = {}        # "set-cookie" -> [(name, value), ...]
        for name, value in pairs:
            self.add(name, value)

    def add(self, name, value):             # one more line with this name
        self._items.setdefault(name.lower(), []).append((name, value))

    def getlist(self, name):
        return [value for _, value in self._items.get(name.lower(), [])]

    def __setitem__(self, name, value):     # replaces every line of it
        self._items[name.lower()] = [(name, value)]

    def __getitem__(self, name):            # the first line, as Werkzeug
        return self._items[name.lower()][0][1]

    def __delitem__(self, name):
        del self._items[name.lower()]

    def __iter__(self):
        return (lines[0][0] for lines in self._items.values())

    def __len__(self):
        return len(self._items)


raw = [("Content-Type", "application/json"),   # as the server hands them
       ("Set-Cookie", "session=s1"),
       ("Set-Cookie", "theme=dark")]
plain = dict(raw)
print("plain dict, 'content-type' in it:", "content-type" in plain)
print("plain dict keeps one cookie:", plain["Set-Cookie"])

headers = Headers(raw)
print("Headers['content-type']:", headers["content-type"])
print("Headers.getlist('set-cookie'):", headers.getlist("set-cookie"))
headers["CONTENT-TYPE"] = "text/plain"      # replaces, does not add
headers["SET-COOKIE"] = "session=s2"        # replaces both cookie lines
print("getlist after replacing:", headers.getlist("set-cookie"))
print("len after replacing:", len(headers))
print("names as last sent:", list(headers))
