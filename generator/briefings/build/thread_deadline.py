"""A seed's time limit for extraction that runs outside the main thread.

:func:`briefings.build.extraction.deadline` uses SIGALRM, which only the main thread can
receive. A Dask worker runs every task in a thread of its own, so there the
limit is enforced by asking the interpreter to raise
:class:`~briefings.build.extraction.SeedTimeout` in the extracting thread
(``PyThreadState_SetAsyncExc``). Like a signal handler, the exception arrives
between two Python bytecodes: it stops any Python code, stuck or not, as the
SIGALRM limit does, and like it waits for a call into native code to return.
"""

from __future__ import annotations

import contextlib
import ctypes
import threading
from collections.abc import Iterator

from briefings.build.extraction import SeedTimeout

_set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
_set_async_exc.argtypes = (ctypes.c_ulong, ctypes.py_object)
_set_async_exc.restype = ctypes.c_int


@contextlib.contextmanager
def thread_deadline(seconds: float | None) -> Iterator[None]:
    """Raise :class:`SeedTimeout` inside the block, in this thread, once ``seconds`` have passed.

    A timer thread raises it only while the block runs: a lock orders the
    timer's firing against the block's end, and an exception the timer set but
    the thread had not yet received when the block ended is withdrawn, so it
    never surfaces in the code that follows.
    """
    if not seconds or seconds <= 0:
        yield
        return
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"inside": True, "fired": False}

    def expire() -> None:
        with lock:
            if state["inside"]:
                state["fired"] = True
                _set_async_exc(target, SeedTimeout)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["inside"] = False
            fired = state["fired"]
        timer.cancel()
        if fired:
            # NULL clears an exception set but not yet raised in this thread.
            _set_async_exc(target, ctypes.py_object())
