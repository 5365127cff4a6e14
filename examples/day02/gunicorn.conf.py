"""gunicorn.conf.py: the gc module's recipe for fork(), where gunicorn runs it.

gunicorn executes this file before it imports the app (even with --preload),
calls pre_fork in the master just before each os.fork(), and post_fork first
thing in each new worker (see gunicorn/arbiter.py).
"""
import gc

gc.disable()                    # early in the parent: before the app is imported


def pre_fork(server, worker):
    gc.freeze()                 # right before fork(): park what the app built


def post_fork(server, worker):
    gc.enable()                 # early in the child


if __name__ == "__main__":      # gunicorn runs this file as "__config__"
    # Replay gunicorn's order here, without gunicorn and without a fork.
    def count(phase, info):
        runs.append(phase)

    runs = []
    gc.callbacks.append(count)

    class Model:
        pass

    app = [Model() for _ in range(50_000)]      # --preload imports the app
    print("collections while the app was imported:", runs.count("start"))
    pre_fork(server=None, worker=None)
    print("the app's objects frozen before the fork:",
          gc.get_freeze_count() >= len(app))
    post_fork(server=None, worker=None)
    print("collector running in the worker:", gc.isenabled())
    gc.callbacks.remove(count)
    gc.unfreeze()               # leave no trace in the process running this
