"""Arguing back in ordinary words: the emphatic "did" that defends what we did or pins it on
the customer (issue 12: "I'm sorry, but we did email you the new date on Monday"; "well, you
did choose the cheapest courier option"). The words are plain; the structure gives them away.
"""

from __future__ import annotations

from scoring.analysis import Analysis
from scoring.lexicon import Match
from scoring.text import Tokens

# Saying what went wrong with it owns the act rather than defending it: "we did get it wrong".
OWNING = frozenset(
    {"wrong", "mistake", "error", "fault", "mess", "messed", "badly", "late", "twice", "fail"}
)
# Praise, not blame: "you did the right thing ringing it through", "you did everything right".
PRAISE = frozenset(
    {
        "right",
        "well",
        "great",
        "correct",
        "correctly",
        "exactly",
        "brilliant",
        "properly",
        "everything",
    }
)
# Right after "did" these make "did" the main verb, not an emphatic one: "you did what you
# were asked", "you did everything right" (d2 dev set).
NOT_A_VERB = frozenset(
    {
        "what",
        "as",
        "everything",
        "exactly",
        "all",
        "a",
        "an",
        "the",
        "it",
        "this",
        "that",
        "so",
        "nothing",
        "something",
        "well",
        "too",
        "their",
        "his",
        "her",
        "our",
    }
)
# Before "you did" these make it a question or a condition, not a claim ("if you did get").
NOT_A_CLAIM = frozenset({"if", "whether", "when", "unless", "once", "what", "which", "how", "why"})


def emphatic_did(a: Analysis, rule: str) -> list[Match]:
    """ "We did email you", "you did choose": an emphatic "did" + verb that insists on a fact
    against the customer. Kept unless negated ("we did not"), asked, a condition, owning the
    fault ("we did get it wrong") or, for "you did", crediting what they told us ("you did
    tell us about the allergy")."""
    toks = a.toks
    kept = []
    for m in a.get(rule):
        verb_at = m.j
        if verb_at >= len(toks) or toks.sent[verb_at] != toks.sent[m.i]:
            continue
        verb = toks.raw[verb_at]
        if verb in a.lang.negators or verb in NOT_A_VERB:
            continue  # "you did what you were asked": "did" is the verb, and it credits
        if a.negated(m) or a.is_question(toks.sent[m.i]):
            continue
        before = toks.raw[max(0, m.i - 2) : m.i]
        if any(w in NOT_A_CLAIM for w in before):
            continue
        clause = toks.clause[m.i]
        words = [toks.raw[k] for k in range(m.i, len(toks)) if toks.clause[k] == clause]
        if any(w in OWNING or w in PRAISE for w in words):
            continue
        informing = toks.canon[verb_at] in a.lang.informing_verbs
        if toks.raw[m.i] == "you" and informing:
            continue
        if informing and toks.raw[m.i] not in ("we", "you") and _acting(a):
            continue  # "the agent did tell you 'no rush'. Claim reopened": their account confirmed
        kept.append(Match(rule, m.i, verb_at + 1))
    return kept


def _acting(a: Analysis) -> bool:
    return any(
        not a.negated(o) for r in ("done_deed", "commitment", "apology_cue") for o in a.get(r)
    )


# --- a story told after an apology, without a "but" -------------------------------------------

# Who a story after an apology is about: someone or something else, or "we" in a state ("we've
# been two vets down", "we had a huge volume of cancellations").
STORY_SUBJECTS = frozenset(
    {"he", "she", "they", "it", "the", "that", "this", "there", "his", "her", "their", "its", "our"}
)
STORY_OPENERS = frozenset({"and", "so", "just", "well", "honestly", "basically"})
WE_STATES = frozenset({"had", "have", "were", "are", "was", "been"})
# In a story piece these mean it is dealing with the problem or talking to them, not telling a
# story: a future, a promise, "you".
NOT_A_STORY = frozenset({"will", "shall", "going", "can", "i", "you", "me", "should", "must"})
STORY_REACH = 1
# A piece made this much of the customer's own words tells their trouble back ("the engineer
# missed the appointment"); a story of our circumstances uses other words.
THEIR_TROUBLE_SHARE = 0.5
# "That's careless", "it is not acceptable", "there's no excuse": judging the failure, not a
# story about it.
JUDGING = frozenset({"that", "this", "it", "there"})
JUDGING_VERBS = frozenset(
    {"is", "was"}
)  # sentences after the apology's own in which the story may come
# Rules whose presence in a piece makes it something other than a story.
DEALING = (
    "commitment",
    "resolution_offer",
    "offer_frame",
    "responsibility",
    "timeline",
    "empathy_validation",
    "empathy_evaluative",
    "satisfaction_check",
    "done_deed",
    "verbless_offer",
    "under_way",
    "apology_cue",
)
APOLOGIES = ("apology_cue", "strong_apology")


def story_after_apology(a: Analysis, rule: str) -> list[Match]:
    """ "Really sorry for the wait, we've had a huge volume of cancellations this summer";
    "Sorry about that, the previous customers returned cars late": a comma-bounded piece after
    the apology's own piece (same sentence or the next) about someone or something else, or
    "we" in a state, that names none of the customer's words (it is not their trouble told
    back), owns no fault and deals with nothing (issue 12's excuses without a contrast word)."""
    toks = a.toks
    n = len(toks)
    apologies = [m for r in APOLOGIES for m in a.get(r) if not a.negated(m)]
    if not apologies:
        return []
    dealing = {toks.segment[o.i] for r in DEALING for o in a.get(r)}
    dealing_sentences = {toks.sent[o.i] for r in DEALING for o in a.get(r) if r not in APOLOGIES}
    owning = a.lang.fault_words
    kept: list[Match] = []
    seen: set[int] = set()
    read_after: set[int] = set()
    for ap in apologies:
        if toks.segment[ap.j - 1] in read_after:
            continue  # another apology in the same piece: what follows was read once already
        read_after.add(toks.segment[ap.j - 1])
        s = toks.sent[ap.i]
        k = ap.j
        while k < n and toks.segment[k] == toks.segment[ap.j - 1]:
            k += 1  # skip the apology's own piece: what it is for
        while k < n and toks.sent[k] - s <= STORY_REACH:
            seg = toks.segment[k]
            end = k
            while end < n and toks.segment[end] == seg:
                end += 1
            later = toks.sent[k] != s and toks.sent[k] in dealing_sentences
            if seg not in seen and seg not in dealing and not later and _a_story(a, k, end, owning):
                kept.append(Match(rule, k, end))
                seen.add(seg)
            k = end
    return kept


def _a_story(a: Analysis, first: int, end: int, owning: frozenset[str]) -> bool:
    """A piece that explains the failure away. Right after "sorry, but" any such piece is one,
    whoever it is about and whatever words of theirs it repeats ("I'm sorry, but cancellations
    have to be done online"): the contrast itself says a reason follows, not a fix (issue 12).
    Without one, only a piece about someone or something else, not their trouble told back."""
    toks = a.toks
    contrasted = False
    while first < end and toks.raw[first] in a.lang.contrast_words | STORY_OPENERS:
        contrasted = contrasted or toks.raw[first] in a.lang.contrast_words
        first += 1  # "but we've been two vets down", "and the queue got backed up"
    words = toks.raw[first:end]
    if end - first < 3 or a.is_question(toks.sent[first]):
        return False
    lead = words[0]
    if lead in JUDGING and words[1] in JUDGING_VERBS:
        return False  # "that's not good enough", "it is not acceptable": a judgement, owned
    if any(w in NOT_A_STORY or w in owning for w in words):
        return False
    if "excus" in toks.canon[first:end]:
        return False  # "though that doesn't excuse it" refuses the excuse
    if contrasted:
        return True
    if a.reference.empty:
        return False
    if lead == "we":
        if words[1] not in WE_STATES:
            return False
    elif lead not in STORY_SUBJECTS:
        return False
    theirs = a.reference.customer | a.reference.fact_stems
    content = [toks.canon[k] for k in range(first, end) if a.lang.is_content(toks.raw[k])]
    told_back = sum(c in theirs for c in content)
    return told_back < THEIR_TROUBLE_SHARE * len(content)


# --- blaming a colleague ----------------------------------------------------------------------

PLACED_KEY = "arguing:placed"  # token -> where the job is placed, shared by two rules
# "responsible" / "responsibility": the job placed, read by _placed_elsewhere.
RESPONSIBLE = frozenset({"respons"})
# Before "responsible for": who holds it; ours keep it ("we were responsible for").
HOLDER_REACH = 3
OURS = frozenset({"we", "i", "our", "my", "us", "me", "ours"})
# The fault put on someone of ours who is not "us": "that's the front desk's mistake". Fixing
# it yourself keeps ownership but loses no_excuses (rubric).
NOT_POSSESSIVE = frozenset({"it", "that", "what", "there", "here", "who", "he", "she", "let"})


def colleague_blamed(a: Analysis, rule: str) -> list[Match]:
    """A fault noun ("mistake", "fault", "error") or the job ("responsibility") owned by a
    third party ("the front desk's mistake", "his fault", "the landlord's responsibility",
    "the responsibility of the store"), or someone else "responsible for" it."""
    toks, reply = a.toks, a.reply
    kept = []
    for m in a.get(rule):
        k = m.i
        if a.negated(m):
            continue
        word = toks.canon[k]
        if word in RESPONSIBLE:
            found = _placed(a, m)
            if found is not None and not _held_by_customer(a, found):
                kept.append(found)
            continue
        if k > 0:
            prev = toks.raw[k - 1]
            owner_s = _owner_s(reply, toks, k - 1)
            ours = k > 1 and toks.raw[k - 2] in ("our", "my")
            if ours and owner_s:
                continue  # "it was our engineer's mistake, not yours": owned (d2 dev set)
            if prev in ("his", "her", "their") or owner_s:
                kept.append(Match(rule, k - 1, m.j))
                continue
    return kept


def _owner_s(reply: str, toks: Tokens, k: int) -> bool:
    """The word at k is a possessive "X's" of someone other than a pronoun ("the landlord's")."""
    if k < 0:
        return False
    written = reply[toks.start[k] : toks.end[k]].lower().replace("\u2019", "'")
    return written.endswith("'s") and written[:-2] not in NOT_POSSESSIVE


def _placed_elsewhere(a: Analysis, m: Match) -> Match | None:
    """ "The landlord's responsibility", "the responsibility of the store", "his
    responsibility", "applicants are responsible for ensuring ...": the job is someone
    else's. Ours ("our responsibility", "we were responsible for"), nobody's ("nobody taking
    responsibility") or asked about is not placed."""
    toks, reply = a.toks, a.reply
    k = m.i
    if a.is_question(toks.sent[k]):
        return None
    prev = toks.raw[k - 1] if k > 0 else ""
    if toks.raw[k].startswith("responsibilit"):  # the noun
        if prev in ("his", "her", "their", "your") or _owner_s(reply, toks, k - 1):
            return Match(m.rule, k - 1, m.j)
        if k + 2 < len(toks) and toks.raw[k + 1] == "of" and toks.raw[k + 2] not in OURS:
            return Match(m.rule, k, min(len(toks), k + 3))
        return None
    # the adjective: who "is/are responsible"
    lo = max(0, k - HOLDER_REACH)
    before = toks.raw[lo:k]
    if not before or before[-1] not in ("is", "are", "was", "were", "be"):
        return None
    if any(w in OURS or w == "nobody" for w in before):
        return None
    return Match(m.rule, lo, m.j)


# Who is the customer when a job is placed: "your responsibility", "applicants are
# responsible for ensuring ...".
CUSTOMER_HOLDERS = frozenset(
    {
        "you",
        "your",
        "custom",
        "applic",
        "applicant",
        "passeng",
        "tenant",
        "patient",
        "user",
        "guest",
        "member",
        "client",
        "owner",
    }
)


def _held_by_customer(a: Analysis, m: Match) -> bool:
    return any(
        a.toks.raw[k] in CUSTOMER_HOLDERS or a.toks.canon[k] in CUSTOMER_HOLDERS
        for k in range(m.i, m.j)
    )


def customer_held(a: Analysis, rule: str) -> list[Match]:
    """ "It is your responsibility to keep your number up to date", "applicants are
    responsible for ensuring ...": the job placed on the customer is blame (d2 dev set)."""
    kept = []
    for m in a.get(rule):
        if a.negated(m):
            continue
        found = _placed(a, m)
        if found is not None and _held_by_customer(a, found):
            kept.append(found)
    return kept


def _placed(a: Analysis, m: Match) -> Match | None:
    """_placed_elsewhere, worked out once per word: colleague_blamed and customer_held read
    the same "responsibility" words."""
    cache = a.verdicts.setdefault(PLACED_KEY, {})
    assert isinstance(cache, dict)
    key = m.i
    if key not in cache:
        cache[key] = _placed_elsewhere(a, m)
    found = cache[key]
    return None if found is None else Match(m.rule, found.i, found.j)
