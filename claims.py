"""What a claim is: the one definition the build (bookext.py) and the suite
(tests/) share. Neither keeps a copy of anything here.

A claim is a colon-fenced directive in a chapter, and its proofs are the
executable blocks after it, up to the next claim or heading::

    :::{claim} day01.fold-constants
    :kind: detail
    :versions: 3.10+
    :summary: Constant expressions are folded at compile time
    The optimizer folds constant expressions ...
    :::

To add a field: write its parser (text -> value, ValueError if invalid), put
it in OPTIONS, and give Claim an attribute of the same name. The directive
accepts the option, the suite reports a bad value with file and line, and
both sides see the parsed value.
"""

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

#: The CPython feature releases the book covers.
SUPPORTED = ["3.10", "3.11", "3.12", "3.13", "3.14", "3.15"]
#: A claim's kind, and how its label names it.
KINDS = {"guarantee": "language guarantee", "detail": "CPython detail",
         "version": "version-specific"}
#: Fence languages the suite runs (and that can therefore prove a claim).
EXECUTED = ("python", "pycon", "console")


def parse_kind(text):
    if text not in KINDS:
        raise ValueError(f":kind: must be one of {', '.join(KINDS)}")
    return text


def parse_summary(text):
    """The ledger's one-line summary of the claim, written by the author."""
    if not text:
        raise ValueError(":summary: is required (one short line for the ledger)")
    if len(text) > SUMMARY_WIDTH:
        raise ValueError(f":summary: is {len(text)} characters; at most {SUMMARY_WIDTH}")
    if set(text) & set("`*[]{}"):
        raise ValueError(":summary: is plain text (no Markdown)")
    return text


def parse_changed(text):
    """'3.12', '3.11, 3.13' or '3.12.5' -> the releases where the behaviour
    changed (optional, except for version-specific claims: see make)."""
    releases = [r.strip() for r in text.split(",") if r.strip()]
    for release in releases:
        if ".".join(release.split(".")[:2]) not in SUPPORTED[1:] or not re.fullmatch(
                r"3\.\d+(\.\d+)?", release):
            raise ValueError(f":changed: {release!r} is not a release after "
                             f"{SUPPORTED[0]} (like 3.12 or 3.12.5)")
    return releases


def parse_versions(text):
    """'3.10+', '3.12-3.13', '3.11', or a comma-separated mix -> ['3.12', ...]."""
    chosen = set()
    for part in text.replace(" ", "").split(","):
        if part.endswith("+") and part[:-1] in SUPPORTED:
            chosen.update(SUPPORTED[SUPPORTED.index(part[:-1]):])
        elif "-" in part and all(p in SUPPORTED for p in part.split("-")):
            low, high = (SUPPORTED.index(p) for p in part.split("-"))
            chosen.update(SUPPORTED[low : high + 1])
        elif part in SUPPORTED:
            chosen.add(part)
        else:
            raise ValueError(f":versions: {text!r} is not like 3.10+, 3.12-3.13 or 3.11")
    return [v for v in SUPPORTED if v in chosen]


#: Every option a claim takes, and its parser (an empty value is parsed too,
#: so a parser decides whether its option is required).
OPTIONS = {"kind": parse_kind, "versions": parse_versions, "summary": parse_summary,
           "changed": parse_changed}
#: Longest ledger summary, in characters.
SUMMARY_WIDTH = 90


@dataclass
class Claim:
    id: str
    kind: str = None
    versions: list = field(default_factory=list)
    summary: str = ""
    changed: list = field(default_factory=list)  # releases: ['3.12'], ['3.12.5']
    line: int = 0       # of the directive
    sentence: int = 0   # where its text starts
    proofs: list = field(default_factory=list)    # first lines of its proof blocks
    problems: list = field(default_factory=list)  # what is malformed

    @property
    def label(self):
        """What the text shows after the claim: the kind, the versions only if
        not all, and where it changed: 'CPython detail', 'CPython detail, from
        3.11', 'version-specific, changed in 3.12'."""
        parts = [KINDS.get(self.kind, self.kind)]
        if self.versions != SUPPORTED:
            span = version_span(self.versions)
            parts.append(f"from {span[:-1]}" if span.endswith("+") else span)
        # a change in the first release stated is already said by "from 3.N"
        changed = [r for r in self.changed if self.versions == SUPPORTED or r != self.versions[0]]
        if changed:
            parts.append("changed in " + and_list(changed))
        return ", ".join(parts)


def and_list(words):
    """['3.11', '3.12', '3.13'] -> '3.11, 3.12 and 3.13'."""
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else "".join(words)


def make(claim_id, options, line=0, sentence=0):
    """A Claim from its id and its options' text; problems lists what is wrong."""
    claim = Claim(claim_id, line=line, sentence=sentence)
    for name, parse in OPTIONS.items():
        try:
            setattr(claim, name, parse(options.get(name, "").strip()))
        except ValueError as error:
            claim.problems.append(str(error))
    claim.problems += [f"unknown option :{name}:" for name in options if name not in OPTIONS]
    if claim.kind == "version" and not claim.changed and "changed" not in options:
        claim.problems.append(":changed: is required for a version-specific claim "
                              "(the release where the behaviour changed)")
    outside = [r for r in claim.changed if ".".join(r.split(".")[:2]) not in claim.versions]
    if outside and claim.versions:
        claim.problems.append(f":changed: {', '.join(outside)} is outside :versions:")
    return claim


def version_span(versions, dash="\u2013", plus=True):
    """['3.12', '3.13', '3.14', '3.15'] -> '3.12+' (not plus: '3.12–3.15'); ['3.11']
    -> '3.11'; else a range or list. '3.12.1' counts as 3.12."""
    minors = sorted({int(v.split(".")[1]) for v in versions})
    last = int(SUPPORTED[-1].split(".")[1])
    if len(minors) > 1 and minors == list(range(minors[0], minors[-1] + 1)):
        if plus and minors[-1] == last:
            return f"3.{minors[0]}+"
        return f"3.{minors[0]}{dash}3.{minors[-1]}"
    return ", ".join(f"3.{m}" for m in minors)


CLAIM = re.compile(r"^:::\{claim\}\s+(?P<id>\S+)\s*$")
OPTION = re.compile(r"^:(\w+):\s*(.*)$")
HEADING = re.compile(r"^#{1,6} ")


def read(path):
    """Every claim in a chapter, with the lines of its proof blocks; no proof
    block, or a release in :changed: that no proof tests, is among its problems."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    fences = list(fenced_blocks(Path(path)))
    blocks = {line: body for line, lang, _, _, body in fences if lang in EXECUTED}
    code = {n for line, _, _, _, body in fences for n in range(line, line + len(body) + 2)}
    found = []  # claims, and None where a heading ends the previous one
    for n, text in enumerate(lines, 1):
        if n in code:
            continue  # a "# comment" in a code block is not a heading
        m = CLAIM.match(text)
        if m:
            options, k = {}, n
            while k < len(lines) and OPTION.match(lines[k]):
                name, value = OPTION.match(lines[k]).groups()
                options[name] = value
                k += 1
            found.append((n, make(m["id"], options, line=n, sentence=k + 1)))
        elif HEADING.match(text) and found:
            found.append((n, None))
    ends = [n for n, _ in found[1:]] + [len(lines) + 1]
    for (start, claim), end in zip(found, ends):
        if claim:
            claim.proofs = [line for line in blocks if start < line < end]
            if not claim.proofs:
                claim.problems.append("no proof block follows it (before the next "
                                      "claim or heading)")
            for release in claim.changed:
                # tested: the proof's skip gate or its code compares the version with
                # it, so the variants on both sides exist ('3.12.5': "(3, 12, 5")
                tested = r"\(3,\s*" + r",\s*".join(release.split(".")[1:]) + r"\b"
                if not any(re.search(tested, text) for line in claim.proofs
                           for text in [lines[line - 2], *blocks[line]]):
                    claim.problems.append(f":changed: {release}, but no proof tests that release "
                                          f"(a gate or a check naming ({release.replace('.', ', ')}))")
    return [claim for _, claim in found if claim]


FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*?)[ \t]*$")
CODE_DIRECTIVE = re.compile(r"^\{(code-block|code|sourcecode)\}\s*(?P<lang>\S*)")


def fenced_blocks(path):
    """Yield (line, language, start, end, lines) for every fenced code block.

    Directive fences (```{tab-set}, ```{note} ...) are transparent: their
    content is Markdown, so blocks nested in them are found too.
    """
    lines = Path(path).read_text(encoding="utf-8").splitlines(keepends=True)
    offsets = [0, *itertools.accumulate(len(line) for line in lines)]
    directives, i = [], 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        i += 1  # now the number of the line matched, and the index of the next one
        if not m:
            continue
        fence, info = m["fence"], m["info"]
        if not info and directives and directives[-1][0] == fence[0] and len(fence) >= directives[-1][1]:
            directives.pop()  # closes a directive fence
            continue
        code = CODE_DIRECTIVE.match(info)
        if info.startswith("{") and not code:
            directives.append((fence[0], len(fence)))
            continue
        language = code["lang"] if code else info.split()[0] if info else ""
        close = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        j = i
        while j < len(lines) and not close.match(lines[j]):
            j += 1
        yield i, language, offsets[i - 1], offsets[min(j + 1, len(lines))], lines[i:j]
        i = j + 1
