"""Membership in a hot path: count the comparisons each lookup costs."""


class UserId:
    """A user id that counts how often it is compared for equality."""

    comparisons = 0

    def __init__(self, value):
        self.value = value

    def __eq__(self, other):
        UserId.comparisons += 1
        return isinstance(other, UserId) and self.value == other.value

    def __hash__(self):
        return hash(self.value)


# 10_000 blocked users: the even ids from 0 to 19_998
BLOCKED_LIST = [UserId(n) for n in range(0, 20_000, 2)]
BLOCKED_SET = frozenset(BLOCKED_LIST)


def serve(blocked, requests=100):
    """Check the ids 0..requests-1 against `blocked`, like a middleware."""
    UserId.comparisons = 0
    refused = sum(UserId(n) in blocked for n in range(requests))
    return refused, UserId.comparisons


for name, blocked in [("list", BLOCKED_LIST), ("frozenset", BLOCKED_SET)]:
    refused, comparisons = serve(blocked)
    print(f"{name:>9}: refused {refused} of 100 requests "
          f"with {comparisons:,} comparisons")
