"""A real ``mkdocs serve`` session: a new seed appears, and the model loads only once."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from .conftest import BIN, FIXTURES

pytestmark = [pytest.mark.site, pytest.mark.model]

MODEL_LOAD_LINE = "briefings: loading spaCy model"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(predicate, timeout: float, what: str, proc: subprocess.Popen):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        if proc.poll() is not None:
            break
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def test_serve_adds_a_seed_with_one_model_load(project, tmp_path):
    proj = project([FIXTURES / "summit.txt"])
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as sink:
        proc = subprocess.Popen(
            [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=proj,
            stdout=sink,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: fetch(f"{base}/briefings/summit/"), 300, "the first build", proc)
        assert fetch(f"{base}/briefings/harbour-strike/") is None
        shutil.copy(FIXTURES / "harbour_strike.txt", proj / "seeds" / "harbour_strike.txt")
        page = wait_for(
            lambda: fetch(f"{base}/briefings/harbour-strike/"), 300, "the new seed's page", proc
        )
        assert "Port Calder" in page
        summit = proj / "seeds" / "summit.txt"
        summit.write_text(summit.read_text("utf-8") + "\nA sentence added later.\n", "utf-8")
        wait_for(
            lambda: "A sentence added later" in (fetch(f"{base}/briefings/summit/") or ""),
            300,
            "the edited seed's page",
            proc,
        )
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    output = log.read_text("utf-8", "replace")
    assert output.count(MODEL_LOAD_LINE) == 1, output
    assert output.count("briefings: extracted 1 seed(s)") == 3, output
