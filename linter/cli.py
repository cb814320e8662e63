"""Command line: `bangkok-lint check|extract|rules|test-patterns ...`.

Heavy libraries (spaCy, pdfplumber, python-docx) are imported inside the commands that
need them, so `bangkok-lint --version` starts fast. Every BangkokLintError is caught here
and printed as one line; exit codes are those of linter.errors.
"""

from __future__ import annotations

import json
import sys

import click

from linter import __version__
from linter.errors import EXIT_INPUT, EXIT_OK, EXIT_USAGE, BangkokLintError, InputError, UsageError

EXIT_CODES_HELP = """\b
Exit codes:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  usage or configuration error
  3  at least one input could not be read (the others are still reported)"""


class _Group(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
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

    failed = False
    docs = []
    for path in files:
        try:
            docs.append(read_document(path))
        except InputError as exc:
            click.echo(f"bangkok-lint: {exc}", err=True)
            failed = True
    if fmt == "json":
        payload = [d.to_json() for d in docs]
        click.echo(json.dumps(payload[0] if len(files) == 1 and payload else payload, indent=2, ensure_ascii=False))
    else:
        for doc in docs:
            click.echo(f"# {doc.path} ({doc.format}, {doc.pages or '?'} pages, {len(doc.provisions)} provisions)")
            for p in doc.provisions:
                where = f"p. {p.page}" if p.page else f"line {p.line}" if p.line else f"para {p.ref.paragraph}"
                heading = " / ".join(p.headings)
                kind = "" if p.kind == "body" else f" [{p.kind}]"
                click.echo(f"{p.label or '-'}{kind} ({where}) {heading and '[' + heading + '] '}{p.text}")
    sys.exit(EXIT_INPUT if failed else EXIT_OK)


@main.command()
@click.argument("number", required=False, type=int)
def rules(number: int | None) -> None:
    """List the rules, or explain rule NUMBER: its text, checks and examples."""
    from linter.explain import explain_rule, list_rules

    click.echo(explain_rule(number) if number is not None else list_rules())


@main.command("test-patterns")
@click.option("--rule", "rule_numbers", multiple=True, type=int, help="Only these rules.")
@click.option("-v", "--verbose", is_flag=True, help="Show passing examples too.")
def test_patterns(rule_numbers: tuple[int, ...], verbose: bool) -> None:
    """Run every example in the pattern files; fail on any miss or missing example."""
    from linter.pattern_tests import completeness_problems, run_all
    from linter.patterns import load_patterns
    from linter.policy import load_policy

    policy, patterns = load_policy(), load_patterns()
    results = run_all(policy, patterns, rule_numbers or None)
    failures = [r for r in results if not r.passed]
    for r in results if verbose else failures:
        status = "ok  " if r.passed else "FAIL"
        want = "match" if r.expected else "no_match"
        first_line = r.text.strip().splitlines()[0]
        click.echo(f"{status} BR{r.rule} {r.check} [{want}] {first_line[:90]}\n       {r.detail}")
    problems = [] if rule_numbers else completeness_problems(policy, patterns)
    for problem in problems:
        click.echo(f"INCOMPLETE {problem}")
    click.echo(f"{len(results) - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failures or problems else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--scope", "scope", multiple=True, help="Rule scope(s) to check, or 'all'. Default: prison-administration.")
def check(paths: tuple[str, ...], fmt: str, scope: tuple[str, ...]) -> None:
    """Check documents against the Bangkok Rules."""
    from linter.runner import lint_paths

    run = lint_paths(paths, scope)
    if fmt == "json":
        click.echo(json.dumps(run.to_json(), indent=2, ensure_ascii=False))
    else:
        from linter.report.text import render_text

        click.echo(render_text(run), nl=False)
    sys.exit(run.exit_code("conflict"))


@main.command("eval")
@click.option("--labels", "labels_dir", required=True, type=click.Path(exists=True, file_okay=False), help="Folder of NN_name.yaml label files.")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--scope", "scope", multiple=True, default=("all",), show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def eval_command(labels_dir: str, files: tuple[str, ...], scope: tuple[str, ...], fmt: str) -> None:
    """Compare verdicts on FILES with expert labels: confusion matrix, precision/recall, disagreements."""
    from pathlib import Path

    from linter.evaluate import evaluate, render_evaluation
    from linter.runner import lint_paths

    run = lint_paths(files, scope)
    for err in run.errors:
        click.echo(f"bangkok-lint: {err.path}: {err.message}", err=True)
    ev = evaluate(run.documents, Path(labels_dir))
    click.echo(json.dumps(ev.to_json(), indent=2) if fmt == "json" else render_evaluation(ev), nl=fmt == "json")
    sys.exit(EXIT_INPUT if run.errors else EXIT_OK)


if __name__ == "__main__":  # pragma: no cover
    main()
