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


def reply_language(toks: Tokens, lang: Language) -> str:
    """ "English", or the other language whose function words outnumber English ones."""
    if len(toks) < NON_ENGLISH_MIN_HITS or lang.other_words.isdisjoint(toks.raw):
        return "English"
    best, hits = "English", 0
    for name, words in lang.other_languages.items():
        count = len(words.intersection(toks.raw))  # distinct: "sorry sorry sorry" is one
        if count > hits:
            best, hits = name, count
    if hits < NON_ENGLISH_MIN_HITS:
        return "English"
    others = lang.other_languages[best]
    english = sum(w in lang.stopwords and w not in others for w in toks.raw)
    return best if hits > english else "English"


def notice_for(language: str) -> str:
    return NOTICE.format(language=language)
