"""`generate --out` never touches a file that is not its own, even when interrupted.

Real processes: `briefings generate --out docs` is killed (SIGKILL) or
interrupted (SIGINT, as Ctrl-C does) the moment its manifest changes, over and
over; the hand-written pages of docs/ keep their bytes, the manifest never
claims them, and a real `mkdocs build` still publishes them. Symbolic links
inside the output folder are never written or deleted through.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import BIN, make_project, mkdocs_build
from .smallseeds import tree, write_small_seeds

pytestmark = [pytest.mark.model]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
MANIFEST = ".briefings-manifest.json"
HOME = "# Our newsroom\n\nWritten by hand.\n"
ACTOR = "# Norland Rail\n\nOur own profile, written by hand.\n"


def generate(proj: Path, out: str = "docs") -> subprocess.Popen:
    return subprocess.Popen(
        [str(BIN / "briefings"), "generate", "--out", out],
        cwd=proj,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
        text=True,
    )


def finish(proc: subprocess.Popen) -> str:
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert "Traceback" not in err, err
    return out + err


def manifest_names(folder: Path) -> set[str]:
    try:
        data = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return set()
    return set(data) if isinstance(data, list) else set(data.get("files", {}))


def test_interrupted_runs_never_claim_hand_written_pages(tmp_path):
    proj = make_project(tmp_path)
    docs = proj / "docs"
    (docs / "index.md").write_text(HOME)
    (docs / "actors").mkdir()
    (docs / "actors" / "norland-rail.md").write_text(ACTOR)
    hand_written = {"index.md": HOME, "actors/norland-rail.md": ACTOR}
    first = write_small_seeds(proj / "seeds", range(4))
    # Two of these briefings name Norland Rail, so the generator has a page of that name to write.
    assert sum("Norland Rail" in p.read_text() for p in first) >= 2
    finish(generate(proj))  # a warm cache: later runs spend their time writing pages
    interrupted = 0
    for attempt in range(12):
        # New seeds every time, so each run has pages to write and widens the manifest.
        write_small_seeds(proj / "seeds", [10 + attempt])
        before = (docs / MANIFEST).stat().st_mtime_ns
        proc = generate(proj)
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            if (docs / MANIFEST).stat().st_mtime_ns != before:
                break
            time.sleep(0.0005)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL if attempt % 2 else signal.SIGINT)
            interrupted += 1
        proc.communicate(timeout=60)
        for uri, text in hand_written.items():
            assert (docs / uri).read_text() == text, (attempt, uri)
        assert not manifest_names(docs) & set(hand_written), attempt
    assert interrupted >= 6
    output = finish(generate(proj))
    finish(generate(proj))
    for uri, text in hand_written.items():
        assert (docs / uri).read_text() == text, uri
        assert f"docs/{uri} exists and was not written by briefings" in output
    assert not manifest_names(docs) & set(hand_written)
    # A build reading the manifest publishes the hand-written pages, not generated ones.
    result = mkdocs_build(proj, strict=False)
    assert result.returncode == 0, result.stderr
    home = (proj / "site" / "index.html").read_text("utf-8")
    assert "Our newsroom" in home and "latest-briefings_1" not in home
    assert (
        "Our own profile" in (proj / "site" / "actors" / "norland-rail" / "index.html").read_text()
    )


def test_a_page_replaced_by_hand_after_a_run_is_left_alone(tmp_path):
    """The manifest lists index.md (this generator wrote it); a person then writes their own."""
    proj = make_project(tmp_path)
    (proj / "docs" / "index.md").unlink()
    write_small_seeds(proj / "seeds", range(2))
    finish(generate(proj))
    assert "index.md" in manifest_names(proj / "docs")
    (proj / "docs" / "index.md").write_text(HOME)
    output = finish(generate(proj))
    assert (proj / "docs" / "index.md").read_text() == HOME
    assert "docs/index.md exists and was not written by briefings" in output
    assert mkdocs_build(proj, strict=False).returncode == 0
    assert "Our newsroom" in (proj / "site" / "index.html").read_text("utf-8")


def test_own_home_page_in_docs_gets_one_latest_block(tmp_path):
    """Without a hand-written home, the generated one is not read back as hand-written."""
    proj = make_project(tmp_path)
    (proj / "docs" / "index.md").unlink()
    write_small_seeds(proj / "seeds", range(2))
    finish(generate(proj))
    first = (proj / "docs" / "index.md").read_text()
    write_small_seeds(proj / "seeds", [5])
    finish(generate(proj))
    second = (proj / "docs" / "index.md").read_text()
    assert first.count("## Latest briefings") == second.count("## Latest briefings") == 1


@pytest.mark.parametrize("manifest_kind", ["legacy-list", "hashes"])
def test_links_inside_out_are_never_followed(tmp_path, manifest_kind):
    proj = make_project(tmp_path)
    write_small_seeds(proj / "seeds", range(2))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    victims = {"article-00.md": b"someone else's file\n", "keep.md": b"another one\n"}
    for name, data in victims.items():
        (elsewhere / name).write_bytes(data)
    out = proj / "out"
    out.mkdir()
    (out / "briefings").symlink_to(elsewhere, target_is_directory=True)
    (out / "actors").symlink_to(elsewhere, target_is_directory=True)
    names = [f"briefings/{n}" for n in victims] + [f"actors/{n}" for n in victims]
    if manifest_kind == "legacy-list":
        manifest = json.dumps(names)
    else:
        import hashlib

        files = {u: [hashlib.sha256(victims[u.split("/")[1]]).hexdigest()] for u in names}
        manifest = json.dumps({"format": "briefings-manifest/2", "files": files})
    (out / MANIFEST).write_text(manifest)
    output = finish(generate(proj, "out"))
    assert {p.name: p.read_bytes() for p in elsewhere.iterdir()} == victims
    assert "out/briefings/article-00.md exists and was not written by briefings" in output
    assert (out / "briefings").is_symlink() and (out / "timeline.md").is_file()


def test_stale_temporaries_behind_a_link_are_not_deleted(tmp_path):
    proj = make_project(tmp_path)
    write_small_seeds(proj / "seeds", range(1))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    bait = elsewhere / ".x.briefings-tmp"
    bait.write_text("not ours")
    out = proj / "out"
    out.mkdir()
    (out / "linked").symlink_to(elsewhere, target_is_directory=True)
    (out / ".y.briefings-tmp").write_text("ours, left by a killed run")
    finish(generate(proj, "out"))
    assert bait.read_text() == "not ours"
    assert not (out / ".y.briefings-tmp").exists()
    assert tree(elsewhere) == {".x.briefings-tmp": b"not ours"}
