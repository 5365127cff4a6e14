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

import ast
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

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


RELEASE = re.compile(r"3\.\d+(\.\d+)?")


def parse_changed(text):
    """'3.12', '3.11, 3.13' or '3.12.5' -> the releases where the behaviour
    changed (optional, except for version-specific claims: see make). A
    feature release after the first supported one, or a patch release of any
    supported one ('3.10.10')."""
    releases = [r.strip() for r in text.split(",") if r.strip()]
    for release in releases:
        minor = ".".join(release.split(".")[:2])
        if not RELEASE.fullmatch(release) or release.endswith(".0") or minor not in (
                SUPPORTED if release.count(".") == 2 else SUPPORTED[1:]):
            raise ValueError(f":changed: {release!r} is not a release after "
                             f"{SUPPORTED[0]} (like 3.12 or 3.12.5)")
    if len(set(releases)) < len(releases):
        raise ValueError(f":changed: names a release twice ({text})")
    return sorted(releases, key=release_key)


def release_key(release):
    """'3.12.5' -> (3, 12, 5), for sorting ('3.12' sorts before '3.12.1')."""
    return tuple(int(n) for n in release.split("."))


#: What :see: may cite: a PEP, a What's New or other page of the Python
#: documentation, or a CPython issue or pull request.
SOURCES = re.compile(r"https://(peps\.python\.org/pep-\d{4}/"
                     r"|docs\.python\.org/3(\.\d+)?/[\w/.-]+\.html"
                     r"|github\.com/python/cpython/(issues|pull)/\d+)(#[\w.-]+)?")


def parse_see(text):
    """'3.12 URL 3.13 URL URL' -> {'3.12': [URL], '3.13': [URL, URL]}: for each
    release where the claim changes, the CPython sources that say so."""
    see, release = {}, None
    for token in text.split():
        if RELEASE.fullmatch(token):
            release = token
            see.setdefault(release, [])
        elif release is None:
            raise ValueError(f":see: {token!r} comes before any release (like '3.12 URL')")
        elif not SOURCES.fullmatch(token):
            raise ValueError(f":see: {token!r} is not a PEP, a docs.python.org page or a "
                             "CPython issue or pull request")
        else:
            see[release].append(token)
    empty = [r for r, urls in see.items() if not urls]
    if empty:
        raise ValueError(f":see: {', '.join(empty)} has no URL")
    return see


def parse_changes(text):
    """'3.12: what changes | 3.14: what changes' -> {'3.12': '...', ...}: for
    each release where the claim changes, one line of plain text saying what
    is different there (the upgrade guide shows it)."""
    changes = {}
    for item in filter(None, (part.strip() for part in text.split("|"))):
        release, colon, note = item.partition(": ")
        if not colon or not RELEASE.fullmatch(release):
            raise ValueError(f":changes: {item!r} is not like '3.12: what changes'")
        if len(note) > SUMMARY_WIDTH + 10:  # plain text: the guide escapes Markdown in it
            raise ValueError(f":changes: {release} is {len(note)} characters; at most "
                             f"{SUMMARY_WIDTH + 10}")
        changes[release] = note
    return changes


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
           "changed": parse_changed, "changes": parse_changes, "see": parse_see}
#: Longest ledger summary, in characters.
SUMMARY_WIDTH = 90


@dataclass
class Claim:
    id: str
    kind: str = None
    versions: list = field(default_factory=list)
    summary: str = ""
    changed: list = field(default_factory=list)  # releases: ['3.12'], ['3.12.5']
    changes: dict = field(default_factory=dict)  # release -> what changes there
    see: dict = field(default_factory=dict)      # release -> URLs of its sources
    line: int = 0       # of the directive
    sentence: int = 0   # where its text starts
    proofs: list = field(default_factory=list)    # first lines of its proof blocks
    problems: list = field(default_factory=list)  # what is malformed
    gates: dict = field(default_factory=dict)     # release -> [(proof line, gate reason)]

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

    @property
    def releases(self):
        """Every release where the claim's behaviour changes: those in
        :changed:, and where its :versions: start (after 3.10) or stop (the
        release after the last one stated). The upgrade guide lists the claim
        under each."""
        stated = [v in self.versions for v in SUPPORTED]
        edges = {SUPPORTED[n] for n in range(1, len(SUPPORTED)) if stated[n] != stated[n - 1]}
        return sorted(edges | set(self.changed), key=release_key)


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
    if claim.kind == "version" and not claim.releases and claim.versions:
        claim.problems.append(":changed: is required for a version-specific claim "
                              "(the release where the behaviour changed)")
    outside = [r for r in claim.changed if ".".join(r.split(".")[:2]) not in claim.versions]
    if outside and claim.versions:
        claim.problems.append(f":changed: {', '.join(outside)} is outside :versions:")
    for name, what in (("changes", "a note of what changes"),
                       ("see", "a source (the PEP, What's New entry or issue)")):
        given = getattr(claim, name)
        missing = [r for r in claim.releases if r not in given]
        if missing:
            claim.problems.append(f":{name}: needs {what} for {and_list(missing)}")
        stray = [r for r in given if r not in claim.releases]
        if stray:
            claim.problems.append(f":{name}: {', '.join(stray)} is not a release where it "
                                  f"changes ({and_list(claim.releases) or 'none'})")
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
    """Every claim in a chapter, with the lines of its proof blocks. Among its
    problems: no proof block; a release where it changes that no proof tests;
    a proof gated at a release where it does not change."""
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
            gated = {}  # release -> [(line of a proof gated there, the gate's reason)]
            for line in claim.proofs:
                gate = GATE.search(lines[line - 2])
                for release in version_edges(gate["condition"] if gate else ""):
                    gated.setdefault(release, []).append((line, gate["reason"]))
            claim.gates = gated
            for release in claim.releases:
                # or its code names the release: '(3, 12' for 3.12, '(3, 12, 5' for 3.12.5
                named = r"\(3,\s*" + r",\s*".join(release.split(".")[1:]) + r"\b"
                if release not in gated and not any(
                        re.search(named, text) for line in claim.proofs for text in blocks[line]):
                    claim.problems.append(
                        f"changes in {release}, but no proof tests that release (a skip gate "
                        f"or a check comparing sys.version_info with ({release.replace('.', ', ')}))")
            for release in gated:
                if release not in claim.releases:
                    line, reason = gated[release][0]
                    claim.problems.append(
                        f"the proof at line {line} is gated at {release} ({reason!r}), but "
                        f"{release} is not in :changed: and :versions: neither starts there "
                        "nor ends before it")
    return [claim for _, claim in found if claim]


GATE = re.compile(r'skip: next if\((?P<condition>.*), reason="(?P<reason>[^"]*)"\)')


class _VersionInfo(tuple):
    major, minor, micro = (property(lambda self, n=n: self[n]) for n in range(3))


#: Every release from 3.10.0 to 3.15.40, as sys.version_info would be.
_GRID = [_VersionInfo((3, minor, patch, "final", 0))
         for minor in range(10, 10 + len(SUPPORTED)) for patch in range(41)]


def version_edges(code):
    """The releases where a condition on sys.version_info flips, found by
    evaluating it on every release from 3.10.0 to 3.15.40: '>= (3, 12)' flips
    at 3.12, '[:2] != (3, 11)' at 3.11 and 3.12, '[:3] == (3, 13, 4)' at
    3.13.4 and 3.13.5. Each largest part of the condition that tests only
    sys.version_info is evaluated on its own ('sys.platform == ... or' parts
    are left out)."""
    try:
        tree = ast.parse(code.strip() or "None", mode="eval")
    except SyntaxError:
        return set()
    edges, todo = set(), [tree.body]
    while todo:
        node = todo.pop()
        names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
        attributes = {n.attr for n in ast.walk(node)
                      if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)}
        if names == {"sys"} and attributes == {"version_info"}:
            test = compile(ast.Expression(node), "<gate>", "eval")
            try:
                values = [bool(eval(test, {"sys": SimpleNamespace(version_info=v)}))
                          for v in _GRID]
            except Exception:  # not a comparison this can evaluate
                continue
            edges |= {".".join(map(str, v[:3 if v[2] else 2]))
                      for v, before, now in zip(_GRID[1:], values, values[1:]) if before != now}
        else:
            todo += list(ast.iter_child_nodes(node))
    return edges


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
