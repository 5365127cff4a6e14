"""This book's Sphinx extension: everything custom about building it.

* ``Linearize``: tabs and dropdowns become labelled sections in EPUB and PDF.
* ``{verified-on}`` / ``{verified-table}``: where the examples last passed.
* ``{claim}`` / ``{claim-ledger}``: claims, their proofs, and the ledger.
* ``{upgrade-guide}``: the claims that change at each release.
* Run buttons: a page's examples run in the reader's browser on Pyodide (HTML only;
  the script is docs/_static/run-examples.js).
"""

import json
import re
from pathlib import Path
from types import SimpleNamespace

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.errors import ExtensionError
from sphinx.ext.graphviz import graphviz, html_visit_graphviz, render_dot
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

import claims

class Linearize(SphinxPostTransform):
    """Show tabs and dropdowns as plain, labelled sections in EPUB and PDF.

    In HTML a ``tab-set`` is a row of clickable tabs and a ``dropdown`` folds
    its content away. E-readers (whose XHTML rejects sphinx-design's inline
    SVG and radio inputs) and paper cannot click, so for those builders each
    tab becomes a heading ("Python 3.10") followed by its content, in the
    order written, and a dropdown becomes its title followed by its content.
    Runs before sphinx-design's own HTML transforms (priority 199 and 200).
    """

    default_priority = 150
    builders = ("epub", "latex")

    def run(self, **kwargs):
        for tab_set in list(self.document.findall(_is_component("tab-set"))):
            flat = nodes.container(classes=["version-variants"])
            for item in tab_set.children:
                if _is_component("tab-item")(item):
                    label, content = item.children
                    flat += nodes.rubric("", "Python ", *label.children)
                    flat.extend(content.children)
                else:
                    flat += item
            tab_set.replace_self(flat)
            flat["classes"] = ["version-variants"]  # replace_self copied sd-tab-set
        for dropdown in list(self.document.findall(_is_component("dropdown"))):
            flat = nodes.container("", *dropdown.children)
            dropdown.replace_self(flat)
            flat["classes"] = ["solution"]


class PrintParts(SphinxPostTransform):
    """PDF: the landing page's text is the preface ("About this book"), and
    the pages of the Reference toctree (glossary, ledger, verified) are
    appendices."""

    default_priority = 150
    builders = ("latex",)

    def run(self, **kwargs):
        raw = lambda tex: nodes.raw("", tex + "\n", format="latex")
        docs = {n["docname"]: n for n in self.document.findall(addnodes.start_of_file)}
        top = next(iter(self.document.findall(nodes.section)), None)
        if top is not None:  # the root page's own text, before its first document
            top.insert(1, raw(r"\chapter*{About this book}\markboth{About this book}{}"
                              r"\addcontentsline{toc}{chapter}{About this book}"))
        appendix = next((d for d in self.env.tocs[self.env.config.root_doc].findall(
            addnodes.toctree) if d.get("caption") == "Reference"), None)
        if appendix is not None and appendix["includefiles"][0] in docs:
            start = docs[appendix["includefiles"][0]]
            start.parent.insert(start.parent.index(start),
                                raw(r"\appendix\setcounter{secnumdepth}{0}"
                                    r"\renewcommand{\thetable}{\thechapter.\arabic{table}}"))


def _is_component(name):
    return lambda node: (
        isinstance(node, nodes.container) and node.get("design_component") == name
    )


VERIFIED = Path(__file__).resolve().parent / "docs" / "verified.json"


def _verified():
    """The last passing full `make test` run (written by tests/matrix.py)."""
    return json.loads(VERIFIED.read_text()) if VERIFIED.exists() else {"chapters": {}}


def _wasm(run):
    return run["platform"].startswith("emscripten")


class VerifiedOn(SphinxDirective):
    """``{verified-on}``: one line near the top of a day saying where its
    examples last passed, from docs/verified.json."""

    def run(self):
        self.env.note_dependency(str(VERIFIED))
        data = _verified()
        if self.env.docname + ".md" not in data["chapters"]:
            return self.parse_text_to_nodes("*Not verified yet: run `make test`.*")
        runs = data["interpreters"]
        native = [r["version"] + (" free-threaded" if r["build"] == "free-threaded" else "")
                  for r in runs if not _wasm(r)]
        wasm = [r["version"] for r in runs if _wasm(r)]
        where = [f"natively on CPython {claims.and_list(native)}"] if native else []
        if wasm:
            where.append(f"as WebAssembly (Pyodide) on {claims.and_list(wasm)}")
        return self.parse_text_to_nodes(
            f"*The examples of this day last passed on {data['date']}: "
            f"{', and '.join(where)} ({{doc}}`details <verified>`).*"
        )


class VerifiedTable(SphinxDirective):
    """``{verified-table}``: the interpreters of the last full run, and the
    examples passed and skipped per day on each of them."""

    def run(self):
        self.env.note_dependency(str(VERIFIED))
        data = _verified()
        runs = data.get("interpreters", [])
        lines = [
            f"Last full run: {data.get('date', 'never')}.", "",
            _columns([6, 5, 4, 5]),
            "| Interpreter | Runs | Build | Platform |", "| --- | --- | --- | --- |",
            *(f"| {r['implementation']} {r['version']} | "
              f"{'WebAssembly (Pyodide)' if _wasm(r) else 'natively'} | {r['build']} | "
              f"{r['platform']} |" for r in runs),
            "", "Examples passed / skipped, per day and interpreter "
            "(*native*: 64-bit Linux; *wasm*: the WebAssembly build):", "",
            # PDF: equal, ragged columns that fit the page
            _columns([2] + [1] * len(runs)),
            "| Day | " + " | ".join(_minor(r) + (" *wasm*" if _wasm(r) else " *native*")
                                  for r in runs) + " |",
            "| --- |" + " --- |" * len(runs),
        ]
        for name, chapter in data["chapters"].items():
            cells = (chapter["results"][r["env"]] for r in runs)
            lines.append(f"| {_day(name)} | "
                         + " | ".join(f"{c['passed']} / {c['skipped']}" for c in cells) + " |")
        for other in data.get("other", []):  # the kind check (PyPy): not a supported CPython
            lines += [
                "", f"The same run on {other['implementation']} {other['version']} "
                f"({other['platform']}), the kind check: every language guarantee stated for "
                f"{_minor(other)} held there; {len(other['differs'])} other claims differ, as "
                "the {doc}`ledger <ledger>` shows. Examples passed / skipped / differing:", "",
                "| Day | " + " | ".join(_day(n) for n in other["results"]) + " |",
                "| --- |" + " --- |" * len(other["results"]),
                f"| {other['implementation']} {_minor(other)} | " + " | ".join(
                    "{passed} / {skipped} / {differs}".format(**c)
                    for c in other["results"].values()) + " |",
            ]
        return self.parse_text_to_nodes("\n".join(lines))


def _spec(widths):
    """LaTeX columns for a table: ragged-right, of these relative widths,
    filling the PDF's line (HTML and EPUB ignore it)."""
    return "|" + "|".join(rf">{{\raggedright\arraybackslash}}\X{{{w}}}{{{sum(widths)}}}"
                          for w in widths) + "|"


def _columns(widths):
    """The {tabularcolumns} directive, for a table written in Markdown."""
    return f"```{{tabularcolumns}} {_spec(widths)}\n```\n"


def _day(name):
    return f"{{doc}}`Day {int(name[3:5])} <{name[:-3]}>`"


def _minor(run):
    return ".".join(run["version"].split(".")[:2])


def epub_cover(app):
    """EPUB: diagrams as PNG (e-readers handle SVG unevenly), and the cover
    (docs/cover.dot) drawn into the book's _static/, where conf.py's
    epub_cover expects it."""
    if app.builder.name != "epub":
        return
    app.config.graphviz_output_format = "png"
    app.config.graphviz_dot_args = [*app.config.graphviz_dot_args, "-Gdpi=220"]
    import subprocess
    out = Path(app.outdir) / "_static" / "cover.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([app.config.graphviz_dot, "-Tpng", "-o", str(out),
                    str(Path(app.srcdir) / "cover.dot")], check=True)


def epub_unlink(app, pagename, templatename, context, doctree):
    """EPUB pages do not link the CSS of HTML-only features (conf.py's
    epub_exclude_files leaves the files themselves out of the book)."""
    if app.builder.name == "epub":
        context["css_files"] = [c for c in context.get("css_files", [])
                                if c.filename not in app.config.epub_exclude_files]


def _visit_graphviz_html(self, node):
    """A diagram in HTML is an <img> with its author-written alt text. (Sphinx
    puts an SVG in an <object>, which does not shrink to a phone's width, and
    uses the DOT source as alt text: a diagram without :alt: is an error.)"""
    from sphinx.util import logging

    if "alt" not in node:
        logging.getLogger(__name__).warning("a diagram without :alt: text", location=node)
    if self.builder.config.graphviz_output_format != "svg":
        return html_visit_graphviz(self, node)
    src, _ = render_dot(self, node["code"], node["options"], "svg", "graphviz",
                        node.get("filename"))
    self.body.append(f'<div class="graphviz"><img src="{src}" alt="{self.attval(node.get("alt", ""))}"'
                     ' class="graphviz" /></div>\n')
    raise nodes.SkipNode


def setup(app):
    app.setup_extension("sphinx.ext.graphviz")
    app.add_node(graphviz, override=True, html=(_visit_graphviz_html, None))
    app.connect("builder-inited", epub_cover)
    app.connect("html-page-context", epub_unlink)
    app.add_post_transform(Linearize)
    app.add_post_transform(PrintParts)
    app.add_directive("verified-on", VerifiedOn)
    app.add_directive("verified-table", VerifiedTable)
    setup_claims(app)


# --- Claims and the ledger -----------------------------------------------------
# What a claim is (its options, kinds, and which blocks prove it) is defined
# in claims.py, which the suite uses too; this part renders claims and the
# ledger.


class claim(nodes.container):
    """A claim: its text, and a small label naming its kind and versions."""


class ledger(nodes.General, nodes.Element):
    """Placeholder for the ledger table, filled once every page is read."""


class ClaimDirective(SphinxDirective):
    required_arguments = 1
    has_content = True
    option_spec = dict.fromkeys(claims.OPTIONS, directives.unchanged)

    def run(self):
        found = claims.make(self.arguments[0], self.options)
        if found.problems:
            raise self.error(f"claim {found.id}: {'; '.join(found.problems)}")
        anchor = nodes.make_id("claim-" + found.id)
        node = claim(classes=["claim"], ids=[anchor], names=[anchor], claim_id=found.id)
        # a label, so that {ref}`text <claim-day04-insertion-order>` links to it
        self.state.document.note_explicit_target(node)
        self.set_source_info(node)
        self.state.nested_parse(self.content, self.content_offset, node)
        label = nodes.inline("", f" [{found.label}]", classes=["claim-label"])
        if node.children and isinstance(node[-1], nodes.paragraph):
            node[-1] += label
        else:
            node += nodes.paragraph("", "", label)
        return [node]


class CollectClaims(SphinxTransform):
    """On reading a page, before the domains collect its labels (priority
    850): anchor and label each claim's proof blocks (claims.read says which
    they are) and remember the claims for the ledger."""

    default_priority = 845

    def apply(self, **kwargs):
        collect_claims(self.app, self.document)


def collect_claims(app, doctree):
    path = app.env.doc2path(app.env.docname)
    found = claims.read(path)
    fences = [line for line, lang, *_ in claims.fenced_blocks(path) if lang in claims.EXECUTED]
    blocks = [n for n in doctree.findall(nodes.literal_block)
              if n.get("language") in claims.EXECUTED and "source" not in n]  # not literalinclude
    if len(fences) != len(blocks):
        raise ExtensionError(f"{path}: {len(fences)} executed fences but {len(blocks)} code "
                             "blocks in the doctree; cannot anchor the proofs")
    block_at = dict(zip(fences, blocks))
    collect_examples(app, path, block_at)
    texts = {n["claim_id"]: n for n in doctree.findall(claim)}
    ledger_rows = []
    for c in found:
        if c.id not in texts:
            continue  # malformed: the directive reported it (file and line)
        anchor = texts[c.id]["ids"][0]
        proofs = [f"{anchor}-proof-{n}" for n in range(1, len(c.proofs) + 1)]
        for line, proof in zip(c.proofs, proofs):
            block_at[line]["ids"].append(proof)
            block_at[line]["names"].append(proof)  # a label: {ref}`proof 1 <...-proof-1>`
            doctree.note_explicit_target(block_at[line])
        ledger_rows.append({"id": c.id, "kind": c.kind, "changed": c.changed,
                            "versions": claims.version_span(c.versions),
                            "anchor": anchor, "proofs": proofs, "summary": c.summary,
                            "text": texts[c.id].astext().rsplit(" [", 1)[0].strip()})
    app.env.book_claims = getattr(app.env, "book_claims", {})
    app.env.book_claims[app.env.docname] = ledger_rows


def purge_claims(app, env, docname):
    getattr(env, "book_claims", {}).pop(docname, None)
    getattr(env, "book_examples", {}).pop(docname, None)


def merge_claims(app, env, docnames, other):
    for name in ("book_claims", "book_examples"):
        setattr(env, name, getattr(env, name, {}))
        getattr(env, name).update(getattr(other, name, {}))


class LedgerDirective(SphinxDirective):
    def run(self):
        self.env.note_dependency(str(VERIFIED))
        self.env.book_ledger_docs = getattr(self.env, "book_ledger_docs", set())
        self.env.book_ledger_docs.add(self.env.docname)
        return [ledger()]


def ledger_outdated(app, env, added, changed, removed):
    """The ledger shows every page's claims: rewrite it whenever any page changes."""
    if added or changed or removed:
        return sorted(getattr(env, "book_ledger_docs", set()) - set(removed))
    return []


def fill_ledger(app, doctree, fromdocname):
    """Replace the placeholder with one table per day of every claim."""
    from sphinx.util.nodes import make_refnode

    verified = _verified().get("claims", {})
    runs = _verified().get("interpreters", [])
    others = _verified().get("other", [])
    for placeholder in list(doctree.findall(ledger)):
        content = []
        for docname in sorted(getattr(app.env, "book_claims", {})):
            rows = app.env.book_claims[docname]
            if not rows:
                continue
            content.append(nodes.rubric("", app.env.titles[docname].astext()))
            group = nodes.tgroup(cols=4)
            # colwidths-given: LaTeX uses these widths instead of squeezing column 1
            table = nodes.table("", group, classes=["claim-ledger", "colwidths-given", "longtable"])
            group.extend(nodes.colspec(colwidth=width) for width in (50, 15, 10, 25))
            group += nodes.thead("", _row("Claim", "Kind", "Stated for", "Proofs (passed on)"))
            body = nodes.tbody()
            for c in rows:
                link = make_refnode(app.builder, fromdocname, docname, c["anchor"],
                                    nodes.literal("", c["id"]))
                text = [nodes.paragraph("", "", link), nodes.paragraph("", c["summary"])]
                proofs = nodes.paragraph()
                for n, anchor in enumerate(c["proofs"], 1):
                    proofs += make_refnode(app.builder, fromdocname, docname, anchor,
                                           nodes.Text(f"proof {n}"))
                    proofs += nodes.Text(" ")
                proofs += nodes.Text(_passed_on(verified.get(c["id"]), c["text"], runs))
                proofs += nodes.Text(_elsewhere(c, others))
                kind = claims.KINDS[c["kind"]]
                if c["changed"]:
                    kind += f" (changed in {claims.and_list(c['changed'])})"
                body += _row(text, kind, c["versions"], proofs)
            group += body
            # what {tabularcolumns} makes (_columns), for this table built in code
            content += [addnodes.tabular_col_spec(spec=_spec([50, 15, 10, 25])), table]
        placeholder.replace_self(content or [nodes.paragraph("", "No claims yet.")])


FREE_THREADED = re.compile(r"free-threaded|\b3\.1[3-9]t\b")


def _passed_on(where, text, runs):
    """'(native 3.10-3.15; wasm 3.14-3.15)': the versions whose native runs
    proved the claim, then the WebAssembly runs that ran a proof of it. A claim
    about the free-threaded builds says whether any recorded run covered them."""
    if not where:
        return "(not yet run)"
    parts = [f"{run} {claims.version_span(where[run], plus=False)}"
             for run in ("native", "wasm") if where[run]]
    if FREE_THREADED.search(text) and not any(r["build"] == "free-threaded" for r in runs):
        parts.append("free-threaded: 3.14t only in the GitHub Actions matrix, 3.13t nowhere; "
                     "no recorded run")
    return f"({'; '.join(parts)})"


def _elsewhere(claim, others):
    """' PyPy 3.11: held.' or ' PyPy 3.11: differs.': what the kind check
    found for a claim stated for its version."""
    found = [f"{o['implementation']} {_minor(o)}: "
             + ("held" if claim["id"] in o["held"] else "differs")
             for o in others if claim["id"] in o["held"] + o["differs"]]
    return "".join(f" {f}." for f in found)


def _row(*cells):
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        if isinstance(cell, list):
            entry.extend(cell)
        else:
            entry += cell if isinstance(cell, nodes.Node) else nodes.paragraph("", str(cell))
        row += entry
    return row


def _visit_claim(self, node):
    self.body.append(self.starttag(node, "div", CLASS="claim"))


def _depart_claim(self, node):
    self.body.append("</div>\n")


def setup_claims(app):
    # (no epub= here: a handler keyed by builder name hides every html one)
    app.add_node(claim, html=(_visit_claim, _depart_claim),
                 latex=(lambda s, n: s.body.append(s.hypertarget(n["ids"][0])), lambda s, n: None))
    app.add_node(ledger)
    app.add_directive("claim", ClaimDirective)
    app.add_directive("claim-ledger", LedgerDirective)
    app.add_transform(CollectClaims)
    app.connect("env-purge-doc", purge_claims)
    app.connect("env-merge-info", merge_claims)
    app.connect("doctree-resolved", fill_ledger)
    app.connect("env-get-outdated", ledger_outdated)
    app.add_config_value("book_pyodide_url", PYODIDE_URL, "html")
    app.connect("builder-inited", add_run_buttons)
    app.connect("html-page-context", page_examples)
    app.add_directive("upgrade-guide", UpgradeGuide)
    app.add_css_file("book.css")


# --- The upgrade guide -----------------------------------------------------------


def _changes(directive):
    """minor release -> chapter -> [(claim, its releases in that minor)]: the
    claims that change on the way to each release, read from the chapters
    (claims.read), which the page then depends on; and each chapter's title.
    A malformed claim is left out: its own page reports it."""
    changes, days = {}, {}
    for path in sorted(Path(directive.env.srcdir).glob("day*.md")):
        directive.env.note_dependency(str(path))
        days[path] = next(line for line in path.read_text(encoding="utf-8").splitlines()
                          if line.startswith("# "))[2:]
        for c in claims.read(path):
            if c.problems:
                continue
            for minor in dict.fromkeys(map(_minor_of, c.releases)):
                changes.setdefault(minor, {}).setdefault(path, []).append(
                    (c, [r for r in c.releases if _minor_of(r) == minor]))
    return changes, days


class UpgradeGuide(SphinxDirective):
    """``{upgrade-guide}``: how many claims change between any two releases (a
    table), then a section per feature release (label upgrade-3.12) with the
    claims that change on the way to it or in one of its patch releases, by
    day: each claim's summary (a link to it), what changes (:changes:), its
    kind, its proofs and its sources (:see:)."""

    def run(self):
        (changes, days), titles = _changes(self), _section_titles(self.env)
        sections = []
        for minor in (m for m in claims.SUPPORTED if m in changes):
            before = claims.SUPPORTED[claims.SUPPORTED.index(minor) - 1]
            first = minor == claims.SUPPORTED[0]
            title = f"Within {minor}" if first else f"{before} \N{RIGHTWARDS ARROW} {minor}"
            section = nodes.section("", nodes.title("", title), names=[f"upgrade-{minor}"])
            self.state.document.note_explicit_target(section)
            count = sum(len(found) for found in changes[minor].values())
            text = [f"{count} claim{'s' * (count != 1)} change{'s' * (count == 1)} "
                    + (f"in {minor}'s patch releases." if first else
                       f"from {before} to {minor} (patch releases of {minor} included)."), ""]
            for path, found in changes[minor].items():
                text += [f"```{{rubric}} {days[path]}", "```", "", ":::{container} upgrade",
                         *(_entry(c, releases, titles) for c, releases in found), ":::", ""]
            section += self.parse_text_to_nodes("\n".join(text))
            for node in section.findall(nodes.container):
                # the notes quote error messages and options: no curly quotes or dashes
                node["support_smartquotes"] = False
            sections.append(section)
        return self.parse_text_to_nodes(_path_table(changes)) + sections


def _minor_of(release):
    return ".".join(release.split(".")[:2])


def _path_table(changes):
    """How many claims change between two releases: the sections to read."""
    later = claims.SUPPORTED[1:]
    rows = [_columns([2] + [1] * len(later)),
            "| from \\\\ to | " + " | ".join(later) + " |", "| --- |" + " --- |" * len(later)]
    for i, low in enumerate(claims.SUPPORTED[:-1]):
        cells = []
        for high in later:
            between = claims.SUPPORTED[i + 1 : claims.SUPPORTED.index(high) + 1]
            ids = {c.id for m in between for found in changes.get(m, {}).values()
                   for c, _ in found}
            cells.append(str(len(ids)) if between else "")
        rows.append(f"| {low} | " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"


_ESCAPE = str.maketrans({ch: "\\" + ch for ch in "\\`*_[]<>#|{}"})


def _entry(c, releases, titles):
    """One claim in one section, as a Markdown list item: 'Summary (a link). What
    changes (per release if more than one). [label] proof 1, proof 2. Sources:
    ...'. The proofs are those gated at these releases, else all of them."""
    anchor = nodes.make_id("claim-" + c.id)
    notes = [c.changes[r] if len(releases) == 1 else f"{r}: {c.changes[r]}" for r in releases]
    notes = ". ".join(notes).translate(_ESCAPE)  # one sentence per release
    gated = {line for release in releases for line, _ in c.gates.get(release, [])}
    proofs = [f"{{ref}}`proof {n} <{anchor}-proof-{n}>`"
              for n, line in enumerate(c.proofs, 1) if line in gated or not gated]
    sources = dict.fromkeys(f"[{_source_name(url, titles)}]({url})" for release in releases
                            for url in c.see[release])
    return (f"- {{ref}}`{c.summary} <{anchor}>`. {notes}. "
            f"\\[{c.label}\\] {', '.join(proofs)}. Sources: {', '.join(sources)}.")


def _source_name(url, titles):
    """What a :see: link reads as: 'PEP 709', 'gh-135171' (an issue), 'PR 27741',
    "What's New in 3.11: Faster CPython" (a section's title from the Python
    docs' inventory, `titles`; else its anchor's words), 'sys docs:
    sys.exception', 'dis docs: RESUME'."""
    path, _, anchor = url.split("://", 1)[1].rstrip("/").partition("#")
    if path.startswith("peps."):
        return f"PEP {int(path.rsplit('-', 1)[1])}"
    if path.startswith("github.com"):
        return ("gh-" if "/issues/" in path else "PR ") + path.rsplit("/", 1)[1]
    page = path.split("/", 2)[2]  # docs.python.org/3/PAGE
    name = page.rsplit("/", 1)[1].removesuffix(".html")
    if "whatsnew/" in page:
        name = "Changelog" if name == "changelog" else f"What's New in {name}"
    else:
        name += " docs"
    title = titles.get(f"{page}#{anchor}") or re.sub(r"^(opcode|cmdoption|envvar)-", "", anchor)
    if anchor and "whatsnew/" in page and title == anchor:  # no title: the anchor's words
        title = re.sub(r"^whatsnew3\d+ ", "", anchor.replace("-", " "))
        title = re.sub(r"\bpep ?(\d+)", r"PEP \1", title).replace("cpython", "CPython")
        title = re.sub(r"\b3 (\d+)( \d+)?\b", lambda m: "3." + m[1] + (m[2] or "").replace(" ", "."),
                       title)  # "3 14 5" was 3.14.5
    return f"{name}: {title}" if anchor else name


def _section_titles(env):
    """'whatsnew/3.11.html#whatsnew311-faster-cpython' -> 'Faster CPython': the
    titles of the Python docs' labelled sections, from the intersphinx inventory."""
    labels = getattr(env, "intersphinx_named_inventory", {}).get("python", {}).get("std:label", {})
    return {item.uri.split("/", 4)[4]: item.display_name
            for item in labels.values() if item.display_name != "-"}


# --- Examples that run in the browser ---------------------------------------------
# In HTML, each executed block gets a Run button (docs/_static/run-examples.js),
# which loads Pyodide only when pressed. A page carries the list of its examples:
# language, skip gate and reason, and whether the gate keeps the block from
# Pyodide 3.14 (decided here when the gate names only sys, else in the browser).

#: Pyodide 3.14 on the public CDN: the npm package the suite runs under Node
#: (tests/pyodide/package.json; tests/browser.py checks they agree).
PYODIDE_URL = "https://cdn.jsdelivr.net/npm/pyodide@314.0.7/"
#: What a gate sees on that Pyodide: CPython 3.14.2 on a 32-bit WebAssembly platform.
_PYODIDE_SYS = SimpleNamespace(platform="emscripten",
                               version_info=claims._VersionInfo((3, 14, 2, "final", 0)),
                               implementation=SimpleNamespace(name="cpython"))


def _gated_in_browser(condition):
    """True or False: whether the gate skips its block on Pyodide 3.14; None
    when it uses a name the page defines (the browser then decides)."""
    try:
        return bool(eval(condition, {"__builtins__": {}},
                         {"sys": _PYODIDE_SYS, "FREE_THREADED": False, "FREE_THREADED_313": False}))
    except Exception:
        return None


def collect_examples(app, path, block_at):
    """Mark each executed block for the Run buttons and remember its gate."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    examples = []
    for line, block in block_at.items():
        block["classes"].append("book-example")
        gate = claims.GATE.search(lines[line - 2])
        example = {"line": line, "lang": block["language"], "reason": gate["reason"] if gate else "",
                   "gate": gate["condition"] if gate else ""}
        if block["language"] == "console":
            example.update(skip=True, reason="a shell command: run it in a terminal")
        elif gate:
            example["skip"] = _gated_in_browser(gate["condition"])
        examples.append(example)
    app.env.book_examples = getattr(app.env, "book_examples", {})
    app.env.book_examples[app.env.docname] = examples


def add_run_buttons(app):
    if app.builder.format == "html" and app.builder.name != "epub":
        app.add_js_file("run-examples.js", defer="defer")


def page_examples(app, pagename, templatename, context, doctree):
    """Append the page's list of examples, for run-examples.js."""
    examples = getattr(app.env, "book_examples", {}).get(pagename)
    if examples and app.builder.name != "epub" and "body" in context:
        data = json.dumps({"url": app.config.book_pyodide_url, "examples": examples})
        context["body"] += ('<script type="application/json" id="book-examples">'
                            + data.replace("</", "<\\/") + "</script>\n")
