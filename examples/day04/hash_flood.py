"""Integer keys an attacker can choose: every one lands in the same slot."""
import sys

M = sys.hash_info.modulus            # 2**61 - 1 on 64-bit, 2**31 - 1 on wasm32


class CountingInt(int):
    """An int that counts the comparisons the dict makes with it."""
    calls = 0
    __hash__ = int.__hash__

    def __eq__(self, other):
        CountingInt.calls += 1
        return int(self) == int(other)


def parse_ids(raw_keys):
    # e.g. {"ids": {...}} from a JSON body, keys turned into ints
    return {CountingInt(k): True for k in raw_keys}


ordinary = [str(i) for i in range(1, 501)]
hostile = [str(i * M) for i in range(1, 501)]  # all hash to 0

for label, keys in (("ordinary ids", ordinary), ("hostile ids", hostile)):
    CountingInt.calls = 0
    parsed = parse_ids(int(k) for k in keys)
    print(f"{label}: {len(parsed)} keys, "
          f"{CountingInt.calls} comparisons")
print("distinct hashes among hostile ids:",
      len({hash(int(k)) for k in hostile}))
