"""Lint many paths: expand directories, read each file, check it, collect unreadable ones.

One bad file never stops the others; it becomes an entry in `errors`, the others are
still reported, and the run exits 3 (an unreadable input wins over findings, so CI
never passes silently over a document it could not check).
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from linter import __version__
from linter.errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, InputError, MissingFileError
from linter.extract.limits import Limits
from linter.findings import SEVERITY, DocumentResult, Finding, RuleResult
from linter.model import Document
from linter.sanitise import one_line, printable_path

# The error code of a file that failed for a reason that is bangkok-lint's own fault.
INTERNAL = "internal"
BUG_REPORTS = "https://github.com/bangkok-lint/bangkok-lint/issues"

if TYPE_CHECKING:
    from linter.discover import Selection

SUFFIXES = (".docx", ".pdf", ".txt", ".md", ".markdown", ".text", ".html", ".htm", ".xml")

# The version of the `check --format json` shape; raised when a key changes meaning or goes.
# 1: per-clause "findings" on each document, "paragraph" on evidence.
JSON_SCHEMA_VERSION = 1

FAIL_ON = {"conflict": 3, "partial": 2, "gap": 1, "never": 99}

# Verdicts a report lists as findings, worst first.
FINDING_VERDICTS = ("conflict", "partial", "gap")

# Show a progress bar only for runs long enough to leave a terminal silent for a while.
_PROGRESS_MIN_FILES = 5
_PROGRESS_MIN_BYTES = 2_000_000


@dataclass(frozen=True)
class FileSettings:
    """What to check in one file: scopes (empty means the policy default), rule numbers (None
    means all), whether the similarity recall layer is on, and how many processes may read it."""

    scope: tuple[str, ...] = ()
    rules: frozenset[int] | None = None
    similarity: bool = True
    limits: Limits = field(default_factory=Limits)
    # Processes the file may be read in (a long PDF's pages are split across them).
    workers: int = 1


@dataclass
class RunError:
    path: str
    code: str
    message: str
    # The traceback of an internal error, printed only with --debug (never in a report).
    traceback: str = field(default="", compare=False)

    def to_json(self) -> dict:
        return {"path": self.path, "code": self.code, "message": self.message}


@dataclass
class Run:
    documents: list[DocumentResult] = field(default_factory=list)
    errors: list[RunError] = field(default_factory=list)
    policy_name: str = ""
    policy_rules: int = 0
    # The parsed documents, by path: reporters that annotate or locate clauses need them.
    sources: dict[str, Document] = field(default_factory=dict)
    # Set when a baseline was applied: {"path", "suppressed", "unmatched": [entries]}.
    baseline: dict | None = None

    def to_json(self) -> dict:
        out = {
            "schema": JSON_SCHEMA_VERSION,
            "tool": {"name": "bangkok-lint", "version": __version__},
            "policy": {"name": self.policy_name, "rules": self.policy_rules},
            "documents": [d.to_json() for d in self.documents],
            "errors": [e.to_json() for e in self.errors],
        }
        if self.baseline is not None:
            out["baseline"] = self.baseline
        return out

    def exit_code(self, fail_on: str) -> int:
        if self.errors:
            return EXIT_INPUT
        threshold = FAIL_ON[fail_on]
        if any(SEVERITY[r.verdict] >= threshold for d in self.documents for r in d.rules):
            return EXIT_FINDINGS
        return EXIT_OK


def findings(doc: DocumentResult) -> list[RuleResult]:
    """The document's conflicts, then partials, then gaps; by rule number within each."""
    shown = [r for r in doc.rules if r.verdict in FINDING_VERDICTS]
    return sorted(shown, key=lambda r: (-SEVERITY[r.verdict], r.rule))


def clause_findings(doc: DocumentResult) -> list[Finding]:
    """The document's findings one per clause, in the order of `findings`."""
    return [f for r in findings(doc) for f in r.findings()]


def expand_paths(paths: Iterable[str], selection: Selection | None = None) -> list[str]:
    """Files as given; directories walked recursively for documents (linter.discover says which)."""
    from linter.discover import discover

    return discover(paths, selection).files


def lint_paths(
    paths: Iterable[str],
    scope: Iterable[str] | None = None,
    *,
    settings_for: Callable[[str], FileSettings] | None = None,
    jobs: int = 1,
    progress: bool = False,
    selection: Selection | None = None,
    similarity: bool = True,
    limits: Limits | None = None,
) -> Run:
    """Lint every file under `paths`, in input order.

    `settings_for(path)` gives per-file scope and rule selection (config overrides); without
    it every file uses `scope` and all rules. `jobs` > 1 lints files in that many processes.
    `selection` says which files a folder walk keeps (default: linter.discover's).
    """
    from linter.discover import discover
    from linter.policy import load_policy, resolve_scope

    policy = load_policy()
    found = discover(paths, selection)
    files = found.files
    default = FileSettings(tuple(scope or ()), similarity=similarity)
    tasks = [(path, settings_for(path) if settings_for else default) for path in files]
    if limits is not None:
        tasks = [(path, replace(settings, limits=limits)) for path, settings in tasks]
    for _, settings in [(None, default), *tasks]:
        resolve_scope(policy, settings.scope)  # a bad scope is a usage error before any file is read
    run = Run(policy_name=policy.short_name, policy_rules=len(policy.rules))
    if not files and not found.skipped_named:  # files the hook passed but excludes drop are not an error
        run.errors.append(
            RunError(printable_path(", ".join(paths)), MissingFileError.code, "no supported documents found")
        )
    for path, outcome in zip(files, _outcomes(tasks, jobs, progress and _long_run(files))):
        if isinstance(outcome, RunError):
            run.errors.append(outcome)
        else:
            result, document = outcome
            run.documents.append(result)
            run.sources[path] = document
    return run


def _outcomes(tasks: list[tuple[str, FileSettings]], jobs: int, progress: bool) -> Iterator:
    sizes = [os.path.getsize(path) if os.path.isfile(path) else 0 for path, _ in tasks] if progress else []
    if jobs > 1 and len(tasks) > 1:
        yield from _with_progress(_pooled(tasks, jobs), sizes, progress)
    else:
        # One file with several jobs: its reader may split it (a long PDF's pages) instead.
        tasks = [(path, replace(settings, workers=jobs)) for path, settings in tasks]
        yield from _with_progress(map(_lint_task, tasks), sizes, progress)


def _pooled(tasks: list[tuple[str, FileSettings]], jobs: int) -> Iterator:
    """Outcomes in input order from `jobs` processes, surviving a worker that dies.

    A worker killed mid-file (out of memory, a signal, a crash in a C library) breaks the
    whole pool, and every unfinished file with it. Those files are then run again, each in
    a process of its own, so only the file that kills its process becomes an error.
    """
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    suffixes = {Path(path).suffix.lower() for path, _ in tasks}
    start = _pool_start(suffixes, tasks)
    with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), **start) as pool:
        futures = [pool.submit(_lint_task, task) for task in tasks]
        for task, future in zip(tasks, futures):
            try:
                outcome = future.result()
            except BrokenProcessPool:
                outcome = _isolated(task, start)
            except Exception as exc:  # a result that could not travel back from the worker
                outcome = _internal_error(task[0], exc)
            yield outcome


def _isolated(task: tuple[str, FileSettings], start: dict) -> tuple[DocumentResult, Document] | RunError:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(max_workers=1, **start) as pool:
        try:
            return pool.submit(_lint_task, task).result()
        except BrokenProcessPool:
            return RunError(
                printable_path(task[0]),
                INTERNAL,
                "the process checking this file died (killed, out of memory or crashed); "
                "please report it with the file at " + BUG_REPORTS,
            )


def _pool_start(suffixes: set[str], tasks: list[tuple[str, FileSettings]]) -> dict:
    """How workers start: forked from a parent that has everything loaded, where that is safe.

    Loading spaCy, the patterns and the pipeline takes longer than linting a short law, so
    workers that each load them again cost more than they save. On Linux they are loaded
    once here and the forked workers share them; elsewhere (fork is unsafe on macOS and
    absent on Windows) each spawned worker loads them once, at its start.
    """
    from multiprocessing import get_context

    similarity = any(settings.similarity for _, settings in tasks)
    if sys.platform != "linux":
        return {"mp_context": get_context("spawn"), "initializer": _load_everything, "initargs": (suffixes, similarity)}
    _load_everything(suffixes, similarity)
    # Objects that exist now are never collected in the workers, so the collector does
    # not touch (and copy) the memory the workers share with this process.
    gc.freeze()
    return {"mp_context": get_context("fork")}


def _load_everything(suffixes: set[str], similarity: bool) -> None:
    """Load what every check uses (each is cached once loaded) and the readers the files need."""
    from linter.nlp.pipeline import build_pipeline
    from linter.patterns import load_patterns
    from linter.policy import load_policy

    policy, patterns = load_policy(), load_patterns()
    nlp = build_pipeline("", similarity)
    if similarity:
        from linter.engine.recall import pattern_vectors

        pattern_vectors(policy, patterns, nlp)
    # A reader's library takes a tenth of a second to import: only those that will be used.
    if ".pdf" in suffixes:
        import linter.extract.pdf  # noqa: F401
    if ".docx" in suffixes:
        import linter.extract.docx  # noqa: F401


def _lint_task(task: tuple[str, FileSettings]) -> tuple[DocumentResult, Document] | RunError:
    """Lint one file; whatever goes wrong becomes that file's error, never the run's."""
    path = task[0]
    try:
        return _lint_file(task)
    except InputError as exc:
        return RunError(printable_path(path), exc.code, one_line(exc.message))
    except Exception as exc:  # the per-file edge: an unexpected failure must not lose the other files
        return _internal_error(path, exc)


def _internal_error(path: str, exc: Exception) -> RunError:
    import traceback

    return RunError(
        printable_path(path),
        INTERNAL,
        one_line(
            f"internal error ({type(exc).__name__}: {str(exc)[:200]}); this is a bug in bangkok-lint, "
            f"please report it with the file at {BUG_REPORTS} (--debug shows the traceback)"
        ),
        "".join(traceback.format_exception(exc)),
    )


def _lint_file(task: tuple[str, FileSettings]) -> tuple[DocumentResult, Document]:
    from linter.engine import check_document
    from linter.extract import read_document

    path, settings = task
    document = read_document(path, settings.limits, settings.workers)
    result = check_document(document, settings.scope, similarity=settings.similarity)
    if settings.rules is not None:
        result.rules = [r for r in result.rules if r.rule in settings.rules]
    return result, document


def _with_progress(items: Iterable, sizes: list[int], progress: bool) -> Iterator:
    if not progress:
        yield from items
        return
    import click

    left = TimeLeft(sizes)

    def time_left(_: object) -> str | None:
        return left.text()

    with click.progressbar(
        length=len(sizes), label="Checking", file=sys.stderr, show_eta=False, item_show_func=time_left
    ) as bar:
        for item in items:
            left.done()
            bar.update(1, current_item=item)
            yield item


class TimeLeft:
    """The time a run has left, for the progress bar.

    Click's own estimate divides the time since the bar appeared by the files done, so the
    start-up (loading spaCy and the patterns, ~1 s) inflates it on short runs, and a large
    PDF counts as much as a one-page text. Here the clock starts when the first file is
    done and the rate is per byte; nothing is shown before there is a rate to go on.
    """

    _MIN_SECONDS = 0.5

    def __init__(self, sizes: list[int], clock: Callable[[], float] | None = None) -> None:
        import time

        self._sizes = [max(s, 1) for s in sizes]
        self._clock = clock or time.monotonic
        self._count = 0
        self._first: float | None = None

    def done(self) -> None:
        self._count += 1
        if self._count == 1:
            self._first = self._clock()

    def seconds(self) -> float | None:
        if self._first is None or self._count < 2 or self._count >= len(self._sizes):
            return None
        elapsed = self._clock() - self._first
        if elapsed < self._MIN_SECONDS:
            return None
        measured = sum(self._sizes[1 : self._count])
        return elapsed / measured * sum(self._sizes[self._count :])

    def text(self) -> str:
        left = self.seconds()
        if left is None:
            return ""
        minutes, seconds = divmod(round(left), 60)
        return f"about {minutes}:{seconds:02d} left" if minutes else f"about {seconds} s left"


def _long_run(files: list[str]) -> bool:
    """A bar only helps on an interactive terminal, for many files or large ones; never in CI logs."""
    if os.environ.get("CI") or not sys.stderr.isatty():
        return False
    if len(files) >= _PROGRESS_MIN_FILES:
        return True
    return sum(os.path.getsize(f) for f in files if os.path.isfile(f)) >= _PROGRESS_MIN_BYTES
