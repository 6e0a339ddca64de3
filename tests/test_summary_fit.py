"""The summary study: lead-3, the system, leave-one-out and the oracle side by side."""

from __future__ import annotations

import re

import pytest
from briefings.quality import summary_fit

from .conftest import FIXTURES

pytestmark = pytest.mark.model


def test_study_prints_every_article_and_the_oracle_bounds_the_system(capsys):
    data = FIXTURES / "summary_eval"
    summary_fit.main([str(data / "articles"), str(data / "gold")])
    out = capsys.readouterr().out
    names = sorted(p.stem for p in (data / "articles").glob("*.txt"))
    assert all(name in out for name in names)
    mean = next(line for line in out.splitlines() if line.startswith("mean"))
    lead1, lead2, sys1, sys2, loo1, loo2, orc1, orc2 = map(float, re.findall(r"\d\.\d{3}", mean))
    assert orc1 >= max(lead1, sys1, loo1) and orc2 >= max(lead2, sys2, loo2)
    assert re.search(r"^LOO\s+minus lead-3: ROUGE-1 [+-]\d\.\d{3}", out, re.M)


def test_study_needs_pairs_of_folders():
    with pytest.raises(SystemExit, match="usage"):
        summary_fit.main(["only-one"])
