"""Apology: first-person, names what went wrong, not taken back (Lazare 2004; Schumann 2012)."""

from __future__ import annotations

from scoring.analysis import Analysis
from scoring.detectors import UNDERMINING_RULES
from scoring.dimensions.no_excuses import score_no_excuses
from scoring.dimensions.result import Verdict
from scoring.lexicon import Match
from scoring.weights import (
    APOLOGY_GENERIC,
    APOLOGY_NAMED,
    APOLOGY_PASSIVE_PENALTY,
    APOLOGY_RESPONSIBILITY_BONUS,
    APOLOGY_SPECIFIC,
    APOLOGY_UNDERMINED,
)

# Excuses that undo an apology they follow, "but" or not (rubric: "not followed by an excuse").
COUNTED_KEY = "no_excuses:counted"  # where the first tokens of counted offences are kept
FOLLOWING_EXCUSES = ("account_after_apology", "colleague_blamed", "defending_staff", "defended_act")
SARCASM_RULES = ("sarcasm", "sarcasm_caps", "sarcasm_shrug")
# Someone else's "sorry" ("you'll be sorry", "they're sorry") is not the trainee's apology.
OTHER_PEOPLE = frozenset({"you", "they", "he", "she"})
OWN_MARKERS = frozenset({"i", "we", "my", "our", "us", "have", "accept"})
SUBJECT_REACH = 3
# "Sorry about that/this/it" points at nothing named (the issue's own example of generic).
POINTERS = frozenset({"that", "this", "it", "everything", "all"})
AGENTS = frozenset({"we", "i"})  # "sorry we put you there": our act, named just before
NEIGHBOURS_BEFORE = 2  # an object-less "I'm sorry." may follow two sentences that name it
NEIGHBOURS_AFTER = 1
# Before what an apology is for, these leave it unspecified: "sorry for any app issues".
UNSPECIFIED = frozenset({"any", "whatever"})
# Words that lead into what an apology is for: "sorry for any ...", "regret the ...".
OBJECT_LEADS = frozenset({"for", "about", "to", "any", "the", "all", "this", "that", "of", "if"})


def score_apology(a: Analysis) -> Verdict:
    v = Verdict("apology")
    sarcastic = [m for r in SARCASM_RULES for m in a.get(r)]
    cues = list(a.get("strong_apology"))
    cues += [m for m in a.get("apology_cue") if not a.overlaps(m, "strong_apology")]
    best = 0
    for m in sorted(cues, key=lambda c: c.i):
        if a.overlaps(m, "pity") or _someone_else(a, m):
            continue
        if sarcastic:
            v.note(
                a,
                m,
                "down",
                event="sarcasm",
                rule="sarcasm",
                why="a sarcastic apology is no apology",
            )
            continue
        if m.rule == "apology_cue" and a.negated(m):
            v.note(
                a,
                m,
                "down",
                event="non_apology",
                rule="negated_apology",
                why="a negated apology apologises for nothing",
            )
            continue
        non = [o for o in a.get("non_apology") if o.i <= m.i < o.j]
        if non:
            v.note(a, non[0], "down", event="non_apology")
            continue
        best = max(best, _apology_points(a, m, v))
    if best > APOLOGY_UNDERMINED and any(not a.negated(m) for m in a.get("responsibility")):
        best = min(100, best + APOLOGY_RESPONSIBILITY_BONUS)
    for m in a.get("passive_mistake"):
        v.note(a, m, "down", event="non_apology")
        best -= APOLOGY_PASSIVE_PENALTY
    v.score = best
    return v.clamp()


def _apology_points(a: Analysis, m: Match, v: Verdict) -> int:
    s = a.sentence(m)
    counted = _counted_offences(a)
    undermined = [
        b
        for b in a.get("sorry_but")
        if b.i > m.i
        and a.sentence(b) - s <= 2
        and any(a.toks.sent[k] == a.sentence(b) for k in counted)
    ]
    if undermined:
        v.note(
            a,
            m,
            "down",
            event="sorry_but",
            rule="sorry_but",
            why='apology undermined by "but" and an excuse',
        )
        return APOLOGY_UNDERMINED
    if _names_nothing(a, m) and _excuse_follows(a, m) or _excuse_after(a, m):
        v.note(
            a,
            m,
            "down",
            event="sorry_but",
            rule="sorry_but",
            why="an apology followed straight away by an excuse",
        )
        return APOLOGY_UNDERMINED
    if any(o.i <= m.i < o.j for o in a.get("sympathy_sorry")):
        v.note(
            a,
            m,
            "up",
            event="generic_apology",
            rule="generic_apology",
            why='"sorry to hear" is sympathy, not an apology for what went wrong',
        )
        return APOLOGY_GENERIC
    kind = _object_kind(a, m)
    if kind == "named":
        if a.names_problem(s):
            return _specific(a, m, v, "apologises for what went wrong, in the customer's terms")
        v.note(
            a,
            m,
            "up",
            event="specific_apology",
            rule="specific_apology",
            why="apologises for something named",
        )
        return APOLOGY_NAMED
    if kind == "none" and any(
        a.names_problem(k) or a.names_impact(k) or _admits_failure(a, k)
        for k in range(s - NEIGHBOURS_BEFORE, s + NEIGHBOURS_AFTER + 1)
    ):
        return _specific(a, m, v, "apologises right next to naming what went wrong")
    v.note(
        a,
        m,
        "up",
        event="generic_apology",
        rule="generic_apology",
        why="a generic apology that names nothing",
    )
    return APOLOGY_GENERIC


def _names_nothing(a: Analysis, m: Match) -> bool:
    """An apology that names nothing itself ("I do apologise,")."""
    return _object_kind(a, m) != "named"


def _excuse_follows(a: Analysis, m: Match) -> bool:
    """ "I do apologise, it's been one of those nights": a bare apology whose sentence goes on,
    without a "but", into an excuse or blame. The apology is the preface to the excuse."""
    s, segment = a.sentence(m), a.segment(m)
    counted = _counted_offences(a)
    return any(
        a.sentence(o) == s and a.segment(o) > segment and not a.negated(o) and o.i in counted
        for r in UNDERMINING_RULES
        for o in a.get(r)
    )


def _excuse_after(a: Analysis, m: Match) -> bool:
    """An excuse of the kinds scorer 2 reads (a story, a colleague blamed, a colleague defended,
    our act insisted on) in the apology's sentence or the next: the apology is "followed by an
    excuse" (rubric), with or without a "but"."""
    s = a.sentence(m)
    counted = _counted_offences(a)
    return any(
        o.i >= m.j and 0 <= a.sentence(o) - s <= 1 and not a.negated(o) and o.i in counted
        for r in FOLLOWING_EXCUSES
        for o in a.get(r)
    )


def _counted_offences(a: Analysis) -> frozenset[int]:
    """First tokens of the offences no_excuses counted: an excuse owned ("that's on us"), blame
    that credits them ("you shouldn't have needed to") or a cause told as their trouble does
    not undermine an apology either (d1, d2 dev sets)."""
    done = a.verdicts.get(COUNTED_KEY)
    if isinstance(done, frozenset):
        return done
    evidence = score_no_excuses(a).evidence
    counted: frozenset[int] = frozenset()
    if evidence:
        starts = {e.start for e in evidence}
        toks = a.toks
        counted = frozenset(k for k in range(len(toks)) if toks.start[k] in starts)
    a.verdicts[COUNTED_KEY] = counted  # read once per reply, by every apology in it
    return counted


def _admits_failure(a: Analysis, sentence: int) -> bool:
    """ "The crew should have carried it in": what should have happened, said of us or ours
    (not of the customer: "you should have" is blame), names what went wrong."""
    toks = a.toks
    for k in range(len(toks) - 1):
        if toks.sent[k] != sentence or toks.raw[k] != "should":
            continue
        nxt = toks.raw[k + 1]
        if nxt == "not" and k + 2 < len(toks):
            nxt = toks.raw[k + 2]
        if nxt == "have" and (k == 0 or toks.raw[k - 1] not in OTHER_PEOPLE - {"he", "she"}):
            return True
    return False


def _specific(a: Analysis, m: Match, v: Verdict, why: str) -> int:
    v.note(a, m, "up", event="specific_apology", rule="specific_apology", why=why)
    return APOLOGY_SPECIFIC


def _object_kind(a: Analysis, m: Match) -> str:
    """What the apology is for: "named" (concrete words), "generic" ("the inconvenience",
    "that") or "none" (nothing, or only our own act: "I'm sorry." / "sorry we put you there")."""
    toks, lang = a.toks, a.lang
    end = m.j
    while (
        end < len(toks)
        and toks.clause[end] == toks.clause[m.i]
        and toks.segment[end] == toks.segment[m.j - 1]
    ):
        end += 1
    words = toks.raw[m.j : end]
    content = [w for w in words if w not in lang.fillers and w not in OBJECT_LEADS]
    lead = words[: words.index(content[0])] if content else words
    if any(w in UNSPECIFIED for w in lead):
        return "generic"  # "any app issues": whatever it was, so nothing in particular
    if content and content[0] in lang.generic_nouns:
        if _particular_after(a, m.j, end):
            return "named"  # "the delay to your train from Leeds": the noun is then specified
        return "generic"  # "the confusion about our pricing": the generic noun is the object
    if any(w in lang.negators for w in words):
        return "named"  # "sorry nobody came today": a failure named by what did not happen
    if a.names_something(m.j, end):
        return "named"
    if any(w in lang.generic_nouns for w in words):
        return "generic"
    content = [w for w in words if w not in lang.fillers and w not in ("for", "about", "to")]
    if content and content[0] in POINTERS:
        return "generic"
    if not content or any(w in AGENTS for w in content):
        return "none"
    return "generic"


def _particular_after(a: Analysis, first: int, last: int) -> bool:
    """Tokens first..last name a word particular to the customer's trouble (theirs, not one
    every service call uses) or a scenario fact's word."""
    ref, common = a.reference, a.lang.common_service_words
    return any(
        (toks_canon in ref.customer and toks_canon not in common) or toks_canon in ref.fact_stems
        for toks_canon in (a.toks.canon[k] for k in range(first, last))
        if a.lang.is_content(toks_canon)
    )


def _someone_else(a: Analysis, m: Match) -> bool:
    before = a.toks.raw[max(0, m.i - SUBJECT_REACH) : m.i]
    return any(w in OTHER_PEOPLE for w in before) and not any(w in OWN_MARKERS for w in before)
