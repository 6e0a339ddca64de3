"""Where ``generate`` extracts uncached seeds: the local process pool or a Dask cluster.

The Dask packages are an optional extra: they are imported only when asked for,
and their absence is a :class:`~briefings.errors.DaskUnavailable` that says how
to install them.
"""

from __future__ import annotations

from collections.abc import Callable

from briefings.build.extraction import Extraction, Extractor
from briefings.errors import DaskUnavailable

#: Names ``--executor`` accepts.
EXECUTORS = ("local", "dask")

INSTALL_HINT = 'pip install "dask[distributed]"'


def extraction_executor(name: str, scheduler: str | None = None) -> Callable[..., Extractor]:
    """The ``executor`` of :func:`build_briefings` that ``name`` means."""
    if name == "local":
        return Extraction
    try:
        from briefings.build.dask_extraction import DaskExtraction
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in ("dask", "distributed"):
            raise
        raise DaskUnavailable(
            f"--executor dask needs the Dask packages, which are not installed "
            f"({exc.name} is missing); install them with: {INSTALL_HINT} "
            "(on this machine and on every worker of the cluster)"
        ) from None
    return DaskExtraction.at(scheduler)
