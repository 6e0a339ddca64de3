"""Questions raised by a process under way that the article states without a modal.

News often says what is pending by the shape of the sentence, not by "will":

* a charge: "Montalvo was charged with taking hard drives", "a man charged with
  murder", "the mayor faces charges of fraud" → will the accused be convicted?
  "X was arrested on suspicion of Y" → will X be charged with Y?
* a demand: "the opposition has called for a public inquiry", "the union demanded
  a pay rise" → will the call (the demand) be met?
* a forecast with a thing as its object: "the city expects about 6 million
  visitors this year", "analysts predict a cut in interest rates" → will there be
  that, as they expect?
* an inquiry in progress: "police are investigating the death of a man",
  "prosecutors have been examining the accounts" → what will it find?
* a deadline given: "Iran has until Sunday to respond", "the army gave residents
  48 hours to leave" → will they, by then?
* an option weighed: "the government is considering a ban on plastic bags" → will
  it go ahead? A thing awaited: "the bill awaits approval" → will it receive it?
* a contest faced: "the prime minister faces a vote of no confidence" → will she
  survive it? A timetable in the present tense with a date after the article's:
  "voters go to the polls on Sunday" → will they? A legal challenge filed: "the
  company has appealed the ruling" → will the appeal succeed?
* a consequence threatened: "the union threatened strikes" → will it follow
  through? Talks in progress: "X and Y are negotiating a trade deal" → will they
  agree on it?

Each reads one construction of English off the dependency parse, names who acts
(a pronoun only when :class:`~briefings.extract.questions.referents.Resolver` can name it)
and keeps the article's own words for the matter.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefings.extract.questions.parse import is_infinitive, is_predicate, subject_of, time_modifier
from briefings.extract.questions.referents import Resolver
from briefings.extract.questions.render import noun_phrase, question_from_clause, render, tidy
from briefings.lexicon.questions import DEMONSTRATIVE_DETERMINERS, EMBEDDING_PREDICATES

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Verbs of a formal charge (closed class), used in the passive or as a participle.
CHARGE_VERBS = frozenset({"charge", "indict"})
#: Nouns of a pending prosecution that someone "faces" (closed class).
PROSECUTION_NOUNS = frozenset({"charge", "trial", "prosecution", "count"})
#: Verbs of demand with "for" + the thing demanded, and the noun for the demand.
DEMAND_FOR_VERBS = {"call": "call", "appeal": "appeal", "push": "push", "press": "push"}
#: Verbs of demand with a direct object (closed class), and the noun for the demand.
DEMAND_VERBS = {"demand": "demand", "request": "request", "seek": "request"}
#: Verbs of forecasting a thing (closed class): "analysts expect a cut in rates".
FORECAST_VERBS = frozenset({"expect", "forecast", "predict", "anticipate", "project"})
#: Verbs of inquiry in progress (closed class): "police are investigating the death".
INVESTIGATING_VERBS = frozenset({"investigate", "probe", "examine", "review", "audit"})
_ARTICLE = re.compile(r"^(?:a|an|some)\s+", re.IGNORECASE)


def _who(token: Token | None, verb: Token, resolver: Resolver, sentence_index: int) -> str | None:
    """The actor ``token`` names, as a question's words; None when it names no one
    the question could show (an unresolved pronoun, a bare "this")."""
    if token is None:
        return None
    if token.pos_ == "PRON":
        return resolver.resolve(token, verb, sentence_index)
    if token.lower_ in DEMONSTRATIVE_DETERMINERS or token.tag_ in ("WP", "WDT"):
        return None
    if token.pos_ not in ("NOUN", "PROPN"):
        return None  # a name the tagger took for a verb would lose its capital
    return noun_phrase(token, relative_clauses=False).rstrip(",") or None


def _thing(token: Token) -> str:
    """The matter a noun phrase names, its relative clauses and asides left out."""
    return noun_phrase(token, relative_clauses=False).rstrip(",")


def _ends(text: str) -> str | None:
    text = tidy(text)
    return text[:1].upper() + text[1:] + "?" if text else None


def charged(verb: Token, resolver: Resolver, sentence_index: int) -> str | None:
    """A charge awaits its verdict: "X was charged with Y" → "Will X be convicted of Y?";
    "X faces charges of Y" → the same; "X was arrested on suspicion of Y" → "Will X be
    charged with Y?"."""
    lemma = verb.lemma_.lower()
    if lemma in CHARGE_VERBS and verb.tag_ == "VBN":
        accused = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if accused is None and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            accused = verb.head  # "a man charged with murder"
        crime = _preposition_object(verb, ("with", "over", "for"))
        ask = "Will {who} be convicted of {what}"
    elif lemma == "face" and verb.pos_ == "VERB":
        accused = subject_of(verb)
        case = next(
            (
                c
                for c in verb.children
                if c.dep_ == "dobj" and c.lemma_.lower() in PROSECUTION_NOUNS
            ),
            None,
        )
        if case is None:
            return None
        crime = _preposition_object(case, ("of", "over", "for", "on"))
        ask = "Will {who} be convicted of {what}"
    elif lemma == "arrest" and verb.tag_ == "VBN":
        accused = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        suspicion = _preposition_object(verb, ("on",), noun="suspicion")
        crime = _preposition_object(suspicion, ("of",)) if suspicion is not None else None
        ask = "Will {who} be charged with {what}"
    else:
        return None
    if crime is None or accused is None or (accused.pos_ == "PRON" and accused.lower_ == "it"):
        return None
    who = _who(accused, verb, resolver, sentence_index)
    if who is None:
        return None
    who = re.sub(r"^(?:a|an)\s+", "the ", who, flags=re.IGNORECASE)  # "a man" → "the man"
    what = render(sorted(crime.subtree, key=lambda t: t.i))
    return _ends(ask.format(who=who, what=what))


def _preposition_object(
    head: Token | None, prepositions: tuple[str, ...], noun: str | None = None
) -> Token | None:
    """The object (noun or gerund) of ``head``'s first preposition among ``prepositions``;
    with ``noun``, only when that object is the noun ("on suspicion")."""
    if head is None:
        return None
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in prepositions:
            continue
        for obj in prep.children:
            if obj.dep_ in ("pobj", "pcomp") and (noun is None or obj.lower_ == noun):
                return obj
    return None


def demand(verb: Token, resolver: Resolver, sentence_index: int) -> str | None:
    """A demand made is a demand to be met: "the opposition has called for a public
    inquiry" → "Will the call by the opposition for a public inquiry be met?"."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or any(c.dep_ in ("ccomp", "xcomp", "dative") for c in verb.children):
        return None
    if lemma in DEMAND_FOR_VERBS:
        if any(c.dep_ == "dobj" for c in verb.children):
            return None  # "called the plan a failure": another use
        thing = _preposition_object(verb, ("for",))
        noun = DEMAND_FOR_VERBS[lemma]
    elif lemma in DEMAND_VERBS:
        thing = next((c for c in verb.children if c.dep_ == "dobj"), None)
        noun = DEMAND_VERBS[lemma]
    else:
        return None
    if thing is None or thing.pos_ not in ("NOUN", "PROPN") or _has_clause(thing):
        return None  # "called for them to go", "demanded that S": asked elsewhere
    if lemma == "seek" and thing.lemma_.lower() in ("asylum", "refuge", "shelter", "help"):
        return None  # "seeking asylum" is a status, not a demand put to someone
    who = _who(subject_of(verb), verb, resolver, sentence_index)
    if who is None:
        return None
    return _ends(f"Will the {noun} by {who} for {_thing(thing)} be met")


def _has_clause(noun: Token) -> bool:
    """Whether the noun phrase holds a clause of its own ("a call for them to go", "an
    inquiry into why the programme fell behind"): that clause is asked, not the noun."""
    return any(c.dep_ in ("acl", "relcl") and is_infinitive(c) for c in noun.children) or any(
        t.tag_ in ("WRB", "WP", "WDT") or (t.pos_ in ("VERB", "AUX") and t.dep_ == "pcomp")
        for t in noun.subtree
        if t.i != noun.i
    )


def forecast(verb: Token, resolver: Resolver, sentence_index: int) -> str | None:
    """A thing forecast: "the city expects about 6 million visitors this year" → "Will
    there be about 6 million visitors this year, as the city expects?"."""
    if verb.lemma_.lower() not in FORECAST_VERBS or verb.tag_ not in ("VBZ", "VBP", "VBD"):
        return None
    if any(c.dep_ in ("ccomp", "xcomp", "auxpass", "nsubjpass") for c in verb.children):
        return None  # "expects that S", "expects to V": asked as an embedded clause
    thing = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if thing is None or thing.pos_ != "NOUN" or _has_clause(thing):
        return None
    if any(c.dep_ == "poss" or c.lower_ in DEMONSTRATIVE_DETERMINERS for c in thing.children):
        return None  # "expects his answer": whose, the question would not say
    who = _who(subject_of(verb), verb, resolver, sentence_index)
    if who is None:
        return None
    when = time_modifier(verb)
    when_text = render(list(when.subtree)) if when is not None else ""
    what = _ARTICLE.sub("", _thing(thing)) if thing.tag_ == "NNS" else _thing(thing)
    return _ends(f"Will there be {what} {when_text}, as {who} {verb.lower_}")


def investigating(verb: Token, resolver: Resolver, sentence_index: int) -> str | None:
    """An inquiry in progress: "police are investigating the death of a man" → "What
    will the investigation by police into the death of a man find?"."""
    if verb.lemma_.lower() not in INVESTIGATING_VERBS or verb.tag_ != "VBG":
        return None
    auxes = [c for c in verb.children if c.dep_ == "aux"]
    if not auxes or auxes[0].lemma_ != "be" or verb.dep_ not in ("ROOT", "ccomp", "conj"):
        return None  # a progressive of the present ("are investigating", "has been probing")
    if any(a.tag_ == "VBD" for a in auxes) and not any(a.lemma_ == "have" for a in auxes):
        return None  # "were investigating": told of the past
    thing = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if thing is None or thing.pos_ not in ("NOUN", "PROPN"):
        return None
    who = _who(subject_of(verb), verb, resolver, sentence_index)
    if who is None:
        return None
    return _ends(f"What will the investigation by {who} into {_thing(thing)} find")


def deadline(verb: Token, resolver: Resolver, sentence_index: int) -> str | None:
    """A deadline given for an act: "Iran has until Sunday to respond to the offer" →
    "Will Iran respond to the offer by Sunday?"; "the army gave residents 48 hours to
    leave the town" → "Will the residents leave the town within 48 hours?"."""
    if not is_infinitive(verb) or verb.dep_ not in ("xcomp", "advcl", "acl", "relcl"):
        return None
    head = verb.head
    if (
        verb.dep_ in ("acl", "relcl")
        and head.dep_ == "pobj"
        and head.head.lower_ in ("until", "till")
    ):
        # "Velm has until the end of the month to pay": the infinitive hung on the date
        holder = head.head.head
        if holder.lemma_ != "have" or head.ent_type_ not in ("DATE", "TIME"):
            return None
        date = [t for t in head.subtree if t.i not in {x.i for x in verb.subtree}]
        actor, limit = subject_of(holder), f"by {render(date)}"
        who = _who(actor, holder, resolver, sentence_index)
        text = question_from_clause(verb, who) if who else None
        return f"{text[:-1]} {limit}?" if text else None
    if any(c.dep_ == "mark" and c.lower_ == "for" for c in verb.children):
        return _deadline_set(verb, resolver, sentence_index)
    if head.lemma_ == "have" and verb.dep_ == "xcomp":
        until = _preposition_object(head, ("until", "till"))
        if until is None or until.ent_type_ not in ("DATE", "TIME"):
            return None
        actor, limit = subject_of(head), f"by {render(list(until.subtree))}"
    elif head.lemma_ == "give":
        span = next((c for c in head.children if c.dep_ == "dobj"), None)
        until = _preposition_object(head, ("until", "till"))
        actor = next((c for c in head.children if c.dep_ in ("dative", "dobj")), None)
        if until is not None and until.ent_type_ in ("DATE", "TIME"):
            limit = f"by {render(list(until.subtree))}"  # "gave the company until Friday"
        elif span is not None and span.ent_type_ in ("DATE", "TIME"):
            actor = next((c for c in head.children if c.dep_ == "dative"), None)
            limit = f"within {render(list(span.subtree))}"  # "gave residents 48 hours"
        else:
            return None
    else:
        return None
    who = _who(actor, head, resolver, sentence_index)
    if who is None:
        return None
    text = question_from_clause(verb, who)
    if text is None:
        return None
    return f"{text[:-1]} {limit}?"


#: Nouns of a time limit set for someone (closed class).
DEADLINE_NOUNS = frozenset({"deadline", "ultimatum", "limit"})


def _deadline_set(verb: Token, resolver: Resolver, sentence_index: int) -> str | None:
    """ "The regulator set a deadline of March 1 for the banks to comply with the rules"
    → "Will the banks comply with the rules by March 1?"."""
    head = verb.head
    deadline_noun = head if head.lemma_.lower() in DEADLINE_NOUNS else None
    if deadline_noun is None:
        deadline_noun = next(
            (c for c in head.children if c.dep_ == "dobj" and c.lemma_.lower() in DEADLINE_NOUNS),
            None,
        )
    if deadline_noun is None:
        return None
    actor = subject_of(verb)
    who = _who(actor, verb, resolver, sentence_index)
    if who is None:
        return None
    text = question_from_clause(verb, who)
    if text is None:
        return None
    date = _preposition_object(deadline_noun, ("of", "for", "on"))
    if date is None or date.ent_type_ not in ("DATE", "TIME") or time_modifier(verb) is not None:
        return text  # the clause holds its own date ("to submit its plans by Friday")
    return f"{text[:-1]} by {render(list(date.subtree))}?"


#: Verbs of weighing an option (closed class): "the government is considering a ban".
WEIGHING_VERBS = frozenset({"consider", "weigh", "mull", "study", "explore", "debate"})
#: Things awaited that no one "receives" (closed class): asked as charges are.
_NOT_RECEIVED = frozenset({"trial", "sentencing", "extradition", "execution", "deportation"})


def weighing(verb: Token, resolver: Resolver, sentence_index: int) -> str | None:
    """An option weighed: "the government is considering a ban on plastic bags" → "Will
    the government go ahead with a ban on plastic bags?"; "officials are weighing a new
    tax on fuel" → "Will officials go ahead with a new tax on fuel?"."""
    thing = _ongoing_object(verb, WEIGHING_VERBS)
    if thing is None:
        return None
    who = _who(subject_of(verb), verb, resolver, sentence_index)
    if who is None:
        return None
    return _ends(f"Will {who} go ahead with {_thing(thing)}")


def _ongoing_object(verb: Token, verbs: frozenset[str]) -> Token | None:
    """The thing an activity of ``verbs`` in the present progressive is about, or None.

    "is considering a ban", "are negotiating a new trade deal": a plain noun
    object, not a clause, and not "its"/"their" something (whose, the question
    would not say).
    """
    if verb.lemma_.lower() not in verbs or verb.tag_ != "VBG" or not _progressive_now(verb):
        return None
    thing = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if thing is None or thing.pos_ != "NOUN" or _has_clause(thing):
        return None
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in thing.children):
        return None
    return thing


def _progressive_now(verb: Token) -> bool:
    """ "is considering", "have been weighing": a progressive of the present."""
    auxes = [c for c in verb.children if c.dep_ == "aux"]
    if not auxes or not any(a.lemma_ == "be" for a in auxes):
        return False
    return not any(a.tag_ == "VBD" for a in auxes) and verb.dep_ in ("ROOT", "ccomp", "conj")


def awaiting(verb: Token, resolver: Resolver, sentence_index: int) -> str | None:
    """A thing awaited: "the bill awaits approval by the parliament" → "Will the bill
    receive approval by the parliament?"; "families are awaiting news of the missing"
    → "Will families receive news of the missing?"."""
    if verb.lemma_.lower() != "await" or verb.tag_ not in ("VBZ", "VBP", "VBG"):
        return None
    if verb.tag_ == "VBG" and not _progressive_now(verb):
        return None
    thing = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if thing is None or thing.pos_ != "NOUN" or thing.lemma_.lower() in _NOT_RECEIVED:
        return None
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in thing.children):
        return None
    who = _who(subject_of(verb), verb, resolver, sentence_index)
    if who is None:
        return None
    return _ends(f"Will {who} receive {_thing(thing)}")


#: Contests that someone "faces" and how the question asks about the outcome.
CONTESTS = {
    "vote": "survive", "ballot": "survive", "motion": "survive", "challenge": "survive",
    "election": "win", "runoff": "win", "primary": "win", "race": "win",
}  # fmt: skip


def facing(verb: Token, resolver: Resolver, sentence_index: int) -> str | None:
    """A contest faced: "Anna Lind faces a vote of no confidence next week" → "Will Anna
    Lind survive a vote of no confidence next week?"; "the mayor faces a runoff" → "Will
    the mayor win the runoff?"."""
    if verb.lemma_.lower() != "face" or verb.tag_ not in ("VBZ", "VBP"):
        return None
    contest = next(
        (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in CONTESTS), None
    )
    if contest is None or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in contest.children):
        return None
    who = _who(subject_of(verb), verb, resolver, sentence_index)
    if who is None:
        return None
    when = time_modifier(verb)
    when_text = render(list(when.subtree)) if when is not None else ""
    outcome = CONTESTS[contest.lemma_.lower()]
    return _ends(f"Will {who} {outcome} {_thing(contest)} {when_text}")


def scheduled(verb: Token, resolver: Resolver, sentence_index: int) -> str | None:
    """The present tense of a timetable: "voters go to the polls on Sunday", "the trial
    opens on Monday", "the festival runs through March 11" → "Will voters go to the
    polls on Sunday?". Only with a date the article places after its own date."""
    if verb.tag_ not in ("VBZ", "VBP") or verb.pos_ != "VERB" or verb.lemma_ in ("be", "have"):
        return None
    if is_predicate(verb, EMBEDDING_PREDICATES):
        return None  # "the team plans a larger trial in 2025": the plan, not the timetable
    if verb.dep_ not in ("ROOT", "conj") or any(c.dep_ == "aux" for c in verb.children):
        return None
    when = time_modifier(verb)
    if when is None or not (resolver.is_future(when) or _timetabled(when)):
        return None
    subject = subject_of(verb)
    if subject is None:
        return None
    who = _who(subject, verb, resolver, sentence_index)
    if who is None:
        return None
    text = question_from_clause(verb, who)  # "Do voters go …?": do-support and the lemma
    opening = next(
        (f"{do} {who} " for do in ("Do", "Does") if text and text.startswith(f"{do} {who} ")), None
    )
    return f"Will {who} {text[len(opening) :]}" if text and opening else None


#: Words of a date ahead (closed class): "next week", "tomorrow", "the coming days".
_AHEAD = frozenset({"next", "tomorrow", "coming", "upcoming", "later"})
#: Words of a date behind or of a habit (closed class): "last Sunday", "every Sunday".
_BEHIND_OR_HABIT = frozenset({"last", "ago", "previous", "earlier", "every", "each", "since"})
_WEEKDAYS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
})  # fmt: skip


def _timetabled(when: Token) -> bool:
    """A date that, with the simple present, states a timetable: "on Sunday", "next
    week", "through March 11" (not "every Sunday", "on Sundays", "as of March 4")."""
    words = {t.lower_ for t in when.subtree}
    if words & _BEHIND_OR_HABIT or when.lower_ in ("as", "since", "until", "till"):
        return False
    return bool(words & _AHEAD or words & _WEEKDAYS) or when.lower_ == "through"


#: Acts one party threatens another with (closed class): "threatened sanctions", "strikes",
#: "legal action"; anything else a subject "threatens" is endangered ("the coast").
THREATENED_ACTS = frozenset({
    "sanction", "strike", "action", "retaliation", "reprisal", "war", "force", "violence",
    "boycott", "resignation", "walkout", "veto", "tariff", "ban", "lawsuit", "suit", "attack",
    "protest", "expulsion", "penalty", "fine", "closure", "shutdown", "consequence",
    "countermeasure", "measure", "response", "embargo", "blockade", "invasion",
})  # fmt: skip


def threat(verb: Token, resolver: Resolver, sentence_index: int) -> str | None:
    """A consequence threatened: "the union threatened strikes if the talks failed" →
    "Will the union follow through on the threat of strikes?"; "Norland has threatened
    sanctions" → "Will Norland follow through on the threat of sanctions?"."""
    if verb.lemma_.lower() != "threaten" or verb.pos_ != "VERB" or verb.tag_ == "VBG":
        return None
    if any(c.dep_ in ("xcomp", "ccomp", "nsubjpass") for c in verb.children):
        return None  # "threatened to V" is a plan, asked elsewhere; "was threatened" a victim
    thing = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if thing is None or thing.pos_ != "NOUN" or _has_clause(thing):
        return None
    if thing.lemma_.lower() not in THREATENED_ACTS:
        return None  # "the storm threatened the coast", "threatened their jobs": a danger
    who = _who(subject_of(verb), verb, resolver, sentence_index)
    if who is None:
        return None
    what = _ARTICLE.sub("", _thing(thing))
    return _ends(f"Will {who} follow through on the threat of {what}")


#: Verbs of negotiating an outcome in progress (closed class).
NEGOTIATING_VERBS = frozenset({"negotiate", "discuss", "hammer", "thrash"})


def negotiating(verb: Token, resolver: Resolver, sentence_index: int) -> str | None:
    """Talks in progress: "Norland and Velm are negotiating a new trade deal" → "Will
    Norland and Velm agree on a new trade deal?"."""
    thing = _ongoing_object(verb, NEGOTIATING_VERBS)
    if thing is None:
        return None
    who = _who(subject_of(verb), verb, resolver, sentence_index)
    if who is None:
        return None
    return _ends(f"Will {who} agree on {_thing(thing)}")


#: Legal challenges that someone files (closed class), and verbs of filing them.
CHALLENGE_NOUNS = frozenset({
    "appeal", "lawsuit", "suit", "complaint", "challenge", "petition", "case", "claim",
})  # fmt: skip
FILING_VERBS = frozenset({"file", "lodge", "bring", "launch", "submit", "mount"})


def legal_challenge(verb: Token, resolver: Resolver, sentence_index: int) -> str | None:
    """A challenge filed awaits its outcome: "the company has appealed the ruling" →
    "Will the appeal by the company against the ruling succeed?"; "residents filed a
    lawsuit against the city" → "Will the lawsuit by residents against the city
    succeed?"."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or verb.tag_ == "VBG" or any(c.dep_ == "auxpass" for c in verb.children):
        return None
    if lemma == "appeal":
        if any(c.dep_ in ("dative", "xcomp", "ccomp") for c in verb.children):
            return None  # "appealed to voters to V": an appeal for help, asked elsewhere
        target = next((c for c in verb.children if c.dep_ == "dobj"), None)
        target = target or _preposition_object(verb, ("against",))
        if target is None or target.pos_ not in ("NOUN", "PROPN"):
            return None
        noun = "appeal"
    elif lemma in FILING_VERBS:
        filed = next(
            (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in CHALLENGE_NOUNS),
            None,
        )
        if filed is None or any(c.dep_ == "poss" for c in filed.children):
            return None
        noun = filed.lemma_.lower()
        target = _preposition_object(filed, ("against",)) or _preposition_object(verb, ("against",))
    else:
        return None
    who = _who(subject_of(verb), verb, resolver, sentence_index)
    if who is None:
        return None
    against = f" against {_thing(target)}" if target is not None else ""
    return _ends(f"Will the {noun} by {who}{against} succeed")
