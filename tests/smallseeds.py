"""Small synthetic articles for the crash, concurrency and determinism tests.

Made from a fixed random generator over invented names, so they are cheap to
extract, differ from each other, and share some actors (the cross-article pages
then have something to merge).
"""

from __future__ import annotations

import random
from pathlib import Path

FIRST = ["Anna", "Pavel", "Marta", "Jonas", "Ilse", "Tomas", "Rhea", "Oskar"]
LAST = ["Lind", "Morek", "Varga", "Holm", "Dervi", "Castell", "Brun", "Okafor"]
PLACES = ["Norland", "Estovia", "Velm", "Port Calder", "Harwick", "Sarn"]
ORGS = ["the Harbour Authority", "the Water Council", "the Dock Workers Union", "Norland Rail"]
ROLES = ["mayor", "minister of transport", "union leader", "council chair"]
MONTHS = ["January", "February", "March", "April", "May", "June"]


def small_seed(i: int) -> str:
    rng = random.Random(i)
    person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    other = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    place, org, role = rng.choice(PLACES), rng.choice(ORGS), rng.choice(ROLES)
    month, day = rng.choice(MONTHS), rng.randint(1, 27)
    return (
        f"date 2025-07-{i % 28 + 1:02d}\n\n"
        f"{person}, the {role} of {place}, said on Monday that {org} would reopen the "
        f"northern terminal by {month}.\n\n"
        f"The terminal closed on {month} {day} after a dispute over wages. {other} of "
        f"{org} said talks could resume next week.\n\n"
        f"It is unclear whether {place} will fund the repairs, {person} said.\n"
    )


def write_small_seeds(folder: Path, indices) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in indices:
        path = folder / f"article-{i:02d}.txt"
        path.write_text(small_seed(i), "utf-8")
        paths.append(path)
    return paths


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative POSIX path → bytes), and every folder (→ b"/")."""
    out: dict[str, bytes] = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        out[rel] = b"/" if p.is_dir() else p.read_bytes()
    return out
