"""The closed word classes and weights by which open questions are found.

Each set is a class of English (modals, predicates of likelihood, nouns of
intention, ...), never a list of an article's names.
"""

from __future__ import annotations

#: English modal auxiliaries (closed class), and how strongly each leaves a matter open.
MODALS = {
    "will": 1.0, "shall": 1.0, "'ll": 1.0, "wo": 1.0, "would": 1.2, "could": 1.2, "may": 1.2,
    "might": 1.2, "can": 0.8, "should": 0.9, "must": 0.8,
}  # fmt: skip
#: Epistemic modals asked about as "could" ("may come" → "Could X come?").
ASKED_AS_COULD = frozenset({"may", "might"})
#: Modals of the future: with the perfect they still look ahead ("will have finished by
#: 2027"); every other modal with the perfect looks back ("may have broken", "would
#: have been", "should have been selected"): speculation or regret, nothing to watch.
FUTURE_MODALS = frozenset({"will", "shall", "'ll", "wo"})
#: Modals of ability, obligation and norm: "Afghan women can make robots", "the form
#: must be completed in English" state how things are. They leave a matter open only
#: when tied to a time ("the board must decide by Friday", "must now be approved").
TIMELESS_MODALS = frozenset({"can", "ca", "must", "should"})
#: Adjectives that put a claim in the past ("the previous claims that he could end it").
PAST_ADJECTIVES = frozenset({"previous", "earlier", "past", "former", "prior", "old"})
#: Contracted auxiliaries and the word a question opens with instead ("'s" is decided by
#: its lemma: "is" or "has").
FULL_FORMS = {
    "'ll": "will", "wo": "will", "ca": "can", "sha": "shall", "'d": "would", "'re": "are",
    "'ve": "have", "'m": "am",
}  # fmt: skip
#: Predicates of likelihood, expectation, intention and worry that embed a clause.
EMBEDDING_PREDICATES = frozenset({
    "unlikely", "likely", "possible", "impossible", "uncertain", "unclear", "doubtful",
    "expected", "expect", "certain", "sure", "due", "set", "scheduled", "schedule",
    "plan", "intend", "aim", "hope", "seek", "want", "promise", "pledge", "vow", "threaten",
    "prepare", "propose", "consider", "fear", "doubt", "worry", "concerned", "worried",
    "skeptical", "sceptical", "ready", "willing", "poised", "able", "going",
})  # fmt: skip
#: Nouns of intention whose infinitive states a plan ("X's effort to V").
PLAN_NOUNS = frozenset({
    "plan", "effort", "bid", "attempt", "proposal", "pledge", "promise", "goal", "aim",
    "target", "intention", "threat", "offer", "push", "drive", "campaign",
})  # fmt: skip
#: Verbs that make a plan public (closed class): the subject of "announced plans to V",
#: "launched a campaign to V", "unveiled a proposal to V" owns the plan.
ANNOUNCING_VERBS = frozenset({
    "announce", "unveil", "launch", "make", "set", "present", "outline", "reveal", "table",
    "submit", "put", "lay", "draw", "approve", "adopt", "back", "have", "begin", "start",
})  # fmt: skip
#: Nouns that name a role in a plan rather than someone who acts: "the aim is to V",
#: "the task is to V", "the priority is to V" say what is to be done, not who does it.
SPECIFYING_NOUNS = frozenset({
    "task", "job", "priority", "challenge", "problem", "solution", "answer", "way", "point",
    "purpose", "mission", "objective", "role", "duty", "idea", "option", "step", "approach",
    "strategy", "policy", "question", "issue", "thing", "key", "focus", "hope", "dream",
})  # fmt: skip
#: Verbs of appeal: "A urged B to V" asks whether B will V.
APPEAL_VERBS = frozenset({
    "call", "urge", "ask", "press", "request", "demand", "invite", "encourage", "appeal",
})  # fmt: skip
#: Nouns that put the clause they introduce in doubt ("the claim that S").
CONTEST_NOUNS = frozenset({
    "idea", "claim", "suggestion", "allegation", "report", "speculation", "rumour", "rumor",
    "notion", "fear", "concern", "possibility", "doubt", "prospect", "risk", "question",
})  # fmt: skip
#: Verbs that put their complement clause in doubt ("denied that S", "alleged that S",
#: "Paris claims that she was forced to work").
CONTEST_VERBS = frozenset({
    "deny", "reject", "dismiss", "dispute", "doubt", "question", "allege", "claim",
})  # fmt: skip
#: Verbs of a claim not yet borne out (closed class): "X alleged that S", "X claims S".
#: Asked only of a claimant the sentence names (see ``questions._ask_once``).
CLAIMING_VERBS = frozenset({"allege", "claim"})
#: Adverbs by which the writer hedges a report (closed class): "was reportedly rejected".
HEDGE_ADVERBS = frozenset({
    "reportedly", "allegedly", "apparently", "purportedly", "supposedly", "seemingly",
    "possibly", "probably", "perhaps", "presumably",
})  # fmt: skip
#: Words that embed a question ("asked how", "not said why", "doubts about whether").
QUESTION_EMBEDDERS = frozenset({
    "ask", "wonder", "know", "say", "tell", "explain", "reveal", "disclose", "decide",
    "determine", "investigate", "examine", "question", "unclear", "uncertain", "clear",
    "doubt", "see", "debate", "discuss", "consider", "detail", "information",
    "explanation", "answer", "account", "word", "clarity", "inquiry", "probe",
})  # fmt: skip
#: Singular nouns for groups that English refers back to as "they" (closed class).
COLLECTIVE_NOUNS = frozenset({
    "team", "government", "group", "party", "family", "crowd", "committee", "council",
    "police", "staff", "board", "panel", "company", "army", "public", "couple", "jury",
    "audience", "administration", "union", "club", "band", "crew", "delegation", "firm",
})  # fmt: skip
#: Verbs of gaining or keeping a position or asset: the question is what comes of it.
GAIN_VERBS = frozenset({
    "win", "gain", "secure", "maintain", "keep", "retain", "obtain", "earn", "capture",
    "acquire", "regain", "seize",
})  # fmt: skip
#: Verbs of leaving an office: the question is who comes next.
LEAVE_VERBS = frozenset({"resign", "quit", "retire", "step"})
#: Below every question an explicit cue gives: follow-ups fill an article that states
#: nothing as open up to the minimum count.
FOLLOW_UP_STRENGTH = 0.5
MIN_QUESTIONS = 3
WH_WORDS = frozenset({"how", "why", "when", "where", "what", "who", "which", "whom", "whose"})
#: How strongly each kind of cue marks a matter to watch.
CUE_STRENGTH = {"modal": 1.0, "embedded": 1.3, "plan": 1.2, "appeal": 1.1, "contested": 1.2,
                "indirect": 1.4, "claimed": 1.1, "awaited": 1.1, "unsettled": 1.0, "inquiry": 1.0,
                "hedged": 1.1, "lower_bound": 0.9, "charged": 1.2, "demand": 1.1,
                "forecast": 1.1, "investigating": 1.0, "deadline": 1.3,
                "weighing": 1.1, "awaiting": 1.0, "facing": 1.2, "scheduled": 1.0,
                "threat": 1.2, "negotiating": 1.2, "challenge": 1.2}  # fmt: skip
#: Verbs whose negated passive leaves a matter awaited ("the date has not been set").
SETTLING_VERBS = frozenset({
    "set", "decide", "determine", "announce", "confirm", "disclose", "identify", "establish",
    "release", "name", "publish", "reveal", "schedule", "finalise", "finalize", "resolve",
    "settle", "fix", "explain", "approve", "know",
})  # fmt: skip
#: Adjectives that leave what their subject names open ("the cause remains unclear").
UNKNOWN_ADJECTIVES = frozenset({"unknown", "unclear", "uncertain", "undetermined", "unconfirmed"})
#: Nouns of an inquiry: once opened, what it finds is the matter to watch.
INQUIRY_NOUNS = frozenset({"investigation", "inquiry", "probe", "review", "audit", "inquest"})
#: Verbs that open an inquiry.
OPENING_VERBS = frozenset({"open", "launch", "begin", "start", "order", "announce", "set"})
#: Nouns of events that take place rather than come (closed class): "talks are scheduled
#: for next week" → "Will the talks take place next week?"; "a verdict is expected" comes.
EVENT_NOUNS = frozenset({
    "talk", "meeting", "summit", "vote", "election", "referendum", "ballot", "trial",
    "hearing", "conference", "negotiation", "debate", "strike", "visit", "launch", "match",
    "ceremony", "session", "poll", "runoff", "inauguration", "festival", "exercise",
})  # fmt: skip
#: Words that say a thing is awaited at a time, and how the question ends for each.
AWAITED = {"expected": "as expected", "scheduled": "as scheduled", "due": "as scheduled"}
QUOTE_CHARS = frozenset('"“”«»„`')
BRACKETS = frozenset("()[]")
SUBJECTS = ("nsubj", "nsubjpass", "expl")
#: Verbs after which a subject "it" may be a dummy for a clause that follows.
DUMMY_IT_VERBS = frozenset({"be", "seem", "appear", "remain", "become", "look", "take"})
DEMONSTRATIVE_DETERMINERS = frozenset({"this", "that", "these", "those"})
#: Longer questions are not questions an analyst would put; relative clauses go first.
MAX_WORDS = 25
#: Relative pronouns: a subject phrase ending in one lost its clause to a bad parse.
RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose", "which", "that"})
