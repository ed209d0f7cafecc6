"""Which scenario file and scorer versions results are compared against, for any backend."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from simulator.store.results import Reference


@dataclass(frozen=True, slots=True)
class Versions:
    """A `Reference` with its gaps filled from the data: what counts as "the same version"."""

    scorer: str | None
    hashes: Mapping[str, str]

    def other_scorer(self, version: str) -> bool:
        return self.scorer is not None and version != self.scorer

    def other_scenario(self, scenario_id: str, scenario_hash: str) -> bool:
        expected = self.hashes.get(scenario_id)
        return expected is not None and scenario_hash != expected

    def marked(self, scenario_id: str, version: str, scenario_hash: str) -> bool:
        return self.other_scorer(version) or self.other_scenario(scenario_id, scenario_hash)

    def as_reference(self) -> Reference:
        return Reference(scorer_version=self.scorer, scenario_hashes=dict(self.hashes))


def fill_versions(
    totals: Iterable[tuple[str, str, str, int]], reference: Reference | None
) -> Versions:
    """Fill the reference's gaps with the most common versions (ties: the greater name), from
    (scenario_id, scenario_hash, scorer_version, attempts) rows."""
    reference = reference or Reference()
    scorers: dict[str, int] = defaultdict(int)
    files: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for scenario_id, digest, version, attempts in totals:
        scorers[version] += attempts
        files[scenario_id][digest] += attempts
    scorer = reference.scorer_version
    if scorer is None and scorers:
        scorer = max(scorers, key=lambda version: (scorers[version], version))
    hashes = {
        scenario_id: max(counts, key=lambda digest: (counts[digest], digest))
        for scenario_id, counts in files.items()
    }
    hashes.update(reference.scenario_hashes)
    return Versions(scorer, hashes)
