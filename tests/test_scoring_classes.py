"""Scorer 2.1 (issue 12): failure classes found by reading the d2 development set's misses.
Each test names its class; the examples are written for these tests, not taken from a set."""

from __future__ import annotations

import pytest

from scoring import score_reply

BROKEN = "My washing machine broke again a week after your engineer fixed it. I need it working."


def dims(reply: str, customer: str = BROKEN) -> dict[str, int]:
    return dict(score_reply(reply, customer=customer).dimensions)


def rules(reply: str, customer: str = BROKEN) -> set[str]:
    return {e.rule for e in score_reply(reply, customer=customer).evidence}


# --- class 8: other scripts, and Latin-script languages the lexicon does not list ----------


@pytest.mark.parametrize(
    ("reply", "language"),
    [
        ("洗濯機の件、大変申し訳ございません。明日の午前中に技術者を伺わせます。", "Japanese"),
        ("Приносим извинения. Мастер приедет к вам завтра утром.", "Cyrillic"),
        ("불편을 드려 죄송합니다. 내일 기사님이 방문합니다.", "Korean"),
        (
            "Bardzo przepraszamy za kłopot z pralką. Technik przyjedzie jutro rano i "
            "naprawi ją bezpłatnie, a koszty zwrócimy.",
            "other than English",
        ),
    ],
)
def test_reply_in_another_script_gets_the_english_only_notice(reply: str, language: str) -> None:
    score = score_reply(reply, customer=BROKEN)
    assert not score.scored
    assert language in score.notice and "English only" in score.notice
    assert "gaming" not in score.events and score.evidence == ()


@pytest.mark.parametrize(
    "reply",
    [
        "Sorry José, the engineer from Zürich will come back tomorrow at 9am.",
        "Très désolé! I'm so sorry it broke again, I'll send the engineer back today.",
        "refund refund replacement voucher sorry sorry engineer",  # English gaming, not foreign
        "申し訳ありません - I'm sorry it broke again, I'll send the engineer back today.",
    ],
)
def test_english_with_a_few_foreign_letters_is_still_scored(reply: str) -> None:
    assert score_reply(reply, customer=BROKEN).scored
