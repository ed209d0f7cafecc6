"""Which language a reply is in, as far as the scorer needs to know: English, which it reads,
or another, for which it gives a notice instead of scores that would only pretend (issue 12).

The door stays open: a language with its own lexicons would be listed in SCORED_LANGUAGES and
read through them; today only English has any.
"""

from __future__ import annotations

from scoring.language import Language
from scoring.text import Tokens

SCORED_LANGUAGES = ("English",)
# Distinct words of another language needed before a reply is taken for it: "gracias" alone,
# or a name in a greeting, is not a Spanish reply.
NON_ENGLISH_MIN_HITS = 3
NOTICE = (
    "This reply looks like {language}. The scorer reads English only, so it gives no scores "
    "here rather than wrong ones; a trainer should read it."
)


# What the notice calls a Latin-script language the lexicon does not list by name.
UNNAMED_LANGUAGE = "a language other than English"


def script_language(text: str, lang: Language) -> str | None:
    """The language or script of a reply more than half of whose letters are in one of
    `other_scripts` (Japanese, Cyrillic ...), else None. An ASCII reply costs one check."""
    if text.isascii():
        return None
    letters = 0
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        letters += 1
        code = ord(ch)
        if code < 0x0370:
            continue  # Latin, with its accents
        for name, ranges in lang.other_scripts:
            if any(lo <= code <= hi for lo, hi in ranges):
                counts[name] = counts.get(name, 0) + 1
                break
    if not counts:
        return None
    total = sum(counts.values())
    if total * 2 <= letters:
        return None  # mostly English with a name or a word in another script
    # Japanese mixes kana with Chinese characters: the first listed script present wins
    # when it is a fair share of the other-script letters.
    for name, _ in lang.other_scripts:
        if counts.get(name, 0) * 5 >= total:
            return name
    return max(counts, key=counts.__getitem__)


def reply_language(toks: Tokens, lang: Language, plain: bool = False) -> str:
    """ "English", or the other language whose function words outnumber English ones, or an
    unnamed one: a Latin-script reply with almost no English function words and several
    accented words (Polish, Czech ...). `plain`: the text is known to be ASCII (no accents)."""
    if len(toks) < NON_ENGLISH_MIN_HITS:
        return "English"
    if lang.other_words.isdisjoint(toks.raw):
        return UNNAMED_LANGUAGE if not plain and _unlisted_latin(toks, lang) else "English"
    best, hits = "English", 0
    for name, words in lang.other_languages.items():
        count = len(words.intersection(toks.raw))  # distinct: "sorry sorry sorry" is one
        if count > hits:
            best, hits = name, count
    if hits < NON_ENGLISH_MIN_HITS:
        return "English"
    others = lang.other_languages[best]
    english = sum(w in lang.stopwords and w not in others for w in toks.raw)
    if hits > english:
        return best
    return UNNAMED_LANGUAGE if not plain and _unlisted_latin(toks, lang) else "English"


def _unlisted_latin(toks: Tokens, lang: Language) -> bool:
    words = toks.raw
    if len(words) < lang.foreign_min_words:
        return False
    accented = {w for w in words if not w.isascii() and any(c.isalpha() for c in w)}
    if len(accented) < lang.foreign_min_accented:
        return False
    english = sum(w in lang.stopwords for w in words)
    return english < lang.foreign_max_english_share * len(words)


def notice_for(language: str) -> str:
    return NOTICE.format(language=language)
