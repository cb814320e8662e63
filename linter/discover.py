"""Which files a run lints: paths as given, folders walked for documents.

A walk skips what a careful user would not call a law: files matching the `exclude`
globs (default: version-control and environment folders) or `extend-exclude`, files
a `.gitignore` ignores (nested files and negations as git reads them, inside a git
repository), repository files about the repository (README, CHANGELOG, LICENSE, ...),
and the reports and reviewed copies bangkok-lint itself wrote. A file named on the
command line is always linted unless `force_exclude` applies the same tests to it (what
the pre-commit hook does, as it passes every staged file by name); a folder named on the
command line is always walked.

Globs use .gitignore syntax: `drafts/` is a folder anywhere, `/archive` only at the top,
`*.old.md` a name at any depth; they are relative to the config file's folder (command-line
globs: the current directory).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from linter.own_outputs import is_own_output
from linter.runner import SUFFIXES

if TYPE_CHECKING:
    # Imported where a folder is walked or a file's exclusion checked: a check of files named on
    # the command line never needs it, and it is a fiftieth of a small check's start-up.
    from pathspec import GitIgnoreSpec

# Hidden folders (.git, .venv, .github, ...) and installed environments hold no laws.
DEFAULT_EXCLUDE = (".*/", "venv/", "node_modules/", "__pycache__/", "site-packages/")

# What a repository says about itself: never a law, whatever its extension.
_REPOSITORY_FILES = re.compile(
    r"^(readme|changelog|changes|history|news|contributing|contributors|authors|license|licence|copying|notice"
    r"|code_of_conduct|security|support|governance|codeowners|requirements([-_.][\w-]*)?)(\.[\w.-]+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Globs:
    """Exclude globs and the folder they are relative to."""

    root: Path
    patterns: tuple[str, ...]

    def excludes(self, path: Path, is_dir: bool) -> bool:
        rel = _relative(path, self.root)
        return _spec(self.patterns).match_file(rel + "/" if is_dir else rel)


@dataclass(frozen=True)
class Selection:
    excludes: tuple[Globs, ...] = field(default_factory=lambda: (Globs(Path.cwd(), DEFAULT_EXCLUDE),))
    respect_gitignore: bool = True
    force_exclude: bool = False

    def skips(self, path: Path, is_dir: bool = False) -> str | None:
        """Why a walk leaves `path` out, or None to lint it."""
        if any(g.excludes(path, is_dir) for g in self.excludes):
            return "excluded"
        if self.respect_gitignore and _gitignored(path, is_dir):
            return "ignored by .gitignore"
        if is_dir:
            return None
        if _REPOSITORY_FILES.match(path.name):
            return "a repository file, not a law"
        if is_own_output(path):
            return "written by bangkok-lint"
        return None

    def inside(self, folder: Path) -> Selection:
        """For walking a folder named on the command line, which is walked even when excluded or
        ignored: the globs that exclude it apply relative to it, and an ignored folder's
        .gitignore rules are not applied (they would drop everything in it)."""
        excludes = tuple(Globs(folder, g.patterns) if g.excludes(folder, is_dir=True) else g for g in self.excludes)
        gitignore = self.respect_gitignore and not _gitignored(folder, is_dir=True)
        return replace(self, excludes=excludes, respect_gitignore=gitignore)


@dataclass
class Discovery:
    files: list[str] = field(default_factory=list)
    # Files named on the command line that force_exclude left out.
    skipped_named: list[str] = field(default_factory=list)


def discover(paths: Iterable[str], selection: Selection | None = None) -> Discovery:
    """Files as given; folders walked (sorted, recursively) for documents the selection keeps."""
    selection = selection or Selection()
    found = Discovery()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.files += _walk(path, selection.inside(path))
        elif selection.force_exclude and path.exists() and (_skipped_folder(path, selection) or selection.skips(path)):
            found.skipped_named.append(raw)
        else:
            found.files.append(raw)
    return found


def _walk(top: Path, selection: Selection) -> list[str]:
    out = []
    # A sub-folder that cannot be listed is kept as an entry, so the reader reports it
    # ("cannot read this folder: permission denied") instead of the walk skipping it in silence.
    for folder, dirs, files in os.walk(top, onerror=lambda exc: out.append(str(exc.filename))):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not selection.skips(here / d, is_dir=True))
        for name in sorted(files):
            path = here / name
            if path.suffix.lower() in SUFFIXES and not selection.skips(path):
                out.append(str(path))
    return sorted(out)


def _skipped_folder(path: Path, selection: Selection) -> bool:
    # A named file inside an excluded or ignored folder below the current one (git never
    # re-includes the files of an ignored folder).
    here = Path.cwd().resolve()
    folders = [f for f in path.resolve().parents if f.is_relative_to(here) and f != here]
    return any(selection.skips(folder, is_dir=True) for folder in folders)


def _relative(path: Path, root: Path) -> str:
    absolute = path.resolve()
    try:
        return absolute.relative_to(root.resolve()).as_posix()
    except ValueError:
        return absolute.as_posix().lstrip("/")


@lru_cache(maxsize=256)
def _spec(patterns: tuple[str, ...]) -> GitIgnoreSpec:
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(patterns)


def _gitignored(path: Path, is_dir: bool) -> bool:
    """As git decides: every .gitignore from the repository's top down to the file's folder, a
    deeper file overriding a shallower one and a later line an earlier one (`!` re-includes)."""
    absolute = path.resolve()
    top = _repository_top(absolute.parent)
    if top is None:
        return False
    ignored = False
    folders = [top, *reversed([p for p in absolute.parents if p.is_relative_to(top) and p != top])]
    for folder in folders:
        rel = absolute.relative_to(folder).as_posix() + ("/" if is_dir else "")
        for spec in _ignore_files(folder, folder == top):
            verdict = spec.check_file(rel).include
            if verdict is not None:
                ignored = verdict
    return ignored


@lru_cache(maxsize=1024)
def _repository_top(folder: Path) -> Path | None:
    if (folder / ".git").exists():
        return folder
    return None if folder.parent == folder else _repository_top(folder.parent)


@lru_cache(maxsize=1024)
def _ignore_files(folder: Path, is_top: bool) -> tuple[GitIgnoreSpec, ...]:
    """The folder's .gitignore; at the top, .git/info/exclude first (it is overridden by .gitignore)."""
    from pathspec import GitIgnoreSpec

    names = [folder / ".git" / "info" / "exclude"] if is_top else []
    names.append(folder / ".gitignore")
    specs = []
    for name in names:
        try:
            specs.append(GitIgnoreSpec.from_lines(name.read_text(encoding="utf-8", errors="replace").splitlines()))
        except OSError:
            continue
    return tuple(specs)
