// The light/dark toggle. The choice is kept in localStorage and applied by an inline script in <head> before
// the first paint, so a page never flashes the other theme. Without JavaScript the system's choice applies.
(() => {
  const button = document.querySelector(".theme-toggle");
  if (!button) return;
  const root = document.documentElement;
  const systemDark = window.matchMedia("(prefers-color-scheme: dark)");
  const current = () => root.dataset.theme || (systemDark.matches ? "dark" : "light");
  // The visible label comes from the stylesheet (--toggle-label), so it is right before this script runs.
  const label = () => {
    const next = current() === "dark" ? "light" : "dark";
    button.setAttribute("aria-label", `Switch to the ${next} theme`);
  };
  button.addEventListener("click", () => {
    const next = current() === "dark" ? "light" : "dark";
    root.dataset.theme = next;
    try { localStorage.setItem("folio-theme", next); } catch { /* private mode: for this page only */ }
    label();
  });
  systemDark.addEventListener("change", label);
  label();
})();
