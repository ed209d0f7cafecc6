"""What the reply says was done, offered or passed on, when it is not said with "I will".

Trainers count a done deed ("credit applied", "engineer booked fri 8am") and a concrete offer
without a verb ("So: a replacement tonight") as acting, and a hand-off dressed as action
("please reach out to our billing team here", "I've forwarded this to our team") as passing the
customer on (issue 12). These detectors read the structure around the lexicon's words; the words
themselves (participles, contact verbs, destinations) live in the YAML files.
"""

from __future__ import annotations

from scoring.analysis import Analysis
from scoring.lexicon import Match
from scoring.text import Tokens

# Participles that are past forms without "-ed" ("reset", "sent"): a stem match is only a deed
# when the word as written is a past form ("booking" is not "booked").
IRREGULAR_DONE = frozenset({"sent", "reset", "done", "set", "put", "paid", "made", "given"})
# Someone else's act, or the customer's ("you booked", "they refunded"): not ours to claim.
OTHER_SUBJECTS = frozenset({"you", "they", "he", "she"})
# Before a participle these make it a future, a wish or a condition, not a deed ("should be
# refunded", "once it's sent"); DEED_LOOKBACK tokens back, in the same clause.
NOT_YET = frozenset(
    {
        "will",
        "would",
        "should",
        "could",
        "can",
        "may",
        "might",
        "must",
        "need",
        "needs",
        "if",
        "once",
        "when",
        "until",
        "unless",
        "after",
        "before",
        "to",
        "get",
        "getting",
        "being",
    }
)
DEED_LOOKBACK = 4
# What someone said was done is not a deed: "you were told check-in was arranged".
REPORTED = frozenset({"told", "said", "promised", "supposed", "claimed", "thought", "expected"})
# A deed gone wrong is the complaint told back, not a fix: "it was sent to the wrong address".
FAULTY = frozenset({"wrong", "twice", "late", "incorrectly", "again", "mistake", "error"})
# ... except as the name of a charge: "£45 late fee reversed" (d4 dev set).
CHARGE_NOUNS = frozenset({"fee", "fees", "charge", "charges", "payment", "penalty"})
# After a participle these make it an active verb with its object ("has done this job"), not a
# deed reported in note form ("refund issued to your card").
OBJECTS = frozenset(
    {
        "this",
        "that",
        "the",
        "a",
        "an",
        "it",
        "them",
        "him",
        "her",
        "my",
        "his",
        "their",
        "these",
        "you",
        "your",
        "me",
    }
)
# Right before a participle these make it a state or a standing process, not a deed: "we're
# fully booked", "fees are applied automatically".
STATE_BEFORE = frozenset({"fully", "is", "are", "automatically"})
# Verbs that make a clause a sentence, not a verbless offer ("engineers are on site").
VERB_WORDS = frozenset(
    {
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
    }
)
# Rules whose clause turns a deed into something else: the failure apologised for ("sorry our
# app rebooked you"), or a reason, rule or blame ("so the booking was released").
# Rules whose clause (for an apology, whose comma-bounded piece) makes a past form not our
# deed: "sorry your order was cancelled" names the failure, but in "so sorry tom, express fee
# refunded" the deed has a piece of its own (found playing the anniversary scenario).
NOT_OUR_DEED = (
    "apology_cue",
    "strong_apology",
    "policy",
    "excuse",
    "excuse_cause",
    "blame_customer",
)
TIME_NOUNS = frozenset({"time", "once", "week", "morning", "afternoon", "evening", "month"})
# Alone in their clause these report the fix by themselves: "Done: ...", "Sorted!".
BARE_DEEDS = frozenset({"done", "sorted", "fixed", "resolved"})

# What may open a verbless offer's clause before the fix word: "a replacement", "your full
# refund", "and the fee back". A pronoun or verb there makes it a sentence about something else.
VERBLESS_OPENERS = frozenset({"a", "an", "the", "your", "and", "so", "plus", "also", "then"})
VERBLESS_LEAD = 3

# --- hand-offs ------------------------------------------------------------------------------
# After a contact verb, these keep the problem with us: "contact us", "call me directly".
KEEPS_IT = frozenset({"me", "us", "i", "my", "directly", "you", "your"})
# After a passing verb these are what is passed, not who keeps it: "I've passed your
# referral to the booking team" (d2 dev set).
OBJECT_PASSED = frozenset({"your"})
# Words stepped over between the verb and who it goes to: "reach out to", "get in touch with".
LINKING = frozenset({"out", "to", "with", "in", "touch", "back", "over", "on", "this", "it"})
# First person before a contact verb: we are the ones calling ("I'll call the courier").
FIRST_PERSON = frozenset({"i", "we"})
# Before a contact word these make it a noun: "by email", "your call", "a message".
NOUN_BEFORE = frozenset({"by", "via", "an", "a", "the", "your", "our", "my", "this", "that", "per"})
HANDOFF_REACH = 7
FIRST_PERSON_REACH = 5  # tokens back in the clause in which "I"/"we" makes the act ours
# What comes right before a contact verb aimed at the customer: an imperative ("please
# contact"), a modal ("you can reach"), a suggestion ("we recommend contacting").
LEADS = frozenset(
    {
        "please",
        "kindly",
        "just",
        "simply",
        "can",
        "could",
        "may",
        "might",
        "to",
        "will",
        "would",
        "should",
        "need",
        "must",
        "and",
        "then",
        "pls",
        "plz",
        "you",
        "also",
        "directly",
        "recommend",
        "suggest",
        "advise",
        "try",
    }
)  # tokens after the verb in which the destination must be named


def _past_form(word: str) -> bool:
    return word.endswith("ed") or word in IRREGULAR_DONE


def done_deed(a: Analysis, rule: str) -> list[Match]:
    """A fix reported as done without "I have": "refund issued today", "router reset", "Done:".

    The participle must be written as a past form, follow what was done (not open its clause as
    an instruction: "reset your router"), not be someone else's act ("you booked"), a future or
    a condition ("will be refunded", "once it's sent"), negated, asked about, or gone wrong."""
    toks = a.toks
    kept = []
    for m in a.get(rule):
        k = m.i
        word = toks.raw[k]
        if not _past_form(word) or a.negated(m) or a.is_question(toks.sent[k]):
            continue
        clause = toks.clause[k]
        first = k
        while first > 0 and toks.clause[first - 1] == clause:
            first -= 1
        last = m.j
        while last < len(toks) and toks.clause[last] == clause:
            last += 1
        # "Refunded the difference just now", "(£19.99, 17 Nov) refunded.": a past form opening
        # its clause is a deed with its "I've" dropped (d4 dev set); only a form that is also
        # the bare verb ("Reset your router") can be an instruction to them.
        dropped_subject = (
            first == k
            and word.endswith("ed")
            and not (m.j < len(toks) and _modal_after(toks, m.j))  # "Refunded items must be"
        )
        if first == k and not dropped_subject and not (word in BARE_DEEDS and last == m.j):
            continue  # "Reset your router": an instruction to them
        if not dropped_subject and _object_follows(toks, m.j) and not _we_did_it(toks, k):
            continue  # "the installer has done this job": someone's act with its object
        if k > 0 and toks.raw[k - 1] in STATE_BEFORE:
            continue
        if toks.canon[k] in a.lang.passing_verbs and _aimed_elsewhere(
            a, m.j, clause, a.lang.handoff_destinations
        ):
            continue  # "I've sent it to our deposits team": the problem passed on (hand_off)
        sentence = toks.sent[k]
        if any(
            (
                toks.segment[o.i] == toks.segment[k]
                if r == "apology_cue"
                else toks.clause[o.i] == clause
            )
            or (r != "apology_cue" and toks.sent[o.i] == sentence)
            for r in NOT_OUR_DEED
            for o in a.get(r)
        ):
            continue
        before = toks.raw[max(first, k - DEED_LOOKBACK) : k]
        if any(
            (w in OTHER_SUBJECTS or w in NOT_YET) and not _the_month(a, j)
            for j, w in enumerate(before, start=max(first, k - DEED_LOOKBACK))
        ):
            continue
        if "you" in toks.raw[first:k]:
            continue  # "you did the right thing and cancelled in person": their act
        if any(w in REPORTED for w in toks.raw[first:k]):
            continue  # "you were told early check-in was arranged": their account told back
        if any(
            toks.raw[j] in FAULTY and not (j + 1 < last and toks.raw[j + 1] in CHARGE_NOUNS)
            for j in range(first, last)
        ):
            continue
        kept.append(Match(rule, first if first < k and k - first <= 3 else k, m.j))
    return kept


# Who acted, nearest first: "I've retrieved yours and sent them" is ours, object and all.
SUBJECTS = frozenset({"i", "we", "you", "they", "he", "she", "it"})


def _we_did_it(toks: Tokens, k: int) -> bool:
    """The nearest subject before the participle, in its sentence, is "I" or "we"."""
    s = toks.sent[k]
    j = k - 1
    while j >= 0 and toks.sent[j] == s:
        if toks.raw[j] in SUBJECTS:
            return toks.raw[j] in ("i", "we")
        j -= 1
    return False


# After a clause-opening past form, a verb of its own makes it an adjective on a noun
# ("Refunded items must be returned"), not a deed.
MODALS_AFTER = frozenset({"must", "are", "is", "will", "can", "should", "may", "need", "have"})
MODAL_AFTER_REACH = 3


def _modal_after(toks: Tokens, k: int) -> bool:
    clause = toks.clause[k - 1]
    ahead = range(k, min(len(toks), k + MODAL_AFTER_REACH))
    return any(toks.clause[j] == clause and toks.raw[j] in MODALS_AFTER for j in ahead)


def _object_follows(toks: Tokens, k: int) -> bool:
    """An object right after the participle, in its comma-bounded piece ("done this job"),
    but not a time ("waived this time")."""
    if k >= len(toks) or toks.segment[k] != toks.segment[k - 1] or toks.raw[k] not in OBJECTS:
        return False
    return not (k + 1 < len(toks) and toks.raw[k + 1] in TIME_NOUNS)


def verbless_offer(a: Analysis, rule: str) -> list[Match]:
    """A fix put on the table without a verb: "So: a replacement tonight and the fee back".

    A fix word opens its clause (after at most a determiner or two) and the clause gives it a
    time, or the whole sentence is a verbless list ("So: the full £128 back to you, and two
    seats for any matinee"); questions, negations and clauses with a subject doing something
    else do not count."""
    toks = a.toks
    kept = []
    times = a.get("timeline")
    for m in a.get("resolution_offer"):
        if a.negated(m) or a.is_question(toks.sent[m.i]):
            continue
        clause = toks.clause[m.i]
        first = m.i
        while first > 0 and toks.clause[first - 1] == clause:
            first -= 1
        if _object_follows(toks, m.j):
            continue  # "Reset your router": the fix word is a verb, told to them
        lead = toks.raw[first : m.i]
        if not lead and not _fix_word_ends_here(a, m) and not _after_a_colon(a, first):
            continue  # "Restore Licenses to refresh ...": an instruction, not a fix on offer
        if len(lead) > VERBLESS_LEAD or any(
            w in a.lang.stopwords and w not in VERBLESS_OPENERS for w in lead
        ):
            continue
        last = m.j
        while last < len(toks) and toks.clause[last] == clause:
            last += 1
        if any(toks.raw[k] in VERB_WORDS and not _the_month(a, k) for k in range(first, last)):
            continue  # "Engineers are on site": a sentence about something else
        sentence = toks.sent[m.i]
        timed = any(toks.clause[t.i] == clause and t.i >= m.j and not a.negated(t) for t in times)
        if timed or not any(
            toks.raw[k] in VERB_WORDS and not _the_month(a, k)
            for k in range(len(toks))
            if toks.sent[k] == sentence
        ):
            kept.append(Match(rule, m.i, m.j, m.tag))
    return kept


def _the_month(a: Analysis, k: int) -> bool:
    """ "your 2 May prescription", "May's box refunded" (d5, d7 dev sets): "May" written with a
    capital inside a sentence is the month, not the modal."""
    toks = a.toks
    return (
        toks.raw[k] == "may"
        and a.reply[toks.start[k] : toks.start[k] + 1] == "M"
        and k > 0
        and toks.sent[k - 1] == toks.sent[k]
    )


def _after_a_colon(a: Analysis, first: int) -> bool:
    """ "So: new lenses on your 2 May prescription, glazed by 11 tomorrow" (d7 dev set): a list
    announced by a colon is what we offer, not an instruction to them."""
    toks = a.toks
    return first > 0 and ":" in a.reply[toks.end[first - 1] : toks.start[first]]


def _fix_word_ends_here(a: Analysis, m: Match) -> bool:
    """ "Refund today", "Replacement, and the fee back": nothing but a time, "back" or the end
    of its piece follows the fix word."""
    toks = a.toks
    k = m.j
    if k >= len(toks) or toks.segment[k] != toks.segment[m.j - 1]:
        return True
    return toks.raw[k] == "back" or any(t.i == k for t in a.get("timeline"))


def hand_off(a: Analysis, rule: str) -> list[Match]:
    """The customer sent elsewhere: a contact verb aimed at another team, a link or "here"
    ("please reach out to our billing team here"), or the problem passed on by us ("I've
    forwarded this to our team"). "Contact us", "call me directly" and "I'll call the courier"
    (we do the calling) keep it with us."""
    toks = a.toks
    destinations = a.lang.handoff_destinations
    passing = a.lang.passing_verbs
    kept = []
    for m in a.get(rule):
        if a.negated(m) or (m.i > 0 and toks.raw[m.i - 1] in NOUN_BEFORE):
            continue  # "follow up by email": the means, not a hand-off
        if toks.raw[m.j - 1] == "by":
            # "handled by our claims partner": the job is someone else's, unless it is ours
            # ("handled by me personally")
            if m.j < len(toks) and toks.raw[m.j] not in KEEPS_IT - {"you", "your"}:
                kept.append(m)
            continue
        k = m.j
        while k < len(toks) and toks.raw[k] in LINKING and k - m.j < 3:
            k += 1
        passes = toks.canon[m.i] in passing
        if k < len(toks) and toks.raw[k] in KEEPS_IT:
            if not (passes and toks.raw[k] in OBJECT_PASSED):
                continue  # "call me directly"; but "passed your complaint to" passes it on
        clause = toks.clause[m.i]
        raw = toks.raw[m.i]
        if raw.endswith("s") and toks.canon[m.i] != raw:
            continue  # "the earlier calls": a noun (or someone else's act)
        first = m.i
        while first > 0 and toks.clause[first - 1] == clause and m.i - first < FIRST_PERSON_REACH:
            first -= 1
        ours = any(w in FIRST_PERSON for w in toks.raw[first : m.i])
        if ours and _dispatches_someone(a, m.j):
            continue  # "I'll send someone to read the meter": we send help, not the problem
        if passes:
            if not ours:
                continue  # "they're handed to the courier": how it works, not us passing it on
        elif ours:
            continue  # "I'll call the courier": we are doing it
        elif not (m.i == 0 or toks.clause[m.i - 1] != clause or toks.raw[m.i - 1] in LEADS):
            continue  # "the quarterly report", "point of contact": not aimed at the customer
        if _aimed_elsewhere(a, m.j, clause, destinations):
            kept.append(m)
    return kept


def _aimed_elsewhere(a: Analysis, start: int, clause: int, destinations: frozenset[str]) -> bool:
    """A destination soon after the verb, in its clause, before any "by"/"via" (the means)."""
    toks = a.toks
    for t in range(start, min(len(toks), start + HANDOFF_REACH)):
        if toks.clause[t] != clause or toks.raw[t] in DELIVERY_MEANS:
            return False
        if toks.canon[t] in destinations:
            return True
    return False


# "I'll send a replacement today by courier": a destination after "by" or "via" is how the fix
# travels, not who the customer is passed to (found by a new user: ownership 0 for a first-person
# promise of a replacement; "sent it to the courier" is still passed on).
DELIVERY_MEANS = frozenset({"by", "via"})


# Between a dispatch verb and who is sent: "send an engineer", "send one of our fitters".
DISPATCH_DETERMINERS = frozenset({"a", "an", "the", "one", "of", "our", "my", "two", "out"})


def _dispatches_someone(a: Analysis, k: int) -> bool:
    """After "send" at token k: a person sent to do something ("someone to read the meter",
    "an engineer round", "a technician out tomorrow"), not the case sent to someone else."""
    toks = a.toks
    if toks.canon[k - 1] not in a.lang.dispatch_verbs:
        return False
    while k < len(toks) and toks.raw[k] in DISPATCH_DETERMINERS:
        k += 1
    if k >= len(toks) or toks.canon[k] not in a.lang.dispatched_people:
        return False
    if k + 2 < len(toks) and toks.raw[k + 1] == "to":
        # "someone to read the meter" acts; "someone to our billing team" passes it on
        target = k + 2
        return (
            toks.raw[target] not in DISPATCH_DETERMINERS
            and toks.canon[target] not in a.lang.handoff_destinations
        )
    return True


# --- a step for them to take -----------------------------------------------------------------

# Before an instruction verb at the start of its clause: "please try", "can you pls restart".
STEP_LEADS = frozenset({"please", "pls", "plz", "kindly", "just", "can", "could", "you", "then"})


def self_help_step(a: Analysis, rule: str) -> list[Match]:
    """ "Restore Licenses to refresh your privileges and try again", "Head to the multi-storey
    car park": an instruction that opens its clause is a concrete next step the customer can
    take (real agent replies, real_dev set). Not ownership: nothing is done by us."""
    toks = a.toks
    kept = []
    for m in a.get(rule):
        if a.negated(m) or not toks.raw[m.i].isalpha() or toks.raw[m.i].endswith(("ed", "s")):
            continue
        k = m.i
        while k > 0 and toks.clause[k - 1] == toks.clause[m.i] and toks.raw[k - 1] in STEP_LEADS:
            k -= 1
        if k == 0 or toks.clause[k - 1] != toks.clause[m.i]:
            kept.append(m)
    return kept


# --- a guide linked for them -------------------------------------------------------------------

# Links are blanked out before reading (same length, scorer.mask_addresses): a run of this many
# spaces is where one was. Ordinary text never has it.
LINK_GAP = " " * 8
LINK_REACH = 60  # characters after the words in which the link must start


def help_link(a: Analysis, rule: str) -> list[Match]:
    """ "Check out <link> for what to do next", "the following guide may help: <link>": a
    guide linked for them, in the sentence that points to it (real_dev set)."""
    toks, reply = a.toks, a.reply
    if LINK_GAP not in reply:
        return []
    kept = []
    for m in a.get(rule):
        if a.negated(m):
            continue
        end = toks.end[m.j - 1]
        window = reply[end : end + LINK_REACH]
        k = m.j
        # the link must come before the next sentence starts
        stop = len(window)
        while k < len(toks) and toks.start[k] < end + LINK_REACH:
            if toks.sent[k] != toks.sent[m.i]:
                stop = toks.start[k] - end
                break
            k += 1
        if LINK_GAP in window[:stop]:
            kept.append(m)
    return kept
