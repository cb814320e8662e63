"""Fuzz the readers and the engine: `python -m linter.fuzz --n 3000`.

Inputs are mutations of the corpus (corpus/docs text, corpus/renderings DOCX and PDF) —
byte flips, insertions, truncations, XML structure changes inside DOCX parts, hostile
text (escape sequences, controls, huge numbers, endless lines) — plus hostile constructs
built from scratch (numbering letter bombs, paragraphs past spaCy's max_length, a million
tiny lines). Each input is linted in a child process forked from a parent that has
everything loaded, under a 1 GiB address-space limit (RLIMIT_AS) and a CPU-time limit
(a hang), exactly as `bangkok-lint check` lints one file, then rendered as text and JSON. An input may be
refused (an InputError is a correct answer); it may not raise anything else, exhaust
memory or hang. The run prints one line:

    3000 inputs, 0 tracebacks, 0 hangs, 0 memory

Failing inputs and their tracebacks are kept in --keep (default fuzz-failures/).
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import resource
import signal
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ADDRESS_SPACE = 1 << 30
_TRACEBACK, _MEMORY = 10, 11
# A generated input is at most this many characters or bytes.
_MAX_INPUT = 600_000
# How often a mutation starts from a window of the seed rather than all of it.
_CROP_SHARE = 0.7
# The wall-clock deadline, as a multiple of the CPU-time limit.
_WALL_CLOCK_FACTOR = 10

# Strings that have broken parsers before: terminal controls, bidi, numbering edge cases.
HOSTILE_TEXT = [
    "\x1b]0;title\x07",
    "\x1b[2J",
    "\x1b]8;;http://x\x07link\x1b]8;;\x07",
    "\u202e",
    "\u2066",
    "\x00",
    "\x0c",
    "\r",
    "\u2028",
    "\ufeff",
    "\ud7ff",
    "999999999999999999999999.",
    "(zzzzzzzzzzzzzzz)",
    "§§§ 1.1.1.1.1.1.1.1.",
    "Article " + "I" * 500,
    "(a)" * 300,
    "“" * 50,
    "Notwithstanding paragraph (1)(a)(i)(A) of section 99999999, ",
    '"x" means ' * 40,
    "#" * 7 + " heading",
    "| a | b |\n|---|---|",
    "- \u2022 \u25aa ",
    "\t" * 100,
]
NUMBER_VALUES = ["0", "-1", "2147483648", "300000000", "1" + "0" * 40, "abc", "", "32767", "4000"]
NUM_FORMATS = [
    "decimal",
    "lowerLetter",
    "upperLetter",
    "lowerRoman",
    "upperRoman",
    "bullet",
    "none",
    "decimalZero",
    "ordinal",
    "chineseCounting",
    "x" * 100,
]


@dataclass
class Sample:
    name: str
    data: bytes


# -- seeds and mutations ------------------------------------------------------------------------


def seeds() -> list[Sample]:
    files = sorted((ROOT / "corpus" / "docs").glob("*.txt")) + sorted((ROOT / "corpus" / "renderings").glob("*"))
    return [Sample(p.name, p.read_bytes()) for p in files if p.is_file()]


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if not out:
            out += rng.randbytes(16)
        op = rng.randrange(5)
        at = rng.randrange(len(out))
        if op == 0:
            out[at] = rng.randrange(256)
        elif op == 1:
            out[at:at] = rng.randbytes(rng.randint(1, 64))
        elif op == 2:
            del out[at : at + rng.randint(1, 512)]
        elif op == 3:
            end = min(len(out), at + rng.randint(1, 2048))
            out[at:at] = out[at:end] * rng.randint(1, 20)
        else:
            del out[at:]
    return bytes(out)


def mutate_text(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", "replace")
    lines = _window(text.split("\n"), rng, 120)
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(6)
        at = rng.randrange(len(lines) or 1)
        if op == 0:
            lines.insert(at, rng.choice(HOSTILE_TEXT))
        elif op == 1 and lines:
            line = lines[at % len(lines)]
            cut = rng.randint(0, len(line))
            lines[at % len(lines)] = line[:cut] + rng.choice(HOSTILE_TEXT) + line[cut:]
        elif op == 2:
            lines = [" ".join(lines)]  # the whole document as one paragraph
        elif op == 3 and lines:
            line = lines[at % len(lines)]
            lines[at % len(lines)] = line * min(rng.randint(2, 200), _MAX_INPUT // max(len(line), 1))
        elif op == 4:
            lines = [ln for ln in lines if ln.strip()]  # no blank lines at all
        else:
            lines.insert(at, "".join(chr(rng.randrange(1, 0x2FFF)) for _ in range(rng.randint(1, 200))))
    encoding = rng.choice(["utf-8", "utf-8", "utf-16", "cp1252"])
    return "\n".join(lines).encode(encoding, "surrogatepass" if encoding.startswith("utf") else "replace")


def mutate_docx(data: bytes, rng: random.Random) -> bytes:
    try:
        parts = _unzip(data)
    except zipfile.BadZipFile:
        return mutate_bytes(data, rng)
    if "word/document.xml" in parts and rng.random() < _CROP_SHARE:
        parts["word/document.xml"] = _crop_paragraphs(parts["word/document.xml"], rng)
    xml_parts = [n for n in parts if n.startswith("word/") and n.endswith(".xml")] or list(parts)
    for _ in range(rng.randint(1, 4)):
        name = rng.choice(xml_parts)
        parts[name] = _mutate_xml(parts[name], rng)
    if rng.random() < 0.1 and len(parts) > 1:
        parts.pop(rng.choice(sorted(parts)))
    return _zip(parts)


def _mutate_xml(xml: bytes, rng: random.Random) -> bytes:
    text = xml.decode("utf-8", "replace")
    op = rng.randrange(6)
    if op == 0:  # a numeric attribute to a hostile value
        hits = list(re.finditer(r'w:val="(-?\d+)"', text))
        if hits:
            m = rng.choice(hits)
            return (text[: m.start(1)] + rng.choice(NUMBER_VALUES) + text[m.end(1) :]).encode()
    if op == 1:  # a numbering format swapped
        return re.sub(
            r'(<w:numFmt w:val=")[^"]*', lambda m: m.group(1) + rng.choice(NUM_FORMATS), text, count=rng.randint(1, 5)
        ).encode()
    if op == 2:  # a paragraph repeated
        paras = list(re.finditer(r"<w:p[ >].*?</w:p>", text, re.S))
        if paras:
            m = rng.choice(paras)
            return (text[: m.end()] + m.group() * rng.randint(2, 2000) + text[m.end() :]).encode()
    if op == 3:  # hostile text inside a run
        hits = list(re.finditer(r"<w:t(?: [^>]*)?>", text))
        if hits:
            m = rng.choice(hits)
            hostile = rng.choice(HOSTILE_TEXT).replace("&", "&amp;").replace("<", "&lt;")
            hostile = "".join(ch for ch in hostile if ch in "\t\n\r" or ord(ch) >= 0x20)
            return (text[: m.end()] + hostile + text[m.end() :]).encode()
    if op == 4:  # tables nested deep
        hits = list(re.finditer(r"<w:p[ >]", text))
        if hits:
            m = rng.choice(hits)
            depth = rng.randint(2, 60)
            nest = (
                "<w:tbl><w:tr><w:tc>" * depth
                + "<w:p><w:r><w:t>deep</w:t></w:r></w:p>"
                + "</w:tc></w:tr></w:tbl>" * depth
            )
            return (text[: m.start()] + nest + text[m.start() :]).encode()
    return mutate_bytes(xml, rng)


def _window(items: list, rng: random.Random, size: int) -> list:
    """Most of the time a random run of `size` items: many small inputs cover more than few large ones."""
    if len(items) <= size or rng.random() > _CROP_SHARE:
        return items
    start = rng.randrange(len(items) - size)
    return items[start : start + size]


def _crop_paragraphs(xml: bytes, rng: random.Random) -> bytes:
    text = xml.decode("utf-8", "replace")
    paras = list(re.finditer(r"<w:p[ >].*?</w:p>", text, re.S))
    kept = _window(paras, rng, 60)
    if len(kept) == len(paras):
        return xml
    return (text[: paras[0].start()] + "".join(m.group() for m in kept) + text[paras[-1].end() :]).encode()


def _unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def mutate_pdf(data: bytes, rng: random.Random) -> bytes:
    if rng.random() < 0.5:
        return mutate_bytes(data, rng)
    text = data.decode("latin-1")
    op = rng.randrange(3)
    if op == 0:  # page counts and lengths to hostile values
        return re.sub(
            r"/(Count|Length|Size) \d+", lambda m: f"/{m.group(1)} {rng.choice(NUMBER_VALUES) or '0'}", text
        ).encode("latin-1")
    if op == 1:  # object references redirected (cycles in the page tree)
        return re.sub(
            r"(\d+) 0 R", lambda m: f"{rng.randint(1, 12)} 0 R" if rng.random() < 0.3 else m.group(), text
        ).encode("latin-1")
    return re.sub(r"startxref\s+\d+", "startxref\n" + str(rng.randrange(10**6)), text).encode("latin-1")


def hostile_constructs() -> Iterator[Sample]:
    """Inputs built from scratch, each a defect once found (issue 11)."""
    words = "the officer in charge shall ensure that every woman prisoner has access to water".split()  # noqa: SIM905 (a sentence reads better than a word list)
    yield Sample("one-line.txt", (" ".join(words[i % len(words)] for i in range(200_000))).encode())
    yield Sample("tiny-lines.txt", b"x\n" * 1_100_000)
    yield Sample(
        "many-provisions.txt", "".join(f"{i}. {words[i % len(words)]} shall apply\n" for i in range(1, 30_000)).encode()
    )
    yield Sample("empty.txt", b"")
    yield Sample("blank.txt", b" \n\t\n" * 1000)
    yield Sample("nul.txt", b"\x00" * 100)
    for start, fmt in (("300000000", "lowerLetter"), ("1" + "0" * 40, "upperLetter"), ("-5", "lowerRoman")):
        yield Sample(f"bomb-{fmt}.docx", _numbered_docx(start, fmt))


def _numbered_docx(start: str, fmt: str) -> bytes:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    r = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    para = '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Women shall be searched by women.</w:t></w:r></w:p>'
    return _zip(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            b'<Default Extension="xml" ContentType="application/xml"/>'
            b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            b'<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>',
            "_rels/.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
            "word/_rels/document.xml.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>',
            "word/document.xml": f"<w:document {w} {r}><w:body>{para * 50}</w:body></w:document>".encode(),
            "word/numbering.xml": (
                f'<w:numbering {w}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
                f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{"%1" * 30}."/></w:lvl></w:abstractNum>'
                '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
            ).encode(),
        }
    )


def generate(n: int, seed: int) -> Iterator[Sample]:
    """`n` inputs: the hostile constructs first, then mutations of the corpus."""
    rng = random.Random(seed)
    produced = 0
    for sample in hostile_constructs():
        if produced == n:
            return
        yield sample
        produced += 1
    pool = seeds()
    mutators: dict[str, list[Callable[[bytes, random.Random], bytes]]] = {
        ".txt": [mutate_text, mutate_text, mutate_bytes],
        ".docx": [mutate_docx, mutate_docx, mutate_bytes],
        ".pdf": [mutate_pdf],
    }
    while produced < n:
        seed_sample = rng.choice(pool)
        suffix = Path(seed_sample.name).suffix
        data = rng.choice(mutators[suffix])(seed_sample.data, rng)[:_MAX_INPUT]
        yield Sample(f"{produced:05d}-{Path(seed_sample.name).stem[:30]}{suffix}", data)
        produced += 1


# -- running each input in a limited child process ---------------------------------------------


def _child(path: str, report: str, cpu_seconds: int) -> None:
    """Lint one file as `bangkok-lint check` does, and exit with what happened.

    A hang is measured in CPU time (RLIMIT_CPU ends the child with SIGXCPU), so a loaded
    machine does not turn a slow input into a hang; the parent's wall-clock deadline, a
    multiple of it, catches a child blocked without using the CPU.
    """
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
    from linter.errors import InputError
    from linter.report import ReportOptions, render
    from linter.runner import FileSettings, Run, _lint_file

    try:
        try:
            result, document = _lint_file((path, FileSettings()))
        except InputError:
            os._exit(0)
        run = Run(documents=[result], sources={path: document})
        for fmt in ("text", "json"):
            render(fmt, run, ReportOptions())
    except MemoryError:
        os._exit(_MEMORY)
    except BaseException:
        Path(report).write_text(traceback.format_exc(), encoding="utf-8")
        os._exit(_TRACEBACK)
    os._exit(0)


@dataclass
class Outcome:
    sample: Sample
    kind: str  # "ok", "traceback", "hang", "memory"
    detail: str = ""


def run_all(samples: Iterator[Sample], jobs: int, timeout: float, workdir: Path) -> Iterator[Outcome]:
    """Each sample in a forked child, at most `jobs` at a time; outcomes as they finish."""
    running: dict[int, tuple[Sample, float, Path]] = {}
    pending = iter(samples)
    exhausted = False
    while running or not exhausted:
        while not exhausted and len(running) < jobs:
            sample = next(pending, None)
            if sample is None:
                exhausted = True
                break
            path = workdir / sample.name
            path.write_bytes(sample.data)
            report = workdir / (sample.name + ".traceback")
            pid = os.fork()
            if pid == 0:
                _child(str(path), str(report), int(timeout))
            running[pid] = (sample, time.monotonic() + _WALL_CLOCK_FACTOR * timeout, report)
        time.sleep(0.005)
        for pid in list(running):
            sample, deadline, report = running[pid]
            done, status = os.waitpid(pid, os.WNOHANG)
            if done == 0:
                if time.monotonic() > deadline:
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
                    del running[pid]
                    yield Outcome(sample, "hang", f"no answer within {_WALL_CLOCK_FACTOR * timeout:.0f} s (blocked)")
                continue
            del running[pid]
            yield _outcome(sample, status, report)
            (workdir / sample.name).unlink(missing_ok=True)


def _outcome(sample: Sample, status: int, report: Path) -> Outcome:
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL):
        return Outcome(sample, "hang", "CPU time limit reached")
    if os.WIFSIGNALED(status):
        return Outcome(sample, "traceback", f"killed by signal {os.WTERMSIG(status)}")
    code = os.WEXITSTATUS(status)
    if code == 0:
        return Outcome(sample, "ok")
    if code == _MEMORY:
        return Outcome(sample, "memory", "MemoryError under the 1 GiB address-space limit")
    detail = report.read_text(encoding="utf-8") if report.exists() else f"exit status {code}"
    return Outcome(sample, "traceback", detail)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m linter.fuzz", description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3000, help="how many inputs (default 3000)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--timeout", type=float, default=60.0, help="CPU seconds one input may take")
    parser.add_argument("--keep", type=Path, default=Path("fuzz-failures"), help="folder for failing inputs")
    args = parser.parse_args(argv)

    from linter.runner import FileSettings, _load_everything

    _load_everything(
        {".pdf", ".docx", ".txt"}, FileSettings().similarity
    )  # loaded once; every child is forked from here
    counts = {"ok": 0, "traceback": 0, "hang": 0, "memory": 0}
    with tempfile.TemporaryDirectory(prefix="bangkok-fuzz-") as tmp:
        for outcome in run_all(generate(args.n, args.seed), args.jobs, args.timeout, Path(tmp)):
            counts[outcome.kind] += 1
            done = sum(counts.values())
            if done % 100 == 0:
                print(f"... {done} of {args.n}", file=sys.stderr, flush=True)
            if outcome.kind != "ok":
                args.keep.mkdir(parents=True, exist_ok=True)
                (args.keep / outcome.sample.name).write_bytes(outcome.sample.data)
                (args.keep / (outcome.sample.name + ".txt")).write_text(outcome.detail, encoding="utf-8")
                last = (outcome.detail.strip().splitlines() or [""])[-1]
                print(f"{outcome.kind}: {outcome.sample.name}: {last}", file=sys.stderr)
    total = sum(counts.values())
    print(f"{total} inputs, {counts['traceback']} tracebacks, {counts['hang']} hangs, {counts['memory']} memory")
    return 0 if total == counts["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
