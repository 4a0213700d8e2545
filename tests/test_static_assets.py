"""The committed front-end assets: built from the pinned packages, free of Crown artwork,
and collectable by the production static-files storage."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "reconnect" / "static"
PINNED = json.loads((ROOT / "frontend" / "package.json").read_text())["devDependencies"]
CSS = (STATIC / "css" / "reconnect.css").read_text(encoding="utf-8")


def test_stylesheet_is_built_from_the_pinned_govuk_frontend():
    version = re.escape(PINNED["govuk-frontend"])
    assert re.search(rf'--govuk-frontend-version:\s*"{version}"', CSS)


def test_stylesheet_uses_system_fonts_and_no_crown_artwork():
    assert "GDS Transport" not in CSS
    assert "@font-face" not in CSS
    assert "crest" not in CSS
    assert "url(" not in CSS  # nothing for a browser to fetch, nothing to go missing
    assert "font-family:system-ui," in CSS


def test_stylesheet_carries_our_brand_colours():
    assert re.search(r"--govuk-brand-colour:\s*#1d3557", CSS)
    assert re.search(r"--govuk-link-colour:\s*#005f73", CSS)


def test_vendored_scripts_match_the_pinned_versions():
    htmx = STATIC / "vendor" / f"htmx-{PINNED['htmx.org']}.min.js"
    govuk = (STATIC / "vendor" / "govuk-frontend.min.js").read_text(encoding="utf-8")
    axe = (ROOT / "tests" / "browser" / "vendor" / "axe.min.js").read_text(encoding="utf-8")

    assert htmx.is_file()
    assert re.search(r'version\s*=\s*"' + re.escape(PINNED["govuk-frontend"]) + '"', govuk)
    assert axe.startswith(f"/*! axe v{PINNED['axe-core']}")


def test_base_template_loads_the_vendored_htmx():
    base = (ROOT / "reconnect" / "templates" / "base.html").read_text(encoding="utf-8")

    assert f"vendor/htmx-{PINNED['htmx.org']}.min.js" in base


def test_production_storage_collects_our_assets(tmp_path):
    # The manifest storage follows every url() and sourceMappingURL and fails on a missing
    # file, as `collectstatic` would on a deploy. It runs in its own process with the
    # production settings: switching storages inside this one would leak into later tests.
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "reconnect.settings.base",
        "SECRET_KEY": "collectstatic-test-" + "k" * 60,
        "ALLOWED_HOSTS": "reconnect.example.org",
        "SITE_URL": "https://reconnect.example.org",
        "RECONNECT_VAR_DIR": str(tmp_path),
    }
    environment.pop("DATABASE_URL", None)

    subprocess.run(  # noqa: S603  (our own manage.py, fixed arguments)
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--no-input", "-v", "0"],
        check=True,
        env=environment,
        cwd=ROOT,
    )

    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())["paths"]
    assert {"css/reconnect.css", "js/app.js", "vendor/govuk-frontend.min.js"} <= set(manifest)
