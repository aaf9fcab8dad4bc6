"""Checks shared by the browser tests: accessibility (axe-core), the phone width, screenshots."""

from __future__ import annotations

from pathlib import Path

from availability import unavailable

AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
# WCAG 2.1 A and AA rules; impacts that fail a page
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = ("serious", "critical")


def axe_violations(page) -> list[str]:
    """The serious and critical WCAG 2.1 AA violations axe-core finds on ``page`` as drawn."""
    if not AXE.is_file():
        unavailable("axe-core is not installed (npm ci installs it into node_modules/)")
    # evaluated through the DevTools protocol: the pages' CSP forbids injected <script> tags
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;typeof axe")
    result = page.evaluate("""tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})
        .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))""", AXE_TAGS)
    return [f"{v['id']} ({v['impact']}): {v['help']} at {v['nodes']}" for v in result
            if v["impact"] in FAILING_IMPACTS]


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)


def assert_fits_phone(page) -> None:
    """No horizontal scroll at 390 px: the document is no wider than the viewport."""
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width} px wide at {PHONE['width']} px"


def shoot(page, artifacts: Path, name: str) -> None:
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)
