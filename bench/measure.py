"""Running one measured command: wall time and peak memory of its whole process tree.

Peak memory is reported two ways. ``peak_rss`` is the largest resident set of
any single process of the tree, exact, from the kernel (``wait4``).
``peak_tree_rss`` is the largest sum of the resident sets of the command and
all its descendants (worker processes included), sampled every 50 ms from
``/proc``; a peak shorter than that can be missed.
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Measurement:
    seconds: float
    peak_rss: int
    peak_tree_rss: int
    returncode: int
    stdout: str
    stderr: str
    timed_out: bool = False

    def check(self, what: str) -> Measurement:
        if self.returncode != 0 and not self.timed_out:
            output = self.stderr[-3000:] + self.stdout[-2000:]
            raise RuntimeError(f"{what} failed (exit {self.returncode}):\n{output}")
        return self


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants, now."""
    tree = _children()
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/statm", "rb") as f:
                total += int(f.read().split()[1]) * PAGE
        except OSError:
            pass
        stack.extend(tree.get(p, ()))
    return total


def run(
    cmd: list[str],
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float | None = None,
    stop: threading.Event | None = None,
) -> Measurement:
    """Run ``cmd`` to the end (or the timeout, or until ``stop`` is set) and measure it."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, cwd=cwd, env=env, stdout=out, stderr=err, start_new_session=True
        )
        peak = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.wait(0.05):
                peak = max(peak, tree_rss(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            late = timeout is not None and time.perf_counter() - start > timeout
            if late or (stop is not None and stop.is_set()):
                timed_out = True
                os.killpg(proc.pid, signal.SIGKILL)  # the command's own process group
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Measurement(
            seconds=seconds,
            peak_rss=usage.ru_maxrss * 1024,
            peak_tree_rss=max(peak, usage.ru_maxrss * 1024),
            returncode=proc.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            timed_out=timed_out,
        )


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
