"""This book's Sphinx extension: everything custom about building it.

* ``Linearize``: tabs and dropdowns become labelled sections in EPUB and PDF.
* ``{verified-on}`` / ``{verified-table}``: where the examples last passed.
* ``{claim}`` / ``{claim-ledger}``: claims, their proofs, and the ledger.
"""

import json
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

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


def _is_component(name):
    return lambda node: (
        isinstance(node, nodes.container) and node.get("design_component") == name
    )


VERIFIED = Path(__file__).resolve().parent / "docs" / "verified.json"


def _verified():
    """The last passing full `make test` run (written by tests/matrix.py)."""
    return json.loads(VERIFIED.read_text()) if VERIFIED.exists() else {"chapters": {}}


def _interpreter(run):
    build = " free-threaded" if run["build"] == "free-threaded" else ""
    wasm = " (WebAssembly)" if run["platform"].startswith("emscripten") else ""
    return f"{run['version']}{build}{wasm}"


class VerifiedOn(SphinxDirective):
    """``{verified-on}``: one line near the top of a day saying where its
    examples last passed, from docs/verified.json."""

    def run(self):
        self.env.note_dependency(str(VERIFIED))
        data = _verified()
        if self.env.docname + ".md" not in data["chapters"]:
            return self.parse_text_to_nodes("*Not verified yet: run `make test`.*")
        versions = ", ".join(_interpreter(run) for run in data["interpreters"])
        return self.parse_text_to_nodes(
            f"*Every example on this page passed on CPython {versions}, "
            f"on {data['date']} ({{doc}}`details <verified>`).*"
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
            "| Interpreter | Implementation | Build | Platform |", "| --- | --- | --- | --- |",
            *(f"| {r['version']} | {r['implementation']} | {r['build']} | {r['platform']} |"
              for r in runs),
            "", "Examples passed / skipped, per day and interpreter:", "",
            "| Day | " + " | ".join(r["version"] for r in runs) + " |",
            "| --- |" + " --- |" * len(runs),
        ]
        for name, chapter in data["chapters"].items():
            cells = (chapter["results"][r["env"]] for r in runs)
            lines.append(f"| {{doc}}`{name[:-3]}` | "
                         + " | ".join(f"{c['passed']} / {c['skipped']}" for c in cells) + " |")
        return self.parse_text_to_nodes("\n".join(lines))


def setup(app):
    app.add_post_transform(Linearize)
    app.add_directive("verified-on", VerifiedOn)
    app.add_directive("verified-table", VerifiedTable)
