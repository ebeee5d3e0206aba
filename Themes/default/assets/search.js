// The search page: fetches /search.json once and lists the posts and pages holding every word typed, best
// first (title > series and tags > summary > text). Results are DOM nodes filled with textContent, never HTML.
(() => {
  const input = document.getElementById("search-input");
  const list = document.getElementById("search-results");
  const status = document.getElementById("search-status");
  if (!input || !list || !status) return;
  let entries = null;
  const el = (tag, text, className) => {
    const node = document.createElement(tag);
    node.textContent = text;
    if (className) node.className = className;
    return node;
  };
  const hits = (haystack, word) => haystack.split(word).length - 1;
  const excerpt = (text, word) => {
    const at = word ? text.toLowerCase().indexOf(word) : -1;
    const p = el("p", "", "post-item-summary");
    if (at < 0) { p.textContent = text.length > 180 ? text.slice(0, 180) + "…" : text; return p; }
    const start = Math.max(0, text.lastIndexOf(" ", Math.max(0, at - 70)) + 1);
    const space = text.indexOf(" ", at + word.length + 100);
    const end = space < 0 ? text.length : space;
    p.append((start ? "…" : "") + text.slice(start, at), el("mark", text.slice(at, at + word.length)),
      text.slice(at + word.length, end) + (end < text.length ? "…" : ""));
    return p;
  };
  const show = () => {
    const query = input.value.trim();
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    list.replaceChildren();
    if (!entries) return;
    if (!words.length) { status.textContent = `Type to search ${entries.length} posts and pages.`; return; }
    const found = entries.map((e) => {
      const scores = words.map((w) => 10 * hits(e.t, w) + 5 * hits(e.m, w) + 3 * hits(e.s, w) + hits(e.x, w));
      return [scores.includes(0) ? 0 : scores.reduce((a, b) => a + b), e.entry];
    }).filter(([score]) => score).sort((a, b) => b[0] - a[0]);
    status.textContent = found.length ? `${found.length} found for “${query}”` : `Nothing found for “${query}”.`;
    for (const [, entry] of found.slice(0, 30)) {
      const item = el("li", "", "post-item");
      const heading = el("h2", "", "post-item-title");
      const link = el("a", entry.title);
      link.href = entry.url;
      heading.append(link);
      const meta = [entry.date, entry.series].filter(Boolean).join(" · ");
      const lower = entry.text.toLowerCase();
      const shown = [words.join(" "), ...words].find((w) => lower.includes(w)) || "";
      item.append(heading, ...(meta ? [el("p", meta, "meta")] : []), excerpt(entry.text, shown));
      list.append(item);
    }
  };
  input.value = new URLSearchParams(location.search).get("q") || "";
  input.addEventListener("input", () => {
    const url = new URL(location.href);
    url.searchParams.set("q", input.value);
    history.replaceState(null, "", url);
    show();
  });
  status.textContent = "Loading the index…";
  fetch("/search.json").then((r) => { if (!r.ok) throw r.status; return r.json(); }).then((data) => {
    entries = data.map((entry) => ({ entry, t: entry.title.toLowerCase(), s: entry.summary.toLowerCase(),
      m: [entry.series, ...entry.tags].join(" ").toLowerCase(), x: entry.text.toLowerCase() }));
    show();
  }).catch(() => { status.textContent = "The search index could not be loaded."; });
})();
