"""A worker started with multiprocessing's spawn method, as uvicorn starts them."""
import importlib
import multiprocessing
import sys

print("top level runs as", __name__, flush=True)


def worker(results):
    fresh = "spawned" not in sys.modules          # like uvicorn's Config.load()
    importlib.import_module("spawned")
    results.put(fresh)


if __name__ == "__main__":                         # runs once, in the parent
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    process = context.Process(target=worker, args=(results,))
    process.start()
    print("worker imported a fresh copy:", results.get(timeout=60), flush=True)
    process.join()
