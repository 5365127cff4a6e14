"""The Run buttons, tested in a real browser: headless Chromium (Debian's
package) driven by Playwright, against the built HTML served locally, with
the Pyodide that the suite runs under Node (tests/pyodide) standing in for
the CDN, so nothing leaves the machine.

    python tests/browser.py _build/html

On every day's page: nothing of Pyodide is fetched before Run; three
sessions (pycon blocks) run through the buttons and print what the page
shows (checked like the suite checks them: doctest, ELLIPSIS, whitespace
normalised); a block gated away from WebAssembly says why; the output names
the runtime. On the first page an edited block shows its new result. Any
mismatch fails, naming the chapter's file and line.
"""

import doctest
import functools
import http.server
import json
import shutil
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

from playwright.sync_api import TimeoutError, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import bookext  # noqa: E402  (the Pyodide URL the pages name)
sys.path.insert(0, str(ROOT / "tests"))
from booktest import FLAGS  # noqa: E402  (the suite's doctest flags)

PYODIDE = ROOT / "tests" / "pyodide" / "node_modules" / "pyodide314"
RUNTIME = "CPython 3.14.2, WebAssembly, in your browser"
SESSIONS = 3  # per page
SCRIPT = ROOT / "docs" / "_static" / "run-examples.js"
WEIGHT = 29_000  # bytes a page may grow by before it runs (30 KB with the CSS)


def same_session(expected, shown):
    """(problem, line in the block) if the browser's session differs from the
    page's, else None."""
    want = doctest.DocTestParser().get_examples(expected)
    got = doctest.DocTestParser().get_examples(shown)
    if [w.source for w in want] != [g.source for g in got]:
        return "ran other statements than the page shows", 0
    check = doctest.OutputChecker()
    for w, g in zip(want, got):
        last = (g.want.strip().splitlines() or [""])[-1]
        if w.exc_msg:  # a traceback: the exception line, as doctest compares it
            if not check.check_output(w.exc_msg, last + "\n", FLAGS):
                return f"{w.source.strip()!r} raised {last!r}", w.lineno
        elif not check.check_output(w.want, g.want, FLAGS):
            return f"{w.source.strip()!r} printed {g.want!r}, the page shows {w.want!r}", w.lineno
    return None


class Handler(http.server.SimpleHTTPRequestHandler):
    """The built HTML, and the local Pyodide under /_pyodide/ (where the
    CDN's requests are redirected), cacheable as a CDN's files are."""

    def translate_path(self, path):
        if path.startswith("/_pyodide/"):
            return str(PYODIDE / path.removeprefix("/_pyodide/").split("?")[0])
        return super().translate_path(path)

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=3600")
        self.send_header("Access-Control-Allow-Origin", "*")  # reached by a redirect from the CDN
        super().end_headers()

    def log_message(self, *args):
        pass


def serve(directory):
    handler = functools.partial(Handler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def open_page(context, base, name):
    """Load a day's page; check it before anything runs; start its sessions.
    Returns what the later checks need."""
    page, fetched, problems = context.new_page(), [], []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(f"{base}/{name}")
    page.wait_for_selector("div.book-run")
    meta = json.loads(page.locator("#book-examples").text_content())["examples"]
    chapter = f"docs/{name.removesuffix('.html')}.md"
    where = lambda i: f"{chapter}:{meta[i]['line']}"
    if any("pyodide" in url for url in fetched):
        problems.append(f"{name}: Pyodide was fetched before anything ran")
    # what the Run buttons add to the page before anything runs: the script,
    # the page's list of examples and a class on each block (the CSS is ~1 KB)
    added = (SCRIPT.stat().st_size + len(page.locator("#book-examples").text_content())
             + len(" book-example") * len(meta))
    if added > WEIGHT:
        problems.append(f"{name}: the Run buttons add {added} bytes, over {WEIGHT}")
    boxes, blocks = page.locator("div.book-run"), page.locator("div.book-example")
    gated = [i for i, e in enumerate(meta) if e.get("skip")]
    for i in gated:  # a gated block says why
        text = boxes.nth(i).text_content().strip()
        if text != f"Not run in the browser: {meta[i]['reason']}.":
            problems.append(f"{where(i)}: a gated block shows {text!r}")
    # the first sessions that print something; Run on the last runs those above it
    chosen = [i for i, e in enumerate(meta)
              if e["lang"] == "pycon" and not e.get("skip") and not e["gate"]
              and any(line.strip() and not line.startswith((">>>", "..."))
                      for line in blocks.nth(i).locator("pre").text_content().splitlines())]
    chosen = chosen[:SESSIONS]
    if len(chosen) < SESSIONS:
        problems.append(f"{name}: only {len(chosen)} runnable sessions with output")
    if chosen:
        boxes.nth(chosen[-1]).locator("button.book-run-button").click()
    return SimpleNamespace(page=page, name=name, meta=meta, where=where, boxes=boxes,
                           blocks=blocks, chosen=chosen, gated=gated, fetched=fetched,
                           problems=problems)


def check_page(p, base, edit):
    """The sessions' browser output against the page; an edit, if asked."""
    matched = 0
    for i in p.chosen:
        try:
            p.boxes.nth(i).locator("div.book-run-result:not([hidden])").wait_for(timeout=90_000)
        except TimeoutError:
            status = p.boxes.nth(i).locator("span.book-run-status").text_content()
            p.problems.append(f"{p.where(i)}: no output after 90 s (status: {status!r})")
            continue
        expected = p.blocks.nth(i).locator("pre").text_content()
        shown = p.boxes.nth(i).locator("pre.book-run-output").text_content()
        runtime = p.boxes.nth(i).locator("p.book-run-runtime").text_content()
        found = same_session(expected, shown) if runtime == RUNTIME else (f"runtime {runtime!r}", 0)
        if found:
            problem, offset = found  # the statement's line: after the fence, at its offset
            line = p.meta[i]["line"] + 1 + offset
            p.problems.append(f"{p.where(i).rsplit(':', 1)[0]}:{line}: in the browser, {problem}")
        else:
            matched += 1
    if edit and p.chosen:
        try:
            edit_and_run(p)
        except TimeoutError:
            p.problems.append(f"{p.name}: the edited block showed no new result within 60 s")
    if not any(url.startswith(bookext.PYODIDE_URL) for url in p.fetched):
        p.problems.append(f"{p.name}: Pyodide was not fetched from {bookext.PYODIDE_URL}")
    outside = [url for url in p.fetched if not url.startswith((base, bookext.PYODIDE_URL))]
    if outside:
        p.problems.append(f"{p.name}: fetched {outside[0]} (and {len(outside) - 1} more)")
    print(f"  {p.name}: {matched} of {len(p.chosen)} sessions matched the page, "
          f"{len(p.gated)} gated blocks checked" + ", an edited block ran" * edit)
    return p.problems


def edit_and_run(p):
    """Edit the first chosen session, run it, and check the new result."""
    i = p.chosen[0]
    p.boxes.nth(i).locator("button.book-edit-button").click()
    p.blocks.nth(i).locator("textarea.book-run-editor").fill(">>> sum(range(11)) * 1000\n")
    p.boxes.nth(i).locator("button.book-run-button").click()
    output = p.boxes.nth(i).locator("pre.book-run-output")
    output.filter(has_text="55000").wait_for(timeout=60_000)
    if output.text_content().strip() != ">>> sum(range(11)) * 1000\n55000":
        p.problems.append(f"{p.where(i)}: the edited block shows {output.text_content()!r}")


def main(html):
    html = Path(html)
    if not (PYODIDE / "package.json").exists():
        sys.exit(f"browser test: no local Pyodide in {PYODIDE} (make pyodide; it needs npm)")
    if not any(html.glob("day*.html")):
        sys.exit(f"browser test: no day pages in {html} (make html)")
    version = json.loads((PYODIDE / "package.json").read_text())["version"]
    if f"pyodide@{version}/" not in bookext.PYODIDE_URL:
        sys.exit(f"bookext.PYODIDE_URL names another Pyodide than tests/pyodide ({version})")
    # Debian's chromium; elsewhere (GitHub's runners) a Chromium or Chrome on PATH
    chromium = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
    if not chromium:
        sys.exit("browser test: no Chromium found (apt-get install chromium)")
    server = serve(html)
    base = f"http://127.0.0.1:{server.server_port}"
    problems, gated, start = [], 0, time.monotonic()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        context = browser.new_context()
        # the CDN, redirected to the local copy of the same Pyodide
        context.route(bookext.PYODIDE_URL + "**", lambda route: route.fulfill(status=307, headers={
            "Location": f"{base}/_pyodide/" + route.request.url.removeprefix(bookext.PYODIDE_URL)}))
        # every page loads Pyodide and runs at once; then each is checked
        pages = [open_page(context, base, path.name) for path in sorted(html.glob("day*.html"))]
        for n, p in enumerate(pages):
            problems += check_page(p, base, edit=n == 0)
            gated += len(p.gated)
        browser.close()
    server.shutdown()
    if not gated:
        problems.append("no page has a block gated away from the browser")
    for problem in problems:
        print("browser test:", problem)
    print(f"browser test: {'FAILED' if problems else 'passed'} in {time.monotonic() - start:.0f} s")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "_build/html"))
