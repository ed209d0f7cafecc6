"""Content warnings for a scenario that loads: things a trainee would notice, not format errors.

`validate` prints them after the problems (as `file:line:col: warning: ...`) and fails on them only
with `--strict`: a mood with too few lines to avoid loops, a line said twice, a line quoting words
the trainee may never have said, a fix no example or script reply ever reaches.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from simulator.scenario.model import MOOD_BANDS, Scenario

MIN_MOOD_LINES = 3  # fewer and a six-reply conversation hears the same line again


@dataclass(frozen=True, slots=True)
class ContentWarning:
    """One warning, at a 1-based line and column."""

    path: Path | None
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: warning: {self.message}"


class _Locator:
    """Finds where a line of text stands in the file (the loader keeps values, not marks)."""

    def __init__(self, scenario: Scenario) -> None:
        self.lines = (
            scenario.path.read_text(encoding="utf-8-sig").splitlines()
            if (scenario.path and scenario.path.is_file())
            else []
        )

    def find(self, text: str, after: str = "") -> tuple[int, int]:
        start = 0
        if after:
            start = next((i for i, raw in enumerate(self.lines) if after in raw), 0)
        probe = " ".join(text.split())[:40]
        for number in range(start, len(self.lines)):
            column = self.lines[number].find(probe)
            if column >= 0:
                return number + 1, column + 1
        return (start + 1 if self.lines else 1), 1


def lint(scenario: Scenario, with_scorer: bool = True) -> list[ContentWarning]:
    """Every content warning for one loaded scenario, in file order."""
    where = _Locator(scenario)
    found = list(_unfiled(scenario, where))
    found += _thin_moods(scenario, where)
    found += _duplicates(scenario, where)
    found += _unheard_quotes(scenario, where)
    if with_scorer:
        found += _unreached_fixes(scenario, where)
    return sorted(found, key=lambda w: (w.line, w.col))


def _said_lines(scenario: Scenario) -> Iterator[tuple[str, str]]:
    """(where, line) for every line the customer may say."""
    for band in MOOD_BANDS:
        for line in scenario.moods.get(band, ()):
            yield f"moods.{band}", line
    for key, lines in scenario.reactions.items():
        for line in lines:
            yield f"reactions.{key}", line
    for kind, by_mood in scenario.endings.items():
        for band, lines in by_mood.items():
            for line in lines:
                yield f"reactions.{kind}.{band}", line


def _unfiled(scenario: Scenario, where: _Locator) -> Iterator[ContentWarning]:
    """No industry or channel: the library's filters can never find the scenario."""
    line, col = where.find("category:")
    for key, value, example in (
        ("industry", scenario.industry, "veterinary"),
        ("channel", scenario.channel, "chat, email or phone"),
    ):
        if not value:
            message = (
                f"no {key}; add `{key}:` ({example}) so trainees filtering the library by "
                f"{key} can find this scenario"
            )
            yield ContentWarning(scenario.path, line, col, message)


def _thin_moods(scenario: Scenario, where: _Locator) -> Iterator[ContentWarning]:
    for band in MOOD_BANDS:
        lines = scenario.moods.get(band, ())
        if 0 < len(lines) < MIN_MOOD_LINES:
            line, col = where.find(f"{band}:")
            message = (
                f"moods.{band} has {len(lines)} line(s); write at least {MIN_MOOD_LINES} so "
                "the customer does not repeat themselves"
            )
            yield ContentWarning(scenario.path, line, col, message)


def _duplicates(scenario: Scenario, where: _Locator) -> Iterator[ContentWarning]:
    from simulator.engine.anger import normalize

    first: dict[str, str] = {}
    for key, text in _said_lines(scenario):
        said = normalize(text)
        if said in first:
            line, col = where.find(text, after=key.split(".")[-1] + ":")
            message = f'{key}: "{text[:50]}" is already a line of {first[said]}; write another'
            yield ContentWarning(scenario.path, line, col, message)
        else:
            first[said] = key


def _unheard_quotes(scenario: Scenario, where: _Locator) -> Iterator[ContentWarning]:
    """Quotes of words that are not in the customer's story: said only after a trainee says them.

    A mood line may follow any reply, so it should quote nothing the trainee may not have said.
    A reaction may quote the trainee ("'sorry if'? ..."), but one whose every line does is skipped
    whenever the words differ, so it needs a line that quotes nothing.
    """
    from simulator.engine.anger import normalize
    from simulator.engine.lines import quoted

    story = f" {normalize(scenario.situation + ' ' + scenario.opening)} "

    def unheard(text: str) -> list[str]:
        return [q for q in quoted(text) if normalize(q) and f" {normalize(q)} " not in story]

    for band in MOOD_BANDS:
        for text in scenario.moods.get(band, ()):
            if words := unheard(text):
                line, col = where.find(text)
                message = (
                    f'moods.{band}: "{text[:50]}" quotes "{words[0]}", which the trainee may '
                    "never have said; quote the customer's own story, or make it a reaction"
                )
                yield ContentWarning(scenario.path, line, col, message)
    for key, lines in scenario.reactions.items():
        if lines and all(unheard(text) for text in lines):
            line, col = where.find(lines[0])
            message = (
                f"reactions.{key}: every line quotes words the trainee may not have said "
                f'("{unheard(lines[0])[0]}"), so it is skipped unless they say exactly that; add '
                "a line that quotes nothing"
            )
            yield ContentWarning(scenario.path, line, col, message)


def _unreached_fixes(scenario: Scenario, where: _Locator) -> Iterator[ContentWarning]:
    from scoring import score_reply
    from simulator.engine.offers import fix_matches

    replies = [(e.reply, e.customer or scenario.opening) for e in scenario.examples]
    replies += [(reply, scenario.opening) for s in scenario.scripts for reply in s.replies]
    reached: set[str] = set()
    wanted = {r.id for r in scenario.resolutions}
    for reply, customer in replies:
        if wanted <= reached:
            break  # every fix is reached: the other replies cannot add a warning
        verdict = score_reply(reply, customer=[customer], scenario=scenario)
        reached.update(m.resolution for m in fix_matches(verdict, reply, scenario))
    for resolution in scenario.resolutions:
        if resolution.id not in reached:
            line, col = where.find(f"id: {resolution.id}")
            message = (
                f'resolutions "{resolution.id}": no example or script reply offers this fix; '
                "add one that does (or check its phrases) so you know a trainee can reach it"
            )
            yield ContentWarning(scenario.path, line, col, message)
