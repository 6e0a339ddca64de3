"""The install: complete, hash-pinned locks and a wheel that works outside this checkout.

`make install` runs pip with ``--no-deps`` over the locks, so nothing is resolved at
install time and no upstream release can change what is installed. The price is that
the locks must be complete; these tests prove it from the installed metadata, so an
incomplete lock fails here even where a lucky package index would have hidden it.
"""

from __future__ import annotations

import re
import subprocess
import sys
import sysconfig
import zipfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.conftest import ROOT

RUNTIME_LOCK = ROOT / "requirements.lock"
DEV_LOCK = ROOT / "requirements-dev.lock"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")


@dataclass
class Lock:
    """The pins of one lock file: canonical name -> version, and the hashes each pin has."""

    path: Path
    pins: dict[str, Version] = field(default_factory=dict)
    hashed: set[str] = field(default_factory=set)


def read_lock(path: Path) -> Lock:
    lock = Lock(path)
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line)
        if match:
            current = canonicalize_name(match.group(1))
            lock.pins[current] = Version(match.group(2))
        if current and "--hash=sha256:" in line:
            lock.hashed.add(current)
    return lock


def missing_from(lock_pins: dict[str, Version]) -> list[str]:
    """Each dependency of a locked distribution that the pins do not satisfy.

    Markers are evaluated for this interpreter and with the extras other locked
    distributions ask for (``smart-open[http]`` brings ``requests``): an extra's
    requirements must be pinned too, since ``--no-deps`` will not fetch them.
    """
    env = default_environment()
    extras: dict[str, set[str]] = {name: {""} for name in lock_pins}
    problems: list[str] = []
    todo = list(lock_pins)
    seen: set[tuple[str, str]] = set()
    while todo:
        name = todo.pop()
        dist = metadata.distribution(name)
        for extra in sorted(extras[name]):
            if (name, extra) in seen:
                continue
            seen.add((name, extra))
            for text in dist.requires or []:
                req = Requirement(text)
                if req.marker and not req.marker.evaluate({**env, "extra": extra}):
                    continue
                dep = canonicalize_name(req.name)
                pinned = lock_pins.get(dep)
                if pinned is None:
                    problems.append(f"{name} needs {text!r}: not in the lock")
                    continue
                if not req.specifier.contains(pinned, prereleases=True):
                    problems.append(f"{name} needs {text!r}: the lock pins {pinned}")
                new = set(req.extras) - extras[dep]
                if new:
                    extras[dep] |= new
                    todo.append(dep)
    return problems


@pytest.mark.parametrize("path", [RUNTIME_LOCK, DEV_LOCK], ids=lambda p: p.name)
def test_every_pin_is_installed_at_its_version_with_hashes(path: Path) -> None:
    lock = read_lock(path)
    assert len(lock.pins) > 10
    assert lock.hashed == set(lock.pins), "every pin needs --hash lines"
    wrong = {
        name: (str(version), metadata.version(name))
        for name, version in lock.pins.items()
        if Version(metadata.version(name)) != version
    }
    assert not wrong, f"installed versions differ from {path.name}: {wrong}"


def test_the_runtime_lock_is_complete_on_its_own() -> None:
    """`make serve` installs requirements.lock alone: its closure must be in it."""
    assert missing_from(read_lock(RUNTIME_LOCK).pins) == []


def test_both_locks_together_are_complete_and_agree() -> None:
    runtime, dev = read_lock(RUNTIME_LOCK), read_lock(DEV_LOCK)
    disagree = {
        n: (str(v), str(dev.pins[n]))
        for n, v in runtime.pins.items()
        if n in dev.pins and dev.pins[n] != v
    }
    assert not disagree, f"the two locks pin different versions: {disagree}"
    assert missing_from({**runtime.pins, **dev.pins}) == []


def test_the_closure_check_catches_a_missing_pin() -> None:
    """The check itself: drop one transitive pin and it must complain."""
    pins = dict(read_lock(RUNTIME_LOCK).pins)
    del pins["requests"]  # needed by smart-open's "http" extra, which weasel asks for
    problems = missing_from(pins)
    assert any("requests" in p and "not in the lock" in p for p in problems), problems


def test_the_runtime_lock_holds_no_test_tools() -> None:
    runtime = read_lock(RUNTIME_LOCK).pins
    for tool in ("pytest", "playwright", "ruff", "hypothesis", "rouge-score", "mypy"):
        assert tool not in runtime


@pytest.mark.parametrize("path", [RUNTIME_LOCK, DEV_LOCK], ids=lambda p: p.name)
def test_no_lock_names_an_index_or_a_machine_path(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for pattern in (r"--(extra-)?index-url", r"--find-links", r"-f\s", r"file://", r"\s/opt/"):
        assert not re.search(pattern, text), f"{path.name} matches {pattern!r}"


@pytest.mark.site
def test_the_wheel_builds_a_site_in_a_folder_outside_the_checkout(tmp_path: Path) -> None:
    """A wheel of this repository, installed into a fresh environment, serves a new site.

    The environment sees only the wheel's own package plus the already installed
    third-party libraries (through a path file), never this checkout.
    """
    wheels = tmp_path / "wheels"
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(wheels),
            str(ROOT),
        ],
        cwd=tmp_path,
    )
    (wheel,) = wheels.glob("briefings-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for packaged in (
        "briefings/site/defaults/templates/briefing.md.j2",
        "briefings/site/defaults/theme/main.html",
        "briefings/site/defaults/assets/briefings.css",
        "briefings/site/defaults/new-site/mkdocs.yml",
    ):
        assert packaged in names

    env_dir = tmp_path / "env"
    run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], cwd=tmp_path)
    python = env_dir / "bin" / "python"
    site_packages = Path(
        run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            cwd=tmp_path,
        ).strip()
    )
    (site_packages / "third_party.pth").write_text(sysconfig.get_path("purelib") + "\n")
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            str(wheel),
        ],
        cwd=tmp_path,
    )

    where = run([str(python), "-c", "import briefings; print(briefings.__file__)"], cwd=tmp_path)
    assert Path(where.strip()).is_relative_to(env_dir), where

    site = tmp_path / "my-site"
    out = run([str(env_dir / "bin" / "briefings"), "init", str(site)], cwd=tmp_path)
    assert "mkdocs.yml" in out
    again = subprocess.run(
        [str(env_dir / "bin" / "briefings"), "init", str(site)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert again.returncode == 1 and "already exists" in again.stderr

    run([str(python), "-m", "mkdocs", "build", "--strict"], cwd=site)
    page = (site / "site" / "briefings" / "example" / "index.html").read_text()
    assert "Northhaven" in page
    assert 'href="../../assets/briefings.css"' in page
    assert 'type="application/atom+xml"' in page  # the packaged theme override
    assert (site / "site" / "assets" / "briefings.css").is_file()
    assert (site / "site" / "assets" / "javascripts" / "briefings.js").is_file()
    assert str(ROOT) not in page


def run(cmd: list[str], cwd: Path) -> str:
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, f"{cmd}\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr
