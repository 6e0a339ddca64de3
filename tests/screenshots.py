"""Screenshots of the site for the README: ``make screenshots``.

Builds the site with a real ``mkdocs build --strict`` from the user's seed and the
fixture articles (the same demo the browser tests use, without the markup test
seed), serves it on 127.0.0.1 and photographs the home page, the user's
briefing, that briefing arriving at an evidence sentence, and the timeline, in
light and dark mode, with the same headless Chromium the browser tests drive.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.support import launch, serve  # noqa: E402
from tests.conftest import USER_SEED, demo_seeds, make_project, mkdocs_build  # noqa: E402

VIEWPORT = {"width": 1280, "height": 860}


def user_briefing_id(site: Path) -> str:
    for path in sorted((site / "briefings").glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        if Path(data["source"]["path"]).name == USER_SEED.name:
            return data["id"]
    raise SystemExit(f"no briefing built from {USER_SEED.name}")


def take(site: Path, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    briefing = f"briefings/{user_briefing_id(site)}/"
    # The newest year of the timeline: its page carries the chart.
    year = max(
        p.parent.relative_to(site).as_posix() + "/"
        for p in site.glob("timeline/[0-9][0-9][0-9][0-9]/index.html")
    )
    shots: list[Path] = []
    with serve(site) as base, sync_playwright() as p:
        browser = launch(p)
        for scheme in ("light", "dark"):
            suffix = "" if scheme == "light" else "-dark"
            context = browser.new_context(viewport=VIEWPORT, color_scheme=scheme)
            page = context.new_page()
            for name, path in (("home", ""), ("briefing", briefing), ("timeline", year)):
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                shots.append(out / f"{name}{suffix}.png")
                page.screenshot(path=shots[-1])
            page.goto(base + briefing)
            page.wait_for_load_state("networkidle")
            page.locator("article .brf-events a.brf-ev").first.click()
            page.wait_for_function("() => location.hash.startsWith('#s')")
            page.wait_for_timeout(500)  # the highlight fades in
            shots.append(out / f"evidence{suffix}.png")
            page.screenshot(path=shots[-1])
            context.close()
        browser.close()
    return shots


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        proj = make_project(Path(tmp), demo_seeds(with_markup=False))
        result = mkdocs_build(proj)
        if result.returncode != 0:
            raise SystemExit(result.stderr)
        for shot in take(proj / "site", args.out):
            print(shot.relative_to(ROOT) if shot.is_relative_to(ROOT) else shot)


if __name__ == "__main__":
    main()
