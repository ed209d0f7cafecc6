"""Everything the dimension rules read about one reply, computed once.

The rules (scoring/dimensions/) only ask questions of this object: which phrases matched where,
is a match negated, does a sentence name the customer's words or a scenario fact.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scoring.language import Language, language
from scoring.lexicon import Lexicon, Match, find_matches
from scoring.model import Evidence
from scoring.reference import Reference
from scoring.text import Tokens

# A fact is named in full when all its words (at least two) appear in one sentence; a one-word
# fact ("anniversary") counts as one of the customer's words instead.
FACT_MIN_WORDS = 2


_NO_MATCHES: list[Match] = []  # never appended to: see Analysis.get


@dataclass(slots=True)
class Analysis:
    reply: str
    toks: Tokens
    lexicon: Lexicon
    reference: Reference
    matches: dict[str, list[Match]]
    named_words: dict[int, set[str]] = field(default_factory=dict)  # sentence -> customer stems
    named_facts: dict[int, set[str]] = field(default_factory=dict)  # sentence -> fact ids
    heard: dict[str, bool] = field(default_factory=dict)  # stem -> named in a calm clause
    asked_back: set[int] = field(default_factory=set)  # questions asking what they already said
    verdicts: dict[str, object] = field(default_factory=dict)  # dimension -> Verdict, once
    lang: Language = field(default_factory=language)

    # --- matches -------------------------------------------------------------------------------
    def get(self, rule: str) -> list[Match]:
        """The matches of `rule` (read only: a rule with none shares one empty list)."""
        return self.matches.get(rule, _NO_MATCHES)

    def sentence(self, m: Match) -> int:
        return self.toks.sent[m.i]

    def clause(self, m: Match) -> int:
        return self.toks.clause[m.i]

    def segment(self, m: Match) -> int:
        return self.toks.segment[m.i]

    def in_sentence(self, rule: str, sentence: int) -> list[Match]:
        return [m for m in self.get(rule) if self.toks.sent[m.i] == sentence]

    def in_clause(self, rule: str, clause: int) -> list[Match]:
        return [m for m in self.get(rule) if self.toks.clause[m.i] == clause]

    def overlaps(self, m: Match, rule: str) -> bool:
        """Whether `m` shares a token with a match of `rule`."""
        return any(o.i < m.j and m.i < o.j for o in self.get(rule))

    def negated(self, m: Match, *, after: bool = False) -> bool:
        """Inside a negator's scope; with `after`, also when one follows ("I will not ...")."""
        toks = self.toks
        if toks.neg[m.i] and not self._says_not(m):
            return True
        return after and m.j < len(toks.raw) and toks.raw[m.j] in self.lang.negators

    def _says_not(self, m: Match) -> bool:
        """The phrase carries its own negator ("cannot be held responsible", "not liable"): an
        earlier "not" whose reach runs on into it ("is not a vet service and cannot be held
        responsible"; d5 dev set) does not undo it."""
        negators = self.lang.negators
        return any(w in negators for w in self.toks.raw[m.i : m.j])

    def is_question(self, sentence: int) -> bool:
        return sentence in self.toks.questions

    # --- reference -----------------------------------------------------------------------------
    def names_problem(self, sentence: int) -> bool:
        """The sentence names the customer's own words (one is enough here) or a scenario fact."""
        return bool(self.named_words.get(sentence) or self.named_facts.get(sentence))

    def names_impact(self, sentence: int) -> bool:
        """The sentence names a personal consequence ("in front of your VP")."""
        return any(self.toks.sent[m.i] == sentence for m in self.get("personal_impact"))

    def names_something(self, first: int, last: int) -> bool:
        """Tokens first..last contain a concrete content word (not "the inconvenience")."""
        lang = self.lang
        for k in range(first, last):
            word = self.toks.raw[k]
            if lang.is_content(word) and lang.is_content(self.toks.canon[k]):
                return True
        return False

    # --- evidence ------------------------------------------------------------------------------
    def evidence(
        self, dimension: str, m: Match, effect: str, why: str | None = None, rule: str | None = None
    ) -> Evidence:
        toks = self.toks
        start, end = toks.start[m.i], toks.end[m.j - 1]
        text = self.reply[start:end]
        reason = why or self.lexicon.rules[m.rule].why
        if toks.corrected:
            fixes = [
                f'"{toks.raw[k]}" read as "{toks.corrected[k]}"'
                for k in range(m.i, m.j)
                if k in toks.corrected
            ]
            if fixes:
                reason += " (" + ", ".join(fixes) + ")"
        return Evidence(
            dimension, start, end, text, "up" if effect == "up" else "down", rule or m.rule, reason
        )


def analyse(reply: str, toks: Tokens, lexicon: Lexicon, reference: Reference) -> Analysis:
    return Analysis(reply, toks, lexicon, reference, find_matches(toks, lexicon))


# Clauses that mock or belittle: the customer's words used there are no evidence of listening
# ("oh right, closing a chat is the crime of the century").
# Passing them on is treated the same: "you'd need to email Claire, I don't handle deposits"
# names their words only to send them elsewhere.
MOCKING_RULES = (
    "minimizing",
    "sarcasm",
    "sarcasm_caps",
    "sarcasm_shrug",
    "dismissive",
    "deflection",
)
# Repeating facts to contradict them is not listening (issue 12): in a clause that blames them,
# insists on what we did or sends them elsewhere, their words count nothing either.
CONTRADICTING_RULES = ("blame_customer", "blame_cause", "blamed_choice", "defended_act", "hand_off")
# After ", not", these stress the failure instead of correcting them: "not even an email".
EMPHASIS = frozenset({"even", "once", "only", "just", "one", "single", "a", "an", "so", "that"})
# "Can you confirm you cancelled before the renewal date?" to someone who just said so: a yes/no
# question about their own act, made mostly of their words, asks what they already answered.
ASKING_BACK_OPENERS = frozenset({"and", "so", "just", "ok", "okay", "also", "please", "first"})
ASKING_BACK_MODALS = frozenset({"can", "could", "would"})
ASKING_BACK_CONFIRM = frozenset({"confirm", "verifi", "check"})  # stems
ASKING_BACK_AUXILIARIES = frozenset({"did", "have", "were", "was", "had", "do"})
ASKING_BACK_SHARE = 0.6  # of the question's content words that are the customer's
ASKING_BACK_MIN_WORDS = 2
# Clauses that argue back: the customer's words there still show the facts were picked up
# ("the April payment was taken correctly" heard the complaint) but count for less in listening
# (LISTEN_ARGUING_SHARE), and never make an apology specific.
# Explaining, shielding, blaming and defending: the rules both this and no_excuses count.
# Rules by which the reply deals with the failure: a promise, an offer, a deed. A match before a
# cause shows the reply acting on it ("I'll have the courier ..."); in the sentence of "next
# time" it makes that our promise (detectors.py, defending.py).
ACTING_RULES = ("commitment", "offer_frame", "done_deed", "verbless_offer", "under_way")
EXCUSE_FAMILY = (
    "excuse",
    "excuse_cause",
    "excuse_after_apology",
    "policy",
    "blame_customer",
    "blame_cause",
    "blame_condition",
    "defensive",
    "defended_act",
    "blamed_choice",
    "customer_held",
    "account_after_apology",
    "colleague_blamed",
    "colleague_singled_out",
    "inability_shield",
    "conduct_instruction",
    "defending_staff",
)
ARGUING_RULES = EXCUSE_FAMILY + ("deflection", "refused_apology")

# Clauses that brush the customer off count like clauses that argue back, for listening only:
# "we'll see what we can do about a table" and "sorry if you're upset about the wait" name their
# words without engaging with them.
BRUSH_OFF_RULES = ("hedge", "non_apology", "vague_fix")


# Words that open a greeting or an address: the name after them is who the reply speaks to.
GREETINGS = frozenset({"hi", "hello", "hey", "hiya", "dear", "oh", "morning", "afternoon"})
TITLES = frozenset({"mr", "mrs", "ms", "miss", "sir", "madam"})
ADDRESS_WORDS = 4  # a greeting piece this short ("Hello Mr Dave,") is only an address
NAME_TITLES = TITLES - {"sir", "madam"}  # followed by a name: "Mr Pike"
ADDRESS_LEADS = TITLES | {"sorry", "thanks"}  # "Sorry Leon," / "Mrs Finch,"


def addresses_them(a: Analysis, k: int) -> bool:
    """Token k only addresses the customer: "Hi Dave", "Dear Mr Pike", "Kemal, I'm sorry",
    "sorry Sophie!!". Their name said back is not their situation said back (d3 dev set: "hi
    dave, really sorry. can get a fitter out next thursday am?" named nothing of their
    trouble). Asked only of their words, and only as far as a short piece reaches, so its cost
    is a few steps per word said back."""
    toks = a.toks
    raw, segment = toks.raw, toks.segment
    if k > 0 and raw[k - 1] in NAME_TITLES:
        return True  # "Mr Pike" anywhere
    first = k
    while first > 0 and segment[first - 1] == segment[k] and k - first < ADDRESS_WORDS:
        first -= 1
    if first > 0 and segment[first - 1] == segment[k]:
        return False  # a piece longer than any address
    last = k + 1
    while last < len(raw) and segment[last] == segment[k] and last - first <= ADDRESS_WORDS:
        last += 1
    if last - first > ADDRESS_WORDS:
        return False
    if raw[first] in GREETINGS:
        return k > first
    if last - first > 2 or not _capitalised(a, k):
        return False
    sent = toks.sent[k]
    if not (
        first == 0 or last == len(raw) or toks.sent[first - 1] != sent or toks.sent[last] != sent
    ):
        return False
    if last - first == 1:
        return True  # "Kemal, I'm sorry." / "..., Sophie."
    return k == first + 1 and raw[first] in ADDRESS_LEADS


def _capitalised(a: Analysis, k: int) -> bool:
    word = a.reply[a.toks.start[k] : a.toks.end[k]]
    return word[:1].isupper()


def name_reference(a: Analysis) -> None:
    """Which customer words and facts each sentence names (after stemming and typo fixing),
    leaving out clauses that mock; words only in clauses that argue back are in `heard` (as
    False) but not in `named_words`. Runs after the detectors."""
    if a.reference.empty:
        return
    toks, ref, lang = a.toks, a.reference, a.lang
    mocking = {toks.clause[m.i] for r in MOCKING_RULES for m in a.get(r)}
    # Comma-bounded: "a batch didn't get carried across, which is why the system had you down"
    # still named their cancellation before it argued.
    contradicting = {toks.segment[m.i] for r in CONTRADICTING_RULES for m in a.get(r)}
    contradicted = _contradicting_sentences(a) | _asked_back(a)
    arguing = {toks.clause[m.i] for r in (*ARGUING_RULES, *BRUSH_OFF_RULES) for m in a.get(r)}
    per_sentence: dict[int, set[str]] = {}
    cue_stems = a.lexicon.cue_stems
    heard = a.heard
    for k, canon in enumerate(toks.canon):
        if canon not in ref.customer and canon not in ref.fact_stems:
            continue
        if addresses_them(a, k):
            continue
        clause = toks.clause[k]
        if clause in mocking or not (lang.is_content(toks.raw[k]) or k in toks.corrected):
            continue
        if toks.sent[k] in contradicted or toks.segment[k] in contradicting:
            continue
        calm = clause not in arguing
        if canon not in cue_stems:
            heard[canon] = heard.get(canon, False) or calm
        if calm:
            per_sentence.setdefault(toks.sent[k], set()).add(canon)
    for sentence, stems in per_sentence.items():
        customer = {s for s in stems if s not in cue_stems}
        if customer:
            a.named_words[sentence] = customer
        facts = {f.id for f in ref.facts if len(f.stems) >= FACT_MIN_WORDS and f.stems <= stems}
        if facts:
            a.named_facts[sentence] = facts


def _contradicting_sentences(a: Analysis) -> set[int]:
    """ "Your booking says the 15th, not the 14th": a piece opening with "not" that names the
    customer's words corrects them, and its whole sentence argues rather than listens."""
    toks, ref = a.toks, a.reference
    found: set[int] = set()
    if "not" not in toks.raw:
        return found
    for k, word in enumerate(toks.raw):
        if word != "not" or k == 0 or toks.segment[k - 1] == toks.segment[k]:
            continue
        if k + 1 < len(toks) and toks.raw[k + 1] in EMPHASIS:
            continue  # "you had none, not even an email": the failure stressed, not corrected
        if toks.sent[k - 1] != toks.sent[k]:
            continue
        first = k - 1
        while first > 0 and toks.segment[first - 1] == toks.segment[k - 1]:
            first -= 1  # the piece before this "not"
        if any(w in a.lang.negators for w in toks.raw[first:k]):
            continue
        segment = toks.segment[k]
        j = k + 1
        while j < len(toks) and toks.segment[j] == segment:
            if toks.canon[j] in ref.customer and a.lang.is_content(toks.raw[j]):
                found.add(toks.sent[k])
                break
            j += 1
    return found


def _asked_back(a: Analysis) -> set[int]:
    """Yes/no questions about the customer's own act made mostly of their words (see
    ASKING_BACK_*). Kept on the analysis so the question earns nothing as clarifying either."""
    toks, ref, lang = a.toks, a.reference, a.lang
    for s in toks.questions:
        ks = list(toks.sentence_tokens(s))
        while ks and toks.raw[ks[0]] in ASKING_BACK_OPENERS:
            ks = ks[1:]
        if len(ks) < 3:
            continue
        w0, w1, c2 = toks.raw[ks[0]], toks.raw[ks[1]], toks.canon[ks[2]]
        confirm = w0 in ASKING_BACK_MODALS and w1 == "you" and c2 in ASKING_BACK_CONFIRM
        if not (confirm or (w0 in ASKING_BACK_AUXILIARIES and w1 == "you")):
            continue
        content = [
            toks.canon[k]
            for k in ks
            if lang.is_content(toks.raw[k]) and toks.canon[k] not in ASKING_BACK_CONFIRM
        ]
        theirs = [c for c in content if c in ref.customer]
        if len(theirs) >= ASKING_BACK_MIN_WORDS and len(theirs) >= ASKING_BACK_SHARE * len(content):
            a.asked_back.add(s)
    return a.asked_back
