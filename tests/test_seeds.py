"""Reading and validating seeds: header forms, paragraphs, errors naming file and line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from briefings.errors import SeedError
from briefings.ingest.seed_files import assign_slugs, discover_seeds
from briefings.ingest.seeds import parse_seed_text, read_seed


def parse(text: str):
    return parse_seed_text(Path("s.txt"), text)


def test_header_tolerates_spaces_and_case():
    seed = parse("   DATE 2025-05-20  \n\n\nFirst paragraph.\n\nSecond one.\n")
    assert seed.date == dt.date(2025, 5, 20)
    assert seed.paragraphs == ("First paragraph.", "Second one.")
    assert seed.title is None


def test_optional_header_fields():
    seed = parse("date 2024-01-02\ntitle: A title\nSOURCE: Wire\nurl: https://x.org/a\n\nBody.")
    assert (seed.title, seed.source, seed.url) == ("A title", "Wire", "https://x.org/a")


def test_lines_of_a_paragraph_are_joined():
    seed = parse("date 2024-01-02\n\nOne line\ncontinues here.\n\nNext.")
    assert seed.paragraphs[0] == "One line continues here."
    assert seed.paragraph_lines == (3, 6)


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("", None, "empty"),
        ("   \n\n  ", None, "empty"),
        ("Hello world\n\nBody", 1, "expected a header"),
        ("\n\ndate 2025-13-40\n\nBody", 3, "does not exist"),
        ("date tomorrow\n\nBody", 1, "YYYY-MM-DD"),
        ("date 2025-01-01\n\n", None, "no article text"),
    ],
)
def test_bad_headers_name_file_and_line(text, line, fragment):
    with pytest.raises(SeedError) as info:
        parse(text)
    err = info.value
    assert fragment in err.message
    assert err.line == line or (line is None)
    assert str(err).startswith("s.txt")


def test_legacy_bytes_are_decoded_with_a_warning_naming_the_line(tmp_path):
    p = tmp_path / "legacy.txt"
    p.write_bytes(b"date 2025-01-01\n\nok line\nthe caf\xe9 opened\n")
    seed = read_seed(p)
    assert seed.paragraphs == ("ok line the caf\u00e9 opened",)
    (warning,) = seed.notices
    assert warning.line == 4 and "cp1252" in warning.message and "UTF-8" in warning.message


def test_bom_and_crlf(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes("\ufeffdate 2025-01-01\r\n\r\nA.\r\n\r\nB.\r\n".encode())
    seed = read_seed(p)
    assert seed.paragraphs == ("A.", "B.")


def test_discovery_skips_hidden_and_editor_files(tmp_path):
    for name in ["a.txt", ".hidden.txt", ".#b.txt", "c.txt~", "d.txt.swp", "notes.md"]:
        (tmp_path / name).write_text("date 2025-01-01\n\nx")
    (tmp_path / "sub.txt").mkdir()
    assert [p.name for p in discover_seeds(tmp_path)] == ["a.txt"]


def test_slugs_are_distinct_and_stable():
    paths = [Path("A b.txt"), Path("a-b.txt"), Path("a_b.txt"), Path("c.txt")]
    slugs, warnings = assign_slugs(paths)
    assert len(set(slugs.values())) == 4
    assert slugs[Path("c.txt")] == "c" and slugs[Path("a-b.txt")] == "a-b"
    assert slugs[Path("A b.txt")].startswith("a-b-")
    assert [w.path for w in warnings] == [Path("a_b.txt")]
    assert assign_slugs(list(reversed(paths)))[0] == slugs
