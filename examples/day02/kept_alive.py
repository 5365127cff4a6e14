"""Three ways a service keeps a big object alive after the request ends."""
import functools
import gc
import weakref


class Report:
    """Stands in for something big: a DataFrame, a parsed upload, rows."""


def watch(obj, label):
    return weakref.finalize(obj, print, f"  freed: {label}")


def settle():
    """Free what is unreachable now. CPython has already done it (reference
    counting); PyPy frees only when its collector runs."""
    gc.collect()


print("1. a closure keeps alive the variables it uses, and only those")
report, scratch = Report(), Report()
watched = watch(report, "the closure's report")
watch(scratch, "the scratch data the closure does not use")


def make_handler(data, scratch):
    def handler():
        return type(data).__name__      # uses data, never scratch
    return handler


on_request = make_handler(report, scratch)
del report, scratch
settle()
print("  alive while the handler exists:", watched.alive)
del on_request
settle()

print("2. a stored exception keeps its traceback's frames alive")
errors = []


def failing_view():
    rows = Report()
    global watched
    watched = watch(rows, "rows of the failed view")
    raise ValueError("bad input")


try:
    failing_view()
except ValueError as exc:
    errors.append(exc)        # e.g. "remember the last error" for /health
settle()
print("  alive while the error is stored:", watched.alive)
errors.clear()
settle()

print("3. lru_cache keeps every argument and result it has seen")


@functools.lru_cache(maxsize=None)
def summarize(report):
    return len(vars(report))


big = Report()
watched = watch(big, "the cached argument")
summarize(big)
del big
settle()
print("  alive after del and gc.collect():", watched.alive)
summarize.cache_clear()
settle()
