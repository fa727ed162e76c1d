"""axe-core (pinned in tests/e2e/support/package.json, installed by `make test`) injected into
a page by Playwright: the accessibility violations of what the page shows now."""

from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).resolve().parent / "support" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}


def violations(page, impacts: set[str] = BLOCKING) -> list[str]:
    """`rule: target — help` for each violation of the given impacts on the current page."""
    if not AXE.is_file():
        raise RuntimeError(f"{AXE} missing: run `make test` (it installs axe-core with npm)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [
        f"{v['id']}: {', '.join(map(str, node['target']))} — {v['help']}"
        for v in results
        if v["impact"] in impacts
        for node in v["nodes"]
    ]
