"""The access-control matrix: what every persona gets from every URL (security goal G1).

Each app declares one ``Case`` per URL name (two when GET and POST differ) in
``reconnect/<app>/tests/access_expectations.py``; ``tests/test_access_matrix.py`` walks the
URL resolver and fails for any pattern without a Case, and ``tests/access_matrix/`` (one
file per app, run by ``tests/access_run.py``) requests each Case as each persona.

    Case(
        "schools:detail",
        kwargs=lambda world: {"urn": world.school_a.urn},
        expect={"anonymous": 302, "staff_a": 200, "lead_a": 200, "data_lead_a": 200,
                "lead_b": 200, "system_leader": 200, "coordinator": 200, "admin": 200},
    )

A ``kwargs``/``args``/``data`` callable receives the ``World`` and may create what it needs
with the apps' factories; it runs once per persona, on a fresh database.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from reconnect.accounts.models import User
    from reconnect.schools.models import School, Trust

# The eight columns of the matrix, in the order reports list them.
PERSONAS: tuple[str, ...] = (
    "anonymous",
    "staff_a",
    "lead_a",
    "data_lead_a",
    "lead_b",
    "system_leader",
    "coordinator",
    "admin",
)

_STATUSES = frozenset({200, 201, 204, 301, 302, 303, 400, 401, 403, 404, 405, 410, 429})


@dataclass
class World:
    """What every Case may rely on: the two demo schools, school A's trust and the personas.

    ``data_lead_a`` is a member of school A in the data lead role: not its school lead, so
    wherever a page asks "does this person lead the school?" they answer like staff; they
    are enrolled in two-step verification, as the role requires.

    Kept small on purpose: a Case that needs an invitation, a document or a pilot makes it
    with that app's factories inside its ``kwargs`` callable.
    """

    school_a: School
    school_b: School
    trust_a: Trust
    staff_a: User
    lead_a: User
    data_lead_a: User
    lead_b: User
    system_leader: User
    coordinator: User
    admin: User

    def user(self, persona: str) -> User | None:
        """The signed-in user for a matrix column, or None for ``anonymous``."""
        if persona not in PERSONAS:
            raise KeyError(f"Unknown persona {persona!r}; the matrix has {PERSONAS}")
        if persona == "anonymous":
            return None
        user: User = getattr(self, persona)
        return user


Resolvable = Mapping[str, Any] | Callable[[World], Mapping[str, Any]]


@dataclass(frozen=True)
class Case:
    """One row of the matrix: a URL, how to request it, and the status each persona gets.

    ``expect`` names all eight personas, no more and no fewer, so a new persona or a typo
    fails loudly. An anonymous 302 must lead to the sign-in page unless
    ``login_required=False`` says the redirect goes somewhere else on purpose.
    """

    url_name: str
    kwargs: Resolvable = field(default_factory=dict)
    method: Literal["get", "post"] = "get"
    data: Resolvable | None = None
    expect: Mapping[str, int] = field(default_factory=dict)
    args: tuple[Any, ...] | Callable[[World], tuple[Any, ...]] = ()
    query: str = ""
    login_required: bool = True
    # Distinguishes two Cases for one URL name in test ids ("with-other-school").
    label: str = ""
    # Why a status is what it is, when it is not obvious (shown when the test fails).
    note: str = ""

    def __post_init__(self) -> None:
        missing = [p for p in PERSONAS if p not in self.expect]
        unknown = [p for p in self.expect if p not in PERSONAS]
        if missing or unknown:
            raise ValueError(
                f"Case {self.url_name!r}: expect must name exactly {PERSONAS}; "
                f"missing {missing}, unknown {unknown}"
            )
        bad = {p: s for p, s in self.expect.items() if s not in _STATUSES}
        if bad:
            raise ValueError(f"Case {self.url_name!r}: unexpected status codes {bad}")
        if self.method not in ("get", "post"):
            raise ValueError(f"Case {self.url_name!r}: method must be 'get' or 'post'")

    @property
    def id(self) -> str:
        """The test id's stem: ``url_name``, plus the label and method when they matter."""
        stem = self.url_name
        if self.label:
            stem += f"[{self.label}]"
        if self.method == "post":
            stem += "[post]"
        return stem

    def resolve_kwargs(self, world: World) -> dict[str, Any]:
        return dict(self.kwargs(world) if callable(self.kwargs) else self.kwargs)

    def resolve_args(self, world: World) -> tuple[Any, ...]:
        return tuple(self.args(world) if callable(self.args) else self.args)

    def resolve_data(self, world: World) -> dict[str, Any] | None:
        if self.data is None:
            return None
        return dict(self.data(world) if callable(self.data) else self.data)


def everyone(status: int) -> dict[str, int]:
    """The same status for all eight personas (a public page, a 404 for everyone)."""
    return dict.fromkeys(PERSONAS, status)


def members_only(status: int = 200, *, anonymous: int = 302, **overrides: int) -> dict[str, int]:
    """Anonymous visitors sent to sign in; every signed-in persona gets ``status``.

    That includes ``data_lead_a``: a row where school A's data lead differs from the rest
    (usually answering like ``staff_a``, a member who does not lead the school) must say so
    with an override, e.g. ``members_only(404, staff_a=200, lead_a=200, data_lead_a=200)``.
    """
    expect = dict.fromkeys(PERSONAS, status)
    expect["anonymous"] = anonymous
    expect.update(overrides)
    return expect
