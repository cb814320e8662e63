"""Speed benchmark: bangkok-lint against the raw-extraction floor on a ~300-page regulation.

Generates (into benchmarks/out/, git-ignored) a ~100,000-word regulation as PDF and DOCX
and a batch of 50 small documents, then measures, as the median of --runs runs:

- pypdfium2 and pdfplumber raw text extraction of the PDF (the floors);
- spaCy blank-English tokenization of the same text;
- full lint of the PDF and of the DOCX in-process after start-up, split into extraction
  (read_document) and NLP + matching (check_document), and NLP + matching words/s;
- the PDF's extraction with --jobs 2 (its pages split across two processes), in-process;
- peak RSS of a full PDF lint in a fresh process;
- cold start of `bangkok-lint --version`;
- the batch with `check --jobs 1` and `--jobs 2`;
- `check` of one small file (the start-up), min and median of at least 10 runs.

Usage: python benchmarks/run.py [--runs N] [--quick] [--json FILE] [--profile]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path
from statistics import median

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.generate import synthesize, write_batch, write_docx, write_pdf  # noqa: E402
from benchmarks.report import Figures, render_table  # noqa: E402

SCOPE = ("all",)  # every rule is checked: the heaviest configuration a user can ask for
GENERATOR_VERSION = 1
FULL = {"words": 100_000, "batch": 50}
QUICK = {"words": 8_000, "batch": 6}
# Start-up is short and easily disturbed by other processes: the minimum of many runs says most.
SINGLE_FILE_RUNS = 10

# VmHWM, not ru_maxrss: Linux carries ru_maxrss across fork and exec, so a child of this
# (by then large) process would report the parent's peak; VmHWM starts afresh at exec.
_PEAK_MEMORY_CHILD = """
import re, resource, sys
from linter.engine import check_document
from linter.extract import read_document
check_document(read_document(sys.argv[1]), {scope!r})
try:
    with open("/proc/self/status") as status:
        print(re.search(r"VmHWM:\\s*(\\d+) kB", status.read()).group(1))
except OSError:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure; the median is reported (default 3)")
    parser.add_argument("--quick", action="store_true", help="one run on a small document: a smoke test")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out", help="where the inputs are generated")
    parser.add_argument("--profile", action="store_true", help="print cProfile hot spots of the PDF lint stages")
    args = parser.parse_args()
    runs = 1 if args.quick else max(1, args.runs)
    size = QUICK if args.quick else FULL

    inputs = prepare_inputs(args.out / ("quick" if args.quick else "full"), size)
    figures = measure(inputs, runs)
    print(render_table(figures))
    if args.json:
        args.json.write_text(json.dumps(figures.to_json(), indent=2) + "\n", encoding="utf-8")
    if args.profile:
        profile_pdf_lint(inputs["pdf"])
    return 0


def prepare_inputs(directory: Path, size: dict[str, int]) -> dict:
    """Generate the documents unless an identical set is already there (generation takes ~10 s)."""
    manifest_path = directory / "manifest.json"
    wanted = {"generator": GENERATOR_VERSION, **size}
    if manifest_path.exists() and json.loads(manifest_path.read_text())["params"] == wanted:
        manifest = json.loads(manifest_path.read_text())
    else:
        if directory.exists():
            shutil.rmtree(directory)
        directory.mkdir(parents=True)
        print(f"generating benchmark documents in {directory} ...", file=sys.stderr)
        regulation = synthesize(size["words"], seed=1)
        pages = write_pdf(regulation, directory / "regulation.pdf")
        write_docx(regulation, directory / "regulation.docx")
        write_batch(directory / "batch", size["batch"], seed=1000)
        manifest = {"params": wanted, "pages": pages, "words": regulation.words()}
        manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    return {
        "pdf": directory / "regulation.pdf",
        "docx": directory / "regulation.docx",
        "batch": directory / "batch",
        "pages": manifest["pages"],
        "words": manifest["words"],
    }


def measure(inputs: dict, runs: int) -> Figures:
    figures = Figures(runs=runs, pages=inputs["pages"], words=inputs["words"], machine=_machine())
    pdf, docx = inputs["pdf"], inputs["docx"]

    figures.pypdfium2_s, text = _median(runs, lambda: _pypdfium2_text(pdf))
    figures.pdfplumber_s, _ = _median(runs, lambda: _pdfplumber_text(pdf))
    figures.spacy_tokenize_s, _ = _median(runs, _spacy_tokenizer(text))

    from linter.engine import check_document
    from linter.extract import read_document

    _warm_up(inputs["batch"], read_document, check_document)
    for fmt, path in (("pdf", pdf), ("docx", docx)):
        read_s, document = _median(runs, lambda path=path: read_document(path))
        check_s, _ = _median(runs, lambda document=document: check_document(document, SCOPE))
        words = sum(len(p.text.split()) for p in document.provisions)
        figures.lint[fmt] = {"read_s": read_s, "check_s": check_s, "total_s": read_s + check_s, "words": words}
    # --jobs 2 on the one PDF, in this process: its pages are read by this process and a forked
    # one. NLP + matching is not split (see README, "Performance"), so its time is the figure above.
    split_s, split, (own_cpu_s, child_cpu_s) = _median_with_cpu(runs, lambda: read_document(pdf, workers=2))
    if split.provisions != read_document(pdf).provisions:
        raise RuntimeError("reading the PDF's pages in 2 processes changed its provisions")
    check_s = figures.lint["pdf"]["check_s"]
    figures.lint["pdf_jobs2"] = {
        "read_s": split_s,
        "check_s": check_s,
        "total_s": split_s + check_s,
        "read_cpu_s": own_cpu_s,
        "read_child_cpu_s": child_cpu_s,
    }

    figures.peak_rss_mb = _peak_rss_mb(pdf)
    figures.cold_start_s = median(_timed_command([*_cli(), "--version"]) for _ in range(5))
    figures.jobs_supported = "--jobs" in _run([*_cli(), "check", "--help"]).stdout
    jobs_options = [["--jobs", "1"], ["--jobs", "2"]] if figures.jobs_supported else [[]]
    for options in jobs_options:
        command = [*_cli(), "check", "--scope", *SCOPE, *options, str(inputs["batch"])]
        key = options[1] if options else "1"
        figures.batch_s[key] = median(_timed_command(command) for _ in range(runs))
    one_file = sorted(inputs["batch"].glob("*.txt"))[0]
    single = [
        _timed_command([*_cli(), "check", "--scope", *SCOPE, str(one_file)], with_cpu=True)
        for _ in range(max(runs, SINGLE_FILE_RUNS))
    ]
    figures.single_file_runs = len(single)
    figures.single_file_s = median(wall for wall, _ in single)
    figures.single_file_min_s = min(wall for wall, _ in single)
    figures.single_file_cpu_s = min(cpu for _, cpu in single)
    figures.batch_files = sum(1 for _ in inputs["batch"].iterdir())
    figures.load_average = os.getloadavg()[0]
    return figures


def _median(runs: int, fn) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return median(times), result


def _median_with_cpu(runs: int, fn) -> tuple[float, object, tuple[float, float]]:
    """`_median`, and the least CPU time one run took in this process and in its children.

    On a busy machine a forked child may wait for a core, so the wall-clock figure says
    little; this process's CPU time is the wall-clock a quiet machine would show, when the
    child's (run at the same time on the other core) is no longer.
    """
    times, own, children, result = [], [], [], None
    for _ in range(runs):
        before, start = os.times(), time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
        after = os.times()
        own.append((after.user - before.user) + (after.system - before.system))
        children.append((after.children_user - before.children_user) + (after.children_system - before.children_system))
    return median(times), result, (min(own), min(children))


def _pypdfium2_text(path: Path) -> str:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def _pdfplumber_text(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _spacy_tokenizer(text: str):
    """A timed function that tokenizes `text` line by line (pdfium ends each line with CRLF)."""
    import spacy

    nlp = spacy.blank("en")
    list(nlp.pipe(["Warm up the tokenizer."]))
    paragraphs = [line for line in text.splitlines() if line.strip()]
    return lambda: sum(len(doc) for doc in nlp.pipe(paragraphs))


def _warm_up(batch: Path, read_document, check_document) -> None:
    # Loads spaCy, the policy, the patterns, the pipeline and the PDF and DOCX readers'
    # libraries so the figures exclude start-up (else the first timed read pays an import).
    import linter.extract.docx  # noqa: F401
    import linter.extract.pdf  # noqa: F401

    small = sorted(batch.glob("*.txt"))[0]
    check_document(read_document(small), SCOPE)


def _peak_rss_mb(pdf: Path) -> float:
    code = _PEAK_MEMORY_CHILD.format(scope=SCOPE)
    out = _run([sys.executable, "-c", code, str(pdf)]).stdout
    return int(out.split()[-1]) / 1024  # Linux reports ru_maxrss in KiB


def _cli() -> list[str]:
    installed = shutil.which("bangkok-lint")
    return [installed] if installed else [sys.executable, "-m", "linter.cli"]


def _run(command: list[str]) -> subprocess.CompletedProcess:
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    # check exits 1 when it finds conflicts: that is a result, not a failure.
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}: {done.stderr.strip()[-500:]}")
    return done


def _timed_command(command: list[str], with_cpu: bool = False):
    """Wall-clock seconds of `command`; with `with_cpu`, also the user + system CPU seconds it took."""
    before, start = os.times(), time.perf_counter()
    _run(command)
    wall, after = time.perf_counter() - start, os.times()
    if not with_cpu:
        return wall
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def _machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"


def profile_pdf_lint(pdf: Path) -> None:
    from linter.engine import check_document
    from linter.extract import read_document

    document = _profiled(f"extraction of {pdf.name}", lambda: read_document(pdf))
    _profiled(f"NLP + matching of {pdf.name}", lambda: check_document(document, SCOPE))


def _profiled(stage: str, fn):
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    result = profiler.runcall(fn)
    print(f"\n== cProfile: {stage} (top 25 by own time) ==")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    return result


if __name__ == "__main__":
    sys.exit(main())
