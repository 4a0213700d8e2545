"""How many groups of which size: threes, and fours or a pair only when the number forces it.

With n schools: n divisible by 3 gives n/3 trios; one left over (n % 3 == 1) makes one group
of four; two left over (n % 3 == 2) make two groups of four, or, with 2 or 5 schools where
two fours cannot be made, one pair. A four rather than two pairs, and two fours rather than
a pair, because every school then has at least two partners, which is what makes a trio a
trio: a pair has no third view. Sizes are listed largest first.

| n | groups |        | n | groups |
| --- | --- | --- | --- | --- |
| 2 | 2 | | 7 | 4, 3 |
| 3 | 3 | | 8 | 4, 4 |
| 4 | 4 | | 9 | 3, 3, 3 |
| 5 | 3, 2 | | 10 | 4, 3, 3 |
| 6 | 3, 3 | | 11 | 4, 4, 3 |
"""

from __future__ import annotations


def group_sizes(n: int) -> tuple[int, ...]:
    """The sizes of the groups for ``n`` schools (n ≥ 2), largest first."""
    if n < 2:
        raise ValueError(f"Need at least two schools, not {n}")
    if n in (2, 5):
        return (3,) * (n // 3) + (2,)
    fours = n % 3
    return (4,) * fours + (3,) * ((n - 4 * fours) // 3)


def max_size(n: int) -> int:
    return group_sizes(n)[0]
