"""Closed classes of English words the stages read, each defined once.

Hand-written (function words and small verb classes whose members a grammar
lists: Quirk et al., Biber et al.); the generated world knowledge is in
:mod:`briefings.lexicon.generated`.
"""

from __future__ import annotations

#: Discourse connectives that tie a sentence to the one before it (closed class).
CONNECTIVES = frozenset({
    "however", "but", "and", "also", "still", "yet", "meanwhile", "moreover", "furthermore",
    "nevertheless", "nonetheless", "besides", "instead", "otherwise", "thus", "hence",
    "therefore", "consequently", "indeed", "then", "so", "additionally", "similarly", "likewise",
})  # fmt: skip
#: Words that, opening a sentence, point back to something said before it (closed class).
DEMONSTRATIVES = frozenset(["this", "that", "these", "those", "such"])
POSSESSIVES = frozenset(["his", "her", "their", "its"])
#: Personal pronouns that can stand as a clause's subject.
SUBJECT_PRONOUNS = frozenset(["he", "she", "it", "they"])
#: Pronouns of the speaker or the reader: the sentence is someone's words, said elsewhere.
DEICTIC_SUBJECTS = frozenset(["i", "we", "you"])
DEICTIC_POSSESSIVES = frozenset(["my", "our", "your"])
#: Verbs after which a subject "it" is a dummy ("it seems clear that ...").
COPULAS = frozenset(["be", "seem", "appear", "remain", "become", "look"])
#: Quotation marks that open or close a quote (straight, curly, guillemets, low-9).
QUOTE_MARKS = frozenset('"“”«»„')
#: Of those, the double quotation marks that open and close quoted speech in English news.
DOUBLE_QUOTE_MARKS = frozenset('"“”')
#: Verbs that report speech or a stance (closed class): their clause is what was said.
REPORTING_VERBS = frozenset({
    "say", "tell", "declare", "announce", "add", "state", "claim", "warn", "argue", "insist",
    "write", "report", "confirm", "deny", "suggest", "note", "explain", "predict", "promise",
    "reply", "respond", "stress", "acknowledge", "admit", "indicate", "signal",
})  # fmt: skip
#: Evidential markers of certainty (closed class): the writer states a conclusion.
CERTAINTY_ADJECTIVES = frozenset({
    "clear", "evident", "obvious", "plain", "apparent", "undeniable", "unmistakable",
})  # fmt: skip
CERTAINTY_ADVERBS = frozenset({
    "clearly", "evidently", "obviously", "plainly", "undeniably", "unmistakably",
})  # fmt: skip


FUTURE_AUX = {"will", "shall", "'ll", "wo", "ll"}


#: Modals of possibility and obligation: the clause is not a reported fact.
IRREALIS_AUX = {"may", "might", "could", "should", "must", "would", "can", "ought"}


#: Verbs and adjectives whose complement is a plan, a schedule or an expectation
#: (the planning / intending class: "is expected to", "plans to", "due to").
PLAN_WORDS = {
    "expect", "schedule", "plan", "due", "set", "slate", "intend", "aim", "hope",
    "propose", "prepare", "agree", "promise", "pledge", "vow", "decide", "seek",
    "want", "effort", "bid", "attempt", "try", "threaten", "poise", "timetable",
    "deadline", "target", "goal", "likely", "go",
}  # fmt: skip


CONDITION_MARKS = {"if", "unless", "whether", "lest"}


#: Verbs that attribute words to a source (closed set): "said Bruce Riedel", "told Reuters";
#: the actor stage reads who a subject or agent of these is. Not :data:`REPORTING_VERBS`,
#: the wider class of speech and stance the summary and questions read.
SOURCING_VERBS = frozenset(
    {"say", "tell", "report", "cite", "quote", "write", "see", "obtain", "according", "publish",
     "broadcast"}
)  # fmt: skip


#: Of those, what a news outlet does as a subject: "The Guardian cited", "seen by Sky News".
MEDIA_VERBS = frozenset(
    {"report", "cite", "quote", "publish", "broadcast", "write", "see", "obtain"}
)
