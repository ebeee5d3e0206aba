// Copy buttons on code blocks. Progressive: without JavaScript the page is complete, just without buttons.
document.querySelectorAll("figure.code pre.highlight").forEach((pre) => {
  if (!navigator.clipboard) return;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "copy-button";
  button.textContent = "Copy";
  button.addEventListener("click", async () => {
    // Line numbers and prompts are CSS or user-select:none; innerText of the code is what a reader would type.
    const code = pre.querySelector("code");
    const text = Array.from(code.querySelectorAll(".line"), (line) =>
      Array.from(line.childNodes).filter((n) => !(n.classList && n.classList.contains("tok-prompt")))
        .map((n) => n.textContent).join("")).join("\n");
    try {
      await navigator.clipboard.writeText(text + "\n");
      button.textContent = "Copied";
    } catch {
      button.textContent = "Press Ctrl+C";
    }
    setTimeout(() => (button.textContent = "Copy"), 1500);
  });
  pre.appendChild(button);
});
