"""Pagefind's bundle made byte-identical from one build of the same pages to the next.

Pagefind writes each filter (actor, year, …) as a list of values in hash-map
order, which changes from run to run, and names every file by a hash of its
content; the filter files, the metadata file naming them and the entry file
naming that differ between two builds of the same site. Here each filter's
values are sorted, the filters listed by name, and those files renamed by a hash
of their new content, so the same seeds give the same bundle. The rest of the
bundle (fragments, word index, scripts) is deterministic already.

The files are gzip-compressed CBOR after a ``pagefind_dcd`` signature; only the
CBOR types Pagefind writes there are read (unsigned integers, text, arrays), and
a file that does not read back to its own bytes is left as Pagefind wrote it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"


class _Unreadable(ValueError):
    """A CBOR item this reader does not handle: the bundle is left as it is."""


def _decode(data: bytes, i: int = 0) -> tuple[Any, int]:
    head = data[i]
    major, info = head >> 5, head & 31
    i += 1
    if info < 24:
        value = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        value = int.from_bytes(data[i : i + size], "big")
        i += size
    else:
        raise _Unreadable(f"CBOR additional information {info}")
    if major == 0:
        return value, i
    if major == 3:
        return data[i : i + value].decode("utf-8"), i + value
    if major == 4:
        items = []
        for _ in range(value):
            item, i = _decode(data, i)
            items.append(item)
        return items, i
    raise _Unreadable(f"CBOR major type {major}")


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if value < 1 << (8 << (info - 24)):
            return bytes([major << 5 | info]) + struct.pack(fmt, value)
    raise _Unreadable(f"integer too large: {value}")


def _encode(value: Any) -> bytes:
    if isinstance(value, bool) or not isinstance(value, (int, str, list)):
        raise _Unreadable(f"unexpected value {value!r}")
    if isinstance(value, int):
        return _head(0, value)
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    return _head(4, len(value)) + b"".join(_encode(v) for v in value)


def _read(path: Path) -> Any:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise _Unreadable(f"{path.name}: no Pagefind signature")
    body = raw[len(SIGNATURE) :]
    value, end = _decode(body)
    if end != len(body) or _encode(value) != body:
        raise _Unreadable(f"{path.name}: does not read back to its own bytes")
    return value


def _write(folder: Path, prefix: str, digits: int, suffix: str, value: Any) -> str:
    """Write ``value`` under a name hashed from its content; the name without suffix."""
    raw = SIGNATURE + _encode(value)
    name = f"{prefix}{hashlib.sha256(raw).hexdigest()[:digits]}"
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    return name


def canonicalise(bundle: Path) -> bool:
    """Sort the bundle's filters and rename what names them; False if left as written."""
    entry_path = bundle / ENTRY
    entry = json.loads(entry_path.read_text("utf-8"))
    try:
        plans = []
        for language, info in entry["languages"].items():
            meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
            meta = _read(meta_path)
            filters = meta[3]
            values = {name: _read(bundle / "filter" / f"{h}.pf_filter") for name, h in filters}
            plans.append((language, info, meta_path, meta, filters, values))
    except (_Unreadable, KeyError, IndexError, TypeError, ValueError, OSError):
        return False
    for language, info, meta_path, meta, filters, values in plans:
        prefix = f"{language}_"
        renamed = []
        for name, old in sorted(filters):
            filter_name, entries = values[name]
            ordered = [filter_name, sorted(entries, key=lambda e: (e[0], e[1]))]
            new = _write(bundle / "filter", prefix, len(old) - len(prefix), ".pf_filter", ordered)
            if new != old:
                (bundle / "filter" / f"{old}.pf_filter").unlink()
            renamed.append([name, new])
        meta[3] = renamed
        digits = len(info["hash"]) - len(prefix)
        new_meta = _write(bundle, f"pagefind.{prefix}", digits, ".pf_meta", meta)
        new_hash = new_meta.removeprefix("pagefind.")
        if new_hash != info["hash"]:
            meta_path.unlink()
        info["hash"] = new_hash
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")
    return True
