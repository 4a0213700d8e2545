"""Known answers from the EEF Toolkit's published scales (shared/domain/evidence-and-anchors.md
sections 1.2 to 1.4): the effect-size-to-months table, the impact words, the cost bands and
the padlock labels."""

import pytest

from reconnect.hub.analysis import eef


@pytest.mark.parametrize(
    ("effect_size", "months"),
    [
        # Each band's edges, as the EEF's conversion table gives them.
        (-0.01, 0),
        (0.0, 0),
        (0.01, 0),
        (0.02, 1),
        (0.09, 1),
        (0.10, 2),
        (0.18, 2),
        (0.19, 3),
        (0.26, 3),
        (0.27, 4),
        (0.35, 4),
        (0.36, 5),
        (0.44, 5),
        (0.45, 6),
        (0.52, 6),
        (0.53, 7),
        (0.61, 7),
        (0.62, 8),
        (0.69, 8),
        (0.70, 9),
        (0.78, 9),
        (0.79, 10),
        (0.87, 10),
        (0.88, 11),
        (0.95, 11),
        (0.96, 12),
        (1.00, 12),
        (1.40, 12),
        # Negative effects: the same months with a minus sign.
        (-0.20, -3),
        (-0.45, -6),
        # Rounded to two decimals first, as the table's bands are.
        (0.094, 1),
        (0.096, 2),
    ],
)
def test_months_follow_the_eef_conversion_table(effect_size, months):
    assert eef.months_for_effect_size(effect_size) == months


@pytest.mark.parametrize(
    ("months", "label"),
    [
        (None, "not estimated"),
        (0, "very low or no"),
        (1, "low"),
        (2, "low"),
        (3, "moderate"),
        (5, "moderate"),
        (6, "high"),
        (8, "high"),
        (9, "very high"),
        (12, "very high"),
        (-3, "negative (moderate)"),
    ],
)
def test_impact_words_follow_the_eef_labels(months, label):
    assert eef.impact_label(months) == label


def test_cost_bands_are_the_eef_per_pupil_bands():
    assert [(b.rating, b.label, b.per_pupil) for b in eef.COST_BANDS.values()] == [
        (1, "Very low", "under £80 per pupil a year"),
        (2, "Low", "£80 to £200 per pupil a year"),
        (3, "Moderate", "£200 to £720 per pupil a year"),
        (4, "High", "£720 to £1,200 per pupil a year"),
        (5, "Very high", "over £1,200 per pupil a year"),
    ]
    assert eef.COST_BANDS[1].per_class == "up to £2,000 per class of 25"
    assert eef.COST_BANDS[5].per_class == "over £30,000 per class of 25"


def test_padlock_labels_run_from_insufficient_to_very_extensive():
    assert list(eef.EVIDENCE_LABELS.items()) == [
        (0, "Insufficient evidence"),
        (1, "Very limited evidence"),
        (2, "Limited evidence"),
        (3, "Moderate evidence"),
        (4, "Extensive evidence"),
        (5, "Very extensive evidence"),
    ]


@pytest.mark.parametrize(
    ("months", "cost", "evidence", "headline"),
    [
        # Feedback on the EEF's strand page: +6 months, very low cost, extensive evidence.
        (6, 1, 4, "High impact (+6 months) for very low cost, based on extensive evidence"),
        # Repeating a year: -3 months, very high cost, limited evidence.
        (
            -3,
            5,
            2,
            (
                "Negative (moderate) impact (-3 months) for very high cost, based on limited "
                "evidence"
            ),
        ),
        (None, 1, 0, "Impact not estimated, for very low cost, based on insufficient evidence"),
    ],
)
def test_headline_reads_like_the_toolkit(months, cost, evidence, headline):
    assert eef.headline(months, cost, evidence) == headline
