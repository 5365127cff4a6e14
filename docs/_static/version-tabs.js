// Version tabs, in step: a reader who picks the tab for their Python in one
// tab-set sees, in every tab-set of every page, the tab that covers that
// version. Labels name versions and ranges ("3.10", "3.11 – 3.15",
// "3.14.0 – 3.14.4", "3.10 – 3.13, 3.14.5+, 3.15"), which differ from set to
// set, so sphinx-design's :sync: keys (one exact key per tab) cannot do this.
// The choice is kept in localStorage; ?python=3.12 in the address sets it.
(() => {
  const KEY = "ten-days-python";
  const minor = (v) => Number(v.split(".")[1]);
  const covers = (label, version) =>
    label.split(/,| and /).some((part) => {
      const [low, high] = part.replace(/\(.*\)/, "").trim().split(/\s*–\s*/);
      if (!/^3\.\d+/.test(low)) return false;
      const top = low.endsWith("+") ? 99 : minor(high || low);
      return minor(low) <= minor(version) && minor(version) <= top;
    });
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
    if (asked) localStorage.setItem(KEY, asked);
    const saved = localStorage.getItem(KEY);
    if (saved) show(saved);
    for (const label of document.querySelectorAll(".sd-tab-set > label.sd-tab-label")) {
      label.addEventListener("click", () => {
        const current = localStorage.getItem(KEY);
        const text = label.textContent;
        const version = current && covers(text, current) ? current
          : ["3.10", "3.11", "3.12", "3.13", "3.14", "3.15"].find((v) => covers(text, v));
        if (!version) return;
        localStorage.setItem(KEY, version);
        show(version, label.parentElement);
      });
    }
  });
})();
