"""Property tests: random bytes, text and headers never crash with anything but a SeedError,
and rendered pages never hold markup from the seed.

`make test` runs 150 examples per property (profile ``default``, 30 for the
whole pipeline); `make fuzz` runs 10,000 per property (``HYPOTHESIS_PROFILE=fuzz``),
2,000 for the two slow ones (a whole site rendered, the model run, per example).
"""

from __future__ import annotations

import os
import re
import signal
import tempfile
import unicodedata
from contextlib import contextmanager
from pathlib import Path

import pytest
from briefings.errors import SeedError
from briefings.ingest.seed_files import assign_slugs
from briefings.ingest.seed_limits import MAX_PARAGRAPH_TOKENS, MAX_TOKENS
from briefings.ingest.seed_text import decode_seed, token_count
from briefings.ingest.seeds import parse_seed_text, read_seed
from briefings.site.pages import build_site
from briefings.site.render import Renderer, md_escape
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from .conftest import ROOT
from .payloads import FORBIDDEN_TAGS, PAYLOADS
from .test_hostile import (
    MANY_EXTENSIONS,
    SITE_EXTENSIONS,
    assert_safe_attributes,
    briefing_with,
    skeleton,
    to_html,
    visible,
)

_COMMON = {"deadline": None, "suppress_health_check": list(HealthCheck), "derandomize": True}
settings.register_profile("default", max_examples=150, **_COMMON)
settings.register_profile("fuzz", max_examples=10_000, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
#: Share of the profile's examples for the slow properties: rendering a whole site
#: (about 0.1 s an example) and the whole pipeline with the model.
SLOW_SHARE = 0.2

WORDS = [
    "the", "council", "said", "on", "Monday", "May", "may", "in", "February", "2025",
    "last", "week", "yesterday", "Anna", "Lind", "President", "of", "Norland", "will",
    "whether", "could", "the day before", "talks", "Estovia", "'s", "-", ",", ".", "?",
    "\n", "\n\n", "  ", "\t", "Trump-Putin's", "kyiv", "U.S.", "Dr.", "5", "16",
]  # fmt: skip
MARKUP = [p for _, p in PAYLOADS] + ["<", ">", "&", "[", "](", "{{", "%}", "\u202e", "\x00"]
text_like = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(WORDS + MARKUP), max_size=80).map(" ".join),
    st.lists(st.sampled_from(WORDS), max_size=120).map(" ".join),
)
header_value = st.one_of(st.text(max_size=80), st.sampled_from(MARKUP + WORDS))


@st.composite
def seed_texts(draw) -> str:
    """Seed files as a person (or a script) might write them, good and bad."""
    date = draw(
        st.one_of(
            st.dates().map(lambda d: d.isoformat()),
            st.sampled_from(["2025-13-40", "2025-02-30", "tomorrow", "", "2025-5-1"]),
        )
    )
    lines = [draw(st.sampled_from(["date ", "DATE ", "  date: ", "date\t", "", "title: "])) + date]
    for key in draw(st.lists(st.sampled_from(["title", "source", "url", "Title", "author"]))):
        lines.append(f"{key}: {draw(header_value)}")
    body = draw(st.lists(text_like, max_size=6))
    eol = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return eol.join(lines) + eol + eol + (eol + eol).join(body)


raw_seeds = st.one_of(
    st.binary(max_size=600),
    seed_texts().map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.tuples(seed_texts(), st.sampled_from(["utf-16", "cp1252", "latin-1", "utf-8-sig"])).map(
        lambda te: te[0].encode(te[1], "ignore")
    ),
)

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def assert_clean_seed(seed) -> None:
    assert SLUG.fullmatch(seed.slug)
    assert seed.paragraphs and all(p == p.strip() and p for p in seed.paragraphs)
    for p in (*seed.paragraphs, seed.title or "", seed.source or "", seed.url or ""):
        assert all(unicodedata.category(c) not in ("Cc", "Cf", "Cs") for c in p), repr(p)
        assert "\n" not in p
    assert sum(token_count(p) for p in seed.paragraphs) <= MAX_TOKENS
    assert all(token_count(p) <= MAX_PARAGRAPH_TOKENS for p in seed.paragraphs)
    for w in seed.notices:
        assert "\n" not in str(w)


@pytest.fixture(scope="module")
def scratch():
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


@given(data=raw_seeds)
def test_reading_any_bytes_gives_a_seed_or_a_seed_error(data, scratch):
    path = scratch / "fuzzed.txt"
    path.write_bytes(data)
    try:
        seed = read_seed(path)
    except SeedError as exc:
        assert "\n" not in str(exc) and str(exc).startswith(str(path))
        return
    assert_clean_seed(seed)


@given(text=seed_texts())
def test_parsing_any_text_gives_a_seed_or_a_seed_error(text):
    try:
        seed = parse_seed_text(Path("s.txt"), text)
    except SeedError as exc:
        assert exc.line is None or exc.line >= 1
        return
    assert_clean_seed(seed)
    again = decode_seed(Path("s.txt"), text.encode("utf-8", "surrogatepass"))
    assert isinstance(again[0], str)


@given(names=st.lists(st.text(min_size=1, max_size=30), max_size=12, unique=True))
def test_slugs_are_distinct_safe_and_independent_of_the_others(names):
    names = [n.replace("/", "_").replace("\x00", "") + ".txt" for n in names]
    paths = list({Path(n).name: Path(n) for n in names if Path(n).name == n}.values())
    slugs, _ = assign_slugs(paths)
    assert len(set(slugs.values())) == len(paths)
    assert all(SLUG.fullmatch(s) for s in slugs.values())
    for p in paths:
        alone, _ = assign_slugs([p])
        if "_" not in p.name:  # the documented tie-break: "a_b" yields to "a-b"
            assert alone[p] == slugs[p]


@given(text=st.one_of(st.text(max_size=400), text_like))
def test_escaped_text_is_text_under_any_extensions(text):
    for extensions in (SITE_EXTENSIONS, MANY_EXTENSIONS):
        html = to_html(md_escape(text), extensions)
        sk = skeleton(html)
        expected = visible(text)
        if not expected.strip():
            assert sk.tags in ([], [("p", ())])
            continue
        assert sk.tags == [("p", ())], html
        assert "".join(sk.text).strip() == expected.strip()


@given(texts=st.lists(text_like, min_size=4, max_size=6), title=header_value, url=header_value)
@settings(max_examples=max(150, int(settings().max_examples * SLOW_SHARE)))
def test_rendered_pages_hold_no_markup_from_the_briefing(texts, title, url):
    renderer = Renderer(ROOT / "templates")
    briefings = [briefing_with(texts, url, "fuzzed", title or "t")]
    site = build_site(briefings, renderer, errors=[f"seeds/{texts[0]}: {texts[1]}"])
    for page in site.pages:
        if not page.uri.endswith(".md"):
            continue
        sk = skeleton(to_html(page.content, SITE_EXTENSIONS))
        assert not {t for t, _ in sk.tags} & FORBIDDEN_TAGS, page.uri
        assert_safe_attributes(sk)
    page = next(p for p in site.pages if p.uri == "briefings/fuzzed.md")
    shown = "".join(skeleton(to_html(page.content, SITE_EXTENSIONS)).text)
    for t in texts:
        assert visible(t).strip() in shown


@contextmanager
def time_limit(seconds: int):
    """Fail (rather than hang) when one example runs longer than ``seconds``."""

    def expire(signum, frame):
        raise TimeoutError(f"one example took over {seconds} s")

    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.mark.model
@given(text=seed_texts())
@settings(max_examples=max(30, int(settings().max_examples * SLOW_SHARE)))
def test_the_whole_pipeline_never_fails_but_with_seed_errors(text, nlp):
    from briefings.extract.pipeline import extract

    try:
        seed = parse_seed_text(Path("fuzzed.txt"), text)
    except SeedError:
        return
    assume(seed.words < 2_000)
    with time_limit(60):
        briefing = extract(seed, nlp)
        site = build_site([briefing], Renderer(ROOT / "templates"))
    # A stage that raises (or runs out of time) costs its section with a warning
    # instead of the briefing; here it is a failure all the same.
    assert briefing.warnings == seed.warnings
    for page in site.pages:
        if page.uri.endswith(".md"):
            sk = skeleton(to_html(page.content, SITE_EXTENSIONS))
            assert not {t for t, _ in sk.tags} & FORBIDDEN_TAGS
            assert_safe_attributes(sk)
