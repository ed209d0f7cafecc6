"""Every number the scorer uses, named, with where it comes from.

Points are on the 0..100 scale of a dimension; HIGH_THRESHOLD (50, scoring.model) is the line
between "high" and "low" that scenario calibration uses. The values were set so that each
behaviour the issue calls "high" lands above 50 and each it calls "low" below, with a margin of
at least 10 either side, then checked against the labelled development set
(benchmarks/bench_agreement.py). Change one and rerun that script.
"""

from __future__ import annotations

from collections.abc import Mapping

# --- overall ---------------------------------------------------------------------------------
# Equal weights: LAST and HEARD treat every step as necessary and none as making up for another.
DIMENSION_WEIGHTS: Mapping[str, float] = {
    "listening": 1.0,
    "empathy": 1.0,
    "apology": 1.0,
    "ownership": 1.0,
    "no_excuses": 1.0,
    "resolution": 1.0,
}

# --- typo tolerance ----------------------------------------------------------------------------
# Damerau-Levenshtein edits allowed, by the length of the word it would be read as. Below 5
# letters one edit turns too many words into others ("will"/"well"), so no fuzziness; 5-7
# letters allow one edit ("sory"->"sorry", "refnd"->"refund"); 8+ allow two ("apologyze").
FUZZY_MIN_LENGTH = 5
FUZZY_LONG_LENGTH = 8
FUZZY_MIN_TOKEN = 4  # shorter written words are never corrected
# Up to this length a changed letter mostly makes another real word ("floor"/"flood",
# "story"/"sorry"), so only a missing, extra or swapped letter is read as a slip.
FUZZY_SHORT_SWAP_ONLY = 5

# --- listening ---------------------------------------------------------------------------------
# Each distinct word of theirs said back (Rogers & Farson: reflect the content back). A word
# particular to their trouble ("plumber", "April", "carpet") shows the facts were picked up; a
# word every service call uses ("room", "call", "billing": `common_service_words` in
# language.yaml) counts half, so two of them alone stay below high. A scenario fact named in full
# counts as one more particular word. Set on the dev set, checked on the held-out set.
LISTEN_PER_WORD = 40
LISTEN_PER_COMMON_WORD = 20
LISTEN_WORDS_MAX = 60
# Particular words said back only inside a clause that argues back (an excuse, policy, blame)
# still show the facts were heard, at this share; common words there count nothing ("we only
# hold tables for 15 minutes" recites policy), nor does anything in a clause that mocks.
LISTEN_ARGUING_SHARE = 0.8
LISTEN_RESTATE = 30  # a paraphrase opener ("so you were charged twice")
LISTEN_QUESTION = 55  # a relevant clarifying question on its own is active listening
LISTEN_THANKS = 25  # thanking them for raising it (LAST's "Thank"); stock thanks are common
LISTEN_DISMISSIVE_CAP = 15
# A reply that argues back anywhere (an excuse, policy, blame, defending, minimising: no_excuses
# low) uses their words against them or past them: trainers labelling the d1 dev set marked
# listening low on such replies whatever words they named (rubric: "repeating facts to
# contradict them is not listening"). Capped just below high.
LISTEN_ARGUED_CAP = 40  # "as I said" caps listening well below high

# --- empathy -----------------------------------------------------------------------------------
EMPATHY_SPECIFIC = 85  # validation that names the personal consequence (Sharma et al. 2020)
EMPATHY_VALIDATION = 65  # validates the feeling in general terms
EMPATHY_CANNED = 35  # stock line: partial credit, below high (issue: "partial credit")
EMPATHY_CANNED_SPECIFIC = 60  # a stock opener that then names the personal consequence
EMPATHY_EVALUATIVE = 40  # "that's awful" with nothing named: close to a stock line
EMPATHY_IMPACT_ONLY = 55  # names what it cost them ("it left you exposed in front of your VP")
# Their trouble told back at length in their own words, in a sentence about them, not us ("Washing
# plates in the bath for three weeks with two kids, and a party at home on the 12th"): at least
# this many of their words. 4 beat 3 and 5 on d1, d2 and d3 together (December 2026; 3 took
# plain restatements of facts for empathy in d1).
EMPATHY_TOLD_BACK_WORDS = 4

# --- apology -----------------------------------------------------------------------------------
APOLOGY_SPECIFIC = 85  # names what went wrong in the customer's words or a scenario fact
APOLOGY_NAMED = 70  # names something concrete, though not in the customer's words
APOLOGY_GENERIC = 30  # "sorry for any inconvenience" (Schumann 2012: rated least sincere)
APOLOGY_UNDERMINED = 20  # "sorry, but" + excuse (Schumann 2012)
APOLOGY_RESPONSIBILITY_BONUS = 10  # apology with acknowledged fault (Lazare 2004 components)
APOLOGY_PASSIVE_PENALTY = 40  # "mistakes were made" next to an apology

# --- ownership ---------------------------------------------------------------------------------
OWN_COMMITMENT = 55  # "I will ..." (Schweitzer et al. 2015: promises restore trust)
OWN_CAN_OFFER = 40  # "I can check": an offer of what I could do, not a promise that I will
OWN_WE_COMMITMENT = 40  # "we'll sort it": the team, not me, and no time: below high on its own
OWN_RESPONSIBILITY = 55  # "that's on us"
OWN_TIMELINE = 25  # a concrete time attached to a commitment or fix
OWN_BOTH_BONUS = 10  # responsibility and a commitment together
# An offer or a "we" promise of a concrete fix ("I can offer £200 back", "We'll refund the
# hire"): trainers labelling the d1 dev set counted these as ownership, unlike "I can check".
OWN_CONCRETE_OFFER = 55
OWN_HEDGE = 25  # a hedged promise: the most it can earn
OWN_DEFLECTION_CAP = 0  # passing the buck earns nothing (issue: "scores 0")
OWN_PASSIVE_PENALTY = 30  # "mistakes were made" next to a commitment

# --- no excuses --------------------------------------------------------------------------------
NO_EXCUSES_CLEAN = 100
NO_EXCUSES_ONE = 35  # one kind of excuse, policy, blame, defensiveness or minimising
NO_EXCUSES_TWO = 20  # two kinds
NO_EXCUSES_MANY = 5  # three or more kinds

# --- resolution --------------------------------------------------------------------------------
RESOLVE_OFFER = 60  # a concrete fix (Smith, Bolton & Wagner 1999)
RESOLVE_SCENARIO_BONUS = 10  # the fix is one this customer would accept (scenario resolutions)
RESOLVE_TIMELINE = 15  # the fix comes with a time
RESOLVE_GOODWILL = 15  # compensation beyond the loss (Tax et al. 1998)
RESOLVE_CHECK = 15  # "does that work for you?"
RESOLVE_CHECK_ONLY = 25  # a satisfaction check with no fix on the table
# A step for them to take ("try restarting it: <link>"): a next step, just high, below a fix we
# make (the real_dev labeller counted these; d1's did not for a macro that ignored the
# complaint, which no_excuses and listening already mark down).
RESOLVE_STEP = 50
RESOLVE_VAGUE = 20  # "we'll look into it": the most a vague promise earns
RESOLVE_HEDGED_OFFER = 35  # a fix wrapped in a hedge ("we might be able to refund")

# --- gaming ------------------------------------------------------------------------------------
# A reply is gaming when it is a list of words rather than sentences. Ordinary English runs at
# 40-55% function words; keyword bags and repeated words fall far below. Checked only from
# GAMING_MIN_TOKENS tokens on, so "Refund issued." is not gaming.
GAMING_MIN_TOKENS = 6
GAMING_MAX_FUNCTION_SHARE = 0.2
GAMING_REPEAT_SHARE = 0.35  # one content word making up this share of a reply
GAMING_ADJACENT_REPEATS = 2  # "sorry sorry" twice over
GAMING_PIECE_WORDS = 4  # a comma- or sentence-separated piece this short may be a chant
GAMING_REPEATED_PIECES = 2  # the same short piece a third time ("Sorry. Sorry. Sorry.")
GAMING_ONE_WORD_PIECES = 3  # "Sorry. Refund. Credit." when half the pieces are single words
