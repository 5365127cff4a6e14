"""How the book's code blocks become tests: the Sybil configuration.

Everything custom about testing the book lives here (``conftest.py`` only wires
it in). Stock Sybil handles ``python`` fences and ``skip`` comments; this module
adds the two block kinds Sybil has no parser for:

* ``pycon`` fences: an interactive session, checked like a doctest;
* ``console`` fences: ``$ python ...`` lines run *in-process* on the interpreter
  under test (so they also work where there are no subprocesses), with the
  output compared like a doctest (ELLIPSIS, whitespace-normalised).
"""

import contextlib
import doctest
import hashlib
import io
import os
import re
import runpy
import shlex
import sys
import traceback
from types import SimpleNamespace
from pathlib import Path

from sybil import Sybil
from sybil.evaluators.doctest import DocTestEvaluator
from sybil.parsers.abstract import DocTestStringParser
from sybil.parsers.myst import CodeBlockParser, PythonCodeBlockParser, SkipParser

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE | doctest.REPORT_UDIFF
#: Fence languages a chapter may use; the first three are executed.
EXECUTED = ("python", "pycon", "console")
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
            commands = parse_console(str(block.parsed), f"{document.path}:{line}")
            block.parsed = commands
            block.evaluator = self.evaluate
            yield block

    def evaluate(self, example):
        checker = doctest.OutputChecker()
        for command, want in example.parsed:
            got = run_python(command)
            if not checker.check_output(want, got, self.optionflags):
                diff = checker.output_difference(
                    doctest.Example(command, want), got, self.optionflags
                )
                return f"$ {command}\n{diff}"
        return None


def parse_console(text, where):
    """Split a console block into ``[(command, expected_output), ...]``."""
    commands = []
    for line in text.splitlines(keepends=True):
        if line.startswith("$ "):
            command = line[2:].strip()
            if not command.startswith("python "):
                raise ValueError(
                    f"{where}: console blocks run only `python ...` commands, "
                    f"in-process; got {command!r}"
                )
            commands.append([command, ""])
        elif commands:
            commands[-1][1] += line
        elif line.strip():
            raise ValueError(f"{where}: a console block must start with a `$ ` line")
    if not commands:
        raise ValueError(f"{where}: a console block without any `$ ` command")
    return [tuple(c) for c in commands]


def run_python(command):
    """Run ``python -m MOD ...``, ``python FILE ...`` or ``python -c CODE ...``
    in this interpreter, from the repository root; return stdout+stderr."""
    args = shlex.split(command)[1:]
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


def tree_snapshot():
    """Every file in the work tree, except tool and build folders."""
    found = set()
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in (".git", ".venv", ".tox", "_build", "node_modules")]
        found.update(str(Path(folder, f).relative_to(ROOT)) for f in files)
    return found


def setup(namespace):
    """Names every document starts with: `sys` for the skip conditions."""
    namespace["sys"] = sys


PARSERS = [
    PythonCodeBlockParser(doctest_optionflags=FLAGS),
    PyconParser(),
    ConsoleParser(),
    SkipParser(),
]

sybil = Sybil(parsers=PARSERS, patterns=["*.md"], path=str(DOCS), setup=setup)
