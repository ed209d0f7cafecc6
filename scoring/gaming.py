"""Gaming: a reply made of repeated words or a bag of keywords is not a reply.

Ordinary English runs at 40-55% function words; keyword bags fall far below, and a trainee does
not write "sorry sorry". The thresholds are in scoring/weights.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection

from scoring.language import language
from scoring.text import Tokens
from scoring.weights import (
    GAMING_ADJACENT_REPEATS,
    GAMING_MAX_FUNCTION_SHARE,
    GAMING_MIN_TOKENS,
    GAMING_ONE_WORD_PIECES,
    GAMING_PIECE_WORDS,
    GAMING_REPEAT_SHARE,
    GAMING_REPEATED_PIECES,
)


def gaming_spans(
    toks: Tokens, notes: bool = False, keywords: Collection[str] | None = None
) -> list[tuple[int, int]]:
    """Token ranges that look like gaming; empty when the reply reads as sentences.

    `notes`: the reply reports deeds in note form ("Duplicate $2,400 reversed. $60 fee
    refunded too."): few function words and one-word pieces are then its register, not a
    keyword list; repeated words still count. `keywords`: the words the rules score; only
    these make a one-word piece part of a keyword list ("Sorry. Refund. Credit."), so an
    agent's initials ("^SE"), a site's ending ("(.com .es)") or a list of specs ("(OS, GPU,
    RAM)") are not one (real agent replies, real_dev2)."""
    n = len(toks.raw)
    if n < GAMING_MIN_TOKENS:
        return _repeated_pieces(toks, notes, keywords)
    stop = language().stopwords
    raw = toks.raw
    function_share = sum(map(stop.__contains__, raw)) / n
    if function_share < GAMING_MAX_FUNCTION_SHARE and not notes:
        return [(0, n)]
    repeats = [
        k
        for k in range(1, n)
        if raw[k] == raw[k - 1] and raw[k] not in stop and toks.start[k] != toks.start[k - 1]
    ]
    if len(repeats) >= GAMING_ADJACENT_REPEATS:
        return [(repeats[0] - 1, repeats[-1] + 1)]
    counts = Counter(w for w in raw if w not in stop)
    if counts:
        word, count = counts.most_common(1)[0]
        if count >= 3 and count / n >= GAMING_REPEAT_SHARE:
            first = raw.index(word)
            return [(first, n)]
    return _repeated_pieces(toks, notes, keywords)


def _repeated_pieces(
    toks: Tokens, notes: bool = False, keywords: Collection[str] | None = None
) -> list[tuple[int, int]]:
    """The same short piece ("I hear you", "Sorry.") said again and again, or a reply made
    mostly of one-word sentences ("Sorry. Refund. Credit.")."""
    seen: set[tuple[str, ...]] = set()
    repeats = single_words = pieces = 0
    segment, canon = toks.segment, toks.canon
    n = len(canon)
    first = 0
    for k in range(1, n + 1):
        if k < n and segment[k] == segment[first]:
            continue
        pieces += 1
        if k - first <= GAMING_PIECE_WORDS:
            piece = tuple(canon[first:k])
            if piece in seen:
                repeats += 1
            seen.add(piece)
            single_words += k - first == 1 and (
                keywords is None or toks.raw[first] in keywords or canon[first] in keywords
            )
        first = k
    if repeats >= GAMING_REPEATED_PIECES or (
        not notes and single_words >= GAMING_ONE_WORD_PIECES and single_words * 2 >= pieces
    ):
        return [(0, len(toks.canon))]
    return []
