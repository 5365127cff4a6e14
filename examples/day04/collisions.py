"""How many __eq__ calls a dict makes when every key has the same hash."""


class Key:
    eq_calls = 0

    def __init__(self, n, constant_hash):
        self.n = n
        self.constant_hash = constant_hash

    def __hash__(self):
        return 42 if self.constant_hash else hash(self.n)

    def __eq__(self, other):
        Key.eq_calls += 1
        return isinstance(other, Key) and self.n == other.n


def measure(n, constant_hash):
    Key.eq_calls = 0
    table = {Key(i, constant_hash): i for i in range(n)}
    inserts = Key.eq_calls
    Key.eq_calls = 0
    Key(-1, constant_hash) in table       # a key that is not there
    return inserts, Key.eq_calls


print(f"{'keys':>5} {'hash':>9} {'eq/insert':>10} {'eq/miss':>8}")
for n in (100, 200, 400):
    for constant in (False, True):
        inserts, miss = measure(n, constant)
        label = "constant" if constant else "good"
        print(f"{n:>5} {label:>9} {inserts // n:>10} {miss:>8}")
