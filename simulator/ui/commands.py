"""Command palette provider: one "Start: <title>" command per scenario in the library.

Titles come from scenario files, so prompts are built as `Content` (plain text), never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from simulator.text_safety import visible
from simulator.ui.messages import ScenarioPicked

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario


class ScenarioCommands(Provider):
    def _scenarios(self) -> Sequence[Scenario]:
        library = getattr(self.app, "library", None)
        return library.scenarios if library else ()

    def _pick(self, scenario: Scenario) -> None:
        self.app.post_message(ScenarioPicked(scenario))

    async def discover(self) -> Hits:
        for scenario in self._scenarios():
            yield DiscoveryHit(
                Content(visible(f"Start: {scenario.title}")),
                partial(self._pick, scenario),
                help=Content(visible(scenario.category)),  # type: ignore[arg-type]
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for scenario in self._scenarios():
            label = visible(f"Start: {scenario.title}")
            score, offsets = matcher.fuzzy_search.match(matcher.query, label)
            if score > 0:
                content = Content(label)
                for offset in offsets:
                    content = content.stylize(matcher.match_style, offset, offset + 1)
                yield Hit(score, content, partial(self._pick, scenario))
