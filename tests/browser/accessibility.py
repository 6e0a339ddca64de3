"""axe-core in the browser tests: WCAG 2.2 A and AA rules (and axe's best practices).

The engine is the ``axe.min.js`` that ``axe-playwright-python`` ships in its
wheel, injected into the page under test: nothing is fetched. Each violating
element is attributed to the site's own markup (the page content, and every
element the site's stylesheet styles or the site's templates add) or to the
theme's chrome (Material's header, search, navigation, footer), so a test can
hold our markup to zero and name what the theme leaves.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

#: The WCAG 2.0, 2.1 and 2.2 success criteria of levels A and AA.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa")
#: axe's further rules (landmarks, dialog names, headings), not required by WCAG.
BEST_PRACTICE = "best-practice"

#: Classifies each violating node in the page: ours when it is inside the content,
#: carries one of the site's classes, or is one of the site's additions to the head bar.
_RUN = """async tags => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  const ours = el => !!el && (
    !!el.closest(".md-content, [class*='brf-']") || /(^|\\s)brf-/.test(el.className || ""));
  return results.violations.flatMap(v => v.nodes.map(n => {
    const el = document.querySelector(n.target[n.target.length - 1]);
    return {rule: v.id, target: n.target.join(" "), ours: ours(el),
            summary: (n.failureSummary || "").split("\\n").slice(1, 2).join("").trim(),
            html: n.html.slice(0, 160)};
  }));
}"""


@dataclass(frozen=True)
class Violation:
    rule: str
    target: str
    ours: bool
    summary: str
    html: str

    def __str__(self) -> str:
        return f"{self.rule} at {self.target}: {self.summary} ({self.html})"


def axe_script() -> str:
    from axe_playwright_python.base import AXE_SCRIPT

    return AXE_SCRIPT


def axe_violations(page, best_practice: bool = False) -> list[Violation]:
    """Every WCAG 2.2 A/AA violation axe finds on the page as it is now (and best practice)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_script())
    tags = [*WCAG_TAGS, *([BEST_PRACTICE] if best_practice else [])]
    return [Violation(**v) for v in page.evaluate(_RUN, tags)]


def tally(violations: list[Violation]) -> Counter[tuple[str, bool]]:
    """Violating nodes by (rule, ours)."""
    return Counter((v.rule, v.ours) for v in violations)
