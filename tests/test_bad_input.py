"""Bad seeds: each kind gets one clear line naming the file (and line); the rest are built.

Every kind is checked three ways: the library (`read_seeds`) gives exactly the
expected error or warning, `briefings check` exits non-zero on it, and one real
`mkdocs build` over all of them at once builds every good seed, shows each
error on the errors page and logs each line at WARNING or ERROR (so `--strict`
fails, which is checked too). A real `mkdocs serve` keeps serving through bad
seeds, a broken template and a seed added while it runs.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import shutil
import time
from pathlib import Path

import pytest
from briefings.build.extraction import read_seeds
from briefings.cli.main import main
from briefings.ingest.seed_files import assign_slugs
from briefings.ingest.seed_limits import MAX_PARAGRAPH_TOKENS, MAX_TOKENS
from briefings.ingest.seed_text import token_count
from briefings.site.packaged import TEMPLATES
from click.testing import CliRunner

from .conftest import FIXTURES, make_project, mkdocs_build
from .serving import fetch, mkdocs_serve, wait_for

GOOD = "date 2025-03-04\n\nThe city council of Harwick approved a new budget on Monday.\n"
FUTURE = (dt.date.today() + dt.timedelta(days=400)).isoformat()
ENGLISH = (
    "Officials in the northern province said on Tuesday that the new bridge would open "
    "next month, after two years of delays and a dispute over its cost. "
)
FRENCH = (
    "Le conseil municipal a approuvé mardi un nouveau budget pour la ville, après deux "
    "années de retards et un long différend sur le coût du pont. "
)


def _long_paragraph() -> bytes:
    vocabulary = ENGLISH.replace(".", "").replace(",", "").split()
    words = [vocabulary[i % len(vocabulary)] for i in range(50_000)]
    return ("date 2025-03-04\n\n" + " ".join(words) + "\n").encode()


#: name → (file name, content bytes or a callable making the entry, level, message fragment, line)
#: level: "error" (not built), "warning" (built, reported), "ok" (built silently),
#: "ignored" (not a seed, nothing said).
KINDS: dict[str, tuple] = {
    "empty": ("empty.txt", b"", "error", "the file is empty", None),
    "whitespace-only": ("blank.txt", b"  \n\t\n   \n", "error", "the file is empty", None),
    "no-header": ("noheader.txt", b"Just an article.\n\nMore.\n", "error", "expected a header", 1),
    "impossible-date": (
        "baddate.txt",
        b"\ndate 2025-13-40\n\nBody.\n",
        "error",
        "does not exist",
        2,
    ),
    "non-date": ("nondate.txt", b"date next Tuesday\n\nBody.\n", "error", "YYYY-MM-DD", 1),
    "header-only": ("headeronly.txt", b"date 2025-01-01\ntitle: T\n\n\n", "error", "no article", 3),
    "future-date": ("future.txt", f"date {FUTURE}\n\n{ENGLISH}\n".encode(), "warning", "future", 1),
    "utf8-bom": ("bom.txt", ("\ufeff" + GOOD).encode(), "ok", None, None),
    "crlf": ("crlf.txt", GOOD.replace("\n", "\r\n").encode(), "ok", None, None),
    "lone-cr": ("cr.txt", GOOD.replace("\n", "\r").encode(), "ok", None, None),
    "cp1252": (
        "cp1252.txt",
        "date 2025-03-04\n\nThe caf\u00e9 \u201cLe Parc\u201d opened.\n".encode("cp1252"),
        "warning",
        "read as cp1252, giving 'café'",
        3,
    ),
    "latin-1": (
        "latin1.txt",
        "date 2025-03-04\n\nJos\u00e9 Mu\u00f1oz visited Z\u00fcrich.\n".encode("latin-1"),
        "warning",
        "not UTF-8",
        3,
    ),
    "utf-16": ("utf16.txt", GOOD.encode("utf-16"), "warning", "UTF-16", None),
    "mojibake": (
        "mojibake.txt",
        "date 2025-03-04\n\nThe mayorâ€™s office said it would reopen.\n".encode(),
        "warning",
        "mojibake",
        3,
    ),
    "binary": (
        "binary.txt",
        bytes.fromhex("89504e470d0a1a0a0000000d4948445200") + bytes(range(256)) * 8,
        "error",
        "binary",
        1,
    ),
    "nul-file": ("zeros.txt", b"\x00" * 4096, "error", "binary", None),
    "ten-megabytes": ("huge.txt", "sparse:10485760", "error", "limited to 1,000,000 bytes", None),
    "one-huge-paragraph": ("runon.txt", _long_paragraph(), "warning", "was split into", 3),
    "non-english": (
        "french.txt",
        f"date 2025-03-04\n\n{FRENCH * 2}\n".encode(),
        "warning",
        "not look like English",
        3,
    ),
    "control-chars": (
        "controls.txt",
        b"date 2025-03-04\n\nThe council\x00 met\x1b[2J on Monday\x07.\n",
        "warning",
        "3 control characters removed",
        3,
    ),
    "bidi-zero-width": (
        "bidi.txt",
        "date 2025-03-04\n\nThe file invoice\u202egnp.exe was sent by pay\u200bpal.\n".encode(),
        "warning",
        "2 invisible formatting characters removed",
        3,
    ),
    "javascript-url": (
        "jsurl.txt",
        b"date 2025-03-04\nurl: javascript:alert(1)\n\nThe council met.\n",
        "warning",
        "not an http(s) address",
        2,
    ),
    "name-with-spaces": ("My Report (final).txt", GOOD.encode(), "ok", None, None),
    "name-unicode": ("Ünïcode — résumé.txt", GOOD.encode(), "ok", None, None),
    "name-shell": ("$(touch pwned); rm -rf `x` & | > x.txt", GOOD.encode(), "ok", None, None),
    "name-control": ("line\nbreak\x1b[31m.txt", GOOD.encode(), "ok", None, None),
    "slug-twin": ("harwick_budget.txt", GOOD.encode(), "warning", "same address", None),
    "hidden": (".hidden.txt", b"garbage", "ignored", None, None),
    "emacs-lock": (".#draft.txt", b"garbage", "ignored", None, None),
    "emacs-autosave": ("#draft.txt#", b"garbage", "ignored", None, None),
    "backup": ("draft.txt~", b"garbage", "ignored", None, None),
    "vim-swap": (".draft.txt.swp", b"garbage", "ignored", None, None),
    "symlink-outside": (
        "outside.txt",
        "symlink:outside",
        "error",
        "outside the seeds folder",
        None,
    ),
    "broken-symlink": ("dangling.txt", "symlink:dangling", "error", "broken symbolic link", None),
    "directory": ("archive", "dir", "warning", "is a folder", None),
    "fifo": ("pipe.txt", "fifo", "error", "not a regular file", None),
}


def make_entry(folder: Path, name: str, content) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content.startswith("sparse:"):
        with path.open("wb") as f:
            f.truncate(int(content.split(":")[1]))
    elif content == "symlink:outside":
        secret = folder.parent / "secret.txt"
        secret.write_text("date 2025-01-01\n\nA private file outside the seeds folder.\n")
        path.symlink_to(secret)
    elif content == "symlink:dangling":
        path.symlink_to(folder / "does-not-exist.txt")
    elif content == "dir":
        path.mkdir()
        (path / "old.txt").write_text(GOOD)
    elif content == "fifo":
        os.mkfifo(path)
    return path


def shown_name(name: str) -> str:
    from briefings.errors import printable

    return printable(f"seeds/{name}")


def lines_about(text: str, name: str) -> list[str]:
    shown = shown_name(name)
    return [line for line in text.splitlines() if f"{shown}:" in line]


@pytest.fixture(scope="module")
def bad_project(tmp_path_factory):
    """One project holding every kind of bad input next to two good seeds."""
    proj = make_project(tmp_path_factory.mktemp("bad"), [FIXTURES / "summit.txt"])
    seeds = proj / "seeds"
    (seeds / "harwick-budget.txt").write_text(GOOD)  # the twin of harwick_budget.txt
    for name, content, *_ in KINDS.values():
        make_entry(seeds, name, content)
    return proj


@pytest.fixture(scope="module")
def scanned(bad_project):
    return read_seeds(bad_project / "seeds", root=bad_project)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_gets_one_clear_line(kind, scanned):
    name, _, level, fragment, line = KINDS[kind]
    seeds, errors, warnings = scanned
    shown = Path(f"seeds/{name}")
    mine_errors = [e for e in errors if e.path == shown]
    mine_warnings = [w for w in warnings if Path(w.path) == shown and w.level == "warning"]
    built = [s for s in seeds if s.path == shown]
    if level == "error":
        assert len(mine_errors) == 1 and not built, (errors, warnings)
        (problem,) = mine_errors
    elif level == "warning":
        assert built or kind == "directory"
        assert len(mine_warnings) == 1, warnings
        (problem,) = mine_warnings
    else:
        assert not mine_errors and not mine_warnings
        assert bool(built) == (level == "ok")
        return
    assert fragment in problem.message
    assert problem.line == line
    message = str(problem)
    assert "\n" not in message and "\x1b" not in message
    where = shown_name(name) + (f":{line}" if line else "")
    assert message.startswith(f"{where}: ")


def test_every_good_and_warned_seed_is_built_with_a_distinct_slug(scanned):
    seeds, _, _ = scanned
    expected = (
        2
        + sum(1 for k in KINDS.values() if k[2] == "ok")
        + sum(1 for kind, k in KINDS.items() if k[2] == "warning" and kind != "directory")
    )
    assert len(seeds) == expected
    slugs = [s.slug for s in seeds]
    assert len(set(slugs)) == len(slugs)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s) for s in slugs)


def test_line_endings_and_bom_read_like_plain_utf8(scanned):
    seeds, _, _ = scanned
    by_name = {s.path.name: s for s in seeds}
    plain = by_name["harwick-budget.txt"]
    for name in ("bom.txt", "crlf.txt", "cr.txt"):
        assert by_name[name].paragraphs == plain.paragraphs
        assert by_name[name].date == plain.date


def test_long_paragraph_is_split_and_capped(scanned):
    seeds, _, warnings = scanned
    (seed,) = [s for s in seeds if s.path.name == "runon.txt"]
    assert max(token_count(p) for p in seed.paragraphs) <= MAX_PARAGRAPH_TOKENS
    assert sum(token_count(p) for p in seed.paragraphs) == MAX_TOKENS
    cap = [w for w in warnings if w.path.name == "runon.txt" and "only the first" in w.message]
    assert len(cap) == 1 and "50,000 words" in cap[0].message


def test_removed_characters_are_gone_from_the_text(scanned):
    seeds, _, _ = scanned
    by_name = {s.path.name: s for s in seeds}
    assert by_name["controls.txt"].paragraphs == ("The council met[2J on Monday.",)
    assert by_name["bidi.txt"].paragraphs == ("The file invoicegnp.exe was sent by paypal.",)


def test_symlinked_file_outside_is_never_read(scanned):
    seeds, _, _ = scanned
    assert not any("private file" in s.text for s in seeds)


def check_output(proj: Path, *args: str):
    old = Path.cwd()
    os.chdir(proj)
    try:
        return CliRunner().invoke(main, ["check", *args])
    finally:
        os.chdir(old)


@pytest.mark.parametrize(
    "kind", sorted(k for k, v in KINDS.items() if v[2] in ("error", "warning"))
)
def test_check_exits_nonzero_on_each_kind_alone(kind, tmp_path):
    name, content, level, fragment, _ = KINDS[kind]
    proj = make_project(tmp_path, [FIXTURES / "summit.txt"])
    if kind == "slug-twin":
        (proj / "seeds" / "harwick-budget.txt").write_text(GOOD)
    make_entry(proj / "seeds", name, content)
    result = check_output(proj)
    assert result.exit_code == 1, result.output
    mine = lines_about(result.output, name)
    assert len(mine) == 1 and fragment in mine[0]
    assert mine[0].startswith(f"{level}: ")
    if level == "warning":
        assert check_output(proj, "--allow-warnings").exit_code == 0


def test_check_passes_on_good_seeds(tmp_path):
    proj = make_project(tmp_path, [FIXTURES / "summit.txt", FIXTURES / "harbour_strike.txt"])
    for kind in ("utf8-bom", "crlf", "lone-cr", "name-with-spaces", "hidden", "vim-swap"):
        name, content, *_ = KINDS[kind]
        make_entry(proj / "seeds", name, content)
    result = check_output(proj)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def lenient_build(bad_project):
    result = mkdocs_build(bad_project, strict=False)
    assert result.returncode == 0, result.stderr
    return result


@pytest.mark.site
@pytest.mark.model
def test_mkdocs_build_reports_every_kind_and_builds_the_rest(bad_project, lenient_build):
    stderr = lenient_build.stderr
    for _kind, (name, _, level, fragment, _) in KINDS.items():
        mine = lines_about(stderr, name)
        if level in ("ok", "ignored"):
            assert not [m for m in mine if "WARNING" in m or "ERROR" in m], mine
            continue
        assert len(mine) == 1, (name, mine)
        assert fragment in mine[0]
        assert mine[0].startswith("ERROR" if level == "error" else "WARNING")
    site = bad_project / "site"
    errors_page = html.unescape((site / "errors/index.html").read_text("utf-8"))
    for _name, _, level, fragment, _ in KINDS.values():
        if level == "error":
            assert fragment in errors_page
    home = (site / "index.html").read_text("utf-8")
    n_errors = sum(1 for k in KINDS.values() if k[2] == "error")
    assert f"{n_errors} seeds could not be built" in home and 'href="errors/"' in home
    built = {p.name for p in (site / "briefings").iterdir() if p.is_dir()}
    assert {"summit", "harwick-budget", "bom", "crlf", "cr", "runon", "french"} <= built
    assert not (bad_project / "pwned").exists()


@pytest.mark.site
@pytest.mark.model
def test_strict_build_fails_on_bad_seeds(bad_project, lenient_build):
    result = mkdocs_build(bad_project, strict=True)
    assert result.returncode != 0
    assert "strict mode" in result.stdout + result.stderr


@pytest.mark.site
@pytest.mark.model
def test_strict_build_fails_on_a_warning_alone(tmp_path):
    proj = make_project(tmp_path, [FIXTURES / "summit.txt"])
    name, content, *_ = KINDS["control-chars"]
    make_entry(proj / "seeds", name, content)
    assert mkdocs_build(proj, strict=True).returncode != 0
    assert mkdocs_build(proj, strict=False).returncode == 0


# ---------------------------------------------------------------- slugs and pages


def test_slugs_never_move_when_other_seeds_come_and_go():
    names = [
        "report.txt",
        "Report.txt",
        "REPORT.TXT",
        "report .txt",
        "répört.txt",
        "report_x.txt",
        "report-x.txt",
        "a b.txt",
        "a-b.txt",
        "日本.txt",
        "!!!.txt",
        "index.txt",
    ]
    paths = [Path(n) for n in names]
    full, _ = assign_slugs(paths)
    assert len(set(full.values())) == len(paths)
    for p in paths:
        if p.name == "report_x.txt":
            continue  # the one documented tie-break: it yields to report-x.txt
        for other in paths:
            if other == p:
                continue
            without, _ = assign_slugs([q for q in paths if q != other])
            assert without[p] == full[p], (p, other)
        assert assign_slugs([p])[0][p] == full[p]
    assert full[Path("report.txt")] == "report"
    assert full[Path("index.txt")] != "index"


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.model
def test_hand_written_pages_are_never_touched(tmp_path):
    """Seeds named like hand-written pages get their own address; docs/ stays as it was."""
    proj = make_project(tmp_path, [FIXTURES / "summit.txt"])
    docs = proj / "docs"
    (docs / "briefings").mkdir()
    (docs / "briefings" / "report.md").write_text("# Hand-written report\n")
    for name in ("report.txt", "index.txt", "about.txt", "timeline.txt", "errors.txt"):
        (proj / "seeds" / name).write_text(GOOD)
    before = _tree(docs)
    runner = CliRunner()
    old = Path.cwd()
    os.chdir(proj)
    try:
        result = runner.invoke(main, ["generate", "--out", "docs"])
        again = runner.invoke(main, ["generate", "--out", "docs"])
        check = runner.invoke(main, ["check"])
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output
    assert again.exit_code == 0, again.output
    after = _tree(docs)
    for uri, content in before.items():
        assert after[uri] == content, uri
    assert "docs/index.md exists and was not written by briefings" in result.output
    assert "seeds/report.txt: the address briefings/report/ belongs to a hand-written page" in (
        check.output
    )
    generated = [u for u in after if u.startswith("briefings/report-") and u.endswith(".md")]
    assert len(generated) == 1
    assert "briefings/index-" in " ".join(after)
    # Removing the seeds removes only what the generator wrote.
    for name in ("report.txt", "index.txt", "about.txt", "timeline.txt", "errors.txt"):
        (proj / "seeds" / name).unlink()
    os.chdir(proj)
    try:
        runner.invoke(main, ["generate", "--out", "docs"])
    finally:
        os.chdir(old)
    final = _tree(docs)
    for uri, content in before.items():
        assert final[uri] == content, uri
    assert not [u for u in final if u.startswith("briefings/report-")]


@pytest.mark.site
@pytest.mark.model
def test_hand_written_page_wins_in_the_site(tmp_path):
    proj = make_project(tmp_path, [FIXTURES / "summit.txt"])
    (proj / "docs" / "briefings").mkdir()
    (proj / "docs" / "briefings" / "summit.md").write_text("# Hand-written summit notes\n")
    result = mkdocs_build(proj, strict=False)
    assert result.returncode == 0, result.stderr
    assert "belongs to a hand-written page" in result.stderr
    site = proj / "site" / "briefings"
    assert "Hand-written summit notes" in (site / "summit" / "index.html").read_text()
    moved = [p for p in site.iterdir() if p.name.startswith("summit-") and p.is_dir()]
    assert len(moved) == 1 and "Velm" in (moved[0] / "index.html").read_text()


@pytest.mark.site
@pytest.mark.model
def test_deleted_and_renamed_seeds_leave_no_pages(tmp_path):
    """A seed removed or renamed between builds: its pages, actors and events go with it."""
    proj = make_project(tmp_path, [FIXTURES / "summit.txt", FIXTURES / "harbour_strike.txt"])
    out = proj / "out"
    runner = CliRunner()

    def generate_and_build():
        old = Path.cwd()
        os.chdir(proj)
        try:
            assert runner.invoke(main, ["generate", "--out", "out"]).exit_code == 0
        finally:
            os.chdir(old)
        assert mkdocs_build(proj).returncode == 0
        return proj / "site"

    site = generate_and_build()

    def text_under(folder: str) -> str:
        return " ".join(p.read_text("utf-8") for p in sorted((site / folder).rglob("*.html")))

    assert "harbour-strike" in {p.name for p in (site / "briefings").iterdir()}
    # Its events are on the timeline's pages, its actors in the actors index (linked to it).
    assert "harbour-strike" in text_under("timeline") and "harbour-strike" in text_under("actors")
    (proj / "seeds" / "harbour_strike.txt").unlink()
    shutil.copy(FIXTURES / "summit.txt", proj / "seeds" / "renamed-summit.txt")
    (proj / "seeds" / "summit.txt").unlink()
    site = generate_and_build()
    briefings = {p.name for p in (site / "briefings").iterdir()}
    assert "harbour-strike" not in briefings and "summit" not in briefings
    assert "renamed-summit" in briefings
    for page in [*site.rglob("*.html"), *out.rglob("*.md")]:
        text = page.read_text("utf-8")
        assert "harbour-strike" not in text and "briefings/summit/" not in text, page
    assert not (out / "briefings" / "harbour-strike.md").exists()
    assert not (out / "briefings" / "summit.md").exists()
    manifest = (out / ".briefings-manifest.json").read_text()
    assert "harbour-strike" not in manifest


# ---------------------------------------------------------------------- serve


@pytest.mark.site
@pytest.mark.model
def test_mkdocs_serve_keeps_serving_through_bad_seeds(tmp_path):
    proj = make_project(tmp_path, [FIXTURES / "summit.txt"])
    for kind in ("no-header", "binary", "cp1252", "symlink-outside"):
        name, content, *_ = KINDS[kind]
        make_entry(proj / "seeds", name, content)
    with mkdocs_serve(proj, tmp_path / "serve.log") as (proc, base):
        wait_for(lambda: fetch(f"{base}/briefings/summit/")[0] == 200, proc=proc)
        status, errors_page = fetch(f"{base}/errors/")
        assert status == 200
        assert "noheader.txt" in errors_page and "binary.txt" in errors_page
        assert "outside.txt" in errors_page
        status, home = fetch(f"{base}/")
        assert "3 seeds could not be built" in home
        assert fetch(f"{base}/briefings/cp1252/")[0] == 200

        # A new bad seed and a new good one while serving: rebuilt, still serving.
        (proj / "seeds" / "later-bad.txt").write_text("date 2025-02-30\n\nBody.\n")
        shutil.copy(FIXTURES / "harbour_strike.txt", proj / "seeds" / "later.txt")
        wait_for(lambda: fetch(f"{base}/briefings/later/")[0] == 200, proc=proc)
        wait_for(lambda: "later-bad.txt" in fetch(f"{base}/errors/")[1], proc=proc)

        # A broken template is a build error (MkDocs holds requests until it is
        # fixed); the server stays up and serves again once the template is fixed.
        # (The project's own copy overrides the packaged template of that name.)
        template = proj / "templates" / "briefing.md.j2"
        good_template = (TEMPLATES / "briefing.md.j2").read_text()
        template.write_text(good_template + "{% if %}\n")
        time.sleep(3)
        assert proc.poll() is None
        template.write_text(good_template)
        (proj / "seeds" / "later-bad.txt").unlink()
        wait_for(lambda: "later-bad.txt" not in fetch(f"{base}/errors/")[1], proc=proc)
        assert fetch(f"{base}/briefings/summit/")[0] == 200
        assert proc.poll() is None
    text = (tmp_path / "serve.log").read_text()
    assert "Traceback" not in text, text[-3000:]
    assert "ERROR   -  seed skipped: seeds/noheader.txt:1: expected a header" in text


@pytest.mark.site
@pytest.mark.model
def test_pages_written_into_docs_do_not_clash_with_the_plugin(tmp_path):
    """`generate --out docs` then `mkdocs build --strict`: the written copies step aside."""
    proj = make_project(tmp_path, [FIXTURES / "summit.txt"])
    old = Path.cwd()
    os.chdir(proj)
    try:
        assert CliRunner().invoke(main, ["generate", "--out", "docs"]).exit_code == 0
    finally:
        os.chdir(old)
    assert (proj / "docs" / "briefings" / "summit.md").is_file()
    result = mkdocs_build(proj, strict=True)
    assert result.returncode == 0, result.stderr
    page = proj / "site" / "briefings" / "summit" / "index.html"
    assert "Velm" in page.read_text("utf-8")
    assert not list((proj / "site" / "briefings").glob("summit-*"))


def test_text_without_spaces_is_bounded_in_tokens_too(tmp_path):
    """300 kB with no space at all: one "word", but 200,000 tokens for the parser."""
    path = tmp_path / "chain.txt"
    path.write_text("date 2025-03-04\n\n" + "ab-" * 100_000 + "\n")
    from briefings.ingest.seeds import read_seed

    seed = read_seed(path)
    counts = [token_count(p) for p in seed.paragraphs]
    assert max(counts) <= MAX_PARAGRAPH_TOKENS and sum(counts) == MAX_TOKENS
    (warning,) = [w for w in seed.notices if "was split into" in w.message]
    assert "only the first" in warning.message
