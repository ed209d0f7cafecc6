"""What the agreement report reads: labelled sets, their contexts, real agent text joined from
the external datasets, a second labeller's labels, and the naive keyword baseline.

Kept apart from `bench_agreement.py` (which only measures and prints) so each stays small.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from scoring.model import DIMENSIONS, ReplyScore
from simulator.scenario.model import Fact, Resolution

# Real agent text for development comes from these; the airline threads are for the lead's
# evaluation report only (issue 12), so a set pointing there is refused unless asked for.
DEV_DATASETS = ("twcs-kaggle-head-sample", "twcs-ericsson-labeled", "ibm-twitter-cdp")

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
OLD_CONTEXTS = DATA / "devset_contexts.yaml"
# Every development set (tests/data/sets/README.md), with its contexts: what a learned layer may
# be fitted on. The older sets were labelled under an earlier rubric.
DEV_SETS: tuple[tuple[str, Path, Path], ...] = (
    ("d1", DATA / "sets" / "d1.jsonl", DATA / "sets" / "d1_contexts.yaml"),
    ("d2", DATA / "sets" / "d2.jsonl", DATA / "sets" / "d2_contexts.yaml"),
    ("d3", DATA / "sets" / "d3.jsonl", DATA / "sets" / "d3_contexts.yaml"),
    ("d4", DATA / "sets" / "d4.jsonl", DATA / "sets" / "d4_contexts.yaml"),
    ("d5", DATA / "sets" / "d5.jsonl", DATA / "sets" / "d5_contexts.yaml"),
    ("d7", DATA / "sets" / "d7.jsonl", DATA / "sets" / "d7_contexts.yaml"),
    ("d8", DATA / "sets" / "d8.jsonl", DATA / "sets" / "d8_contexts.yaml"),
    ("real_dev", DATA / "sets" / "real_dev.jsonl", OLD_CONTEXTS),
    ("real_dev2", DATA / "sets" / "real_dev2.jsonl", OLD_CONTEXTS),
    ("devset", DATA / "devset.jsonl", OLD_CONTEXTS),
    ("heldout", DATA / "heldout.jsonl", OLD_CONTEXTS),
    ("final_heldout", DATA / "final_heldout.jsonl", OLD_CONTEXTS),
    ("final2", DATA / "final2.jsonl", OLD_CONTEXTS),
)
TEST_SET_PREFIXES = ("t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9", "real_test")
EVALUATION_ONLY = "twcs-airlines-asapp"


@dataclass(frozen=True, slots=True)
class DevScenario:
    """The part of a scenario the scorer reads (`scoring.model.ScenarioLike`).

    Contexts are not full scenarios (no customer, moods or opening), so only facts and
    resolutions are built, with the scenario model's own frozen types.
    """

    facts: tuple[Fact, ...]
    resolutions: tuple[Resolution, ...]
    phrases: Mapping[str, Sequence[str]] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, slots=True)
class DevEntry:
    id: str
    context: str | None
    customer: tuple[str, ...]
    reply: str
    labels: Mapping[str, str]
    overall: int | None = None  # the labeller's 1-5 judgement of the whole reply, when given
    tags: tuple[str, ...] = ()
    source: Mapping[str, Any] | None = None  # where a real agent reply's text lives


def load_contexts(path: Path) -> dict[str, DevScenario]:
    """Contexts as a `contexts:` list of {id, facts, resolutions} (facts or resolutions may be
    missing), or as a mapping from id to the same."""
    data = yaml.safe_load(read_set_text(path)) or {}
    raw = data.get("contexts", data) if isinstance(data, dict) else data
    items = [{"id": k, **v} for k, v in raw.items()] if isinstance(raw, dict) else raw
    out = {}
    for item in items or []:
        if not isinstance(item, dict) or "id" not in item:
            continue
        phrases = item.get("phrases") or {}
        out[str(item["id"])] = DevScenario(
            facts=tuple(
                Fact(str(f["id"]), tuple(map(str, f.get("phrases") or ())))
                for f in item.get("facts") or ()
            ),
            resolutions=tuple(
                Resolution(str(r["id"]), tuple(map(str, r.get("phrases") or ())), accept="")
                for r in item.get("resolutions") or ()
            ),
            phrases=MappingProxyType({str(k): tuple(map(str, v)) for k, v in phrases.items()}),
        )
    return out


def contexts_beside(data: Path) -> Path | None:
    """`d1.jsonl` -> `d1_contexts.yaml` in the same folder (`t4.jsonl.gz` ->
    `t4_contexts.yaml.gz`), when it exists."""
    sealed = data.name.endswith(".gz")
    stem = data.name.removesuffix(".gz").removesuffix(".jsonl")
    candidate = data.with_name(f"{stem}_contexts.yaml" + (".gz" if sealed else ""))
    return candidate if candidate.is_file() else None


def read_set_text(path: Path) -> str:
    """A set's text; test sets are kept gzipped in the repository (benchmarks/heldout/) so that
    no grep or editor search of the tree reads them case by case."""
    if path.name.endswith(".gz"):
        return gzip.decompress(path.read_bytes()).decode("utf-8")
    return path.read_text(encoding="utf-8")


def load_devset(path: Path) -> list[DevEntry]:
    entries = []
    for line in read_set_text(path).splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        customer = row.get("customer") or ()
        overall = row.get("overall")
        entries.append(
            DevEntry(
                id=str(row["id"]),
                context=row.get("context"),
                customer=(customer,) if isinstance(customer, str) else tuple(customer),
                reply=str(row.get("reply") or ""),
                labels=row["labels"],
                overall=int(overall) if overall is not None else None,
                tags=tuple(row.get("tags") or ()),
                source=row.get("source"),
            )
        )
    return entries


def is_test_set(path: Path) -> bool:
    """Test sets are measured, never read case by case (issue 12)."""
    return path.name.startswith(TEST_SET_PREFIXES) or path.parent.name == "heldout"


def score_dev_sets(
    external: Path, row: Callable[[DevEntry, ReplyScore], Any]
) -> dict[str, list[Any]]:
    """`row(entry, score)` for every scored reply of every development set that is here, by the
    rules alone (no calibration layer: it is what a learned layer is fitted and measured on).
    A test set in the list is refused; real replies are joined from `external` when it is here."""
    from scoring.scorer import score_reply

    source = TextSource(external, evaluation=False) if external.is_dir() else None
    rows: dict[str, list[Any]] = {}
    for name, data, contexts in DEV_SETS:
        if is_test_set(data):
            raise SystemExit(f"{data.name} is a test set: nothing is ever fitted on one")
        if not data.exists():
            print(f"{name}: not here, left out")
            continue
        entries = load_devset(data)
        if any(e.source for e in entries):
            if source is None:
                print(f"{name}: skipped (its text is in {external}, which is not here)")
                continue
            entries = [j for e in entries if (j := source.join(e) if e.source else e)]
        scenarios = load_contexts(contexts)
        part = rows.setdefault(name, [])
        for e in entries:
            scenario = scenarios.get(e.context) if e.context else None
            score = score_reply(e.reply, customer=e.customer, scenario=scenario, calibrated=False)
            if score.scored:
                part.append(row(e, score))
    return rows


def load_labels(path: Path) -> dict[str, Mapping[str, str]]:
    """A second labeller's labels, by reply id (other fields are ignored)."""
    return {entry.id: entry.labels for entry in load_devset(path)}


# --- real agent text ------------------------------------------------------------------------


class TextSource:
    """Tweets and turns of the external datasets by id, read only when a set points there."""

    def __init__(self, external: Path, *, evaluation: bool = False) -> None:
        self.external = external
        self.evaluation = evaluation
        self._tables: dict[str, dict[str, dict[str, str]]] = {}

    def dataset_of(self, source: Mapping[str, Any]) -> str:
        for key in ("dataset", "corpus", "folder"):
            if source.get(key):
                return str(source[key]).split("/")[0]
        path = str(source.get("file") or source.get("path") or "")
        return path.split("/")[0]

    def table(self, dataset: str) -> dict[str, dict[str, str]]:
        """tweet id -> {"text", "parent", "inbound"} for one dataset."""
        if dataset == EVALUATION_ONLY and not self.evaluation:
            raise PermissionError(
                f"{EVALUATION_ONLY} is for evaluation reports only (issue 12): pass --evaluation"
            )
        if dataset not in self._tables:
            self._tables[dataset] = _read_dataset(self.external / dataset)
        return self._tables[dataset]

    def join(self, entry: DevEntry) -> DevEntry | None:
        """The entry with its reply (and customer lines, unless given) from the dataset.

        A locator names the dataset and the reply's tweet id, flat (`reply_id`, `tweet_id`) or
        as `reply_key: {tweet_id | tweet_ID: ...}`; the customer's lines are `customer_keys`
        (each may name another dataset) or, without them, the customer tweets it answers."""
        source = entry.source or {}
        dataset = self.dataset_of(source)
        rows = self.table(dataset)
        row = rows.get(_tweet_id(source.get("reply_key") or source))
        if row is None:
            return None
        customer = entry.customer
        if not customer:
            keys = source.get("customer_keys") or source.get("customer_ids") or ()
            if keys:
                lines = []
                for key in keys if isinstance(keys, list) else [keys]:
                    where = rows
                    if isinstance(key, dict) and key.get("dataset", dataset) != dataset:
                        where = self.table(str(key["dataset"]))
                    found = where.get(_tweet_id(key))
                    if found is not None:
                        lines.append(found["text"])
                customer = tuple(lines)
            else:
                customer = _thread_before(rows, row)
        return replace(entry, reply=row["text"], customer=customer)


def _tweet_id(key: Any) -> str:
    if isinstance(key, dict):
        return _id(_first(key, "tweet_id", "tweet_ID", "reply_id", "id"))
    return _id(key)


def _first(source: Mapping[str, Any], *keys: str) -> Any:
    return next((source[k] for k in keys if source.get(k) not in (None, "")), "")


def _id(value: Any) -> str:
    text = str(value).strip()
    return text[:-2] if text.endswith(".0") else text


def _thread_before(rows: dict[str, dict[str, str]], row: dict[str, str]) -> tuple[str, ...]:
    """The customer's tweets this reply answers, oldest first (at most two back)."""
    lines: list[str] = []
    parent = rows.get(row.get("parent", ""))
    while parent is not None and parent.get("inbound") == "True" and len(lines) < 2:
        lines.insert(0, parent["text"])
        parent = rows.get(parent.get("parent", ""))
    return tuple(lines)


def _read_dataset(folder: Path) -> dict[str, dict[str, str]]:
    rows: dict[str, dict[str, str]] = {}
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for r in csv.DictReader(handle):
                tid = _id(r.get("tweet_id", ""))
                if tid and "text" in r:
                    rows[tid] = {
                        "text": r["text"] or "",
                        "parent": _id(r.get("in_response_to_tweet_id") or ""),
                        "inbound": str(r.get("inbound", "")),
                    }
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, list):
            continue
        for convo in data:
            previous = ""
            for turn in [*convo.get("dialogContent", ()), convo.get("agentURL") or {}]:
                tid = _id(turn.get("tweet_ID", ""))
                text = turn.get("message") or turn.get("url_utterance") or ""
                if not tid:
                    continue
                inbound = "True" if "client" in turn else "False"
                rows[tid] = {"text": text, "parent": previous, "inbound": inbound}
                previous = tid
    return rows


# --- the naive keyword baseline ---------------------------------------------------------------

# A dimension is high when any of its words starts a word of the reply (no_excuses: high unless
# one does; overall: the number of dimensions high). Fixed on purpose, never tuned: it is the
# floor any rule must clear, so it must not learn from the sets it is compared on.
BASELINE_KEYWORDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "listening": ("you said", "you mentioned", "you were", "you've been", "so you", "?"),
        "empathy": ("understand", "frustrat", "imagine", "upset", "annoy", "disappoint", "feel"),
        "apology": ("sorry", "apolog"),
        "ownership": ("i will", "i'll", "i have", "i've", "let me", "my fault", "our mistake"),
        "no_excuses": ("because", "policy", "unfortunately", "but ", "however", "you should"),
        "resolution": ("refund", "replace", "credit", "voucher", "resend", "fix", "compensat"),
    }
)


def _pattern(words: Sequence[str]) -> re.Pattern[str]:
    return re.compile("|".join(("" if w[0] in "?" else r"\b") + re.escape(w) for w in words))


_BASELINE = {dim: _pattern(words) for dim, words in BASELINE_KEYWORDS.items()}


def baseline_labels(reply: str) -> dict[str, str]:
    text = reply.lower().replace("\u2019", "'")
    out = {}
    for dim in DIMENSIONS:
        hit = bool(_BASELINE[dim].search(text))
        high = not hit if dim == "no_excuses" else hit
        out[dim] = "high" if high else "low"
    return out
