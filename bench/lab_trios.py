"""Benchmark the Lab's trio builder on realistic London cohorts.

- **Data**: applicants generated deterministically (``--seed``): spread over the 33
  boroughs in proportion to their schools (the City has few), one to three challenges from
  the Reconnect framework's eleven domains (attendance, learning gaps and wellbeing the most
  common), the intervention to pilot usually on a Hub theme of the first challenge (36
  interventions, three per theme), and a self-evaluation score per domain for four schools in
  five (lower in the school's challenges). Related challenges are domains sharing a Hub
  theme in the framework; neighbours the London borough table.
- **How**: ``build_trios`` on a cohort of 90 (one CP-SAT model; target: proven optimal in
  under 5 s) and on all of London, 2,500 schools (the neighbourhood method; target: under
  60 s, with the objective, the bound and the gap reported).

Options: ``--small N`` (90), ``--large N`` (2,500), ``--skip-large``, ``--seed N``,
``--workers N`` (1), ``--time-limit S`` for the large run (50).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reconnect.lab.analysis.trios import Applicant, Options, TrioPlan, build_trios
from reconnect.lab.analysis.trios.london import BOROUGH_NAMES, LONDON_NEIGHBOURS
from reconnect.selfeval.data.reconnect_framework import DOMAINS

# Relative number of state schools per borough (roughly: outer boroughs have more).
BOROUGH_WEIGHT = {
    code: (0.05 if code == 201 else 1.0 if code < 300 else 1.4) for code in BOROUGH_NAMES
}
DOMAIN_WEIGHT = {
    "attendance": 3.0,
    "learning-gaps": 2.5,
    "wellbeing": 2.5,
    "belonging": 1.5,
    "inclusion": 1.5,
}
THEMES = sorted({theme for domain in DOMAINS for theme in domain.themes})


def related_domains() -> dict[str, frozenset[str]]:
    """Domains sharing a Hub theme in the framework."""
    related: dict[str, set[str]] = {d.code: set() for d in DOMAINS}
    for a in DOMAINS:
        for b in DOMAINS:
            if a.code != b.code and set(a.themes) & set(b.themes):
                related[a.code].add(b.code)
    return {code: frozenset(others) for code, others in related.items()}


def generate(n: int, seed: int) -> list[Applicant]:
    rng = np.random.default_rng(seed)
    codes = sorted(BOROUGH_NAMES)
    borough_p = np.array([BOROUGH_WEIGHT[c] for c in codes])
    borough_p /= borough_p.sum()
    domains = [d.code for d in DOMAINS]
    domain_p = np.array([DOMAIN_WEIGHT.get(d, 1.0) for d in domains])
    domain_p /= domain_p.sum()
    themes_of = {d.code: d.themes for d in DOMAINS}
    interventions = {f"{theme}-{k}": theme for theme in THEMES for k in (1, 2, 3)}
    second_theme = {
        name: THEMES[(THEMES.index(theme) + 1 + k) % len(THEMES)]
        for k, (name, theme) in enumerate(interventions.items())
    }
    names = sorted(interventions)
    applicants = []
    for i in range(n):
        borough = int(rng.choice(codes, p=borough_p))
        count = int(rng.choice([1, 2, 3], p=[0.3, 0.45, 0.25]))
        challenges = [str(d) for d in rng.choice(domains, size=count, replace=False, p=domain_p)]
        if rng.random() < 0.75:
            theme = str(rng.choice(themes_of[challenges[0]]))
            chosen = f"{theme}-{int(rng.integers(1, 4))}"
        else:
            chosen = str(rng.choice(names))
        themes = {interventions[chosen]}
        if rng.random() < 0.4:
            themes.add(second_theme[chosen])
        strengths: dict[str, float] = {}
        if rng.random() < 0.8:
            for d in domains:
                centre = 1.9 if d in challenges else 2.8
                strengths[d] = float(np.clip(round(rng.normal(centre, 0.55), 1), 1.0, 4.0))
        applicants.append(
            Applicant(
                id=f"S{i:04d}",
                borough=borough,
                challenges=frozenset(challenges),
                intervention=chosen,
                themes=frozenset(themes),
                strengths=strengths,
            )
        )
    return applicants


def report(label: str, plan: TrioPlan, target: float) -> bool:
    sizes = sorted({len(g.schools) for g in plan.groups})
    print(
        f"{label}: {len(plan.groups)} groups (sizes {sizes}), {plan.method}, {plan.status}, "
        f"wall {plan.wall_time:.2f} s (target {target:g} s, ratio {plan.wall_time / target:.2f}), "
        f"objective {plan.objective}, bound {plan.bound}, gap {plan.gap:.2%}"
    )
    leads = sum(1 for g in plan.groups if g.lead)
    shared = sum(1 for g in plan.groups for p in g.pairs if p.shared_challenges)
    pairs = sum(len(g.pairs) for g in plan.groups)
    print(f"    groups with a lead: {leads}; pairs sharing a challenge: {shared} of {pairs}")
    return plan.wall_time <= target


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--small", type=int, default=90)
    parser.add_argument("--large", type=int, default=2500)
    parser.add_argument("--skip-large", action="store_true")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=50.0)
    args = parser.parse_args()
    related = related_domains()
    ok = True

    cohort = generate(args.small, args.seed)
    started = time.perf_counter()
    plan = build_trios(
        cohort, neighbours=LONDON_NEIGHBOURS, related_challenges=related,
        options=Options(time_limit=5.0, workers=args.workers, seed=args.seed),
    )  # fmt: skip
    print(f"(generated and solved in {time.perf_counter() - started:.2f} s)")
    ok &= report(f"cohort of {args.small}", plan, 5.0) and plan.status == "OPTIMAL"

    if not args.skip_large:
        london = generate(args.large, args.seed + 1)
        plan = build_trios(
            london, neighbours=LONDON_NEIGHBOURS, related_challenges=related,
            options=Options(time_limit=args.time_limit, workers=args.workers, seed=args.seed),
        )  # fmt: skip
        ok &= report(f"London, {args.large}", plan, 60.0)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
