"""Read a deep traceback: which frames are the framework's, which are yours."""
import traceback


def load_order(order_id, db):
    return db[order_id]                      # raises KeyError


def order_view(request, db):
    return {"order": load_order(request["order_id"], db)}


def middleware(name, inner):
    def layer(request, db):
        request.setdefault("seen_by", []).append(name)
        return inner(request, db)
    return layer


app = order_view
for name in ["csrf", "session", "auth", "timing", "errors"]:
    app = middleware(name, app)

try:
    app({"order_id": 42}, db={7: "paid"})
except KeyError as exc:
    frames = traceback.extract_tb(exc.__traceback__)
    print("frames in the traceback:", len(frames))
    print("functions:", " > ".join(frame.name for frame in frames))
    ours = [frame.name for frame in frames if frame.name != "layer"]
    print("without the middleware layers:", ours)
    print("raised on:", frames[-1].line)
    tb = exc.__traceback__
    while tb.tb_next is not None:
        tb = tb.tb_next
    print("locals of the frame that raised:", sorted(tb.tb_frame.f_locals))
