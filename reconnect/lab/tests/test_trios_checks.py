import pytest

from reconnect.lab.analysis.trios import Applicant, Constraints, TrioInfeasibleError, build_trios

NAMES = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota"]


def schools(n: int) -> list[Applicant]:
    return [Applicant(id=name.lower(), borough=202, name=name) for name in NAMES[:n]]


def message(n: int, together=(), apart=()) -> str:
    with pytest.raises(TrioInfeasibleError) as raised:
        build_trios(
            schools(n), neighbours={}, constraints=Constraints(together=together, apart=apart)
        )
    return str(raised.value)


def test_no_applicants():
    assert message(0) == "No schools have applied: a group needs at least two."


def test_one_applicant():
    assert message(1) == "Only one school has applied (Alpha): a group needs at least two."


def test_pair_both_together_and_apart():
    assert (
        message(6, together=(("alpha", "beta"),), apart=(("beta", "alpha"),))
        == "Alpha and Beta are both to be kept together and to be kept apart."
    )


def test_chain_of_five_together():
    chain = (("alpha", "beta"), ("beta", "gamma"), ("gamma", "delta"), ("delta", "epsilon"))
    assert message(9, together=chain) == (
        "Alpha, Beta, Gamma, Delta and Epsilon must all be in one group (through the pairs to "
        "keep together), but with 9 schools the largest group has 3."
    )


def test_apart_inside_a_chain():
    together = (("alpha", "beta"), ("beta", "gamma"))
    assert message(6, together=together, apart=(("gamma", "alpha"),)) == (
        "Alpha and Gamma are to be kept apart, but the pairs to keep together put them in one "
        "group: Alpha, Beta and Gamma."
    )


def test_together_pairs_that_cannot_be_packed():
    together = (("alpha", "beta"), ("gamma", "delta"), ("epsilon", "zeta"))
    assert message(6, together=together) == (
        "The pairs to keep together cannot all be met with 6 schools in groups of 3 and 3: "
        "Alpha and Beta; Gamma and Delta; Epsilon and Zeta."
    )


def test_unknown_school():
    assert message(3, together=(("alpha", "omega"),)) == (
        "A pair to keep together names a school that has not applied: omega."
    )


def test_too_many_pairs_apart():
    assert message(3, apart=(("alpha", "beta"),)) == (
        "No grouping of these 3 schools keeps apart every pair to keep apart while meeting the "
        "pairs to keep together."
    )


def test_error_names_the_schools():
    with pytest.raises(TrioInfeasibleError) as raised:
        build_trios(
            schools(6),
            neighbours={},
            constraints=Constraints(together=(("alpha", "beta"),), apart=(("alpha", "beta"),)),
        )
    assert raised.value.schools == ("alpha", "beta")
