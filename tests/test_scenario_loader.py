"""The loader reports each problem with its exact file:line:col and a message saying what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.scenario.library import load_files, load_library
from simulator.scenario.loader import MAX_FILE_BYTES, check_file, load_scenario
from simulator.scenario.problems import ScenarioError

FIXTURES = Path(__file__).parent / "fixtures" / "scenarios"
BROKEN = FIXTURES / "broken"
VALID = FIXTURES / "valid" / "parcel.yaml"

# One broken fixture file per problem, with the one message it must produce.
EXPECTED_PROBLEMS = [
    ("invalid-yaml", "8:8: this is not valid YAML: a quote opened on this line is never closed"),
    ("unknown-key", '8:1: unknown key "titel" (did you mean "title"?)'),
    ("wrong-type-anger", '13:10: customer.anger must be a number from 0 to 100, got "very"'),
    (
        "wrong-type-patience",
        '14:13: customer.patience must be a whole number from 1 to 50, got "six"',
    ),
    ("wrong-type-phrases", "32:14: resolutions #2.phrases must be a list of text, got a mapping"),
    ("missing-field", '6:1: missing required field "opening"'),
    (
        "malformed-id",
        '7:5: id must use lowercase letters, digits and hyphens only, got "Parcel_In_Rain" '
        '(for example "gym-billing-after-cancel")',
    ),
    ("anger-out-of-range", "13:10: customer.anger must be a number from 0 to 100, got 150"),
    (
        "difficulty-out-of-range",
        "10:13: difficulty must be 1 (gentle), 2 (firm) or 3 (hostile), got 5",
    ),
    ("empty-mood", "37:10: moods.angry is empty; give at least one line"),
    (
        "unknown-dimension",
        '50:14: examples #2.expect: unknown dimension "no_excuse" (did you mean "no_excuses"?)',
    ),
    (
        "unknown-channel",
        '64:10: channel must be one of chat, email, phone, got "phon" (did you mean "phone"?)',
    ),
    ("unknown-event", '44:3: reactions: unknown event "excuses" (did you mean "excuse"?)'),
    (
        "bad-expectation",
        '50:26: examples #2.expect.no_excuses must be high, low or a comparison such as ">= 70", '
        'got "lowish"',
    ),
    # Values YAML parses but cannot build, and shapes that used to escape as exceptions (issue 18).
    (
        "difficulty-list",
        "10:13: difficulty must be 1 (gentle), 2 (firm) or 3 (hostile), got a list",
    ),
    (
        "impossible-date",
        '8:8: cannot read the value "2024-02-30": it reads as a date or time that does not exist; '
        "put it in quotes to mean text",
    ),
    (
        "bad-bool-tag",
        '8:8: cannot read the value "maybe": it is tagged as true/false but is neither; remove the '
        "tag or write true or false",
    ),
    (
        "huge-number",
        '10:13: cannot read the value "99999999999999999999…(5000 characters)": a number of 5000 '
        "digits is far too long",
    ),
    (
        "deep-nesting",
        "72:43: nested more than 20 levels deep; scenario files nest a few levels at most (check "
        "the indentation and brackets)",
    ),
]


@pytest.mark.parametrize(("name", "expected"), EXPECTED_PROBLEMS)
def test_each_broken_fixture_reports_its_one_problem_with_position(
    name: str, expected: str
) -> None:
    path = BROKEN / f"{name}.yaml"
    scenario, problems = check_file(path)
    assert scenario is None
    assert [str(p) for p in problems] == [f"{path}:{expected}"]


def test_every_broken_fixture_is_covered_by_the_table() -> None:
    assert {p.stem for p in BROKEN.glob("*.yaml")} == {name for name, _ in EXPECTED_PROBLEMS}


def test_duplicate_ids_across_files_name_both_files() -> None:
    first, second = sorted((FIXTURES / "duplicate").glob("*.yaml"))
    library = load_files([first, second])
    assert [s.path for s in library.scenarios] == [first]
    assert [str(p) for p in library.problems] == [
        f'{second}:7:5: id "same-id" is already used by {first}; ids must be unique'
    ]


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text(VALID.read_text() + "#" * MAX_FILE_BYTES)
    _, problems = check_file(big)
    assert [str(p) for p in problems] == [
        f"{big}:1:1: file is {big.stat().st_size // 1024} KiB; scenario files are limited to "
        "256 KiB "
        "(is this really a scenario? split it or trim long lines)"
    ]


def test_a_huge_file_is_refused_without_reading_it_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as file:  # 1 GiB, sparse: no disk used
        file.truncate(1024**3)
    reads: list[int] = []
    real_open = Path.open

    def counting_open(self: Path, mode: str = "r", *args: object, **kwargs: object):  # noqa: ANN202
        handle = real_open(self, mode, *args, **kwargs)
        if self == huge:
            real_read = handle.read
            handle.read = lambda n=-1: reads.append(n) or real_read(n)  # type: ignore[method-assign]
        return handle

    monkeypatch.setattr(Path, "open", counting_open)
    _, problems = check_file(huge)
    assert [p.message.split(";")[0] for p in problems] == ["file is 1048576 KiB"]
    assert reads == [MAX_FILE_BYTES + 1]


def test_file_that_is_not_utf8_says_how_to_fix_it(tmp_path: Path) -> None:
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"id: cafe\ntitle: caf\xe9\n")
    _, problems = check_file(latin)
    assert [str(p) for p in problems] == [
        f"{latin}:2:1: file is not UTF-8 text; save it as UTF-8 in your editor"
    ]


def test_empty_file_and_python_tags_are_reported(tmp_path: Path) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    assert [p.message for p in check_file(empty)[1]] == ["file is empty; start from `new ID`"]
    unsafe = tmp_path / "unsafe.yaml"
    unsafe.write_text(
        VALID.read_text().replace("id: parcel-in-rain", "id: !!python/name:os.system")
    )
    (problem,) = check_file(unsafe)[1]
    assert problem.message.startswith("unsupported YAML: could not determine a constructor")


def test_duplicate_key_in_one_mapping_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "twice.yaml"
    path.write_text(VALID.read_text().replace("category: delivery", "title: Again"))
    problems = [str(p) for p in check_file(path)[1]]
    assert f'{path}:9:1: "title" is given twice; keep one' in problems


def test_valid_file_loads_into_typed_frozen_scenario() -> None:
    scenario = load_scenario(VALID)
    assert scenario.id == "parcel-in-rain"
    assert scenario.customer.anger == 70 and scenario.customer.patience == 6
    assert scenario.difficulty_word == "firm"
    assert [f.id for f in scenario.facts] == ["left-in-rain", "birthday-present"]
    assert scenario.resolutions[0].accept.startswith("Okay. If a new pair")
    assert set(scenario.moods) == {"furious", "angry", "calming", "satisfied"}
    assert scenario.examples[1].expect[0].holds(49) and not scenario.examples[1].expect[0].holds(50)
    assert len(scenario.content_hash) == 64
    with pytest.raises(AttributeError):
        scenario.title = "changed"  # type: ignore[misc]


def test_load_scenario_raises_with_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "two.yaml"
    text = (
        VALID.read_text()
        .replace("anger: 70  ", "anger: -5  ")
        .replace("difficulty: 2", "difficulty: 0")
    )
    path.write_text(text)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert [p.line for p in caught.value.problems] == [10, 13]


def test_comparisons_in_expect_are_understood(tmp_path: Path) -> None:
    path = tmp_path / "cmp.yaml"
    path.write_text(
        VALID.read_text().replace(
            "{no_excuses: low, apology: low}", '{apology: "<= 30", empathy: "= 0"}'
        )
    )
    (_, example, _) = load_scenario(path).examples
    bounds = {e.dimension: (e.op, e.value) for e in example.expect}
    assert bounds == {"apology": ("<=", 30), "empathy": ("==", 0)}


def test_a_broken_file_does_not_stop_the_rest_of_the_library(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(VALID.read_text())
    (tmp_path / "bad.yaml").write_text((BROKEN / "empty-mood.yaml").read_text())
    library = load_library([tmp_path], bundled=False)
    assert [s.id for s in library.scenarios] == ["parcel-in-rain"]
    assert list(library.broken) == [tmp_path / "bad.yaml"]


def test_missing_folder_is_reported_not_fatal(tmp_path: Path) -> None:
    library = load_library([tmp_path / "nowhere"], bundled=False)
    assert library.scenarios == ()
    (problem,) = library.problems
    assert problem.message == "scenario folder not found; check the --scenarios path"


def test_get_finds_by_id_or_path_and_suggests_close_ids(tmp_path: Path) -> None:
    library = load_library([VALID.parent], bundled=False)
    assert library.get("parcel-in-rain").id == "parcel-in-rain"
    assert library.get(str(VALID)).id == "parcel-in-rain"
    with pytest.raises(LookupError, match='no scenario with id "parcel-in-rein" \\(did you mean'):
        library.get("parcel-in-rein")
    with pytest.raises(LookupError, match="no scenario file at"):
        library.get(str(tmp_path / "missing.yaml"))
    with pytest.raises(LookupError, match="has problems"):
        library.get(str(BROKEN / "empty-mood.yaml"))


@pytest.mark.parametrize(("name", "expected"), EXPECTED_PROBLEMS[:4])
def test_pure_python_yaml_fallback_reports_the_same(
    name: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    import simulator.scenario.loader as loader

    monkeypatch.setattr(loader, "SafeLoader", yaml.SafeLoader)
    path = BROKEN / f"{name}.yaml"
    assert [str(p) for p in check_file(path)[1]] == [f"{path}:{expected}"]


def test_one_scenario_by_id_reads_only_the_file_named_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import simulator.scenario.loader as loader
    from simulator.scenario.library import find_scenario

    (tmp_path / "parcel-in-rain.yaml").write_text(VALID.read_text())
    for n in range(50):  # a big team folder the lookup has no need to parse
        (tmp_path / f"other-{n}.yaml").write_text("not: [a scenario")
    parsed: list[Path] = []
    real = loader.load_scenario

    def counting(path: Path):  # noqa: ANN202
        parsed.append(Path(path))
        return real(path)

    monkeypatch.setattr(loader, "load_scenario", counting)
    assert find_scenario("parcel-in-rain", [tmp_path]).id == "parcel-in-rain"
    assert parsed == [tmp_path / "parcel-in-rain.yaml"]


def test_an_id_in_a_file_of_another_name_is_found_without_parsing_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 18: `play ID` in a 10,000-file library parsed them all when no file was named ID;
    the files are now scanned for an `id:` line and only those holding it are parsed."""
    import simulator.scenario.loader as loader
    from simulator.scenario.library import find_scenario

    for n in range(50):
        (tmp_path / f"a-{n}.yaml").write_text(f"id: other-{n}\nnot: [a scenario")
    (tmp_path / "b-renamed.yaml").write_text(VALID.read_text())
    parsed: list[Path] = []
    real = loader.load_scenario

    def counting(path: Path):  # noqa: ANN202
        parsed.append(Path(path))
        return real(path)

    monkeypatch.setattr(loader, "load_scenario", counting)
    assert find_scenario("parcel-in-rain", [tmp_path]).path == tmp_path / "b-renamed.yaml"
    assert parsed == [tmp_path / "b-renamed.yaml"]


def test_an_id_in_a_file_of_another_name_is_still_found(tmp_path: Path) -> None:
    from simulator.scenario.library import find_scenario

    (tmp_path / "renamed.yaml").write_text(VALID.read_text())
    assert find_scenario("parcel-in-rain", [tmp_path]).path == tmp_path / "renamed.yaml"
    with pytest.raises(LookupError, match='no scenario with id "parcel-in-ran"'):
        find_scenario("parcel-in-ran", [tmp_path])


def test_walkout_and_unresolved_lines_may_be_given_per_mood(tmp_path) -> None:
    source = load_library().get("gym-billing-after-cancel").path.read_text()
    text = source.replace(
        "reactions:\n",
        'reactions:\n  unresolved:\n    calming: ["Thanks, but nothing\'s fixed."]\n'
        '    satisfied: "Fine, bye for now."\n',
        1,
    )
    path = tmp_path / "gym-billing-after-cancel.yaml"
    path.write_text(text)
    scenario = load_scenario(path)
    assert scenario.endings["unresolved"]["calming"] == ("Thanks, but nothing's fixed.",)
    assert scenario.endings["unresolved"]["satisfied"] == ("Fine, bye for now.",)
    assert "unresolved" not in scenario.reactions
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace("    calming:", "    calmish:"))
    problems = check_file(broken)[1]
    assert any('unknown mood "calmish"' in p.message and p.line > 1 for p in problems)


def test_answers_and_scripts_are_read_and_their_mistakes_pointed_at(tmp_path) -> None:
    rude = load_library().get("rude-staff-member")
    assert rude.answers["when"] == ("Saturday, the 14th, about eleven in the morning.",)
    assert "hearing-aid" in rude.answers  # a fact id is a topic too
    good = next(s for s in rude.scripts if s.name == "good")
    assert good.expect == "resolved" and len(good.replies) == len(good.reply_lines) == 2
    text = rude.path.read_text()
    broken = tmp_path / "rude-staff-member.yaml"
    broken.write_text(
        text.replace("  when: ", "  whenn: ", 1).replace("expect: walked_out", "expect: walkedout")
    )
    problems = [str(p) for p in check_file(broken)[1]]
    assert any('answers: unknown topic "whenn" (did you mean "when"?)' in p for p in problems)
    assert any('unknown outcome "walkedout" (did you mean "walked_out"?)' in p for p in problems)
    assert all(f"{broken}:" in p for p in problems)
