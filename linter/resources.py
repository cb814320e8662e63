"""Where the rule data folders (policies/, patterns/) live at run time."""

from __future__ import annotations

from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parents[1]


def data_path(name: str) -> Path:
    """The top-level data folder `name` ("policies" or "patterns").

    From a checkout this is the folder next to `linter/`, so edits to the YAML take effect
    without reinstalling; an installed wheel carries the same folder inside the package.
    The pyproject.toml check keeps a stray `policies/` in site-packages from being taken
    for a checkout.
    """
    checkout = _REPO_ROOT / name
    if checkout.is_dir() and (_REPO_ROOT / "pyproject.toml").is_file():
        return checkout
    # The wheel installs the folder as linter/<name>/ (see pyproject.toml package-dir).
    return Path(__file__).resolve().parent / name
