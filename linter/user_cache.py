"""A per-user folder for things bangkok-lint can rebuild but would rather not on every start.

`$BANGKOK_LINT_CACHE_DIR`, else `$XDG_CACHE_HOME/bangkok-lint`, else `~/.cache/bangkok-lint`.
Everything kept there is an optimisation: a file that is missing, unreadable, corrupt or from
another version is ignored and rebuilt, and a folder that cannot be written is simply not
written to (a read-only home in CI, a sandbox): the run is then as slow as without a cache,
never wrong and never failing.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


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


def write_json(name: str, data: object) -> None:
    """Keep `data` under `name`, atomically (a concurrent reader sees the old file or the new one)."""
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, separators=(",", ":"))
            os.replace(temp, folder / name)
        except BaseException:
            os.unlink(temp)
            raise
    except OSError:
        pass  # an unwritable cache only costs the next run the time it would have saved
