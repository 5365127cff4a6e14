"""The guard: no code block in the book escapes the suite.

Sybil silently ignores what it does not recognise (a ``python3`` fence, a
colon-fenced ``code-block``, a ``pycon`` block without ``>>>``). These tests
read the chapters independently of Sybil and fail, naming file and line, on
any block the suite would not run.
"""

import re

import pytest

from booktest import ALLOWED, DOCS, ROOT, report, sybil, where
from claims import EXECUTED, fenced_blocks

#: Longest line a `text` diagram may have: LaTeX does not wrap it in the PDF.
TEXT_WIDTH = 78
#: Longest line of code or output that fits a PDF page (longer ones are
#: broken mid-token there): wrap it in the source or in what is printed.
CODE_WIDTH = 86
TOO_LONG = f"line longer than {CODE_WIDTH} characters is broken mid-token in the PDF; wrap it"

CHAPTERS = sorted(DOCS.glob("*.md"))


def long_lines(lines, first, width):
    """The numbers of the lines longer than `width` (the first is numbered `first`)."""
    return [n for n, text in enumerate(lines, first) if len(text.rstrip("\n")) > width]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_every_block_runs(path):
    """Every block has an allowed language, and every executable one is collected."""
    regions = [region for _, region in sybil.parse(path).regions]
    problems = []
    for line, language, start, end, body in fenced_blocks(path):
        if language not in ALLOWED:
            problems.append(
                f"{where(path, line)}: fence language {language!r} is not one of "
                f"{', '.join(ALLOWED)} (Sybil would silently ignore it)"
            )
        elif language == "python" and "".join(body).lstrip().startswith(">>>"):
            problems.append(f"{where(path, line)}: an interactive session belongs in a pycon block")
        elif language in EXECUTED and not any(start <= r.start < end for r in regions):
            problems.append(f"{where(path, line)}: this {language} block is never run")
        elif language in EXECUTED:
            problems += [f"{where(path, n)}: {TOO_LONG}"
                         for n in long_lines(body, line + 1, CODE_WIDTH)]
        elif language == "text":
            problems += [f"{where(path, n)}: text line longer than {TEXT_WIDTH} characters "
                         "is cut off in the PDF" for n in long_lines(body, line + 1, TEXT_WIDTH)]
    report(problems)


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_no_silently_ignored_forms(path):
    """Forms that look like tests but are not: colon-fenced code blocks,
    skips without a condition and a reason, and gates on PyPy that the
    probe would not check (only gates on sys.implementation are probed there)."""
    problems = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if re.match(r"^\s*:{3,}\s*\{(code-block|code|sourcecode)\}", line):
            problems.append(f"{where(path, n)}: a colon-fenced code block is never run; use ``` fences")
        if re.match(r"^\s*%\s*skip\b", line):
            problems.append(f"{where(path, n)}: write skips as <!-- skip: ... --> comments")
        if re.search(r"<!--\s*skip:.*(pypy_version_info|python_implementation)", line):
            problems.append(f"{where(path, n)}: gate another implementation on "
                            "sys.implementation.name, which the probe checks there")
        for skip in re.findall(r"<!--\s*skip:\s*(.*?)\s*-->", line):
            if skip != "end" and not re.fullmatch(r"(next|start) if\(.*,\s*reason=(['\"]).+\2\)", skip):
                problems.append(
                    f"{where(path, n)}: a skip must be `next if(CONDITION, reason=\"...\")` "
                    f"(or `start if(...)` ... `end`); got {skip!r}"
                )
    report(problems)


def test_every_example_is_shown_and_run():
    """Each program in examples/ is included in a chapter and run by a console block."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in CHAPTERS)
    examples = sorted(p for p in (ROOT / "examples").rglob("*.py") if not p.name.startswith("_"))
    problems = []
    for example in examples:
        rel = example.relative_to(ROOT).as_posix()
        if f"{{literalinclude}} ../{rel}" not in text:
            problems.append(f"{rel}: not shown in any chapter (```{{literalinclude}} ../{rel})")
        if not re.search(rf"^\$ python .*{re.escape(rel)}", text, re.MULTILINE):
            problems.append(f"{rel}: not run by any console block ($ python {rel})")
        lines = example.read_text(encoding="utf-8").splitlines()
        problems += [f"{rel}:{n}: {TOO_LONG}" for n in long_lines(lines, 1, CODE_WIDTH)]
    report(problems)
