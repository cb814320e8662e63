"""Memory and size benchmark: how much memory a lint takes per MB of text, and how large an
input runs under a 1 GiB address-space limit.

Each measurement lints one generated document (`bangkok-lint check --scope all`, in
process, as the CLI does) in a child process forked from a parent that has spaCy, the
patterns and the pipeline loaded, and reads the child's peak RSS and time:

- memory per MB of text: regulations of 1 and 4 MB (benchmarks/generate.py), the slope of
  peak RSS between them;
- 150,000 one-line provisions (a ~3 MB text: the worst case per byte);
- a DOCX of 200,000 paragraphs, and one of 100,000 to show whether time grows linearly;
- the largest regulation (doubling from 1 MB, then --max-mb itself) that lints under a 1 GiB
  RLIMIT_AS, and what stops the next size.

The size limits (max-characters, max-provisions) are raised in the children: what is measured
is memory, and a 50 MB generated regulation has more provisions than the default limit allows.

Usage: python benchmarks/memory.py [--quick] [--max-mb 32] [--only text|provisions|docx|limit]

`--only` runs one of the four measurements (the DOCX pair, say, while working on the
DOCX reader); the memory per MB of text is the `text` one.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.generate import synthesize  # noqa: E402

ADDRESS_SPACE = 1 << 30
_MB = 1 << 20
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def lint_in_child(path: Path, limit: int | None = None) -> tuple[str, float, float, float]:
    """(outcome, seconds, peak RSS in MB, CPU seconds) of linting `path` in a forked child."""
    read_fd, write_fd = os.pipe()
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        os.write(write_fd, _lint(path, limit).encode()[:500])
        os._exit(0)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        message = pipe.read()
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    if os.WIFSIGNALED(status):
        message = f"killed by signal {os.WTERMSIG(status)}"
    return message or "no answer", seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def _lint(path: Path, limit: int | None) -> str:
    if limit:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from linter.extract.limits import Limits
    from linter.runner import FileSettings, _lint_task

    unlimited = Limits(characters=1 << 40, provisions=1 << 40)
    try:
        outcome = _lint_task((str(path), FileSettings(scope=("all",), limits=unlimited)))
    except MemoryError:
        return "MemoryError"
    return f"error [{outcome.code}] {outcome.message}" if hasattr(outcome, "code") else "ok"


def regulation_text(megabytes: float, folder: Path) -> Path:
    path = folder / f"regulation-{megabytes:g}mb.txt"
    if not path.exists():
        # Generated a little longer (~6 bytes a word), then cut after the last paragraph that
        # fits, so the file has the size it is named for.
        size = int(megabytes * _MB)
        text = synthesize(size // 5, seed=11).text()
        path.write_text(text[: text.rfind("\n\n", 0, size) + 1], encoding="utf-8")
    return path


def one_line_provisions(count: int, folder: Path) -> Path:
    path = folder / f"provisions-{count}.txt"
    clauses = ("Visits shall be allowed.", "Women shall be searched by women.", "Food shall be adequate.")
    path.write_text("".join(f"{i}. {clauses[i % 3]}\n" for i in range(1, count + 1)), encoding="utf-8")
    return path


def paragraph_docx(count: int, folder: Path) -> Path:
    path = folder / f"paragraphs-{count}.docx"
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{i}. The prisoner shall be informed of the rules on visits.</w:t></w:r></w:p>'
        for i in range(1, count + 1)
    )
    xml = f"<w:document {_W}><w:body>{body}<w:sectPr/></w:body></w:document>".encode()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in source.infolist():
            out.writestr(info.filename, xml if info.filename == "word/document.xml" else source.read(info))
    return path


_PARTS = ("text", "provisions", "docx", "limit")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only (~1 minute)")
    parser.add_argument("--max-mb", type=float, default=32, help="largest text tried under the 1 GiB limit")
    parser.add_argument("--only", choices=_PARTS, help="run only this measurement")
    args = parser.parse_args()

    from linter.runner import _load_everything

    _load_everything(
        {".txt", ".docx"}, True
    )  # loaded once (similarity layer on, the default); each measurement is a fork of this process
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"start-up (spaCy, patterns, pipeline loaded): {base_rss:.0f} MB")
    small, large = (0.25, 1) if args.quick else (1, 4)
    parts = [args.only] if args.only else list(_PARTS)
    with tempfile.TemporaryDirectory(prefix="bangkok-memory-") as tmp:
        folder = Path(tmp)
        if "text" in parts:
            per_mb_of_text(folder, small, large)
        if "provisions" in parts:
            provisions(folder, 15_000 if args.quick else 150_000, base_rss)
        if "docx" in parts:
            docx_paragraphs(folder, (10_000, 20_000) if args.quick else (100_000, 200_000))
        if "limit" in parts:
            largest_under_limit(folder, small, args.max_mb)
    return 0


def per_mb_of_text(folder: Path, small: float, large: float) -> None:
    """Peak RSS of two regulation sizes, and the slope between them."""
    peaks = {}
    for mb in (small, large):
        outcome, seconds, peak, _ = lint_in_child(regulation_text(mb, folder))
        peaks[mb] = peak
        print(f"regulation {mb:g} MB of text: {outcome}, {seconds:.1f} s, peak {peak:.0f} MB")
    print(f"memory per MB of text: {(peaks[large] - peaks[small]) / (large - small):.0f} MB")


def provisions(folder: Path, count: int, base_rss: float) -> None:
    """One-line provisions: the most units per byte of text."""
    outcome, seconds, peak, _ = lint_in_child(one_line_provisions(count, folder))
    print(
        f"{count:,} one-line provisions: {outcome}, {seconds:.1f} s, peak {peak:.0f} MB ({(peak - base_rss) * 1024 / count:.2f} KB each)"
    )


def docx_paragraphs(folder: Path, counts: tuple[int, int]) -> None:
    """Two DOCX sizes, to see the peak and whether time grows linearly (CPU time: the machine may be shared)."""
    times = {}
    for count in counts:
        outcome, seconds, peak, cpu = lint_in_child(paragraph_docx(count, folder))
        times[count] = cpu
        print(f"DOCX of {count:,} paragraphs: {outcome}, {seconds:.1f} s (CPU {cpu:.1f} s), peak {peak:.0f} MB")
    low, high = sorted(times)
    print(f"DOCX CPU time for {high // low}x the paragraphs: {times[high] / times[low]:.2f}x")


def largest_under_limit(folder: Path, small: float, max_mb: float) -> None:
    """Double the text from `small` MB, then try `max_mb`, until a lint fails under the 1 GiB address-space limit."""
    largest = None
    for mb in _doubling(small, max_mb):
        outcome, seconds, peak, _ = lint_in_child(regulation_text(mb, folder), ADDRESS_SPACE)
        print(f"under a 1 GiB address-space limit, {mb:g} MB: {outcome}, {seconds:.1f} s, peak {peak:.0f} MB")
        if outcome != "ok":
            break
        largest = mb
    print(
        f"largest regulation linted under a 1 GiB address-space limit: {largest or 0:g} MB of text (tried up to {max_mb:g} MB)"
    )


def _doubling(small: float, largest: float) -> list[float]:
    """small, 2 x small, 4 x small ... below `largest`, then `largest` itself."""
    sizes = [small]
    while sizes[-1] * 2 < largest:
        sizes.append(sizes[-1] * 2)
    return [*sizes, largest] if largest > small else sizes


if __name__ == "__main__":
    sys.exit(main())
