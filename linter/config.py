"""Project configuration: `[tool.bangkok-lint]` in pyproject.toml, or a bangkok-lint.toml.

The file is found by walking up from the current directory; in each directory a
bangkok-lint.toml (keys at top level) comes before a pyproject.toml, and a pyproject.toml
without a `[tool.bangkok-lint]` table is passed over. Every unknown key or bad value is a
ConfigError naming the file and the key. Command-line options override the file.
"""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from linter.discover import DEFAULT_EXCLUDE, Globs, Selection
from linter.errors import ConfigError
from linter.extract.limits import OPTIONS as LIMIT_OPTIONS
from linter.extract.limits import Limits
from linter.report import FORMATS, SARIF_LEVELS, SHOW_LEVELS
from linter.runner import FAIL_ON, FileSettings

CONFIG_NAME = "bangkok-lint.toml"
_KEYS = (
    "scope",
    "select",
    "ignore",
    "fail-on",
    "baseline",
    "format",
    "sarif-levels",
    "overrides",
    "exclude",
    "extend-exclude",
    "force-exclude",
    "respect-gitignore",
    "show",
    "gap-comments",
    "similarity",
)

_RULE_COUNT = 70  # the Bangkok Rules; config is parsed before any policy pack is loaded


@dataclass(frozen=True)
class Override:
    paths: tuple[str, ...]
    scope: tuple[str, ...] | None = None
    select: tuple[int, ...] | None = None
    ignore: tuple[int, ...] | None = None


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    scope: tuple[str, ...] = ()
    select: tuple[int, ...] | None = None
    ignore: tuple[int, ...] = ()
    fail_on: str | None = None
    baseline: Path | None = None
    format: str | None = None
    # Verdict -> SARIF level ("error", "warning", "note", "none"), over the defaults.
    sarif_levels: dict[str, str] = field(default_factory=lambda: dict(SARIF_LEVELS))
    overrides: tuple[Override, ...] = field(default_factory=tuple)
    # Which files a folder walk lints (linter.discover); exclude None keeps the default globs.
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    force_exclude: bool = False
    respect_gitignore: bool = True
    # The least severe verdict SARIF and quiet text list (None: partial).
    show: str | None = None
    # docx reviewed copies: list the gaps and insert their model clauses.
    gap_comments: bool = True
    # The similarity recall layer (linter/engine/recall.py); `similarity = false` turns it off.
    similarity: bool = True
    # The largest input accepted (max-pages, max-characters, max-provisions).
    limits: Limits = field(default_factory=Limits)

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def settings_for(
        self,
        file: str,
        scope: tuple[str, ...],
        select: tuple[int, ...] | None,
        ignore: tuple[int, ...],
        similarity: bool = True,
    ) -> FileSettings:
        """Scope and rules for one file: the first matching override refines the run-wide choice."""
        for override in self.overrides:
            if _matches(file, override.paths, self.root):
                scope = override.scope if override.scope is not None else scope
                select = override.select if override.select is not None else select
                ignore = override.ignore if override.ignore is not None else ignore
                break
        return FileSettings(scope, rule_set(select, ignore), similarity)

    def selection(
        self,
        exclude: tuple[str, ...],
        extend_exclude: tuple[str, ...],
        force_exclude: bool,
        respect_gitignore: bool | None,
    ) -> Selection:
        """Which files to lint: command-line globs (relative to the current folder) replace or extend the config's."""
        here = Path.cwd()
        if exclude:
            base = Globs(here, exclude)
        elif self.exclude is not None:
            base = Globs(self.root, self.exclude)
        else:
            base = Globs(here, DEFAULT_EXCLUDE)
        extra = tuple(g for g in (Globs(self.root, self.extend_exclude), Globs(here, extend_exclude)) if g.patterns)
        return Selection(
            excludes=(base, *extra),
            respect_gitignore=self.respect_gitignore if respect_gitignore is None else respect_gitignore,
            force_exclude=force_exclude or self.force_exclude,
        )


def rule_set(select: tuple[int, ...] | None, ignore: tuple[int, ...]) -> frozenset[int] | None:
    if select is None and not ignore:
        return None
    chosen = set(select) if select is not None else set(range(1, _RULE_COUNT + 1))
    return frozenset(chosen - set(ignore))


def parse_rules(value: object, where: str) -> tuple[int, ...]:
    """Rule numbers from "22", "BR24", "22-24", 22, or a list or comma-separated string of these."""
    if isinstance(value, str):
        items: list = [v for v in value.split(",") if v.strip()]
    elif isinstance(value, int) and not isinstance(value, bool):
        items = [value]
    elif isinstance(value, list):
        items = value
    else:
        raise ConfigError(f"{where}: expected rule numbers or ranges like 22-24, not {value!r}")
    numbers: list[int] = []
    for item in items:
        numbers += _rule_range(item, where)
    return tuple(dict.fromkeys(numbers))


def _rule_range(item: object, where: str) -> list[int]:
    if isinstance(item, int) and not isinstance(item, bool):
        low = high = item
    elif isinstance(item, str):
        text = item.strip().upper().replace("BR", "")
        low_text, _, high_text = text.partition("-")
        if not low_text.strip().isdigit() or (high_text and not high_text.strip().isdigit()):
            raise ConfigError(f"{where}: {item!r} is not a rule number or range like 22-24")
        low = int(low_text)
        high = int(high_text) if high_text else low
    else:
        raise ConfigError(f"{where}: {item!r} is not a rule number or range like 22-24")
    if not 1 <= low <= high <= _RULE_COUNT:
        raise ConfigError(f"{where}: {item!r} is outside rules 1-{_RULE_COUNT}")
    return list(range(low, high + 1))


def find_config(start: Path | None = None) -> Path | None:
    """The nearest bangkok-lint.toml, or pyproject.toml with a [tool.bangkok-lint] table."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        own = folder / CONFIG_NAME
        if own.is_file():
            return own
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "bangkok-lint" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def load_config(path: Path | None) -> Config:
    """Parse a config file; None gives the defaults."""
    if path is None:
        return Config()
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("bangkok-lint", {})
    where = str(path)
    limit_keys = tuple(key for _, key in LIMIT_OPTIONS.values())
    _no_unknown(data, (*_KEYS, *limit_keys), where)
    fail_on = data.get("fail-on")
    if fail_on is not None and fail_on not in FAIL_ON:
        raise ConfigError(f"{where}: key 'fail-on': {fail_on!r} is not one of {', '.join(FAIL_ON)}")
    fmt = data.get("format")
    if fmt is not None and fmt not in FORMATS:
        raise ConfigError(f"{where}: key 'format': {fmt!r} is not one of {', '.join(FORMATS)}")
    show = data.get("show")
    if show is not None and show not in SHOW_LEVELS:
        raise ConfigError(f"{where}: key 'show': {show!r} is not one of {', '.join(SHOW_LEVELS)}")
    baseline = data.get("baseline")
    if baseline is not None and not isinstance(baseline, str):
        raise ConfigError(f"{where}: key 'baseline': expected a file path, not {baseline!r}")
    return Config(
        path=path,
        scope=_scopes(data.get("scope"), f"{where}: key 'scope'") or (),
        select=parse_rules(data["select"], f"{where}: key 'select'") if "select" in data else None,
        ignore=parse_rules(data["ignore"], f"{where}: key 'ignore'") if "ignore" in data else (),
        fail_on=fail_on,
        baseline=path.parent / baseline if baseline else None,
        format=fmt,
        sarif_levels=_sarif_levels(data.get("sarif-levels", {}), f"{where}: key 'sarif-levels'"),
        overrides=_overrides(data.get("overrides", []), where),
        exclude=_globs(data["exclude"], f"{where}: key 'exclude'") if "exclude" in data else None,
        extend_exclude=_globs(data.get("extend-exclude", []), f"{where}: key 'extend-exclude'"),
        force_exclude=_flag(data.get("force-exclude", False), f"{where}: key 'force-exclude'"),
        respect_gitignore=_flag(data.get("respect-gitignore", True), f"{where}: key 'respect-gitignore'"),
        show=show,
        gap_comments=_flag(data.get("gap-comments", True), f"{where}: key 'gap-comments'"),
        similarity=_flag(data.get("similarity", True), f"{where}: key 'similarity'"),
        limits=_limits(data, where),
    )


def _globs(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f'{where}: expected a list of glob patterns like ["drafts/", "*.old.md"], not {value!r}')
    return tuple(value)


def _flag(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: expected true or false, not {value!r}")
    return value


def _limits(data: dict, where: str) -> Limits:
    chosen = {}
    for name, (_, key) in LIMIT_OPTIONS.items():
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ConfigError(f"{where}: key '{key}': expected a positive whole number, not {value!r}")
        chosen[name] = value
    return Limits(**chosen)


_SARIF_LEVEL_NAMES = ("error", "warning", "note", "none")


def _sarif_levels(value: object, where: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ConfigError(f'{where}: expected a table like {{ partial = "note" }}, not {value!r}')
    _no_unknown(value, tuple(SARIF_LEVELS), where)
    for verdict, level in value.items():
        if level not in _SARIF_LEVEL_NAMES:
            raise ConfigError(f"{where}: {verdict} = {level!r} is not one of {', '.join(_SARIF_LEVEL_NAMES)}")
    return {**SARIF_LEVELS, **value}


def _overrides(data: object, where: str) -> tuple[Override, ...]:
    if not isinstance(data, list):
        raise ConfigError(f"{where}: key 'overrides': expected a list of [[overrides]] tables")
    out = []
    for i, entry in enumerate(data, 1):
        at = f"{where}: overrides[{i}]"
        if not isinstance(entry, dict):
            raise ConfigError(f"{at}: expected a table")
        _no_unknown(entry, ("paths", "scope", "select", "ignore"), at)
        paths = entry.get("paths")
        if not isinstance(paths, list) or not paths or not all(isinstance(p, str) for p in paths):
            raise ConfigError(f"{at}: key 'paths': expected a non-empty list of glob patterns")
        out.append(
            Override(
                paths=tuple(paths),
                scope=_scopes(entry.get("scope"), f"{at}: key 'scope'"),
                select=parse_rules(entry["select"], f"{at}: key 'select'") if "select" in entry else None,
                ignore=parse_rules(entry["ignore"], f"{at}: key 'ignore'") if "ignore" in entry else None,
            )
        )
    return tuple(out)


def _scopes(value: object, where: str) -> tuple[str, ...] | None:
    # Scope names are checked against the policy when the run starts (resolve_scope).
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"{where}: expected a scope name or a list of them, not {value!r}")
    return tuple(value)


def _no_unknown(data: dict, known: tuple[str, ...], where: str) -> None:
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise ConfigError(f"{where}: unknown key '{unknown[0]}' (known: {', '.join(known)})")


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from exc


def _matches(file: str, patterns: tuple[str, ...], root: Path) -> bool:
    """Globs match the file's path relative to the config's folder, or as given."""
    resolved = Path(file).resolve()
    candidates = [Path(file).as_posix()]
    if resolved.is_relative_to(root.resolve()):
        candidates.append(resolved.relative_to(root.resolve()).as_posix())
    return any(fnmatch.fnmatch(c, p) for c in candidates for p in patterns)


INIT_TEMPLATE = """\
# bangkok-lint configuration. Command-line options override these settings.
# (In a pyproject.toml, put the same keys under [tool.bangkok-lint].)

# Who the checked documents address: "all", or one or more scope ids
# (see `bangkok-lint rules`). Default: prison-administration.
# scope = ["prison-administration"]

# Rules to check: numbers or ranges; ignore wins over select.
# select = ["1-70"]
# ignore = []

# Exit 1 when a finding is at least this severe: conflict, partial, gap or never.
fail-on = "conflict"

# Accepted findings (write one with --write-baseline; every entry needs a reason).
# baseline = "bangkok-lint-baseline.json"

# Default report format: text, json, sarif, markdown, html, csv or docx.
# format = "text"

# Reviewed Word copies (--format docx): list the gaps in one comment and insert a suggested
# provision for each as a tracked change.
# gap-comments = true
# The similarity recall layer proposes clauses the listed terms miss (on by default).
# similarity = false

# SARIF level of each verdict (error, warning, note or none), e.g. for code scanning.
# [sarif-levels]
# conflict = "error"
# partial = "warning"
# gap = "note"

# Files a folder walk leaves out, in .gitignore syntax relative to this file. `exclude`
# replaces the default (hidden folders, venv/, node_modules/); `extend-exclude` adds to it.
# Files ignored by .gitignore, README/CHANGELOG/LICENSE files and bangkok-lint's own
# reports are always left out of a walk.
# extend-exclude = ["drafts/archive/", "*.old.md"]
# respect-gitignore = true
# Apply the excludes to files named on the command line too (the pre-commit hook does).
# force-exclude = false

# Least severe verdict SARIF and `check -q` list: conflict, partial, gap, or fail-on.
# Gaps point at no line, so they are left out unless asked for.
# show = "partial"
# The largest input accepted; a larger one is reported as too-large instead of read.
# max-pages = 5000
# max-characters = 50000000
# max-provisions = 200000

# Per-path settings; the first matching entry applies. Globs are relative to this file.
# [[overrides]]
# paths = ["laws/sentencing*"]
# scope = ["courts-sentencing"]
"""
