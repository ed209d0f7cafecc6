"""What the customer says back: a reaction to the worst thing in the reply, else a mood line.

Lines come from the scenario. The engine has its own few lines only for what it says on its own
account (repetition, pushback, walk-out), used when the scenario gives none. Picking is seeded, so
the same scenario, seed and replies give the same transcript.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Mapping, Sequence

from simulator.engine.anger import normalize
from simulator.engine.model import MOOD_FLOORS, mood_for
from simulator.scenario.model import MOOD_BANDS

# Which reaction wins when a reply triggers several: the most serious first. Offences come before
# the engine's own remarks (a customer who has just been blamed answers the blame, not the early
# offer), and good news comes last, so a single slip is never drowned out by a thank-you.
SEVERITY: tuple[str, ...] = (
    "sarcasm",
    "blame_customer",
    "minimizing",
    "non_apology",
    "refusal",
    "deflection",
    "dismissive",
    "policy",
    "excuse",
    "defensive",
    "sorry_but",
    "pity",
    "gaming",
    "repetition",
    "pushback",
    "hedge",
    "specific_apology",
    "responsibility",
    "empathy_statement",
    "paraphrase",
    "resolution_offer",
    "commitment",
    "timeline",
    "clarifying_question",
    "satisfaction_check",
    "generic_apology",
)

DEFAULT_REACTIONS: Mapping[str, tuple[str, ...]] = {
    "repetition": (
        "You keep saying that.",
        "You said that already. Saying it again doesn't make it mean more.",
        "That's the same line as before. Are you actually reading what I write?",
    ),
    "pushback": (
        "Don't try to buy me off while I'm this angry. You haven't even dealt with what happened.",
        "Hold on. I'm not ready to talk about fixes yet.",
        "That's not going to cut it. Not yet.",
    ),
    "walkout": (
        "Forget it. I'm done talking to you.",
        "I've wasted enough time on this. I'm taking my business elsewhere.",
        "That's it. I'll be writing a review, and I won't be back.",
    ),
}

# The last line when the customer leaves, by mood. Walking out happens at 100 anger (furious) or
# when patience runs out while still angry: raging in one case, tired and cold in the other.
DEFAULT_WALKOUT: Mapping[str, tuple[str, ...]] = {
    "furious": DEFAULT_REACTIONS["walkout"],
    "angry": (
        "I've spent long enough on this and nothing is actually fixed. I'll sort it out elsewhere.",
        "We're going round in circles. I'm leaving it there.",
        "I don't have any more time for this. Nothing has changed, so I'm done.",
    ),
}
# Patience ran out while the customer was calm: no fix was agreed, but nobody stormed off.
DEFAULT_UNRESOLVED: Mapping[str, tuple[str, ...]] = {
    "calming": (
        "I appreciate you trying, but I've run out of time and nothing is actually fixed yet. "
        "I'll have to chase this another way.",
        "Thanks for listening. I still don't have an answer, though, so I'll leave it there "
        "for today.",
        "You've been decent about it, but we haven't got anywhere. I need to go.",
    ),
    "satisfied": (
        "Thank you, you've been kind. I still don't know what's actually going to happen, but "
        "I have to go now.",
        "I do feel better about it. I just wish we'd agreed what happens next. Goodbye for now.",
        "That's fine, I'm not angry any more. I'll wait and see if anything gets sorted.",
    ),
}
DEFAULT_GIVE_UP = DEFAULT_WALKOUT["angry"]  # kept for callers of the old name
GIVE_UP_BELOW = 50  # below this anger (angry band), patience running out ends `unresolved`

# Pushback when a fix is offered before what the scenario `needs` has happened.
DEFAULT_NEEDS_PUSHBACK: Mapping[str, str] = {
    "apology": "Before we talk about fixing anything: is anyone going to apologise for this?",
    "listening": "You're offering fixes, but you still haven't shown you understand what happened.",
    "empathy": "Do you have any idea what this has put me through? Fixes come after that.",
    "ownership": "And who is actually going to make sure this happens? Nobody owns anything here.",
    "no_excuses": "I don't want a fix wrapped in excuses.",
    "resolution": "That's not a fix. What are you actually going to do?",
}
_NEEDS_OTHER = "We're not there yet. Deal with what happened first."

# Pushback on a reply that did own up to what happened (apologised and acknowledged it) but
# came while the customer was still too angry to take a fix: the generic lines ("You haven't
# even dealt with what happened") contradict the reply the trainee has just written. Found by
# playing: a full recovery as the first reply was told it had not dealt with anything.
DEFAULT_WARY_PUSHBACK: tuple[str, ...] = (
    "Okay. That's the first time anyone has actually owned it. I'll believe the rest when I see"
    " it.",
    "Right. At least you're listening. But I've been promised things before, so forgive me if I'm"
    " not celebrating.",
    "Fine. That's more like it. I'm still angry, though: this should never have happened.",
)


# Reactions to something the reply got wrong (and the engine's own complaints): said before the
# answer to a question, which in turn comes before a reaction to a good move.
OFFENCES: frozenset[str] = frozenset(SEVERITY[: SEVERITY.index("hedge") + 1])

# Quoted words in a line: "...", “...”, ‘...’ or '...' (an apostrophe inside a word is not a quote).
_QUOTED = re.compile(r"[\"“]([^\"”]+)[\"”]|(?<![A-Za-z])['‘]([^'’]+?)['’](?![A-Za-z])")


def quoted(line: str) -> list[str]:
    """The words a line quotes, e.g. "It's not 'only fifty dollars'" quotes "only fifty dollars"."""
    return [a or b for a, b in _QUOTED.findall(line)]


def quotes_heard(line: str, heard: str) -> bool:
    """Whether every quote in `line` is in `heard` (normalized words, padded with spaces)."""
    return all(f" {normalize(q)} " in heard for q in quoted(line) if normalize(q))


def worst_reaction(events: Iterable[str], reactions: Mapping[str, Sequence[str]]) -> str | None:
    """The most serious event in `events` that has lines to say, or None."""
    present = set(events)
    for event in SEVERITY:
        if event in present and (reactions.get(event) or DEFAULT_REACTIONS.get(event)):
            return event
    return None


def bands_nearest(mood: str) -> list[str]:
    """The mood band first, then the others by distance, for when a band's lines are used up."""
    order = [band for band, _ in MOOD_FLOORS]
    here = order.index(mood)
    return sorted(order, key=lambda band: (abs(order.index(band) - here), order.index(band)))


class LinePicker:
    """Unused lines first, chosen at random; then least-recently-used; never the last line again."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)
        self._said_at: dict[str, int] = {}
        self._count = 0
        self._previous: str | None = None

    def pick(self, pools: Iterable[Sequence[str]]) -> str:
        """A line from the first pool that has one that isn't the line just said."""
        fallback: str | None = None
        for pool in pools:
            candidates = [line for line in dict.fromkeys(pool) if line != self._previous]
            fallback = fallback or next(iter(pool), None)
            if not candidates:
                continue
            unused = [line for line in candidates if line not in self._said_at]
            if unused:
                return self.said(self._rng.choice(unused))
            return self.said(min(candidates, key=self._said_at.__getitem__))
        # Only reachable if every line on offer is the one just said: repeating beats silence.
        return self.said(fallback or "...")

    def said(self, line: str) -> str:
        self._count += 1
        self._said_at[line] = self._count
        self._previous = line
        return line


class CustomerVoice:
    """Chooses the customer's lines for one conversation."""

    def __init__(
        self,
        moods: Mapping[str, Sequence[str]],
        reactions: Mapping[str, Sequence[str]],
        seed: int,
        endings: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
        known: str = "",
    ) -> None:
        self._moods = {band: tuple(moods.get(band, ())) for band in MOOD_BANDS}
        self._reactions = reactions
        self._endings = endings or {}
        self._known = normalize(known)
        self._picker = LinePicker(seed)

    def say(self, line: str) -> str:
        """Say a fixed line (the opening, an accept line), so it isn't picked right after."""
        return self._picker.said(line)

    def answer(
        self,
        events: Iterable[str],
        anger: int,
        needs_missing: Sequence[str] = (),
        reply: str = "",
        answer: Sequence[str] = (),
        owned_up: bool = False,
    ) -> str:
        """The reaction to the most serious offence; else the answer to the trainee's question
        (`answer`, from the scenario's `answers`); else a reaction to the best thing the reply
        did, or a line from the current mood. A line quoting words is said only when the
        trainee (or the scenario's own story) said them. `owned_up`: the reply pushed back on
        had apologised and acknowledged what happened, so the pushback is wary, not dismissive."""
        pools: list[Sequence[str]] = []
        event = worst_reaction(events, self._reactions)
        offence = event is not None and event in OFFENCES
        if event == "pushback" and needs_missing and not self._reactions.get("pushback"):
            pools.append([DEFAULT_NEEDS_PUSHBACK.get(d, _NEEDS_OTHER) for d in needs_missing])
        if (
            event == "pushback"
            and owned_up
            and not needs_missing
            and not self._reactions.get("pushback")
        ):
            pools.append(DEFAULT_WARY_PUSHBACK)
        if event is not None and offence:
            pools.append(self._reactions.get(event) or DEFAULT_REACTIONS[event])
        pools.append(answer)
        if event is not None and not offence:
            pools.append(self._reactions.get(event) or DEFAULT_REACTIONS[event])
        pools.extend(self._moods[band] for band in bands_nearest(mood_for(anger)))
        heard = f" {normalize(reply)} {self._known} "
        return self._picker.pick([[x for x in pool if quotes_heard(x, heard)] for pool in pools])

    def walk_out(self, anger: int) -> str:
        """The closing line of a customer who walks out, fitting how angry they are."""
        return self._ending("walkout", DEFAULT_WALKOUT, anger)

    def give_up(self, anger: int) -> str:
        """The closing line of a calm customer whose patience ran out without a fix."""
        return self._ending("unresolved", DEFAULT_UNRESOLVED, anger)

    def _ending(self, kind: str, defaults: Mapping[str, Sequence[str]], anger: int) -> str:
        """The scenario's lines for this mood, its lines for any mood, the default for this mood;
        only then lines written for the nearest other moods."""
        by_mood = self._endings.get(kind, {})
        bands = bands_nearest(mood_for(anger))
        pools: list[Sequence[str]] = [by_mood.get(bands[0], ()), self._reactions.get(kind, ())]
        pools.append(defaults.get(bands[0], ()))
        for band in bands[1:]:
            pools += [by_mood.get(band, ()), defaults.get(band, ())]
        return self._picker.pick(pools)
