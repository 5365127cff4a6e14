"""How the book's code blocks become tests: the Sybil configuration.

Everything custom about testing the book lives here (``conftest.py`` only wires
it in). Stock Sybil handles ``python`` fences and ``skip`` comments; this module
adds the two block kinds Sybil has no parser for:

* ``pycon`` fences: an interactive session, checked like a doctest;
* ``console`` fences: ``$ python ...`` lines (after optional ``NAME=value``
  settings) run by the interpreter under test as a real process, from the
  repository root (in-process under WebAssembly, which has no processes),
  with the output compared like a doctest (ELLIPSIS, whitespace-normalised).
"""

import contextlib
import copy
import doctest
import hashlib
import io
import os
import re
import runpy
import shlex
import subprocess
import sys
import traceback
from unittest import SkipTest
from types import SimpleNamespace
from pathlib import Path

import pytest
from sybil import Sybil
from sybil.evaluators.doctest import DocTestEvaluator
from sybil.parsers.abstract import DocTestStringParser
from sybil.evaluators.skip import Skipper
from sybil.parsers.myst import CodeBlockParser, PythonCodeBlockParser, SkipParser

from claims import EXECUTED

# Tracebacks are coloured from 3.13 when the environment allows it. The book's
# outputs are plain whoever runs the suite, and so are those of the processes
# its blocks start, which inherit this environment.
os.environ.update(PYTHON_COLORS="0", NO_COLOR="1")
os.environ.pop("FORCE_COLOR", None)

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE | doctest.REPORT_UDIFF
#: Fence languages a chapter may use: the executed ones, and text.
ALLOWED = EXECUTED + ("text",)


class PyconParser:
    """```pycon fences: an interactive session, checked like a doctest.

    The whole block is one example (so a `skip: next` gate covers all of it);
    a failure names the line of the ``>>>`` that went wrong."""

    def __init__(self, optionflags=FLAGS):
        self.blocks = CodeBlockParser("pycon")
        self.doctests = DocTestStringParser(DocTestEvaluator(optionflags))

    def __call__(self, document):
        for block in self.blocks(document):
            body = document.text.count("\n", 0, block.start) + 2  # first line inside
            block.parsed = [
                (body + region.parsed.lineno, region)
                for region in self.doctests(block.parsed, document.path)
            ]
            block.evaluator = self.evaluate
            if block.parsed:
                yield block

    def evaluate(self, example):
        for line, region in example.parsed:
            step = SimpleNamespace(parsed=region.parsed, namespace=example.namespace,
                                   path=example.path)
            failure = region.evaluator(step)
            if failure:
                return f"at line {line}:\n{failure}"
        return None


class ConsoleParser:
    """```console fences: ``$ python ...`` commands and their expected output."""

    def __init__(self, optionflags=FLAGS):
        self.blocks = CodeBlockParser("console")
        self.optionflags = optionflags

    def __call__(self, document):
        for block in self.blocks(document):
            line = document.text.count("\n", 0, block.start) + 2
            block.parsed = parse_console(str(block.parsed), f"{document.path}:{line}")
            block.evaluator = self.evaluate
            yield block

    def evaluate(self, example):
        checker = doctest.OutputChecker()
        where = f"{Path(example.path).relative_to(ROOT)}:{example.line}"
        for command, env, args, want in example.parsed:
            try:
                got = run_command(command, env, args, where)
            except ValueError as error:
                return str(error)
            if not checker.check_output(want, got, self.optionflags):
                diff = checker.output_difference(
                    doctest.Example(command, want), got, self.optionflags
                )
                return f"$ {command}\n{diff}"
        return None


def parse_console(text, where):
    """Split a console block into ``[(command, env, args, expected_output), ...]``."""
    commands = []
    for line in text.splitlines(keepends=True):
        if line.startswith("$ "):
            command = line[2:].strip()
            commands.append([command, *split_command(command, where), ""])
        elif commands:
            commands[-1][-1] += line
        elif line.strip():
            raise ValueError(f"{where}: a console block must start with a `$ ` line")
    if not commands:
        raise ValueError(f"{where}: a console block without any `$ ` command")
    return [tuple(c) for c in commands]


def split_command(command, where):
    """``NAME=value ... python ARGS`` -> ({NAME: value}, [ARGS]). Shell syntax
    (pipes, redirections, ``$VAR``, ``;``) is an error: nothing here is a shell."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    try:
        words = list(lexer)
    except ValueError as error:  # an unclosed quote
        raise ValueError(f"{where}: cannot split {command!r}: {error}") from None
    shell = [w for w in words if (w and set(w) <= set("();<>|&"))
             or ("$" in w and not w.startswith("-"))]
    if shell:
        raise ValueError(f"{where}: console lines are run without a shell; {command!r} uses "
                         f"shell syntax ({', '.join(shell)}), which would be passed to "
                         "python as arguments. Show it in prose or a text block instead.")
    env = {}
    while words and re.match(r"[A-Za-z_]\w*=", words[0]):
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    if words[:1] != ["python"]:
        raise ValueError(f"{where}: console blocks run only `python ...` commands "
                         f"(optionally after NAME=value settings); got {command!r}")
    return env, words[1:]


#: Seconds a console line may take before it counts as hung.
TIMEOUT = 120


def run_command(command, env, args, where):
    """Run a console line with the interpreter under test, from the repository
    root; return its stdout and stderr, interleaved as a terminal shows them.

    Natively it is a real process (``sys.executable``), so interpreter options
    and environment settings work as typed. WebAssembly cannot start
    processes: there ``python -m MOD``, ``python FILE`` and ``python -c CODE``
    run in-process, and anything else is an error (gate the block)."""
    if sys.platform != "emscripten":
        env = {**os.environ, "PYTHONUNBUFFERED": "1", **env}
        try:
            done = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, timeout=TIMEOUT,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  text=True, encoding="utf-8", errors="replace")
        except subprocess.TimeoutExpired:
            return f"{where}: `$ {command}` did not finish in {TIMEOUT} s\n"
        return done.stdout
    if env or not args or (args[0].startswith("-") and args[0] not in ("-m", "-c")):
        raise ValueError(
            f"{where}: `$ {command}` needs a new interpreter process (environment "
            "settings or interpreter options), which WebAssembly cannot start; gate the "
            "block with <!-- skip: next if(sys.platform == \"emscripten\", reason=\"...\") -->")
    return run_in_process(args)


def run_in_process(args):
    """Run ``-m MOD ...``, ``FILE ...`` or ``-c CODE ...`` in this interpreter,
    from the repository root; return stdout+stderr."""
    out = io.StringIO()
    saved = sys.argv[:], sys.path[:], os.getcwd()
    try:
        os.chdir(ROOT)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            try:
                if args[:1] == ["-m"]:
                    sys.argv = [args[1]] + args[2:]
                    sys.path.insert(0, str(ROOT))
                    runpy.run_module(args[1], run_name="__main__", alter_sys=True)
                elif args[:1] == ["-c"]:
                    sys.argv = ["-c"] + args[2:]
                    sys.path.insert(0, "")
                    exec(compile(args[1], "<string>", "exec"), {"__name__": "__main__"})
                else:
                    sys.argv = args
                    sys.path.insert(0, str((ROOT / args[0]).parent))
                    runpy.run_path(args[0], run_name="__main__")
            except SystemExit as exit:
                if exit.code not in (None, 0) and not isinstance(exit.code, int):
                    print(exit.code, file=sys.stderr)
            except Exception:
                traceback.print_exc()
    finally:
        sys.argv[:], sys.path[:] = saved[0], saved[1]
        os.chdir(saved[2])
    return out.getvalue()


def fingerprint(path):
    """A short hash of a chapter's examples: it changes whenever one is added,
    removed or edited (the "Verified on" page records it)."""
    document = sybil.parse(Path(path))
    examples = "".join(document.text[r.start : r.end] for _, r in document.regions)
    return hashlib.sha256(examples.encode("utf-8")).hexdigest()[:12]


#: Outcome of every example in this run: {("day01-....md", line): "passed"}.
OUTCOMES = {}
#: Ids of claims stated for this version that no proof proved (tests/test_claims.py).
UNPROVED = set()
#: On an implementation other than CPython (PyPy): its name; there a claim
#: that is not a guarantee may fail, and is listed in DIFFERS instead.
OTHER_IMPLEMENTATION = None if sys.implementation.name == "cpython" else sys.implementation.name
DIFFERS = set()


class UnnecessaryGate(AssertionError):
    """A gated example passed where it is skipped: the gate is wrong."""


class ProbingSkipper(Skipper):
    """Sybil's skipper, plus a probe: an example gated away from this version
    is still run, in a copy of the namespace. If it passes here, the gate is
    unnecessary and the example fails, saying so. A gate whose reason says
    "not probed" is exempt (for blocks that would crash this interpreter).
    On PyPy only gates on ``sys.implementation`` are probed: a gate on the
    version names CPython releases, and PyPy may match another one's details."""

    def install(self, example, state, reason):
        state.condition = reason or ""
        super().install(example, state, reason)

    def evaluate_other_example(self, example):
        state = self.state_for(example)
        skip = state.exception
        unnecessary = None
        if (state.active and skip is not None and "not probed" not in str(skip)
                and (not OTHER_IMPLEMENTATION or "sys.implementation" in state.condition)):
            if getattr(state, "probe_namespace", None) is None:
                state.probe_namespace = dict(example.namespace)
            probe = copy.copy(example)
            probe.namespace = state.probe_namespace
            try:
                with contextlib.redirect_stdout(io.StringIO()), \
                        contextlib.redirect_stderr(io.StringIO()):
                    failed = example.region.evaluator(probe)
            except BaseException:
                failed = True
            if not failed:
                unnecessary = (
                    f"{example.path}:{example.line}: unnecessary gate: this example "
                    f"passes on {sys.version_info[0]}.{sys.version_info[1]} too, "
                    f"where it is skipped ({skip})"
                )
        try:
            super().evaluate_other_example(example)
        except SkipTest:
            if unnecessary:
                raise UnnecessaryGate(unnecessary) from None
            raise


class ProbingSkipParser(SkipParser):
    def __init__(self):
        super().__init__()
        self.skipper = ProbingSkipper(self.directive)


def tree_snapshot():
    """Every file in the work tree, except tool and build folders."""
    found = set()
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in (".git", ".venv", ".tox", "_build", "node_modules")]
        found.update(str(Path(folder, f).relative_to(ROOT)) for f in files)
    return found


def where(path, line):
    return f"{path.relative_to(ROOT)}:{line}"


def report(problems):
    """Fail the test with every problem found, one a line (no traceback)."""
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def setup(namespace):
    """Names every document starts with: `sys` for the skip conditions."""
    namespace["sys"] = sys


PARSERS = [
    PythonCodeBlockParser(doctest_optionflags=FLAGS),
    PyconParser(),
    ConsoleParser(),
    ProbingSkipParser(),
]

sybil = Sybil(parsers=PARSERS, patterns=["*.md"], path=str(DOCS), setup=setup)
