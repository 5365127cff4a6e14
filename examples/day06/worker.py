"""A script that is also imported by its own name: its code runs twice."""
import sys

print(f"running as {__name__!r}")
JOBS = []


def register(job):
    JOBS.append(job)


if __name__ == "__main__":
    import worker  # found on sys.path[0], the script's own directory

    register("resize")
    print("two module objects:", worker is not sys.modules["__main__"])
    print("jobs seen by the imported copy:", worker.JOBS)
