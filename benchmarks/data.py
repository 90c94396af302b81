"""The rows every implementation works on, generated once per size."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

CHAPTERS_PER_BOOK = 2
LOOKUPS = 2000
FILTERS = 500

# (name, publisher_id)
AuthorRow = tuple[str, int]
# (author_id, title, published_at, price, in_stock)
BookRow = tuple[int, str, datetime, float, bool]
# (book_id, index, contents)
ChapterRow = tuple[int, int, str]


@dataclass(frozen=True)
class Dataset:
    """N books, one author per ten books, one publisher per hundred."""

    n: int
    publishers: list[str]
    authors: list[AuthorRow]
    books: list[BookRow]
    chapters: list[ChapterRow]
    keys: list[int]
    thresholds: list[float]

    @property
    def updated(self) -> int:
        """How many books the one-by-one update writes."""
        return max(1, self.n // 10)


def generate(n: int) -> Dataset:
    """The same rows for the same ``n``, whatever runs them."""
    rng = random.Random(7)
    publishers = [f"Publisher {i}" for i in range(max(1, n // 100))]
    authors = [(f"Author {i}", 1 + i % len(publishers)) for i in range(max(1, n // 10))]
    start = datetime(2001, 1, 1)
    books = [
        (
            1 + i % len(authors),
            f"Title {rng.randrange(10**9):09d}",
            start + timedelta(minutes=7 * i),
            round(rng.uniform(1, 100), 2),
            i % 3 != 0,
        )
        for i in range(n)
    ]
    chapters = [
        (book, index, f"Chapter {index} of book {book}: it was a dark night.")
        for book in range(1, n + 1)
        for index in range(1, CHAPTERS_PER_BOOK + 1)
    ]
    # Distinct keys where there are enough books, so no identity map can skip
    # the database; a small N repeats them in a shuffled cycle.
    keys = rng.sample(range(1, n + 1), min(n, LOOKUPS))
    keys = [keys[i % len(keys)] for i in range(LOOKUPS)]
    thresholds = [round(rng.uniform(1, 90), 2) for _ in range(FILTERS)]
    return Dataset(n, publishers, authors, books, chapters, keys, thresholds)
