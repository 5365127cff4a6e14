// Run the book's suite on CPython compiled to WebAssembly (Pyodide), under Node.
//
//   node --experimental-wasm-stack-switching tests/pyodide/run.mjs 314 [pytest args...]
//
// The repository is mounted at /book; the pure-Python wheels the suite needs
// (pytest, Sybil, ...) are unpacked by tests/matrix.py into _build/pyodide/site.
// Exits with pytest's exit code. A Python error prints its traceback only.
import { writeSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const [tag, ...pytestArgs] = process.argv.slice(2);
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const out = (fd) => ({ write: (buf) => (writeSync(fd, buf), buf.length) });

let pyodide;
try {
  const { loadPyodide } = await import(`pyodide${tag}`);
  pyodide = await loadPyodide({
    env: {
      HOME: "/home/pyodide",
      PYTHONDONTWRITEBYTECODE: "1",
      PYTHONHASHSEED: process.env.PYTHONHASHSEED ?? String(Math.floor(Math.random() * 4294967295)),
      BOOK_RESULTS: `/book/_build/test/pyodide${tag}.json`,
      ...(process.env.CI ? { CI: process.env.CI } : {}),
      ...(process.env.BOOK_REWRITING_VERIFIED ? { BOOK_REWRITING_VERIFIED: "1" } : {}),
    },
  });
} catch (err) {
  console.error(`cannot start Pyodide ${tag}: ${err.message}`);
  console.error("install it with: npm ci --prefix tests/pyodide");
  process.exit(2);
}
pyodide.setStdout(out(1));
pyodide.setStderr(out(2));
pyodide.FS.mkdirTree("/book");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root }, "/book");
pyodide.globals.set("pytest_args", pyodide.toPy(pytestArgs));
try {
  const code = await pyodide.runPythonAsync(`
import os, sys
os.chdir("/book")
sys.path.insert(0, "/book/_build/pyodide/site")
print("PYTHONHASHSEED=" + os.environ["PYTHONHASHSEED"])
import pytest
int(pytest.main(list(pytest_args)))
`);
  process.exit(code);
} catch (err) {
  // err.message is the Python traceback; the runtime's own stack is noise.
  console.error(err.type ? err.message : String(err));
  process.exit(1);
}
