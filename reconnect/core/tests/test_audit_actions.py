"""Every audit action reads as words: the registry, the audit page, the CSV, and the source."""

import ast
import csv
import functools
import html
import importlib
import io
import math
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from reconnect.core.audit import (
    audit_action_choices,
    audit_action_label,
    audit_record,
    register_audit_actions,
)
from reconnect.core.csv_export import UTF8_BOM
from reconnect.core.models import AuditEvent
from reconnect.lab import audit_actions as lab_actions
from reconnect.selfeval import audit_actions as selfeval_actions
from reconnect.spectrum import audit_actions as spectrum_actions

INDEX = "/admin/audit-log/"
PAGE_SIZE = 50
SOURCE_ROOT = Path(__file__).resolve().parents[2]  # reconnect/
# Only the events each test records carry this in their actor, so a search finds just them.
ACTOR_DOMAIN = "auditlabels.example"

EXPECTED_APP_LABELS = {
    "accounts.api_token.created": "API access token created",
    "accounts.api_token.revoked": "API access token revoked",
    "core.sealed.resealed": "Secret key rotation: sealed data sealed under the new key",
    "lab.application.submitted": "Innovation Lab: school applied to a cohort",
    "lab.application.withdrawn": "Innovation Lab: application withdrawn",
    "lab.cohort.opened": "Innovation Lab: cohort opened",
    "lab.cohort.status_changed": "Innovation Lab: cohort status changed",
    "lab.cohort.updated": "Innovation Lab: cohort changed",
    "lab.evaluation.downloaded": "Innovation Lab: pilot evaluation report downloaded",
    "lab.outcomes.summary_saved": "Innovation Lab: outcome summary figures saved",
    "lab.outcomes.uploaded": "Innovation Lab: outcome file uploaded",
    "lab.pairing.added": "Innovation Lab: pairing rule added",
    "lab.pairing.removed": "Innovation Lab: pairing rule removed",
    "lab.pilot.created": "Innovation Lab: pilot started",
    "lab.pilot.deleted": "Innovation Lab: pilot deleted",
    "lab.pilot.status_changed": "Innovation Lab: pilot status changed",
    "lab.trio.confirmed": "Innovation Lab: trio confirmed",
    "lab.trio.file_deleted": "Innovation Lab: trio file deleted",
    "lab.trio.file_uploaded": "Innovation Lab: file shared with a trio",
    "lab.trio.meeting_added": "Innovation Lab: trio meeting notes added",
    "lab.trio.meeting_changed": "Innovation Lab: trio meeting notes changed",
    "lab.trio.member_moved": "Innovation Lab: school moved to another trio",
    "lab.trio.plan_changed": "Innovation Lab: trio's shared plan changed",
    "lab.trio.post_added": "Innovation Lab: trio discussion post added",
    "lab.trio.post_changed": "Innovation Lab: trio discussion post changed",
    "lab.trio.post_deleted": "Innovation Lab: trio discussion post deleted",
    "lab.trios.proposed": "Innovation Lab: trios proposed",
    "network.calendar_feed.created": "Network: calendar feed address made",
    "network.calendar_feed.revoked": "Network: calendar feed address revoked",
    "network.event.cancelled": "Network: event cancelled",
    "network.event.changed": "Network: event changed",
    "network.event.created": "Network: event created",
    "network.flag.dismissed": "Network: flag dismissed",
    "network.group.archived": "Network: group archived",
    "network.group.changed": "Network: group changed",
    "network.group.created": "Network: group created",
    "network.group.file_deleted": "Network: group file deleted",
    "network.group.file_uploaded": "Network: file shared with a group",
    "network.group.member_added": "Network: member added to a group",
    "network.group.member_removed": "Network: member removed from a group",
    "network.member.blocked": "Network: member blocked another",
    "network.member.unblocked": "Network: member unblocked another",
    "network.post.approved": "Network: held post approved",
    "network.post.flagged": "Network: post flagged",
    "network.post.hidden": "Network: post hidden",
    "network.post.moderator_edited": "Network: post edited by a moderator",
    "network.post.rejected": "Network: held post rejected",
    "network.post.unhidden": "Network: post shown again",
    "network.thread.hidden": "Network: thread hidden",
    "network.thread.locked": "Network: thread locked",
    "network.thread.moved": "Network: thread moved",
    "network.thread.pinned": "Network: thread pinned or unpinned",
    "network.thread.split": "Network: thread split",
    "network.thread.unlocked": "Network: thread unlocked",
    "selfeval.contributor_added": "Self-evaluation: contributor added",
    "selfeval.contributor_removed": "Self-evaluation: contributor removed",
    "selfeval.report_downloaded": "Self-evaluation: report downloaded",
    "selfeval.report_share_withdrawn": "Self-evaluation: report sharing withdrawn",
    "selfeval.report_shared": "Self-evaluation: report shared",
    "selfeval.review_started": "Self-evaluation: review started",
    "selfeval.review_submitted": "Self-evaluation: review submitted",
    "selfeval.version_drafted": "Self-evaluation: framework version drafted",
    "selfeval.version_published": "Self-evaluation: framework version published",
    "spectrum.cohort.saved": "Pupil data: target group created or deleted",
    "spectrum.cohort.viewed": "Pupil data: cohort view opened",
    "spectrum.data.deleted": "Pupil data: all of a school's pupil data deleted",
    "spectrum.export": "Pupil data: CSV downloaded",
    "spectrum.grant.added": "Pupil data: access to cohort views granted",
    "spectrum.grant.removed": "Pupil data: access to cohort views removed",
    "spectrum.import.finished": "Pupil data: file import finished",
    "spectrum.import.received": "Pupil data: file received",
    "spectrum.indicators.changed": "Pupil data: indicator settings changed",
    "spectrum.mapping.changed": "Pupil data: column heading matches changed",
    "spectrum.network.viewed": "Pupil data: network view opened",
    "spectrum.pupil.viewed": "Pupil data: pupil profile viewed",
    "spectrum.pupils.viewed": "Pupil data: pupil list viewed",
    "spectrum.retention.changed": "Pupil data: retention period changed",
    "spectrum.snapshot.expired": "Pupil data: snapshots past the retention period deleted",
}


def registered_actions() -> list[str]:
    """The actions the apps registered, without the model's own choices."""
    return [action for action, _label in audit_action_choices() if action not in AuditEvent.Action]


def listed_actions(response: Any) -> dict[str, str]:
    """The audit page's rows as {actor: text of the Action column}."""
    listing = re.search(
        r'<table class="listing">.*?<tbody>(.*?)</tbody>', response.content.decode(), re.S
    )
    assert listing is not None
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", listing.group(1), re.S)
    cells = [re.findall(r"<td[^>]*>\s*(.*?)\s*</td>", row, re.S) for row in rows]
    return {html.unescape(cell[2]): html.unescape(cell[1]) for cell in cells}


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def one_event_per_registered_action(db) -> dict[str, str]:
    """One event of each registered action, its actor named after it: {actor: action}."""
    actors = {}
    for number, action in enumerate(registered_actions()):
        actor = f"event{number:03}@{ACTOR_DOMAIN}"
        audit_record(action, actor_label=actor, school_urn=900001)
        actors[actor] = action
    return actors


# --- The labels --------------------------------------------------------------------------------


def test_audit_action_labels_are_the_apps_words_exactly():
    labels = {action: audit_action_label(action) for action in registered_actions()}

    assert labels == EXPECTED_APP_LABELS


def test_audit_action_label_reads_the_model_choices_first_and_falls_back_to_the_key():
    assert audit_action_label(AuditEvent.Action.SIGN_IN) == "Signed in"
    assert audit_action_label("case_study_withdrawn") == "Case study withdrawn"
    # An action nobody labels (say, from code since removed) is shown as it was recorded.
    assert audit_action_label("legacy.thing_done") == "legacy.thing_done"


def test_audit_action_choices_are_the_model_choices_then_the_apps_by_label():
    choices = audit_action_choices()

    model_count = len(AuditEvent.Action.choices)
    assert choices[:model_count] == [
        (action, str(label)) for action, label in AuditEvent.Action.choices
    ]
    assert choices[model_count:] == sorted(
        EXPECTED_APP_LABELS.items(), key=lambda choice: choice[1].casefold()
    )


def test_each_app_owns_the_labels_of_its_own_actions():
    assert set(selfeval_actions.LABELS) == {
        action for action in EXPECTED_APP_LABELS if action.startswith("selfeval.")
    }
    assert set(spectrum_actions.LABELS) == {
        action for action in EXPECTED_APP_LABELS if action.startswith("spectrum.")
    }
    assert set(lab_actions.LABELS) == {
        action for action in EXPECTED_APP_LABELS if action.startswith("lab.")
    }
    assert spectrum_actions.IMPORT_RECEIVED == "spectrum.import.received"
    assert selfeval_actions.REVIEW_SUBMITTED == "selfeval.review_submitted"


# --- Registering -------------------------------------------------------------------------------


def test_register_audit_actions_refuses_a_second_label_for_an_action():
    with pytest.raises(
        ImproperlyConfigured, match=re.escape("'spectrum.import.received' is already labelled")
    ):
        register_audit_actions({spectrum_actions.IMPORT_RECEIVED: "Pupil data: file arrived"})

    assert audit_action_label(spectrum_actions.IMPORT_RECEIVED) == "Pupil data: file received"


def test_register_audit_actions_refuses_to_relabel_a_model_choice():
    with pytest.raises(ImproperlyConfigured, match="sign_in"):
        register_audit_actions({AuditEvent.Action.SIGN_IN: "Logged in"})

    assert audit_action_label(AuditEvent.Action.SIGN_IN) == "Signed in"


def test_register_audit_actions_accepts_the_same_label_again():
    # What a second ready() does (Django's test runner and some servers call it twice).
    spectrum_actions.register()
    register_audit_actions({spectrum_actions.EXPORT: "Pupil data: CSV downloaded"})

    assert audit_action_label(spectrum_actions.EXPORT) == "Pupil data: CSV downloaded"
    assert registered_actions() == sorted(
        EXPECTED_APP_LABELS, key=lambda action: EXPECTED_APP_LABELS[action].casefold()
    )


def test_register_audit_actions_keeps_nothing_of_a_refused_mapping():
    with pytest.raises(ImproperlyConfigured):
        register_audit_actions(
            {
                "tests.never_kept": "Never kept",
                spectrum_actions.EXPORT: "Pupil data: exported",
            }
        )

    assert audit_action_label("tests.never_kept") == "tests.never_kept"


def test_register_audit_actions_refuses_a_key_the_column_cannot_hold():
    too_long = "tests." + "x" * 35  # 41 characters; the column holds 40

    with pytest.raises(ImproperlyConfigured, match="1 to 40 characters"):
        register_audit_actions({too_long: "Too long"})

    assert audit_action_label(too_long) == too_long


# --- The audit page and the CSV ----------------------------------------------------------------


def test_audit_page_shows_each_registered_label(admin_client, one_event_per_registered_action):
    shown: dict[str, str] = {}
    pages = math.ceil(len(one_event_per_registered_action) / PAGE_SIZE)
    for page in range(1, pages + 1):
        response = admin_client.get(INDEX, {"q": ACTOR_DOMAIN, "p": page})
        assert response.status_code == 200
        shown |= listed_actions(response)

    assert shown == {
        actor: EXPECTED_APP_LABELS[action]
        for actor, action in one_event_per_registered_action.items()
    }


def test_audit_csv_shows_each_registered_action_and_its_label(
    admin_client, one_event_per_registered_action
):
    response = admin_client.get(INDEX, {"export": "csv", "q": ACTOR_DOMAIN})

    text = b"".join(response.streaming_content).decode().removeprefix(UTF8_BOM)
    header, *rows = csv.reader(io.StringIO(text, newline=""))
    assert header[1:4] == ["Action", "Action (description)", "Actor"]
    assert sorted(row[1:4] for row in rows) == sorted(
        [action, EXPECTED_APP_LABELS[action], actor]
        for actor, action in one_event_per_registered_action.items()
    )


def test_audit_event_detail_shows_the_registered_label(admin_client, db):
    event = audit_record(spectrum_actions.PUPIL_VIEWED, actor_label=f"head@{ACTOR_DOMAIN}")

    response = admin_client.get(f"{INDEX}{event.pk}/")

    assert response.status_code == 200
    assert "Pupil data: pupil profile viewed" in response.content.decode()


def test_audit_page_filters_by_a_registered_action(admin_client, one_event_per_registered_action):
    response = admin_client.get(INDEX, {"action": spectrum_actions.IMPORT_RECEIVED})

    content = response.content.decode()
    assert listed_actions(response) == {
        actor: "Pupil data: file received"
        for actor, action in one_event_per_registered_action.items()
        if action == spectrum_actions.IMPORT_RECEIVED
    }
    assert (
        '<option value="spectrum.import.received" selected>Pupil data: file received</option>'
        in content
    )


# --- Every action the code records has a label --------------------------------------------------


@functools.cache
def _namespace(path: Path) -> dict[str, Any]:
    """The names a call site in the module can see: its globals, and what any function in it
    imports for itself (``from reconnect.core.models import AuditEvent`` inside a function)."""
    parts = path.relative_to(SOURCE_ROOT.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    module = importlib.import_module(".".join(parts))
    namespace = dict(vars(module))
    package = module.__name__ if parts[-1] != path.stem else module.__package__
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom):
            continue
        source = importlib.import_module("." * node.level + (node.module or ""), package)
        for alias in node.names:
            if hasattr(source, alias.name):
                namespace.setdefault(alias.asname or alias.name, getattr(source, alias.name))
    return namespace


def _resolve(node: ast.expr, namespace: dict[str, Any]) -> Any:
    """A module-level name or attribute chain's value; KeyError/AttributeError if it is none."""
    if isinstance(node, ast.Name):
        return namespace[node.id]
    if isinstance(node, ast.Attribute):
        return getattr(_resolve(node.value, namespace), node.attr)
    raise KeyError(ast.unparse(node))


def _recorded_actions(node: ast.expr, path: Path) -> list[str] | None:
    """The actions an ``audit_record`` first argument can be, or None if it is not constant."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _recorded_actions(node.body, path), _recorded_actions(node.orelse, path)
        return None if body is None or orelse is None else body + orelse
    if isinstance(node, ast.Name | ast.Attribute):
        try:
            value = _resolve(node, _namespace(path))
        except (KeyError, AttributeError):
            return None  # a parameter or a local: not a constant
        return [str(value)] if isinstance(value, str) else None
    return None


def _called_name(node: ast.Call) -> str | None:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _action_argument(node: ast.Call) -> ast.expr | None:
    keyword = next((k.value for k in node.keywords if k.arg == "action"), None)
    return node.args[0] if node.args else keyword


def _wrappers(tree: ast.Module) -> tuple[set[str], set[int]]:
    """A module's helpers that pass their first parameter to ``audit_record`` as the
    action (``def _audit(action, ...): audit_record(action, ...)``), and the ids of those
    inner calls: the helpers' own call sites are checked instead."""
    names: set[str] = set()
    inner: set[int] = set()
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        params = [*function.args.posonlyargs, *function.args.args]
        if not params:
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Call) and _called_name(node) == "audit_record":
                first = _action_argument(node)
                if isinstance(first, ast.Name) and first.id == params[0].arg:
                    names.add(function.name)
                    inner.add(id(node))
    return names, inner


def _audit_record_calls() -> list[tuple[Path, int, ast.expr]]:
    """Every ``audit_record(...)`` in reconnect/ outside tests, with its action argument;
    through a module's wrapper, each of the wrapper's calls instead."""
    calls = []
    for path in sorted(SOURCE_ROOT.rglob("*.py")):
        if {"tests", "migrations"} & set(path.relative_to(SOURCE_ROOT).parts):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        wrappers, inner = _wrappers(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or id(node) in inner:
                continue
            if _called_name(node) not in {"audit_record", *wrappers}:
                continue
            first = _action_argument(node)
            assert first is not None, f"{path}:{node.lineno}: audit_record() without an action"
            calls.append((path, node.lineno, first))
    return calls


def test_every_action_the_code_records_has_a_label():
    labelled = {action for action, _label in audit_action_choices()}
    unlabelled, not_constant, recorded = [], [], set()
    for path, line, first in _audit_record_calls():
        where = f"{path.relative_to(SOURCE_ROOT.parent)}:{line}"
        actions = _recorded_actions(first, path)
        if actions is None:
            not_constant.append(f"{where}: {ast.unparse(first)}")
            continue
        recorded.update(actions)
        unlabelled += [f"{where}: {action}" for action in actions if action not in labelled]

    # Written as a string or a module constant, so this test can check the label.
    assert not_constant == []
    # Each needs a label in its app's audit_actions.py (or is a model choice).
    assert unlabelled == []
    # The walk really found the calls: both apps' actions and the model's are among them.
    assert {"spectrum.import.received", "selfeval.review_submitted", "sign_in"} <= recorded
