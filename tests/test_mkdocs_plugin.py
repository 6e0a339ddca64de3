"""The plugin's build-level promises: the same seeds give the same sitemap, any day."""

from __future__ import annotations

import gzip
import os
import re
import subprocess

import pytest

from .conftest import BIN, make_project
from .smallseeds import write_small_seeds

pytestmark = [pytest.mark.model, pytest.mark.site]


def build(proj, **env) -> str:
    result = subprocess.run(
        [str(BIN / "mkdocs"), "build"],
        cwd=proj,
        capture_output=True,
        text=True,
        timeout=600,
        env={**{k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}, **env},
    )
    assert result.returncode == 0, result.stderr
    return (proj / "site" / "sitemap.xml").read_text("utf-8")


def test_sitemap_is_dated_by_the_newest_briefing_not_the_build_day(tmp_path):
    proj = make_project(tmp_path)
    write_small_seeds(proj / "seeds", range(3))  # dated 2025-07-01 to 2025-07-03
    sitemap = build(proj)
    assert set(re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap)) == {"2025-07-03"}
    with (proj / "site" / "sitemap.xml.gz").open("rb") as f:
        header = f.read(8)
    gz_mtime = int.from_bytes(header[4:8], "little")
    assert gz_mtime == 1751500800  # 2025-07-03T00:00:00Z
    assert gzip.decompress((proj / "site" / "sitemap.xml.gz").read_bytes()).decode() == sitemap


def test_a_source_date_epoch_of_the_user_wins(tmp_path):
    proj = make_project(tmp_path)
    write_small_seeds(proj / "seeds", range(1))
    sitemap = build(proj, SOURCE_DATE_EPOCH="946684800")  # 2000-01-01
    assert set(re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap)) == {"2000-01-01"}
