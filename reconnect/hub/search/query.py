"""What a reader typed, reduced to plain words the database can only ever treat as words.

The input is NFKC-normalised and lower-cased, then only runs of letters and digits are kept:
quotes, operators (``OR``, ``NEAR``, ``*``, ``:``, ``--``) and anything else that is syntax to
FTS5, to PostgreSQL's tsquery or to SQL never survive as syntax. The full-text layer then
quotes each word again (an FTS5 string, or a ``plainto_tsquery`` parameter).

Limits keep a pasted essay cheap: 2,000 characters are read, 12 words kept, each at most
40 characters. Words that are too common to mean anything (PostgreSQL's English stop
words) are dropped, as PostgreSQL would drop them anyway; a query left with no words is
browse mode: every visible item, newest first.
"""

import re
import unicodedata
from dataclasses import dataclass

MAX_CHARS = 2_000
MAX_TERMS = 12
MAX_TERM_LENGTH = 40

# \w without the underscore: letters and digits of any script.
WORD = re.compile(r"[^\W_]+", re.UNICODE)

# PostgreSQL's english.stop (Snowball's list), so SQLite and PostgreSQL agree.
STOP_WORDS = frozenset(
    (
        "i",
        "me",
        "my",
        "myself",
        "we",
        "our",
        "ours",
        "ourselves",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "he",
        "him",
        "his",
        "himself",
        "she",
        "her",
        "hers",
        "herself",
        "it",
        "its",
        "itself",
        "they",
        "them",
        "their",
        "theirs",
        "themselves",
        "what",
        "which",
        "who",
        "whom",
        "this",
        "that",
        "these",
        "those",
        "am",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "have",
        "has",
        "had",
        "having",
        "do",
        "does",
        "did",
        "doing",
        "a",
        "an",
        "the",
        "and",
        "but",
        "if",
        "or",
        "because",
        "as",
        "until",
        "while",
        "of",
        "at",
        "by",
        "for",
        "with",
        "about",
        "against",
        "between",
        "into",
        "through",
        "during",
        "before",
        "after",
        "above",
        "below",
        "to",
        "from",
        "up",
        "down",
        "in",
        "out",
        "on",
        "off",
        "over",
        "under",
        "again",
        "further",
        "then",
        "once",
        "here",
        "there",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "both",
        "each",
        "few",
        "more",
        "most",
        "other",
        "some",
        "such",
        "no",
        "nor",
        "not",
        "only",
        "own",
        "same",
        "so",
        "than",
        "too",
        "very",
        "s",
        "t",
        "can",
        "will",
        "just",
        "don",
        "should",
        "now",
    )
)


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # what the reader typed, trimmed and capped, for echoing back in the form
    terms: tuple[str, ...]  # the words searched for, in order, without repeats
    truncated: bool = False  # the input was cut to MAX_CHARS or MAX_TERMS
    dropped_stop_words: bool = False  # only very common words were typed

    @property
    def is_browse(self) -> bool:
        return not self.terms

    @property
    def normalized(self) -> str:
        return " ".join(self.terms)


def parse_query(raw: str | None) -> ParsedQuery:
    """Reduce ``raw`` to at most 12 plain words; never raises."""
    raw = raw or ""
    truncated = len(raw) > MAX_CHARS
    text = raw[:MAX_CHARS]
    if truncated and raw[MAX_CHARS].isalnum() and text[-1:].isalnum():
        text = text.rsplit(maxsplit=1)[0] if len(text.split()) > 1 else text  # no half word
    text = text.strip()
    normalized = unicodedata.normalize("NFKC", text).lower()
    terms: list[str] = []
    dropped = False
    for match in WORD.finditer(normalized):
        word = match.group()[:MAX_TERM_LENGTH]
        if word in STOP_WORDS:
            dropped = True
            continue
        if word in terms:
            continue
        if len(terms) == MAX_TERMS:
            truncated = True
            break
        terms.append(word)
    return ParsedQuery(
        text=text,
        terms=tuple(terms),
        truncated=truncated,
        dropped_stop_words=dropped and not terms,
    )
