"""MkDocs against Zensical, building the same ``briefings generate --out`` Markdown.

Both read the same plain project (``mkdocs.yml`` without the briefings plugin,
the packaged theme override and assets named in it); builds alternate, one
engine then the other, so a busy machine slows both alike. Measured at every
bench size, the build times are fitted with a straight line (least squares over
the sizes measured) and extrapolated to sites larger than the bench builds.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from measure import Measurement, median, run

#: Site sizes (briefings) the build times are extrapolated to.
EXTRAPOLATED_SIZES = (20_000, 100_000)


def zensical_command(bin_dir: Path) -> Path | None:
    """The ``zensical`` executable of this environment, or None when it is not installed."""
    found = shutil.which("zensical", path=str(bin_dir))
    return Path(found) if found else None


def zensical_build(project: Path, command: Path, env: dict) -> Measurement:
    """A clean ``zensical build`` of ``project`` (its cache cleared: a cold build, as MkDocs')."""
    shutil.rmtree(project / "site", ignore_errors=True)
    cmd = [str(command), "build", "--clean", "--config-file", "mkdocs.yml"]
    return run(cmd, cwd=project, env=env).check(f"zensical build in {project}")


def linear_fit(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """Intercept and slope of the least-squares line through ``points`` (None below two sizes)."""
    if len({x for x, _ in points}) < 2:
        return None
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in points)
    slope = sxy / sxx
    return mean_y - slope * mean_x, slope


def extrapolated(by_size: dict[int, list[float]]) -> dict[str, float] | None:
    """Build seconds at :data:`EXTRAPOLATED_SIZES` from the line through the medians."""
    fit = linear_fit([(n, median(times)) for n, times in by_size.items()])
    if fit is None:
        return None
    intercept, slope = fit
    return {str(n): intercept + slope * n for n in EXTRAPOLATED_SIZES}


def engine_rows(engines: dict, fmt_s) -> list[tuple[str, str, str, str]]:
    """Table rows: MkDocs vs Zensical at the largest size, then the extrapolations."""
    sizes = sorted(engines["sizes"], key=int)
    large = engines["sizes"][sizes[-1]]
    mk, zs = median(large["mkdocs_s"]), median(large["zensical_s"])
    runs = len(large["mkdocs_s"])
    note = f"median of {runs}" if runs > 1 else "1 run"
    rows = [
        (
            f"site build of the same `generate --out` Markdown, {int(sizes[-1]):,} briefings "
            f"({large['pages']:,} pages), {note} each, alternating",
            f"MkDocs + Material {fmt_s(mk)}",
            f"Zensical {engines['zensical_version']}: {fmt_s(zs)}: "
            + (f"**{mk / zs:.2f}x faster**" if zs <= mk else f"**{zs / mk:.2f}x slower**"),
            "",
        )
    ]
    mk_far, zs_far = engines.get("mkdocs_extrapolated"), engines.get("zensical_extrapolated")
    if mk_far and zs_far:
        measured = ", ".join(f"{int(n):,}" for n in sizes)
        for n in EXTRAPOLATED_SIZES:
            rows.append(
                (
                    f"site build, {n:,} briefings, *extrapolated* (a straight line through "
                    f"the medians at {measured})",
                    f"MkDocs + Material ~{fmt_s(mk_far[str(n)])}",
                    f"Zensical ~{fmt_s(zs_far[str(n)])}",
                    "",
                )
            )
    return rows
