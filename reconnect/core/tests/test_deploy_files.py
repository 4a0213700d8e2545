"""deploy/ names only what exists: management commands, the WSGI app, the environment
variables the settings read, and the routes the proxies and the balancer rely on."""

import re
import subprocess
from pathlib import Path

import pytest
from django.core.management import get_commands
from django.urls import resolve

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy"
SYSTEMD = DEPLOY / "systemd"
SETTINGS_SOURCES = [
    ROOT / "reconnect" / "settings" / "base.py",
    ROOT / "reconnect" / "settings" / "env.py",
]
# Read by something other than the settings, each for a reason written here.
NOT_DJANGO = {
    "WEB_WORKERS": "reconnect-web.service's granian command line",
    "WEB_THREADS": "reconnect-web.service's granian command line",
    "WEB_BIND": "reconnect-web.service's granian command line",
    "DJANGO_SETTINGS_MODULE": "Django itself",
    "PROMETHEUS_MULTIPROC_DIR": "prometheus-client, at import",
}


def unit_files() -> list[Path]:
    return sorted(p for p in SYSTEMD.iterdir() if p.suffix in {".service", ".timer"})


def settings_reads(name: str) -> bool:
    """Whether the settings read ``name`` (directly, or as ``NAME_FILE`` via env_secret)."""
    source = "\n".join(path.read_text(encoding="utf-8") for path in SETTINGS_SOURCES)
    direct = re.search(rf'env_\w+\(\s*"{re.escape(name)}"', source)
    by_file = name.endswith("_FILE") and re.search(
        rf'env_secret\(\s*"{re.escape(name.removesuffix("_FILE"))}"', source
    )
    builtin = f'"{name}"' in source  # os.environ.get("SECRET_KEY_FILE") in env.py
    return bool(direct or by_file or builtin)


def test_every_command_the_units_run_exists():
    commands = set(get_commands())
    named: set[str] = set()
    for unit in unit_files():
        text = unit.read_text(encoding="utf-8")
        named |= set(re.findall(r"manage\.py (\w+)", text))
        named |= set(re.findall(r"Unit=reconnect-job@(\w+)\.service", text))

    assert named >= {
        "spectrum_housekeeping",
        "network_digests",
        "network_event_reminders",
        "db_worker",
        "clearsessions",
        "prune_db_task_results",
    }
    assert named - commands == set()


def test_every_timer_starts_a_unit_that_is_here():
    for timer in SYSTEMD.glob("*.timer"):
        [unit] = re.findall(r"^Unit=(\S+)$", timer.read_text(encoding="utf-8"), re.MULTILINE)
        template = re.sub(r"@[^.]+\.service$", "@.service", unit)
        assert (SYSTEMD / template).is_file(), f"{timer.name} starts {unit}, which is missing"


def test_the_scheduled_jobs_match_the_demo_servers_loop():
    """scripts/serve runs these in a loop; production runs them from timers, as often."""
    schedules: dict[str, str] = {}
    for timer in SYSTEMD.glob("reconnect-*.timer"):
        text = timer.read_text(encoding="utf-8")
        if job := re.search(r"Unit=reconnect-job@(\w+)", text):
            [calendar] = re.findall(r"^OnCalendar=(.+)$", text, re.MULTILINE)
            schedules[job[1]] = calendar

    assert schedules["spectrum_housekeeping"].startswith("*-*-* ")  # daily
    assert schedules["network_digests"].startswith("*-*-* ")
    assert schedules["network_event_reminders"] == "hourly"
    assert schedules["network_files_sweep"].startswith("*-*-* ")
    serve = (ROOT / "scripts" / "serve").read_text(encoding="utf-8")
    for command in (
        "spectrum_housekeeping",
        "network_digests",
        "network_event_reminders",
        "network_files_sweep",
    ):
        assert f"manage.py {command}" in serve


def test_the_web_unit_serves_the_wsgi_application_with_production_settings():
    text = (SYSTEMD / "reconnect-web.service").read_text(encoding="utf-8")

    assert "Environment=DJANGO_SETTINGS_MODULE=reconnect.settings.base" in text
    [target] = re.findall(r"--interface wsgi .* (\S+)$", text, re.MULTILINE)
    module, attribute = target.split(":")
    assert (module, attribute) == ("reconnect.wsgi", "application")
    assert "--workers ${WEB_WORKERS}" in text
    assert "Environment=PROMETHEUS_MULTIPROC_DIR=%t/reconnect-web" in text
    assert "RuntimeDirectory=reconnect-web" in text  # emptied at every start


def test_every_variable_the_deploy_files_set_is_read():
    texts = [
        p.read_text(encoding="utf-8")
        for p in [*unit_files(), DEPLOY / "env" / "reconnect.env.example"]
    ]
    names: set[str] = set()
    for text in texts:
        names |= set(re.findall(r"^([A-Z][A-Z0-9_]+)=", text, re.MULTILINE))
        names |= set(re.findall(r"^Environment=([A-Z][A-Z0-9_]+)=", text, re.MULTILINE))
        names |= set(re.findall(r"\$\{([A-Z][A-Z0-9_]+)\}", text))

    assert "SECRET_KEY_FILE" in names
    unread = {name for name in names - NOT_DJANGO.keys() if not settings_reads(name)}
    assert unread == set()


def test_every_variable_the_deploy_files_set_is_documented():
    documented = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    example = (DEPLOY / "env" / "reconnect.env.example").read_text(encoding="utf-8")

    for name in re.findall(r"^([A-Z][A-Z0-9_]+)=", example, re.MULTILINE):
        assert f"`{name}`" in documented, f"{name} is not in docs/configuration.md"


@pytest.mark.parametrize(
    ("path", "name"), [("/health/", "health"), ("/ready/", "ready"), ("/metrics", "metrics")]
)
def test_the_probe_routes_exist(path, name):
    assert resolve(path).url_name == name


def test_the_balancer_checks_readiness_with_the_sites_host():
    text = (DEPLOY / "caddy" / "Caddyfile.load-balancer").read_text(encoding="utf-8")

    assert "health_uri /ready/" in text
    assert "Host reconnect.example.org" in text


def test_the_proxies_refuse_metrics_and_never_serve_documents():
    for caddyfile in (DEPLOY / "caddy").iterdir():
        text = caddyfile.read_text(encoding="utf-8")
        assert "handle /metrics {\n\t\trespond 404\n\t}" in text, caddyfile.name
        assert "/media/documents" not in text.replace("(media/documents/)", "")
        assert re.search(r"^\s*log\b", text, re.MULTILINE) is None  # no URLs in Caddy's logs


def test_systemd_accepts_the_units(tmp_path):
    """``systemd-analyze verify`` (it also checks that each command exists) on copies
    pointed at this checkout and a scratch /etc/reconnect, templates instantiated as the
    timers start them; any warning, such as a misspelt key, fails the test."""
    for unit in unit_files():
        text = unit.read_text(encoding="utf-8")
        text = text.replace("/srv/reconnect", str(ROOT)).replace("/etc/reconnect/", f"{tmp_path}/")
        (tmp_path / unit.name).write_text(text, encoding="utf-8")
    worker = (tmp_path / "reconnect-worker@.service").read_text(encoding="utf-8")
    (tmp_path / "reconnect-worker@1.service").write_text(worker, encoding="utf-8")
    job = (tmp_path / "reconnect-job@.service").read_text(encoding="utf-8")
    for timer in tmp_path.glob("*.timer"):
        [unit] = re.findall(
            r"^Unit=(reconnect-job@\w+\.service)$", timer.read_text(), re.MULTILINE
        ) or [None]
        if unit:
            (tmp_path / unit).write_text(job, encoding="utf-8")
    to_verify = sorted(str(p) for p in tmp_path.iterdir() if not p.name.endswith("@.service"))

    result = subprocess.run(  # noqa: S603 (fixed arguments: our own files)
        ["/usr/bin/systemd-analyze", "verify", "--man=no", *to_verify],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert len(to_verify) == 14  # 8 units and timers, 6 instances: worker@1, 5 jobs
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
