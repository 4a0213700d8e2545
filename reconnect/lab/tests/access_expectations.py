"""Access-matrix rows of the Innovation Lab, one module per area in ``access/``."""

from reconnect.lab.tests.access import (
    calculator,
    cohorts,
    evaluation,
    outcomes,
    pilots,
    sharing,
    workspace,
)

CASES = [
    *calculator.CASES,
    *pilots.CASES,
    *outcomes.CASES,
    *evaluation.CASES,
    *sharing.CASES,
    *cohorts.CASES,
    *workspace.CASES,
]
