"""The measured programs of the benchmark, one per sub-command; each prints one JSON line.

``bench/run.py`` starts each of them as a fresh process and measures it from
outside (wall time, memory), so every figure includes what a user waits for:
interpreter start, imports, model loads.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefings.nlp.parse import DEFAULT_MODEL


def read_texts(seeds_dir: Path) -> tuple[list[str], int]:
    from briefings.build.extraction import read_seeds

    seeds, errors, _ = read_seeds(seeds_dir)
    if errors:
        raise SystemExit(f"bad seeds: {errors[:3]}")
    return [s.text for s in seeds], sum(s.words for s in seeds)


def extract(args: argparse.Namespace) -> dict:
    """The generator's extraction: every seed of a folder, cache-first."""
    from briefings.build.extraction import build_briefings
    from briefings.extract.pipeline import Settings

    result = build_briefings(
        Path(args.seeds), Settings(model=args.model), cache_dir=Path(args.cache), jobs=args.jobs
    )
    if result.errors:
        raise SystemExit(f"extraction errors: {[str(e) for e in result.errors[:3]]}")
    words = sum(b.source.words for b in result.briefings)
    return {"seeds": len(result.briefings), "extracted": len(result.extracted), "words": words}


def _bare_pass(model: str, texts: list[str]) -> int:
    import spacy

    nlp = spacy.load(model)
    return sum(len(doc) for doc in nlp.pipe(texts))


def bare(args: argparse.Namespace) -> dict:
    """The baseline: spaCy alone, ``nlp.pipe`` over the same texts, nothing else.

    With several jobs, each process loads the model once and pipes an equal
    share of the texts; the documents are dropped, not sent back.
    """
    texts, words = read_texts(Path(args.seeds))
    if args.jobs <= 1:
        tokens = _bare_pass(args.model, texts)
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(
            args.jobs, mp_context=multiprocessing.get_context("spawn")
        ) as pool:
            shares = [texts[i :: args.jobs] for i in range(args.jobs)]
            tokens = sum(pool.map(_bare_pass, [args.model] * args.jobs, shares))
    return {"seeds": len(texts), "words": words, "tokens": tokens}


def serve_rebuilds(args: argparse.Namespace) -> dict:
    """Rebuilds as ``mkdocs serve`` does them: one process, plugins kept, config re-read.

    The first build of the session is timed too. Then, alternately, a rebuild
    with nothing changed and a rebuild after adding one new seed (a different
    new seed each time, removed again after its rebuild).
    """
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    project = Path(args.project)
    site_dir = project / "serve-site"

    def get_config():
        return load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir))

    def timed_build() -> float:
        start = time.perf_counter()
        build(get_config(), serve_url="http://127.0.0.1:8000/")
        return time.perf_counter() - start

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    start = time.perf_counter()
    build(config, serve_url="http://127.0.0.1:8000/")
    first = time.perf_counter() - start
    no_change, add_one = [], []
    for extra in args.extra:
        no_change.append(timed_build())
        added = project / "seeds" / Path(extra).name
        shutil.copy(extra, added)
        try:
            add_one.append(timed_build())
        finally:
            added.unlink()
    shutil.rmtree(site_dir, ignore_errors=True)
    return {"first_build": first, "no_change": no_change, "add_one": add_one}


def cluster(args: argparse.Namespace) -> dict:
    """Story clustering of every briefing of a folder (all cached), and their story pages.

    Timed inside the process, the briefings read once: the figure is what a
    site build spends on stories, not on reading the cache. Each run starts
    from briefings that have not been clustered (no memoised terms).
    """
    from briefings.build.extraction import build_briefings
    from briefings.extract.pipeline import Settings
    from briefings.site.actors import actor_lookup, merge_actors
    from briefings.site.stories import cluster as cluster_briefings
    from briefings.site.story_pages import story_view

    result = build_briefings(
        Path(args.seeds), Settings(model=args.model), cache_dir=Path(args.cache), jobs=1
    )
    if result.extracted:
        raise SystemExit(f"cluster: {len(result.extracted)} seed(s) were not cached")
    briefings = result.briefings
    lookup = actor_lookup(merge_actors(briefings))
    cluster_s, views_s = [], []
    for _ in range(args.runs):
        for b in briefings:
            b.__dict__.pop("_story_terms", None)
        start = time.perf_counter()
        stories = cluster_briefings(briefings)
        cluster_s.append(time.perf_counter() - start)
        start = time.perf_counter()
        for s in stories:
            story_view(s, lookup)
        views_s.append(time.perf_counter() - start)
    sizes = sorted((len(s.briefings) for s in stories), reverse=True)
    return {
        "briefings": len(briefings),
        "stories": len(stories),
        "in_stories": sum(sizes),
        "largest": sizes[0] if sizes else 0,
        "cluster_s": cluster_s,
        "views_s": views_s,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="task", required=True)
    p = sub.add_parser("extract")
    p.add_argument("seeds")
    p.add_argument("--cache", required=True)
    p.add_argument("--jobs", type=int, default=None)
    p.add_argument("--model", default=DEFAULT_MODEL)
    p.set_defaults(func=extract)
    p = sub.add_parser("bare")
    p.add_argument("seeds")
    p.add_argument("--jobs", type=int, default=1)
    p.add_argument("--model", default=DEFAULT_MODEL)
    p.set_defaults(func=bare)
    p = sub.add_parser("serve-rebuilds")
    p.add_argument("project")
    p.add_argument("extra", nargs="+", help="new seed files, one per add-one rebuild")
    p.set_defaults(func=serve_rebuilds)
    p = sub.add_parser("cluster")
    p.add_argument("seeds")
    p.add_argument("--cache", required=True)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--model", default=DEFAULT_MODEL)
    p.set_defaults(func=cluster)
    args = parser.parse_args()
    print(json.dumps(args.func(args)))


if __name__ == "__main__":
    main()
