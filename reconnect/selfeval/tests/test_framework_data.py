"""The Reconnect framework's text: eleven domains in the issue's order, stable codes, four
to seven statements each, four distinct levels per statement, and every field within what
the database accepts."""

import re
from importlib import import_module

from reconnect.selfeval.data.reconnect_framework import (
    DOMAINS,
    FRAMEWORK_NAME,
    FRAMEWORK_SLUG,
    INTRODUCTION,
)
from reconnect.selfeval.models import Domain, FrameworkVersion, Statement
from reconnect.selfeval.selectors.reviews import RECONNECT_FRAMEWORK

THEMES_MIGRATION = "reconnect.hub.migrations.0002_themes"
LEVEL_FIELDS = ("not_yet", "emerging", "established", "embedded")


def _limit(model, field):
    return model._meta.get_field(field).max_length


def test_framework_data_has_the_eleven_domains_in_order():
    assert [(d.code, d.title) for d in DOMAINS] == [
        ("attendance", "Attendance"),
        ("belonging", "Engagement and belonging"),
        ("wellbeing", "Mental health and wellbeing"),
        ("learning-gaps", "Closing learning gaps"),
        ("poverty", "Poverty, hunger and the cost of the school day"),
        ("vulnerability", "Identifying vulnerability (data use)"),
        ("inclusion", "SEND and inclusion"),
        ("families", "Families and community"),
        ("transition", "Transition"),
        ("leadership", "Leadership and strategy for disadvantaged pupils"),
        ("staff-development", "Staff development"),
    ]
    assert (FRAMEWORK_SLUG, FRAMEWORK_NAME) == (RECONNECT_FRAMEWORK, "The Reconnect framework")


def test_framework_data_has_four_to_seven_statements_a_domain():
    counts = {d.code: len(d.statements) for d in DOMAINS}

    assert counts == {
        "attendance": 7,
        "belonging": 5,
        "wellbeing": 6,
        "learning-gaps": 5,
        "poverty": 5,
        "vulnerability": 4,
        "inclusion": 5,
        "families": 4,
        "transition": 4,
        "leadership": 6,
        "staff-development": 5,
    }
    assert sum(counts.values()) == 56


def test_framework_data_codes_are_numbered_within_their_domain():
    for domain in DOMAINS:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", domain.code)
        assert len(domain.code) <= _limit(Domain, "code")
        codes = [s.code for s in domain.statements]
        assert codes == [f"{domain.code}-{n}" for n in range(1, len(codes) + 1)]
        assert all(len(code) <= _limit(Statement, "code") for code in codes)


def test_framework_data_maps_every_domain_to_existing_hub_themes():
    themes = {slug for slug, _name, _summary in import_module(THEMES_MIGRATION).THEMES}
    mapped = {d.code: d.themes for d in DOMAINS}

    assert all(mapped.values())
    assert {slug for slugs in mapped.values() for slug in slugs} <= themes
    assert mapped["attendance"] == ("attendance",)
    assert mapped["inclusion"] == ("send",)
    assert mapped["transition"] == ("transition",)


def test_framework_data_fits_the_database_fields():
    for domain in DOMAINS:
        assert 0 < len(domain.title) <= _limit(Domain, "title")
        assert 0 < len(domain.summary) <= _limit(Domain, "summary")
        for statement in domain.statements:
            for field in ("text", "evidence_prompt", *LEVEL_FIELDS):
                value = getattr(statement, field)
                assert 0 < len(value) <= _limit(Statement, field), (statement.code, field)
                assert value == value.strip()
                assert "  " not in value, (statement.code, field)
    assert 0 < len(INTRODUCTION) <= _limit(FrameworkVersion, "introduction")


def test_framework_data_levels_are_four_different_descriptions():
    for domain in DOMAINS:
        for statement in domain.statements:
            levels = [getattr(statement, field) for field in LEVEL_FIELDS]
            assert len(set(levels)) == 4, statement.code
            assert statement.text.endswith("."), statement.code
            assert all(level.endswith(".") for level in levels), statement.code


def test_framework_data_statements_are_all_different():
    texts = [s.text for d in DOMAINS for s in d.statements]

    assert len(set(texts)) == len(texts)
