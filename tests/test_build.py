"""One seed never breaks the build: its failure, whatever it is, is its own error.

Real inputs through real processes: a 1,400-token sentence of nested "of"
phrases, a file name that is not UTF-8, a seed that runs past the per-seed time
limit, a missing seeds folder; and, in-process, a real RecursionError inside
extraction. The rewritten hot spots give what the code they replace gave.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import BIN, make_project, mkdocs_build
from .smallseeds import write_small_seeds

pytestmark = [pytest.mark.model]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
DEEP = "date 2025-05-20\n\nOn 3 May 2025, the head " + "of office " * 700 + "resigned.\n"


def run(proj: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "briefings"), *args], cwd=proj, capture_output=True, timeout=600, env=ENV
    )


def test_a_1400_token_sentence_is_built(tmp_path):
    proj = make_project(tmp_path)
    write_small_seeds(proj / "seeds", range(1))
    (proj / "seeds" / "deep.txt").write_text(DEEP)
    result = run(proj, "generate", "--out", "out")
    stderr = result.stderr.decode()
    assert result.returncode == 0, stderr
    assert "Traceback" not in stderr and "RecursionError" not in stderr
    assert (proj / "out" / "briefings" / "deep.md").is_file()
    assert (proj / "out" / "briefings" / "article-00.md").is_file()
    build = mkdocs_build(proj, strict=False)
    assert build.returncode == 0, build.stderr
    assert (proj / "site" / "briefings" / "deep" / "index.html").is_file()


def test_a_file_name_that_is_not_utf8(tmp_path):
    proj = make_project(tmp_path)
    write_small_seeds(proj / "seeds", range(1))
    name = os.fsencode(proj / "seeds") + b"/caf\xe9-latin1.txt"
    with open(name, "wb") as f:
        f.write((proj / "seeds" / "article-00.txt").read_bytes().replace(b"Monday", b"Sunday"))
    check = run(proj, "check")
    assert check.returncode == 0, check.stderr
    assert b"2 seed(s) read, 0 with errors" in check.stdout
    result = run(proj, "generate", "--out", "out")
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    pages = sorted(p.name for p in (proj / "out" / "briefings").glob("caf-latin1-*.md"))
    assert len(pages) == 1
    data = json.loads((proj / "out" / "briefings" / pages[0]).with_suffix(".json").read_text())
    assert data["source"]["path"] == "seeds/caf\\udce9-latin1.txt"
    build = mkdocs_build(proj, strict=True)
    assert build.returncode == 0, build.stderr


def test_a_seed_past_the_time_limit_is_its_own_error(tmp_path):
    proj = make_project(tmp_path, cache=False)
    write_small_seeds(proj / "seeds", range(2))
    body = "\n\n".join(f"Rhea Brun met {i} officials in Velm on Monday." for i in range(4000))
    (proj / "seeds" / "long.txt").write_text(f"date 2025-05-20\n\n{body}\n")
    result = run(proj, "generate", "--out", "out", "--seed-timeout", "2", "--jobs", "1")
    stderr = result.stderr.decode()
    assert result.returncode == 1, stderr
    assert "error: seeds/long.txt:3: extraction took over 2 s, the time limit of one seed" in stderr
    assert "Traceback" not in stderr
    assert b"2 briefing(s)" in result.stdout
    assert (proj / "out" / "briefings" / "article-01.md").is_file()
    assert "long.txt" in (proj / "out" / "errors.md").read_text()


def test_the_time_limit_from_mkdocs_yml_holds_in_a_build(tmp_path):
    proj = make_project(tmp_path, cache=False)
    write_small_seeds(proj / "seeds", range(1))
    body = "\n\n".join(f"Rhea Brun met {i} officials in Velm on Monday." for i in range(4000))
    (proj / "seeds" / "long.txt").write_text(f"date 2025-05-20\n\n{body}\n")
    config = proj / "mkdocs.yml"
    config.write_text(
        config.read_text().replace('cache_dir: ""', 'cache_dir: ""\n      seed_timeout: 2')
    )
    result = mkdocs_build(proj, strict=False)
    assert result.returncode == 0, result.stderr
    assert "seed skipped: seeds/long.txt:3: extraction took over 2 s" in result.stderr
    assert (proj / "site" / "briefings" / "article-00" / "index.html").is_file()


def test_a_missing_seeds_folder_is_an_error(tmp_path):
    proj = make_project(tmp_path)
    (proj / "seeds").rmdir()
    result = run(proj, "generate", "--out", "out")
    assert result.returncode == 1
    assert b"error: seeds folder not found" in result.stderr
    build = mkdocs_build(proj, strict=True)
    assert build.returncode != 0
    assert "seeds folder not found" in build.stderr and "Traceback" not in build.stderr


def test_any_exception_in_one_seed_is_that_seeds_error_with_its_line(nlp):
    """A real RecursionError (a lowered recursion limit) inside one seed's extraction."""
    from briefings.build.extraction import extract_chunk
    from briefings.extract.pipeline import Settings
    from briefings.ingest.seeds import parse_seed_text

    good = parse_seed_text(Path("good.txt"), "date 2025-05-20\n\nRhea Brun met the council.\n")
    text = "date 2025-05-20\n\nA first paragraph.\n\nRhea Brun met the council on Monday.\n"
    bad = parse_seed_text(Path("bad.txt"), text)
    outcomes = extract_chunk([good], Settings(), load=lambda name: nlp)
    assert outcomes[0][1] is None
    docs = list(nlp.pipe([good.text, bad.text]))
    from briefings.build.extraction import extract_one

    limit = sys.getrecursionlimit()
    depth = len(__import__("inspect").stack())
    sys.setrecursionlimit(depth + 12)
    try:
        briefing, failure = extract_one(bad, docs[1], nlp, Settings(), None)
    finally:
        sys.setrecursionlimit(limit)
    assert briefing is None
    message, line = failure
    assert message.startswith("extraction failed (RecursionError")
    assert line in (3, 5)
    again, _ = extract_one(good, docs[0], nlp, Settings(), None)
    assert again is not None  # the next seed is unaffected


def test_dated_sentences_are_those_span_ents_gives(parse_file):
    from briefings.extract.actors.salience import dated_sentences

    fixtures = Path(__file__).parent / "fixtures"
    for path in sorted(fixtures.rglob("*.txt")):
        if path.relative_to(fixtures).parts[0] == "web":
            continue  # the pages and files the `add` tests serve, not seeds
        article = parse_file(path)
        naive = frozenset(
            n
            for n, span in enumerate(article.sents, start=1)
            if any(e.label_ in ("DATE", "TIME") for e in span.ents)
        )
        assert dated_sentences(article) == naive, path


def test_phrase_keeps_are_those_of_the_subtree(parse_file):
    from briefings.extract.event_clause import _ancestry

    fixtures = Path(__file__).parent / "fixtures"
    for path in sorted(fixtures.rglob("*.txt"))[:12]:
        doc = parse_file(path).doc
        for ent in doc.ents:
            ancestry = _ancestry(ent)
            for tok in ent.sent:
                reaches = any(ent.start <= t.i < ent.end for t in tok.subtree)
                assert (tok.i in ancestry) == reaches, (path, tok, ent)


def test_a_hard_link_to_a_file_outside_is_refused(tmp_path):
    from briefings.build.extraction import read_seeds

    seeds = tmp_path / "seeds"
    write_small_seeds(seeds, range(1))
    outside = tmp_path / "private.txt"
    outside.write_text("date 2025-05-20\n\nPrivate notes that are not for publishing.\n")
    os.link(outside, seeds / "linked.txt")
    os.link(seeds / "article-00.txt", seeds / "article-00-again.txt")  # both inside: fine
    built, errors, _ = read_seeds(seeds)
    assert [e.path.name for e in errors] == ["linked.txt"]
    assert "hard link to a file outside the seeds folder" in errors[0].message
    assert sorted(s.path.name for s in built) == ["article-00-again.txt", "article-00.txt"]


def test_a_seed_swapped_for_a_link_while_read_is_never_read_through_it(tmp_path):
    """A thread swaps a seed for a link to a file outside, over and over, while seeds are read."""
    import threading

    from briefings.build.extraction import read_seeds

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    outside = tmp_path / "secret.txt"
    outside.write_text("date 2025-05-20\n\nSECRET text that must never be read as a seed.\n")
    good = "date 2025-05-20\n\nA plain article about the council.\n"
    stop = threading.Event()

    def swap():
        seed, tmp_link, tmp_file = seeds / "a.txt", seeds / ".l", seeds / ".f"
        while not stop.is_set():
            tmp_link.unlink(missing_ok=True)
            tmp_link.symlink_to(outside)
            os.replace(tmp_link, seed)
            tmp_file.write_text(good)
            os.replace(tmp_file, seed)

    (seeds / "a.txt").write_text(good)
    thread = threading.Thread(target=swap)
    thread.start()
    try:
        read = 0
        for _ in range(400):
            built, _, _ = read_seeds(seeds)
            for seed in built:
                assert "SECRET" not in seed.text
                read += 1
    finally:
        stop.set()
        thread.join()
    assert read > 0


def test_names_that_look_alike_get_a_warning(tmp_path):
    import unicodedata

    from briefings.build.extraction import read_seeds

    seeds = tmp_path / "seeds"
    write_small_seeds(seeds, range(1))
    text = (seeds / "article-00.txt").read_text()
    for form in ("NFC", "NFD"):
        (seeds / unicodedata.normalize(form, "café.txt")).write_text(text)
    built, errors, warnings = read_seeds(seeds)
    assert not errors and len({s.slug for s in built}) == 3
    assert [w for w in warnings if "looks the same as" in w.message]
