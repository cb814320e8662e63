"""Command line: `bangkok-lint check|diff|init|extract|rules|test-patterns|pattern-docs|eval ...`.

Heavy libraries (spaCy, pdfplumber, python-docx) are imported inside the commands that
need them, so `bangkok-lint --version` starts fast. Every BangkokLintError is caught here
and printed as one line; exit codes are those of linter.errors.
"""

from __future__ import annotations

import atexit
import json
import os
import sys

import click

from linter import __version__
from linter.errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, EXIT_USAGE, BangkokLintError, InputError, UsageError
from linter.report import FORMATS as REPORT_FORMATS  # light: renderers are imported on use
from linter.report import SHOW_LEVELS
from linter.runner import FAIL_ON, FINDING_VERDICTS

EXIT_CODES_HELP = """\b
Exit codes:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  usage or configuration error
  3  at least one input could not be read (the others are still reported)"""


class _Group(click.Group):
    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["argv"] = list(args)  # kept to quote a mistaken argument back
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context):
        args = ctx.meta.get("argv") or ["check"]
        try:
            return super().invoke(ctx)
        except click.NoSuchOption as exc:
            # "-draft.txt" reads as options; a file name may start with a dash after "--".
            name = next((a for a in args if a.startswith(exc.option_name)), exc.option_name)
            # click declares `message` Final, yet it is a plain attribute its own format_message reads.
            exc.message += f" (a file named {name!r}? put -- before file names: bangkok-lint {args[0]} -- {name})"  # type: ignore[misc]
            raise
        except InputError as exc:
            click.echo(f"bangkok-lint: {exc}", err=True)
            sys.exit(EXIT_INPUT)
        except BangkokLintError as exc:
            click.echo(f"bangkok-lint: error: {exc}", err=True)
            sys.exit(EXIT_USAGE)


@click.group(cls=_Group, epilog=EXIT_CODES_HELP)
@click.version_option(__version__, prog_name="bangkok-lint")
def main() -> None:
    """Check prison regulations against the UN Bangkok Rules (A/RES/65/229)."""


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def extract(files: tuple[str, ...], fmt: str) -> None:
    """Print the provisions bangkok-lint reads from FILES."""
    from linter.extract import read_document
    from linter.sanitise import clean_text, one_line, printable_path

    failed = False
    docs = []
    for path in files:
        try:
            docs.append(read_document(path))
        except InputError as exc:
            click.echo(f"bangkok-lint: {printable_path(exc.path)}: {one_line(exc.message)}", err=True)
            failed = True
    if fmt == "json":
        payload = [{**d.to_json(), "path": printable_path(d.path)} for d in docs]
        click.echo(json.dumps(payload[0] if len(files) == 1 and payload else payload, indent=2, ensure_ascii=False))
    else:
        for doc in docs:
            click.echo(
                f"# {printable_path(doc.path)} ({doc.format}, {doc.pages or '?'} pages, {len(doc.provisions)} provisions)"
            )
            for p in doc.provisions:
                where = f"p. {p.page}" if p.page else f"line {p.line}" if p.line else f"para {p.ref.paragraph}"
                where += f", {p.identifier}" if p.identifier else ""  # the publisher's own id (eId, USLM identifier)
                heading = " / ".join(p.headings)
                kind = "" if p.kind == "body" else f" [{p.kind}]"
                click.echo(
                    f"{p.label or '-'}{kind} ({where}) {clean_text(heading and '[' + heading + '] ')}{clean_text(p.text)}"
                )
    sys.exit(EXIT_INPUT if failed else EXIT_OK)


@main.command()
@click.argument("selection", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="markdown: the rule page kept in docs/rules/.",
)
def rules(selection: str | None, fmt: str) -> None:
    """List the rules, or explain the rules SELECTION names (24, BR24, 22-24, BR22-BR24): text, checks, examples."""
    from linter.config import parse_rules
    from linter.explain import explain_rule, list_rules, rule_markdown

    if selection is None:
        if fmt == "markdown":
            raise UsageError(
                "--format markdown writes one rule's page: name the rule, e.g. `bangkok-lint rules 24 --format markdown`"
            )
        click.echo(list_rules(), nl=False)
        return
    explain = rule_markdown if fmt == "markdown" else explain_rule
    click.echo("\n".join(explain(n) for n in parse_rules(selection, "rules")), nl=False)


@main.command("test-patterns")
@click.option("--rule", "rule_numbers", multiple=True, type=int, help="Only these rules.")
@click.option("-v", "--verbose", is_flag=True, help="Show passing examples too.")
def test_patterns(rule_numbers: tuple[int, ...], verbose: bool) -> None:
    """Run every example in the pattern files; fail on any miss or missing example."""
    from linter.pattern_tests import completeness_problems, run_all, run_concept_examples
    from linter.patterns import load_patterns
    from linter.policy import load_policy

    policy, patterns = load_policy(), load_patterns()
    results = run_all(policy, patterns, rule_numbers or None)
    if not rule_numbers:
        results += run_concept_examples(patterns)
    failures = [r for r in results if not r.passed]
    for r in results if verbose else failures:
        status = "ok  " if r.passed else "FAIL"
        want = "match" if r.expected else "no_match"
        first_line = r.text.strip().splitlines()[0]
        where = f"BR{r.rule}" if r.rule else "vocabulary"
        click.echo(f"{status} {where} {r.check} [{want}] {first_line[:90]}\n       {r.detail}")
    problems = [] if rule_numbers else completeness_problems(policy, patterns)
    for problem in problems:
        click.echo(f"INCOMPLETE {problem}")
    click.echo(f"{len(results) - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failures or problems else 0)


@main.command("pattern-docs")
@click.option("--check", "check_only", is_flag=True, help="Exit 1 if patterns/README.md is out of date; write nothing.")
def pattern_docs(check_only: bool) -> None:
    """Write patterns/README.md, the pattern language reference, from linter/pattern_language.py."""
    from linter.pattern_language import render_reference
    from linter.resources import data_path

    path = data_path("patterns") / "README.md"
    text = render_reference()
    if check_only:
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        click.echo(f"{path}: {'up to date' if current == text else 'out of date; run bangkok-lint pattern-docs'}")
        sys.exit(0 if current == text else 1)
    path.write_text(text, encoding="utf-8")
    click.echo(f"wrote {path}")


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format", "fmt", type=click.Choice(list(REPORT_FORMATS)), help="Report format (default: text, or the config's)."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=True),
    help="Write the report to FILE (docx: a file or folder for the annotated copies).",
)
@click.option(
    "--fail-on", type=click.Choice(list(FAIL_ON)), help="Exit 1 on findings at least this severe (default: conflict)."
)
@click.option(
    "--scope", "scope", multiple=True, help="Rule scope(s) to check, or 'all'. Default: prison-administration."
)
@click.option("--select", multiple=True, help="Only these rules: numbers or ranges, e.g. 22-24,BR57.")
@click.option("--ignore", multiple=True, help="Skip these rules: numbers or ranges.")
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False),
    help="Config file (default: found walking up from here).",
)
@click.option(
    "--baseline", type=click.Path(dir_okay=False), help="Accepted findings to leave out (JSON from --write-baseline)."
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False),
    help="Record the current findings in FILE, keeping existing reasons, and exit.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Lint files (or a single long PDF's pages) in N parallel processes.",
)
@click.option("-q", "--quiet", is_flag=True, help="Findings only: no rule text, no summary lines.")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: only on a terminal).")
@click.option(
    "--exclude",
    multiple=True,
    help="Globs (.gitignore syntax) a folder walk leaves out, replacing the default and the config's.",
)
@click.option("--extend-exclude", multiple=True, help="Globs to leave out in addition to the excluded ones.")
@click.option(
    "--force-exclude", is_flag=True, help="Apply the excludes to files named on the command line too (for pre-commit)."
)
@click.option(
    "--respect-gitignore/--no-respect-gitignore",
    default=None,
    help="Leave out files .gitignore ignores (default: yes).",
)
@click.option(
    "--show",
    type=click.Choice(SHOW_LEVELS),
    help="Least severe verdict the text and SARIF reports list (default: gap in text, partial in -q and SARIF; 'fail-on': only what can fail the run).",
)
@click.option(
    "--gap-comments/--no-gap-comments",
    default=None,
    help="docx: list gaps in a comment and insert their model clauses (default: yes).",
)
@click.option(
    "--bom/--no-bom",
    default=True,
    show_default=True,
    help="csv: start with a UTF-8 byte-order mark (for Excel and LibreOffice).",
)
@click.option(
    "--similarity/--no-similarity", default=None, help="The similarity recall layer (default: on, or the config's)."
)
@click.option(
    "--max-pages",
    type=click.IntRange(min=1),
    help="Refuse (too-large) documents with more pages (default 5,000; config max-pages).",
)
@click.option(
    "--max-characters",
    type=click.IntRange(min=1),
    help="Refuse documents with more characters (default 50,000,000; config max-characters).",
)
@click.option(
    "--max-provisions",
    type=click.IntRange(min=1),
    help="Refuse documents with more provisions (default 200,000; config max-provisions).",
)
@click.option("--debug", is_flag=True, help="Print the traceback of an internal error.")
def check(
    paths: tuple[str, ...],
    fmt: str | None,
    output: str | None,
    fail_on: str | None,
    scope: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_file: str | None,
    baseline: str | None,
    write_baseline: str | None,
    jobs: int,
    quiet: bool,
    color: bool | None,
    exclude: tuple[str, ...],
    extend_exclude: tuple[str, ...],
    force_exclude: bool,
    respect_gitignore: bool | None,
    show: str | None,
    gap_comments: bool | None,
    bom: bool,
    similarity: bool | None,
    max_pages: int | None,
    max_characters: int | None,
    max_provisions: int | None,
    debug: bool,
) -> None:
    """Check documents (DOCX, PDF, text, Markdown, saved web pages, Akoma Ntoso, USLM or CLML XML; folders recursively) against the Bangkok Rules."""
    from pathlib import Path

    from linter.config import find_config, load_config, parse_rules
    from linter.report import ReportOptions, render
    from linter.runner import lint_paths

    config = load_config(Path(config_file) if config_file else find_config())
    chosen_scope = scope or config.scope
    chosen_select = parse_rules(",".join(select), "--select") if select else config.select
    chosen_ignore = parse_rules(",".join(ignore), "--ignore") if ignore else config.ignore
    fmt = fmt or config.format or "text"
    fail_on = fail_on or config.fail_on or "conflict"
    selection = config.selection(_globs(exclude), _globs(extend_exclude), force_exclude, respect_gitignore)
    similarity = config.similarity if similarity is None else similarity
    if fmt == "docx" and write_baseline is None:
        _check_docx_inputs(paths, output, selection)

    run = lint_paths(
        paths,
        chosen_scope,
        settings_for=lambda f: config.settings_for(f, chosen_scope, chosen_select, chosen_ignore, similarity),
        jobs=jobs,
        progress=True,
        selection=selection,
        limits=_limits(config.limits, pages=max_pages, characters=max_characters, provisions=max_provisions),
    )
    if debug:
        for err in run.errors:
            if err.traceback:
                click.echo(f"bangkok-lint: {err.path}: {err.traceback}", err=True)
    if write_baseline:
        sys.exit(_write_baseline(run, Path(write_baseline)))
    baseline_path = Path(baseline) if baseline else config.baseline
    if baseline_path:
        _apply_baseline(run, baseline_path)

    if color is None:
        color = fmt == "text" and output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    # Whatever can fail the run is listed: --fail-on gap brings the gaps back by default.
    show = show or config.show or ("gap" if fail_on == "gap" else None)
    if show == "fail-on":
        show = fail_on if fail_on in FINDING_VERDICTS else "none"
    gap_comments = config.gap_comments if gap_comments is None else gap_comments
    options = ReportOptions(
        color=color,
        quiet=quiet,
        output=output,
        levels=config.sarif_levels,
        show=show,
        gap_comments=gap_comments,
        bom=bom,
    )
    report = render(fmt, run, options)
    if output and fmt != "docx":
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(report, encoding="utf-8")
    else:
        click.echo(report, nl=False, color=color)
    sys.exit(run.exit_code(fail_on))


def _globs(values: tuple[str, ...]) -> tuple[str, ...]:
    # Repeated options or comma-separated lists, as Ruff takes them.
    return tuple(g.strip() for value in values for g in value.split(",") if g.strip())


def _limits(configured, **options: int | None):
    from dataclasses import replace

    return replace(configured, **{name: value for name, value in options.items() if value is not None})


def _check_docx_inputs(paths: tuple[str, ...], output: str | None, selection) -> None:
    from linter.report.docx_comments import targets
    from linter.runner import expand_paths

    files = expand_paths(paths, selection)
    others = [p for p in files if not p.lower().endswith(".docx")]
    if others:
        raise UsageError(f"--format docx annotates Word files only; not a .docx: {', '.join(others)}")
    if output and output.lower().endswith(".docx") and len(files) > 1:
        raise UsageError(
            f"-o {output} names one file, but {len(files)} documents are checked; give a folder for their reviewed copies"
        )
    targets(files, output)  # refuses, before anything is read, a copy that would replace an input


def _write_baseline(run, path) -> int:
    from linter.baseline import entries_for, load_baseline, write_baseline

    reasons = {e.fingerprint: e.reason for e in load_baseline(path, require_reasons=False)} if path.exists() else {}
    entries = entries_for(run, reasons, path.resolve().parent)
    write_baseline(path, entries)
    todo = sum(1 for e in entries if not e.reason.strip())
    click.echo(
        f"bangkok-lint: wrote {len(entries)} findings to {path}" + (f"; {todo} need a reason" if todo else ""), err=True
    )
    for err in run.errors:
        click.echo(f"bangkok-lint: {err.path}: error [{err.code}] {err.message}", err=True)
    return EXIT_INPUT if run.errors else EXIT_OK


def _apply_baseline(run, path) -> None:
    from linter.baseline import apply_baseline, load_baseline

    apply_baseline(run, load_baseline(path), path)
    for entry in run.baseline["unmatched"]:
        gone = (
            "" if (path.resolve().parent / entry["path"]).exists() else f"; {entry['path']} no longer exists (renamed?)"
        )
        click.echo(
            f"bangkok-lint: {path}: baseline entry {entry['rule']} {entry['verdict']} in {entry['path']} "
            f"matches no finding any more (fingerprint {entry['fingerprint']}){gone}",
            err=True,
        )


@main.command(
    "diff",
    epilog="\b\nExit codes: 0 no new conflict; 1 NEW introduces a conflict; 2 usage error; 3 a file could not be read.",
)
@click.argument("old", type=click.Path())
@click.argument("new", type=click.Path())
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "markdown", "html"]), default="text", show_default=True
)
@click.option("--scope", "scope", multiple=True, help="Rule scope(s) to check, or 'all'.")
@click.option("--select", multiple=True, help="Only these rules: numbers or ranges, e.g. 22-24,BR57.")
def diff_command(old: str, new: str, fmt: str, scope: tuple[str, ...], select: tuple[str, ...]) -> None:
    """What an amendment changes: rules newly in conflict, conflicts resolved, rules newly covered or silent."""
    from linter.config import parse_rules
    from linter.diff import diff_documents, render_diff
    from linter.report.diff_pages import render_html, render_markdown
    from linter.runner import lint_paths

    rules = frozenset(parse_rules(",".join(select), "--select")) if select else None
    run = lint_paths([old, new], scope)
    for err in run.errors:
        click.echo(f"bangkok-lint: {err.path}: error [{err.code}] {err.message}", err=True)
    if run.errors:
        sys.exit(EXIT_INPUT)
    before, after = run.documents
    changes = diff_documents(before, after, run.sources.get(before.path), run.sources.get(after.path), rules)
    renderers = {"text": render_diff, "markdown": render_markdown, "html": render_html}
    if fmt == "json":
        click.echo(json.dumps(changes.to_json(), indent=2, ensure_ascii=False))
    else:
        click.echo(renderers[fmt](changes), nl=False)
    sys.exit(EXIT_FINDINGS if changes.new_conflicts else EXIT_OK)


@main.command()
@click.option("--path", "target", type=click.Path(dir_okay=False), default="bangkok-lint.toml", show_default=True)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init(target: str, force: bool) -> None:
    """Write a commented bangkok-lint.toml to start from."""
    from pathlib import Path

    from linter.config import INIT_TEMPLATE

    path = Path(target)
    if path.exists() and not force:
        raise UsageError(f"{path} already exists (use --force to overwrite)")
    path.write_text(INIT_TEMPLATE, encoding="utf-8")
    click.echo(f"wrote {path}")


@main.command("eval")
@click.option(
    "--labels",
    "labels_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False),
    help="Folder of NN_name.yaml label files.",
)
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--scope", "scope", multiple=True, default=("all",), show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--similarity/--no-similarity", default=True, show_default=True, help="The similarity recall layer.")
def eval_command(labels_dir: str, files: tuple[str, ...], scope: tuple[str, ...], fmt: str, similarity: bool) -> None:
    """Compare verdicts on FILES with expert labels: confusion matrix, precision/recall, disagreements."""
    from pathlib import Path

    from linter.evaluate import evaluate, render_evaluation
    from linter.runner import lint_paths

    run = lint_paths(files, scope, similarity=similarity)
    for err in run.errors:
        click.echo(f"bangkok-lint: {err.path}: {err.message}", err=True)
    ev = evaluate(run.documents, Path(labels_dir))
    click.echo(json.dumps(ev.to_json(), indent=2) if fmt == "json" else render_evaluation(ev), nl=fmt == "json")
    sys.exit(EXIT_INPUT if run.errors else EXIT_OK)


@main.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; the default is reachable from this computer only.",
)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default browser.")
@click.option(
    "--max-upload-mb",
    type=click.FloatRange(min=0, min_open=True),
    default=50,
    show_default=True,
    help="Refuse uploads larger than this, in all.",
)
def serve(host: str, port: int, open_browser: bool, max_upload_mb: float) -> None:
    """A local web page to check documents and compare versions, for people who do not use a terminal."""
    try:
        from linter.web.server import serve as run_server
    except ImportError as exc:
        raise UsageError(f"the web app needs its extra dependencies: pip install 'bangkok-lint[web]' ({exc})") from exc
    run_server(host, port, open_browser, max_upload_mb)


def run() -> None:
    """The `bangkok-lint` console script: `main`, then a quick exit.

    Tearing the interpreter down (a last collection, then freeing spaCy's, numpy's and the
    run's objects one by one) takes a quarter of a second, longer than checking a small file.
    The process is ending anyway, so once the output is flushed and the exit handlers (which
    write the user cache) have run, it ends without that.
    """
    try:
        main()
        code: int = EXIT_OK
    except SystemExit as done:
        if isinstance(done.code, str):
            print(done.code, file=sys.stderr)
        code = done.code if isinstance(done.code, int) else EXIT_OK if done.code is None else EXIT_USAGE
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader of our output has gone (`bangkok-lint check ... | head`)
        pass
    atexit._run_exitfuncs()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
