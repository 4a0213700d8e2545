"""The board's and "Who can help me?"'s ranking, on plain data (no database)."""

import datetime

import pytest

from reconnect.network.analysis.matching import (
    Asker,
    Candidate,
    Evidence,
    EvidenceKind,
    Place,
    academic_year,
    evidence_score,
    place_of,
    rank,
    similarity_points,
)

CAMDEN, ISLINGTON, BARNET, CROYDON = 202, 206, 302, 306
ASKER = Asker(
    key=1,
    phase="primary",
    authority=CAMDEN,
    neighbours=frozenset({ISLINGTON, BARNET}),
)


def _pilot(name: str = "Magnetic Reading") -> Evidence:
    return Evidence(EvidenceKind.PILOT, name, detail="2025\u201326", ref=7)


STRENGTH = Evidence(EvidenceKind.STRENGTH, "Attendance")
CASE = Evidence(EvidenceKind.CASE_STUDY, "How we cut absence", ref=3)
OFFER = Evidence(EvidenceKind.OFFER, "Visit our breakfast club", ref=4)
INTEREST = Evidence(EvidenceKind.INTEREST, "Ada Lovelace", detail="Attendance")


def test_evidence_score_counts_each_kind_once_and_a_second_item_for_half():
    assert evidence_score([]) == 0
    assert evidence_score([STRENGTH]) == 3
    assert evidence_score([_pilot(), _pilot("Tutoring")]) == 3.5
    assert evidence_score([_pilot(), _pilot("A"), _pilot("B")]) == 3.5
    assert evidence_score([STRENGTH, _pilot(), CASE, OFFER, INTEREST]) == 11


def test_place_same_neighbouring_or_elsewhere():
    assert place_of(ASKER, CAMDEN) == Place.SAME
    assert place_of(ASKER, ISLINGTON) == Place.NEIGHBOUR
    assert place_of(ASKER, CROYDON) == Place.ELSEWHERE
    assert place_of(ASKER, None) == Place.ELSEWHERE
    assert place_of(Asker(), CAMDEN) == Place.ELSEWHERE


def test_similarity_points_fall_with_distance_and_are_zero_when_unknown():
    assert similarity_points(0.0) == 2.0
    assert similarity_points(1.0) == 1.0
    assert similarity_points(3.0) == 0.5
    assert similarity_points(None) == 0.0
    assert similarity_points(float("nan")) == 0.0


def test_rank_orders_a_small_world_exactly():
    candidates = [
        # Evidence 3, elsewhere, other phase: 3.
        Candidate(2, "Croydon Secondary", "secondary", CROYDON, (_pilot(),)),
        # Evidence 3 + same borough 2 + same phase 1 + similarity 2/(1+1) = 7.
        Candidate(3, "Camden Primary", "primary", CAMDEN, (STRENGTH,), distance=1.0),
        # Evidence 3 + 2 = 5, neighbour 1, phase 1, similarity 2/(1+3) = 0.5: 7.5.
        Candidate(4, "Islington Primary", "primary", ISLINGTON, (_pilot(), CASE), distance=3.0),
        # Interest only 1 + same borough 2 + phase 1 + similarity 2: 6.
        Candidate(5, "Kentish Town Primary", "primary", CAMDEN, (INTEREST,), distance=0.0),
        # No evidence: never ranked, however near and alike.
        Candidate(6, "Near But Silent Primary", "primary", CAMDEN, (), distance=0.0),
    ]
    ranked = rank(ASKER, candidates)
    assert [(r.candidate.name, r.score) for r in ranked] == [
        ("Islington Primary", 7.5),
        ("Camden Primary", 7.0),
        ("Kentish Town Primary", 6.0),
        ("Croydon Secondary", 3.0),
    ]
    assert [r.place for r in ranked] == [Place.NEIGHBOUR, Place.SAME, Place.SAME, Place.ELSEWHERE]
    assert [r.phase_wanted for r in ranked] == [True, True, True, False]


def test_rank_never_matches_the_asker_with_itself():
    own = Candidate(1, "Asker Primary", "primary", CAMDEN, (STRENGTH, _pilot()), distance=0.0)
    other = Candidate(2, "Other Primary", "primary", CROYDON, (INTEREST,))
    assert [r.key for r in rank(ASKER, [own, other])] == [2]


def test_rank_breaks_ties_by_name_case_insensitively_then_key():
    tied = [
        Candidate(9, "beech Primary", "secondary", CROYDON, (OFFER,)),
        Candidate(8, "Ash Primary", "secondary", CROYDON, (CASE,)),
        Candidate(7, "Beech Primary", "secondary", CROYDON, (OFFER,)),
    ]
    assert [r.key for r in rank(ASKER, tied)] == [8, 7, 9]


def test_rank_uses_the_phases_wanted_instead_of_the_askers_phase():
    asker = Asker(key=1, phase="primary", phases_wanted=frozenset({"secondary"}))
    primary = Candidate(2, "A Primary", "primary", CROYDON, (OFFER,))
    secondary = Candidate(3, "B Secondary", "secondary", CROYDON, (OFFER,))
    ranked = rank(asker, [primary, secondary])
    assert [(r.key, r.score) for r in ranked] == [(3, 3.0), (2, 2.0)]


def test_rank_without_a_school_is_by_evidence_then_name():
    ranked = rank(
        Asker(),
        [
            Candidate(2, "Zed Primary", "primary", CAMDEN, (STRENGTH, CASE)),
            Candidate(3, "Alpha Primary", "primary", CAMDEN, (OFFER,)),
            Candidate(4, "Beta Primary", "primary", CAMDEN, (CASE,)),
        ],
    )
    assert [(r.key, r.score) for r in ranked] == [(2, 5.0), (3, 2.0), (4, 2.0)]


def test_ranked_evidence_lists_the_strongest_kind_first():
    candidate = Candidate(2, "A", "primary", CAMDEN, (INTEREST, OFFER, STRENGTH, _pilot()))
    (ranked,) = rank(ASKER, [candidate])
    assert [e.kind for e in ranked.evidence] == [
        EvidenceKind.PILOT,
        EvidenceKind.STRENGTH,
        EvidenceKind.OFFER,
        EvidenceKind.INTEREST,
    ]


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (datetime.date(2025, 9, 1), "2025\u201326"),
        (datetime.date(2026, 7, 20), "2025\u201326"),
        (datetime.date(2026, 8, 31), "2025\u201326"),
        (datetime.datetime(1999, 12, 1, 10, 0), "1999\u201300"),
        (None, ""),
    ],
)
def test_academic_year_runs_september_to_august(day, year):
    assert academic_year(day) == year
