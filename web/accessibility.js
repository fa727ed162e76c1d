// Repairs to Streamlit's own markup that axe-core flags (serious), applied as it renders:
// - the phone menu's sections put <div>/<header> inside <ul>: list semantics are dropped
//   (role="none"), the links stay in reading order;
// - a scrolling block inside a component (the PDF viewer) gets keyboard focus.
(() => {
  const repair = () => {
    document
      .querySelectorAll("[data-testid=stSidebarNavItems], [data-testid=stSidebarNavItems] li")
      .forEach((element) => element.setAttribute("role", "none"));
    document.querySelectorAll("[data-testid=stBidiComponentIsolated]").forEach((host) => {
      const root = host.shadowRoot || host;
      root.querySelectorAll("div").forEach((block) => {
        const style = getComputedStyle(block);
        const scrolls = /(auto|scroll)/.test(style.overflowX + style.overflowY);
        if (scrolls && !block.hasAttribute("tabindex")) {
          block.tabIndex = 0;
          block.setAttribute("role", "region");
          block.setAttribute("aria-label", "Aperçu du document, faites défiler avec les flèches");
        }
      });
    });
  };
  let queued = false;
  new MutationObserver(() => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(() => { queued = false; repair(); });
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
