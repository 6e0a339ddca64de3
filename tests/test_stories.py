"""Story clustering on the fixture stories: the right groups, ids that last, look-alikes apart."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace

from briefings.site.stories import WINDOW_DAYS, cluster, publication_order, term_counts

from tests.storyseeds import true_story


def groups(stories) -> dict[str, list[str]]:
    return {s.id: [b.id for b in s.briefings] for s in stories}


def test_each_fixture_story_is_one_story_and_look_alikes_stay_apart(story_briefings):
    stories = cluster(story_briefings)
    assert groups(stories) == {
        "velm-strike-1": ["velm-strike-1", "velm-strike-2", "velm-strike-3", "velm-strike-4"],
        "storm-idris-1": ["storm-idris-1", "storm-idris-2", "storm-idris-3"],
        "storm-lenka-1": ["storm-lenka-1", "storm-lenka-2", "storm-lenka-3"],
    }
    for s in stories:
        assert len({true_story(b.id) for b in s.briefings}) == 1


def test_look_alike_articles_sharing_a_passing_actor_stay_apart(story_briefings):
    """Two storms' flood reports: alike in words, both naming the same relief fund in passing."""
    by_id = {b.id: b for b in story_briefings}
    idris, lenka = by_id["storm-idris-2"], by_id["storm-lenka-2"]
    assert (
        term_counts(idris)["a:national relief fund"]
        and term_counts(lenka)["a:national relief fund"]
    )
    assert cluster([idris, lenka]) == []


def test_story_id_is_the_first_briefing_and_the_others_are_aliases(story_briefings):
    for s in cluster(story_briefings):
        assert s.briefings == tuple(publication_order(list(s.briefings)))
        assert s.id == s.briefings[0].id
        assert s.aliases == tuple(b.id for b in s.briefings[1:])


def test_most_recently_active_story_first(story_briefings):
    stories = cluster(story_briefings)
    last = [s.last_date for s in stories]
    assert last == sorted(last, reverse=True)
    assert stories[-1].id == "velm-strike-1"


def test_input_order_does_not_matter(story_briefings):
    expected = groups(cluster(story_briefings))
    assert groups(cluster(list(reversed(story_briefings)))) == expected
    assert groups(cluster(sorted(story_briefings, key=lambda b: b.title))) == expected


def test_adding_a_seed_never_moves_another_briefing(story_briefings):
    """For every subset minus one briefing, adding it back only joins, starts or merges."""
    everything = publication_order(story_briefings)
    for left_out in everything:
        rest = [b for b in everything if b is not left_out]
        before = cluster(rest)
        after = cluster([*rest, left_out])
        story_of = {b.id: s.id for s in after for b in s.briefings}
        for s in before:
            # Every story before is inside one story after, under its id or an older one.
            homes = {story_of[b.id] for b in s.briefings}
            assert len(homes) == 1
            (home,) = homes
            assert home == s.id or home in {b.id for b in everything if b.date <= s.first_date}


def shifted(briefing, days: int, new_id: str | None = None):
    """The same briefing published ``days`` later (and under another id, if given)."""
    date = (dt.date.fromisoformat(briefing.date) + dt.timedelta(days=days)).isoformat()
    return replace(briefing, date=date, id=new_id or briefing.id)


def test_a_bridging_article_merges_two_stories_and_the_older_id_stays(story_briefings):
    """Two halves of one story further apart than the window, until an article between arrives."""
    velm = publication_order([b for b in story_briefings if b.id.startswith("velm")])
    gap = WINDOW_DAYS + 15
    halves = [velm[0], velm[1], shifted(velm[2], gap), shifted(velm[3], gap)]
    apart = groups(cluster(halves))
    assert apart == {
        "velm-strike-1": ["velm-strike-1", "velm-strike-2"],
        "velm-strike-3": ["velm-strike-3", "velm-strike-4"],
    }
    # The minister's meeting reported again, three weeks on: within the window of both halves.
    bridge = shifted(velm[2], 20, new_id="velm-strike-3-again")
    (merged,) = cluster([*halves, bridge])
    assert merged.id == "velm-strike-1"  # the older first briefing keeps the id
    assert "velm-strike-3" in merged.aliases  # the younger story's id redirects


def test_clustering_is_deterministic(story_briefings):
    runs = [
        groups(cluster(list(p)))
        for p in itertools.islice(itertools.permutations(story_briefings), 0, 50, 7)
    ]
    assert all(r == runs[0] for r in runs)
