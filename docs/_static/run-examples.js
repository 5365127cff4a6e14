// Run a page's examples in the reader's browser, on Pyodide (CPython 3.14
// compiled to WebAssembly). Nothing is downloaded until the reader presses Run.
//
// bookext.py marks each executed block (div.book-example) and appends the
// page's list of examples (#book-examples: language, skip gate, its reason,
// and whether the gate keeps it from Pyodide 3.14) and the Pyodide URL.
// As in the book's test suite, a page's examples share one namespace and run
// in order: running one first runs the examples above it that have not run.
"use strict";
(() => {
  const data = document.getElementById("book-examples");
  const blocks = [...document.querySelectorAll("div.book-example")];
  if (!data) return;
  const { url, examples } = JSON.parse(data.textContent);
  if (blocks.length !== examples.length) return;

  // Python side: run one example in the page's namespace, like the suite does
  // (a pycon block as a REPL session, a python block as a script).
  const RUNNER = `
import contextvars, doctest, io, sys, traceback

# One context for the page, as one REPL has: each call from JavaScript would
# otherwise start from a fresh copy, losing what a ContextVar was set to.
CONTEXT = contextvars.copy_context()

def show_error():
    error = sys.exception()  # without this runner's own frame, as a REPL shows it
    traceback.print_exception(type(error), error, error.__traceback__.tb_next)

def book_run(text, lang, gate, ns):
    if gate and CONTEXT.run(eval, gate, ns):
        return True, ""
    out, shown, saved = io.StringIO(), [], (sys.stdout, sys.stderr)
    sys.stdout = sys.stderr = out
    try:
        if lang == "pycon":
            for example in doctest.DocTestParser().get_examples(text):
                lines = example.source.rstrip("\\n").split("\\n")
                shown += [">>> " + lines[0]] + ["... " + line for line in lines[1:]]
                out.seek(0)
                out.truncate()
                try:
                    CONTEXT.run(exec, compile(example.source, "<stdin>", "single"), ns)
                except BaseException:
                    show_error()
                if out.getvalue():
                    shown.append(out.getvalue().rstrip("\\n"))
        else:
            try:
                CONTEXT.run(exec, compile(text, "<example>", "exec"), ns)
            except BaseException:
                show_error()
            shown.append(out.getvalue().rstrip("\\n"))
    finally:
        sys.stdout, sys.stderr = saved
    return False, "\\n".join(shown)
`;
  let python = null; // a promise of [pyodide, namespace, runtime]
  let done = -1; // the last example run, in page order
  let queue = Promise.resolve(); // one run at a time, in the order pressed

  function load(say) {
    if (!python) {
      say("Loading CPython 3.14 for WebAssembly (about 13 MB, once per page)…");
      python = new Promise((ok, fail) => {
        const script = Object.assign(document.createElement("script"), { src: url + "pyodide.js" });
        script.onload = ok;
        script.onerror = () => fail(new Error("could not load " + script.src));
        document.head.append(script);
      }).then(async () => {
        const pyodide = await globalThis.loadPyodide({ indexURL: url });
        pyodide.runPython(RUNNER);
        // what the suite's namespace starts with (tests/booktest.py; Sybil's __name__)
        const namespace = pyodide.runPython("{'sys': sys, '__name__': '__test__'}");
        const runtime = pyodide.runPython(
          "import platform; f'CPython {platform.python_version()}, WebAssembly, in your browser'");
        return [pyodide, namespace, runtime];
      });
      python.catch(() => (python = null));
    }
    return python;
  }

  const ui = blocks.map((block, i) => {
    const example = examples[i];
    const box = Object.assign(document.createElement("div"), { className: "book-run" });
    block.after(box);
    if (example.skip) {
      box.append(Object.assign(document.createElement("p"), {
        className: "book-run-gated",
        textContent: "Not run in the browser: " + example.reason + ".",
      }));
      return { example, runnable: false };
    }
    const button = (label, cls) =>
      Object.assign(document.createElement("button"), { type: "button", textContent: label, className: cls });
    const run = button("Run", "book-run-button");
    run.title = "Run it in your browser on CPython 3.14 (WebAssembly), after the examples above it";
    const edit = button("Edit", "book-edit-button");
    edit.title = "Change the example, then press Run";
    run.setAttribute("aria-label", `Run example ${i + 1} in your browser`);
    edit.setAttribute("aria-label", `Edit example ${i + 1}`);
    const status = Object.assign(document.createElement("span"), { className: "book-run-status" });
    status.setAttribute("role", "status");
    const result = Object.assign(document.createElement("div"), { className: "book-run-result", hidden: true });
    const runtime = Object.assign(document.createElement("p"), { className: "book-run-runtime" });
    const output = Object.assign(document.createElement("pre"), { className: "book-run-output" });
    result.append(runtime, output);
    box.append(run, edit, status, result);
    const entry = { example, runnable: true, block, status, result, runtime, output, editor: null };
    run.onclick = () => (queue = queue.then(() => runUpTo(i, run)));
    edit.onclick = () => {
      if (entry.editor) return entry.editor.focus();
      entry.editor = Object.assign(document.createElement("textarea"), {
        className: "book-run-editor", spellcheck: false, value: source(entry),
        rows: Math.min(20, source(entry).split("\n").length + 1),
      });
      block.querySelector("div.highlight").hidden = true;
      block.append(entry.editor);
      entry.editor.focus();
    };
    return entry;
  });

  // The block's text as shown (a session with its output: the output lines
  // are ignored when it runs), or as the reader edited it.
  const source = (entry) => (entry.editor ? entry.editor.value : entry.block.querySelector("pre").textContent);

  async function runUpTo(i, button) {
    const entry = ui[i];
    const say = (text) => (entry.status.textContent = text);
    button.disabled = true;
    try {
      const [pyodide, namespace, runtime] = await load(say);
      const earlier = ui.slice(done + 1, i).filter((e) => e.runnable);
      say(earlier.length ? `Running the ${earlier.length} example(s) above it first…` : "Running…");
      await new Promise((next) => setTimeout(next, 20)); // let the status show
      const book_run = pyodide.globals.get("book_run");
      for (const e of [...earlier, entry]) {
        // With JS promise integration (Chromium), asyncio.run() in an example can
        // wait; elsewhere the call is plain and such an example says it cannot.
        const args = [source(e), e.example.lang, e.example.gate, namespace];
        const result = "Suspending" in WebAssembly ? await book_run.callPromising(...args) : book_run(...args);
        const [skipped, shown] = result.toJs();
        e.runtime.textContent = runtime;
        e.output.textContent = skipped ? `Skipped on this Python: ${e.example.reason}.` : shown || "(no output)";
        e.result.hidden = false;
      }
      done = Math.max(done, i);
      say(earlier.length ? `Ran the ${earlier.length} example(s) above it first: a page's examples share one namespace.` : "");
    } catch (error) {
      say(String(error.message || error).split("\n").slice(-2).join(" "));
    } finally {
      button.disabled = false;
    }
  }
})();
