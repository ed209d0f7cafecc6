"""Certificates on both backends: issued the moment an assignment is passed, kept once per
trainee, through export and import, checked by `verify`, and printed by `certificate`."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, timedelta

import pytest
from store_support import dims

from simulator.cli import main
from simulator.cli.cmd_verify import EXIT_CODES
from simulator.engine.passing import PassRule, judge
from simulator.store import ScoreboardError, UnknownCertificateError, open_store
from simulator.store.certificates import verify


def attempt(board, trainee, scenario, overall, *, at, team="Harbour", mode="assessment"):
    made = board.start_attempt(trainee, team, scenario, "h", "1.0", mode, started_at=at)
    verdict = judge(PassRule(), mode, overall, "resolved")
    board.finish_attempt(
        made, "resolved", overall, dims(overall), verdict=verdict, ended_at=at + timedelta(1)
    )
    return made


def test_passing_an_assignment_issues_one_certificate_at_pass_time(new_store):
    with open_store(new_store()) as board:
        gym = board.assign("Harbour", "gym", date(2027, 1, 15))
        board.assign("Harbour", "parcel", date(2027, 1, 15))
        t = gym.created_at + timedelta(seconds=1)
        attempt(board, "Ann", "gym", 50, at=t)  # fails its mark: nothing yet
        assert board.certificates() == ()
        passed = attempt(board, "Ann", "gym", 82, at=t + timedelta(seconds=1))
        attempt(board, "ann ", "gym", 95, at=t + timedelta(seconds=2))  # passed again: no second
        attempt(board, "Bob", "gym", 90, at=t, team="Dock")  # not Dock's assignment
        attempt(board, "Cy", "gym", 99, at=t, mode="practice")  # not the assignment's mode
        (made,) = board.certificates()
        assert (made.trainee, made.team, made.assignment_id, made.mode) == (
            "Ann",
            "Harbour",
            gym.id,
            "assessment",
        )
        assert [(s.scenario_id, s.attempt_id, s.overall, s.pass_mark) for s in made.scores] == [
            ("gym", passed, 82, 70)
        ]
        assert made.issued_at == board.attempt(passed).ended_at
        assert board.certificate(made.id[:8]) == made
        assert board.certificates("harbour") == (made,) and board.certificates("Dock") == ()
        with pytest.raises(dataclasses.FrozenInstanceError):
            made.trainee = "Eve"  # type: ignore[misc]
        with pytest.raises(UnknownCertificateError, match="no certificate 'zzz'"):
            board.certificate("zzz")


def test_verify_says_valid_unknown_revoked_and_mismatch(new_store, tmp_path):
    source = tmp_path / "site.json"
    with open_store(new_store("site")) as site:
        gym = site.assign("Harbour", "gym", date(2027, 1, 15))
        attempt(site, "Ann", "gym", 82, at=gym.created_at + timedelta(seconds=1))
        (made,) = site.certificates()
        valid = verify(site, made.id)
        assert valid.valid and valid.message.startswith(f"valid: certificate {made.id}: Ann")
        assert "gym 82" in valid.message
        unknown = verify(site, "00000000-0000-4000-8000-000000000000")
        assert unknown.status == "unknown" and "no certificate" in unknown.message
        site.export_to(source)
        revoked = site.revoke_certificate(made.id[:10])
        assert revoked.revoked_at is not None
        assert verify(site, made.id).status == "revoked"
    document = json.loads(source.read_text(encoding="utf-8"))
    assert document["certificates"][0]["id"] == made.id
    forged = json.loads(json.dumps(document))
    forged["certificates"][0]["scores"][0][2] = 99  # the page says 99; the attempt scored 82
    path = tmp_path / "forged.json"
    path.write_text(json.dumps(forged), encoding="utf-8")
    with open_store(new_store("lead")) as lead:
        lead.import_files([path])
        result = verify(lead, made.id)
    assert result.status == "mismatch" and "scored 82, not 99" in result.message
    orphan = json.loads(json.dumps(document))
    orphan["attempts"] = []
    path.write_text(json.dumps(orphan), encoding="utf-8")
    with open_store(new_store("other")) as other:
        other.import_files([path])
        result = verify(other, made.id)
    assert result.status == "mismatch" and "is not in it" in result.message


def test_certificates_go_through_export_and_import_once(new_store, tmp_path):
    source = tmp_path / "site.json"
    with open_store(new_store("site")) as site:
        gym = site.assign("Harbour", "gym", date(2027, 1, 15))
        attempt(site, "Ann", "gym", 82, at=gym.created_at + timedelta(seconds=1))
        (made,) = site.certificates()
        site.export_to(source)
    with open_store(new_store("lead")) as lead:
        lead.import_files([source])
        lead.import_files([source])
        assert lead.certificates() == (made,)
        assert verify(lead, made.id).valid
    document = json.loads(source.read_text(encoding="utf-8"))
    document["certificates"][0]["scores"] = []
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    with open_store(new_store("third")) as third:
        with pytest.raises(ScoreboardError, match="certificate 1") as caught:
            third.import_files([bad])
        assert "nothing was imported" in str(caught.value)
        assert third.attempts() == () and third.certificates() == ()


def test_the_certificate_page_and_verify_command(new_store, tmp_path, capsys):
    db = new_store()
    with open_store(db) as board:
        gym = board.assign("Harbour", "gym", date(2027, 1, 15))
        name = '<script>alert("x")</script> & Ann'
        attempt(board, name, "gym", 82, at=gym.created_at + timedelta(seconds=1))
        (made,) = board.certificates()
    args = ["--db", db]
    out = tmp_path / "cert.html"
    assert main(["certificate", made.id[:8], "--out", str(out), *args]) == 0
    assert f"certificate {made.id} for" in capsys.readouterr().out
    page = out.read_text(encoding="utf-8")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Ann" in page
    assert made.id in page and "82/100" in page and "pass mark 70" in page
    assert main(["certificate", made.id, *args]) == 0
    assert "passed gym 82" in capsys.readouterr().out
    assert main(["verify", made.id, *args]) == EXIT_CODES["valid"] == 0
    assert capsys.readouterr().out.startswith("valid: ")
    assert main(["verify", "0000", *args]) == EXIT_CODES["unknown"]
    assert capsys.readouterr().out.startswith("unknown: no certificate '0000'")
    assert main(["certificate", "0000", *args]) == 1
    assert "no certificate '0000'" in capsys.readouterr().err
    missing = tmp_path / "missing.db"
    assert main(["verify", made.id, "--db", str(missing)]) == 1
    assert "no scoreboard at" in capsys.readouterr().err and not missing.exists()


def test_playing_to_a_pass_says_a_certificate_was_issued_and_the_list_shows_it(tmp_path, capsys):
    """Found by a new user: certificates were issued silently and their ids could only be
    found by reading the scoreboard file."""
    db = str(tmp_path / "board.db")
    replies = tmp_path / "replies.txt"
    replies.write_text(
        "Priya, I'm so sorry we charged you $49.99 in April and May after you cancelled at the"
        " Riverside desk on the 14th of March. That's our mistake. I've refunded both payments,"
        " $99.98, today.\n"
        "I understand. You shouldn't have had to chase this twice. I'll ring you Friday to check"
        " it reached your card.\n"
        "Is there anything else I can do to put this right?\n"
        "Thank you for your patience, Priya. The refund is confirmed and I'll call you Friday.\n",
        encoding="utf-8",
    )
    with open_store(db) as board:
        board.assign("Harbour", "gym-billing-after-cancel", date(2099, 1, 15))
    assert main(["certificate", "--db", db]) == 0
    assert "No certificates. One is issued when a trainee passes" in capsys.readouterr().out
    play = ["play", "--scenario", "gym-billing-after-cancel", "--replies", str(replies)]
    args = ["--trainee", "Cy", "--team", "harbour", "--mode", "assessment", "--db", db]
    assert main([*play, *args]) == 0
    err = capsys.readouterr().err
    with open_store(db) as board:
        (made,) = board.certificates()
    assert f"certificate {made.id[:8]} issued: every scenario of the assignment passed" in err
    assert f"recovery-sim certificate {made.id[:8]} --out certificate.html" in err
    assert main(["certificate", "--team", "HARBOUR", "--db", db]) == 0
    listed = capsys.readouterr().out
    assert listed.startswith(f"certificate {made.id}: Cy (Harbour), assessment")
    assert main(["certificate", "--team", "Dock", "--db", db]) == 0
    assert "No certificates for Dock." in capsys.readouterr().out
    assert main(["certificate", "--out", str(tmp_path / "c.html"), "--db", db]) == 1
    assert "--out needs the id of the certificate" in capsys.readouterr().err
