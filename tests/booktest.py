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

from sybil import Sybil
from sybil.evaluators.doctest import DocTestEvaluator
from sybil.parsers.abstract import DocTestStringParser
from sybil.evaluators.skip import Skipper
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
        where = f"{Path(example.path).relative_to(ROOT)}:{example.line}"
        for command, want in example.parsed:
            try:
                got = run_command(command, where)
            except ValueError as error:
                return str(error)
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
            split_command(command, where)  # fails early on anything but python
            commands.append([command, ""])
        elif commands:
            commands[-1][1] += line
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
    shell = [w for w in words if w and set(w) <= set("();<>|&")] + \
        [w for w in shlex.split(command) if "$" in w and not w.startswith("-")]
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


def run_command(command, where):
    """Run a console line with the interpreter under test, from the repository
    root; return its stdout and stderr, interleaved as a terminal shows them.

    Natively it is a real process (``sys.executable``), so interpreter options
    and environment settings work as typed. WebAssembly cannot start
    processes: there ``python -m MOD``, ``python FILE`` and ``python -c CODE``
    run in-process, and anything else is an error (gate the block)."""
    env, args = split_command(command, where)
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


FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*?)[ \t]*$")
CODE_DIRECTIVE = re.compile(r"^\{(code-block|code|sourcecode)\}\s*(?P<lang>\S*)")


def fenced_blocks(path):
    """Yield (line, language, start, end, lines) for every fenced code block.

    Directive fences (```{tab-set}, ```{note} ...) are transparent: their
    content is Markdown, so blocks nested in them are found too.
    """
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    directives, i = [], 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        fence, info = m["fence"], m["info"]
        if not info and directives and directives[-1][0] == fence[0] and len(fence) >= directives[-1][1]:
            directives.pop()  # closes a directive fence
            i += 1
            continue
        code = CODE_DIRECTIVE.match(info)
        if info.startswith("{") and not code:
            directives.append((fence[0], len(fence)))
            i += 1
            continue
        language = code["lang"] if code else info.split()[0] if info else ""
        close = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        j = i + 1
        while j < len(lines) and not close.match(lines[j]):
            j += 1
        yield i + 1, language, offsets[i], offsets[min(j + 1, len(lines))], lines[i + 1 : j]
        i = j + 1


# --- Claims -----------------------------------------------------------------
# A claim is a colon-fenced {claim} directive (rendered by bookext.py); its
# proofs are the executable blocks after it, up to the next claim or heading.

CLAIM = re.compile(r"^:::\{claim\}\s+(?P<id>\S+)\s*$")
KINDS = {"guarantee": "language guarantee", "detail": "CPython implementation detail",
         "version": "version-specific"}
SUPPORTED = ["3.10", "3.11", "3.12", "3.13", "3.14", "3.15"]


def parse_versions(text):
    """'3.10+', '3.12-3.13', '3.11', or a comma-separated mix -> ['3.12', ...]."""
    minor = [int(v.split(".")[1]) for v in SUPPORTED]
    chosen = set()
    for part in text.replace(" ", "").split(","):
        if part.endswith("+"):
            low = int(part[:-1].split(".")[1])
            chosen.update(m for m in minor if m >= low)
        elif "-" in part:
            low, high = (int(p.split(".")[1]) for p in part.split("-"))
            chosen.update(m for m in minor if low <= m <= high)
        elif part in SUPPORTED:
            chosen.add(int(part.split(".")[1]))
        else:
            raise ValueError(f"bad versions {text!r}: use 3.10+, 3.12-3.13 or 3.11")
    return [f"3.{m}" for m in sorted(chosen)]


def claims(path):
    """Every claim in a chapter: dicts with id, kind, versions, line (of the
    directive), sentence (the line its text starts on), proofs
    (the first lines of its proof blocks) and problems (what is malformed)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    blocks = [(line, lang) for line, lang, *_ in fenced_blocks(Path(path))]
    found = []
    for n, text in enumerate(lines, 1):
        m = CLAIM.match(text)
        if m:
            options = {}
            for option in lines[n:n + 3]:
                o = re.match(r"^:(\w+):\s*(.*)$", option)
                if o:
                    options[o[1]] = o[2].strip()
            sentence = next((k for k in range(n + 1, len(lines) + 1)
                             if not re.match(r"^:\w+:", lines[k - 1])), n)
            claim = {"id": m["id"], "line": n, "sentence": sentence, "kind": options.get("kind"),
                     "versions": [], "proofs": [], "problems": []}
            if claim["kind"] not in KINDS:
                claim["problems"].append(f":kind: must be one of {', '.join(KINDS)}")
            try:
                claim["versions"] = parse_versions(options.get("versions", ""))
            except ValueError as error:
                claim["problems"].append(str(error))
            found.append(claim)
        elif re.match(r"^#{1,6} ", text) and found:
            found.append({"id": None, "line": n})  # a heading ends the last claim
    ends = [c["line"] for c in found[1:]] + [len(lines) + 1]
    result = []
    for claim, end in zip(found, ends):
        if claim["id"]:
            claim["proofs"] = [line for line, lang in blocks
                               if claim["line"] < line < end and lang in EXECUTED]
            result.append(claim)
    return result


def version_span(versions):
    """['3.12', '3.13', '3.14', '3.15'] -> '3.12+'; ['3.11'] -> '3.11'; else a range or list."""
    minors = [int(v.split(".")[1]) for v in versions]
    last = int(SUPPORTED[-1].split(".")[1])
    if len(minors) > 1 and minors == list(range(minors[0], minors[-1] + 1)):
        return f"3.{minors[0]}+" if minors[-1] == last else f"3.{minors[0]}-3.{minors[-1]}"
    return ", ".join(versions)


#: Outcome of every example in this run: {("day01-....md", line): "passed"}.
OUTCOMES = {}
#: Ids of claims stated for this version that no proof proved (tests/test_claims.py).
UNPROVED = set()


class ProbingSkipper(Skipper):
    """Sybil's skipper, plus a probe: an example gated away from this version
    is still run, in a copy of the namespace. If it passes here, the gate is
    unnecessary and the example fails, saying so. A gate whose reason says
    "not probed" is exempt (for blocks that would crash this interpreter)."""

    def evaluate_other_example(self, example):
        state = self.state_for(example)
        skip = state.exception
        unnecessary = None
        if state.active and skip is not None and "not probed" not in str(skip):
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
                raise AssertionError(unnecessary) from None
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
