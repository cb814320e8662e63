"""A per-user folder for things bangkok-lint can rebuild but would rather not on every start.

`$BANGKOK_LINT_CACHE_DIR`, else `$XDG_CACHE_HOME/bangkok-lint`, else `~/.cache/bangkok-lint`.
Everything kept there is an optimisation: a file that is missing, unreadable, corrupt or from
another version is ignored and rebuilt, and a folder that cannot be written is simply not
written to (a read-only home in CI, a sandbox): the run is then as slow as without a cache,
never wrong and never failing.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
# Files kept of each kind (pattern vectors, word sums, ...): the current ones, and a few for the
# other pattern sets or versions a user switches between.
KEPT_PER_KIND = 8


def cache_dir() -> Path:
    explicit = os.environ.get("BANGKOK_LINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "bangkok-lint"


def read_json(name: str) -> object | None:
    """The JSON kept under `name`, or None when there is none usable."""
    try:
        return json.loads((cache_dir() / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def read_bytes(name: str) -> bytes | None:
    """The bytes kept under `name`, or None when there are none."""
    try:
        return (cache_dir() / name).read_bytes()
    except OSError:
        return None


def write_json(name: str, data: object) -> None:
    """Keep `data` under `name`, atomically (a concurrent reader sees the old file or the new one)."""
    _write(name, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def write_bytes(name: str, data: bytes) -> None:
    """Keep `data` under `name`, atomically."""
    _write(name, data)


def built_from_files(kind: str, sources: Iterable[Path], build: Callable[[], T]) -> T:
    """`build()`, or its result kept from an earlier run with byte-identical `sources`.

    The key covers every source file's name and content, the code that reads them (give
    it among `sources`) and the Python version; the result is pickled. Only this user's own
    cache folder is read, as Python reads its own __pycache__.
    """
    key = b"".join(str(path).encode("utf-8") + b"\0" + path.read_bytes() + b"\0" for path in sources)
    return built_for_key(kind, key, build)


def built_for_key(kind: str, key: bytes, build: Callable[[], T]) -> T:
    """`build()`, or its result kept from an earlier run with the same `key` (which must cover
    everything the result depends on) and Python version; the result is pickled."""
    digest = hashlib.sha256(sys.version.encode() + b"\0" + key).hexdigest()[:20]
    name = f"{kind}-{digest}.pickle"
    try:
        return pickle.loads((cache_dir() / name).read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass  # none yet, or unusable: build it
    result = build()
    _write(name, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    return result


def _write(name: str, data: bytes) -> None:
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(temp, folder / name)
        except BaseException:
            os.unlink(temp)
            raise
        _prune(folder, name)
    except OSError:
        pass  # an unwritable cache only costs the next run the time it would have saved


def _prune(folder: Path, name: str) -> None:
    """Keep the newest few files of `name`'s kind: each pattern set, model or version writes its
    own, and an upgraded installation never reads the old ones again."""
    kind, _, rest = name.rpartition("-")
    if not kind:
        return
    suffix = Path(rest).suffix
    siblings = sorted(folder.glob(f"{kind}-*{suffix}"), key=_modified, reverse=True)
    for old in siblings[KEPT_PER_KIND:]:
        # Another process may have removed it first.
        with contextlib.suppress(OSError):
            old.unlink()


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
