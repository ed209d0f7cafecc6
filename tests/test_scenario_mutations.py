"""Mutated scenario files: the loader reports every problem with a position, never raises."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.resources import bundled_scenarios_dir
from simulator.scenario.loader import check_file

BUNDLED = sorted(bundled_scenarios_dir().glob("*.yaml"))
# Pieces that change what YAML builds: flow brackets, tags, anchors, tabs, dates, huge numbers,
# keys, list items, quotes and the structures the loader expects in other places.
PIECES = [
    "[", "]", "{", "}", ":", ": ", "- ", "\t", '"', "'", "!!bool maybe", "!!int x",
    "!!python/name:os.system",
    "&a ", "*a", "*b", "<<: *a", "2024-02-30", "9" * 5000, "[2]", "{x: 1}", "~", "null", "true",
    "\n", "\n  ", "\n- ", "?", "|", ">", "#", "%YAML 1.1\n", "---\n", "...\n", "\x00", "\u0085",
    "[" * 200, "- " * 60,
]  # fmt: skip


VALUES = ["[2]", "[]", "{}", "{x: 1}", "2024-02-30", "!!bool maybe", "9" * 5000, "-1", "1e999",
          "~", "true", ".nan", "[[1]]", "&a [*a]", '"\\ud800"', "!!binary AAAA",
          "!!set {a}"]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """Random splices anywhere, or one value swapped for a value of the wrong kind."""
    text = draw(st.sampled_from(BUNDLED)).read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            start = draw(st.integers(0, len(text)))
            end = min(len(text), start + draw(st.integers(0, 40)))
            piece = draw(st.sampled_from(PIECES) | st.text(max_size=8))
            text = text[:start] + piece + text[end:]
        else:
            lines = text.split("\n")
            keyed = [i for i, line in enumerate(lines) if ": " in line and "#" not in line]
            i = draw(st.sampled_from(keyed))
            key = lines[i].split(": ", 1)[0]
            lines[i] = f"{key}: {draw(st.sampled_from(VALUES))}"
            text = "\n".join(lines)
    return text


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=mutated())
def test_a_mutated_bundled_file_never_raises_and_every_problem_has_a_position(
    tmp_path: Path, text: str
) -> None:
    path = tmp_path / "mutated.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    scenario, problems = check_file(path)
    assert (scenario is None) == bool(problems)
    for problem in problems:
        assert problem.path == path
        assert problem.line >= 1 and problem.col >= 1
        assert str(problem).startswith(f"{path}:{problem.line}:{problem.col}: ")
