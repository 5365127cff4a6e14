// Version tabs, in step: a reader who picks the tab for their Python in one
// tab-set sees, in every tab-set of every page, the tab that covers that
// version. Labels name versions and ranges ("3.10", "3.11 – 3.15",
// "3.14.0 – 3.14.4", "3.10 – 3.13, 3.14.5+, 3.15"), which differ from set to
// set, so sphinx-design's :sync: keys (one exact key per tab) cannot do this.
// The choice is kept in localStorage; ?python=3.12 (or 3.12.5) in the address
// sets it. A version without a patch number means its latest patch release.
(() => {
  const KEY = "ten-days-python";
  // "3.12" -> [12, 99] (a reader on 3.12 runs its latest patch), "3.12.5" -> [12, 5]
  const parse = (v, patch = 99) => {
    const [, minor, micro] = v.match(/^3\.(\d+)(?:\.(\d+))?/);
    return [Number(minor), micro === undefined ? patch : Number(micro)];
  };
  const before = (a, b) => a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]);
  const covers = (label, version) =>
    label.split(/,| and /).some((part) => {
      const [low, high] = part.replace(/\(.*\)/, "").trim().split(/\s*–\s*/);
      if (!/^3\.\d+/.test(low)) return false;
      const v = parse(version);
      // "3.14.5+": and later; "3.12.5" alone: that patch and the later ones of 3.12
      const top = low.endsWith("+") ? [99, 99] : high ? parse(high) : [parse(low)[0], 99];
      return before(parse(low, 0), v) && before(v, top);
    });
  const VERSIONS = ["3.10", "3.11", "3.12", "3.13", "3.14", "3.15"];
  const show = (version, except) => {
    for (const set of document.querySelectorAll(".sd-tab-set")) {
      if (set === except) continue;
      const labels = [...set.querySelectorAll(":scope > label.sd-tab-label")];
      const label = labels.find((l) => covers(l.textContent, version));
      if (label) document.getElementById(label.htmlFor).checked = true;
    }
  };
  document.addEventListener("DOMContentLoaded", () => {
    const asked = new URLSearchParams(location.search).get("python");
    if (asked && VERSIONS.some((v) => asked === v || asked.startsWith(v + "."))) {
      localStorage.setItem(KEY, asked);
    }
    const saved = localStorage.getItem(KEY);
    if (saved) show(saved);
    for (const label of document.querySelectorAll(".sd-tab-set > label.sd-tab-label")) {
      label.addEventListener("click", () => {
        const current = localStorage.getItem(KEY);
        const text = label.textContent;
        // keep the reader's version if this tab covers it; else the first
        // release it covers (its last patch if it names patches: "3.12.0 – 3.12.2")
        const named = text.match(/3\.\d+\.\d+(?!.*3\.\d)/);
        const version = current && covers(text, current) ? current
          : VERSIONS.find((v) => covers(text, v)) || (named && named[0]);
        if (!version) return;
        localStorage.setItem(KEY, version);
        show(version, label.parentElement);
      });
    }
  });
})();
