"""The words a search index keeps of a text, and the words of a question.

Latin, Cyrillic, Greek... text is cut at spaces and punctuation (the index's own tokenizer,
sqlite's unicode61, then folds case and diacritics, and the Porter stemmer English
endings). Japanese and Chinese have no spaces: a run of kana and kanji becomes its
overlapping character pairs (東京タワー: 東京 京タ タワ ワー), the way Lucene's CJK
analyzer indexes them, so a question's words are found inside a sentence whatever the
particles around them. Text is NFKC-normalised first (full-width ＡＢＣ and half-width ｶﾅ
read as ABC and カナ).

Linear: one regular expression of disjoint character classes, no backtracking.
"""

from __future__ import annotations

import re
import unicodedata

# kana, CJK ideographs (with extension A and compatibility), the iteration mark 々 and the
# long vowel mark ー
_CJK = "\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]+|[^\W{_CJK}]+")
_HIRAGANA = re.compile(r"[\u3040-\u309f]+")
MAX_QUERY_TERMS = 64  # a pasted page as a question stays a bounded search

# function words a question is full of and a passage's rank should not depend on
_STOP = """
    a about above after again all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers him his how i if in into is it its itself
    just me more most my no nor not now of off on once only or other our out over own same
    she should so some such than that the their them then there these they this those
    through to too under until up very was we were what when where which while who whom why
    will with would you your tell explain describe please document file text passage page
    say says said
    """
STOPWORDS = frozenset(_STOP.split())


def _cjk_pairs(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_terms(text: str) -> list[str]:
    """The terms of ``text`` in order: words (lowercase) and CJK character pairs."""
    out: list[str] = []
    for m in _TOKEN.finditer(unicodedata.normalize("NFKC", text)):
        word = m.group()
        if _is_cjk(word[0]):  # the two alternatives are disjoint: all CJK, or none
            out.extend(_cjk_pairs(word))
        else:
            out.append(word.lower())
    return out


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (
        o == 0x3005
        or 0x3040 <= o <= 0x30FF
        or 0x3400 <= o <= 0x4DBF
        or 0x4E00 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
    )


def indexed_text(text: str) -> str:
    """What the index stores for ``text``: its terms joined by spaces."""
    return " ".join(index_terms(text))


def query_terms(question: str) -> list[str]:
    """The terms to look for: the question's terms without function words (English ones,
    and CJK pairs of hiragana alone such as です or には), each once, in order."""
    seen: set[str] = set()
    out: list[str] = []
    for term in index_terms(question):
        if term in STOPWORDS or term in seen or _HIRAGANA.fullmatch(term):
            continue
        seen.add(term)
        out.append(term)
        if len(out) == MAX_QUERY_TERMS:
            break
    if not out:  # a question of function words only: better all of them than nothing
        out = list(dict.fromkeys(index_terms(question)))[:MAX_QUERY_TERMS]
    return out


def fts_query(terms: list[str]) -> str:
    """An FTS5 MATCH expression: any of the terms, each quoted (a term is letters and
    digits only, so it holds no quote; one is doubled all the same)."""
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
