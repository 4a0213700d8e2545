"""The production-like server: granian's WSGI workers serving ``reconnect.wsgi``."""

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from .database import ROOT

GRANIAN = Path(sys.executable).parent / "granian"
LOG_PATH = ROOT / "var" / "bench-load-server.log"


def collectstatic(env: dict[str, str]) -> None:
    """Hashed static files and their manifest: pages name them through the manifest, as in
    production (whitenoise serves them; the driver does not fetch them)."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Server:
    """``granian --interface wsgi`` with ``workers`` processes of ``threads`` threads each.

    Granian's backpressure stays at its default: set to the threads, it held each kept-alive
    connection's slot, so with 50 users only 8 connections were served and the others waited
    for an idle one to time out (half a minute). Its log goes to
    ``var/bench-load-server.log`` (tracebacks of any 500 land there).
    """

    def __init__(self, env: dict[str, str], *, workers: int, threads: int) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        LOG_PATH.parent.mkdir(exist_ok=True)
        self._log = LOG_PATH.open("w")
        self._process = subprocess.Popen(
            [
                str(GRANIAN),
                "--interface",
                "wsgi",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--workers",
                str(workers),
                "--blocking-threads",
                str(threads),
                "--log-level",
                "warning",
                "reconnect.wsgi:application",
            ],
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, timeout: float = 300.0) -> None:
        # A worker imports the whole app (ortools, polars, numpy...) on its first request:
        # seconds on a quiet machine, a minute or more on a busy one.
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise SystemExit(f"granian stopped at start; see {LOG_PATH}")
            try:
                if httpx.get(f"{self.url}/bench/bare/", timeout=timeout).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise SystemExit(f"granian did not answer within {timeout:.0f} s; see {LOG_PATH}")

    def stop(self) -> None:
        self._process.terminate()
        try:
            self._process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._log.close()
