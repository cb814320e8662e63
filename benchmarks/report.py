"""The benchmark's figures, the targets of issue 4, and the table that compares them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

TARGETS = {
    "pdf_lint_over_floor": 2.0,  # full PDF lint <= 2x (pypdfium2 extraction + spaCy tokenization)
    "nlp_words_per_s": 150_000,
    "peak_rss_mb": 400,
    "jobs2_speedup": 1.7,
    "cold_start_s": 0.5,
    "single_file_min_s": 0.6,  # issue 11: `check` on one small file, pre-commit's per-commit cost
}


@dataclass
class Figures:
    runs: int
    pages: int
    words: int
    machine: str
    pypdfium2_s: float = 0.0
    pdfplumber_s: float = 0.0
    spacy_tokenize_s: float = 0.0
    # "pdf"/"docx" -> read_s, check_s, total_s, words; "pdf_jobs2" -> read_s, check_s, total_s,
    # read_cpu_s, read_child_cpu_s
    lint: dict[str, dict[str, float]] = field(default_factory=dict)
    peak_rss_mb: float = 0.0
    cold_start_s: float = 0.0
    jobs_supported: bool = False
    batch_files: int = 0
    batch_s: dict[str, float] = field(default_factory=dict)  # jobs -> seconds
    single_file_s: float = 0.0  # `check` on one small file: start-up plus almost no work (median)
    single_file_min_s: float = 0.0  # its fastest run: the least disturbed by other processes
    single_file_cpu_s: float = 0.0  # its fastest user + system CPU time: near the wall-clock of a quiet machine
    single_file_runs: int = 0
    load_average: float = 0.0  # 1-minute load average at the end: other processes skew every figure

    @property
    def floor_s(self) -> float:
        return self.pypdfium2_s + self.spacy_tokenize_s

    @property
    def pdf_lint_over_floor(self) -> float:
        return self.lint["pdf"]["total_s"] / self.floor_s

    @property
    def pdf_jobs2_over_floor(self) -> float:
        return self.lint["pdf_jobs2"]["total_s"] / self.floor_s

    @property
    def nlp_words_per_s(self) -> float:
        pdf = self.lint["pdf"]
        return pdf["words"] / pdf["check_s"]

    @property
    def jobs2_speedup(self) -> float | None:
        if "2" not in self.batch_s:
            return None
        return self.batch_s["1"] / self.batch_s["2"]

    @property
    def jobs2_net_speedup(self) -> float | None:
        """The speed-up with one process start-up taken off both runs: the linting throughput alone."""
        one, two = (self.batch_s.get(j, 0.0) - self.single_file_s for j in ("1", "2"))
        if one <= 0 or two <= 0:  # no --jobs, or noise larger than the work: no meaningful figure
            return None
        return one / two

    def to_json(self) -> dict:
        out = asdict(self)
        out["ratios"] = {
            "pdf_lint_over_floor": round(self.pdf_lint_over_floor, 3),
            "pdf_jobs2_over_floor": round(self.pdf_jobs2_over_floor, 3),
            "nlp_words_per_s": round(self.nlp_words_per_s),
            "jobs2_speedup": None if self.jobs2_speedup is None else round(self.jobs2_speedup, 3),
            "jobs2_net_speedup": None if self.jobs2_net_speedup is None else round(self.jobs2_net_speedup, 3),
        }
        out["targets"] = TARGETS
        return out


def render_table(f: Figures) -> str:
    pdf, docx, split = f.lint["pdf"], f.lint["docx"], f.lint["pdf_jobs2"]
    rows = [
        ("pypdfium2 text extraction (floor)", f"{f.pypdfium2_s:.2f} s", "", ""),
        ("pdfplumber extract_text", f"{f.pdfplumber_s:.2f} s", "", ""),
        ("spaCy blank-en tokenization", f"{f.spacy_tokenize_s:.2f} s", "", ""),
        ("floor = pypdfium2 + tokenization", f"{f.floor_s:.2f} s", "", ""),
        ("lint PDF: extraction", f"{pdf['read_s']:.2f} s", "", ""),
        ("lint PDF: NLP + matching", f"{pdf['check_s']:.2f} s", "", ""),
        ("lint PDF: total", f"{pdf['total_s']:.2f} s", "", ""),
        ("lint PDF --jobs 2: extraction (in-process)", f"{split['read_s']:.2f} s", "", ""),
        (
            "lint PDF --jobs 2: extraction min CPU, parent / child",
            f"{split['read_cpu_s']:.2f} / {split['read_child_cpu_s']:.2f} s",
            "",
            "",
        ),
        ("lint PDF --jobs 2: total (NLP not split)", f"{split['total_s']:.2f} s", "", ""),
        ("lint DOCX: extraction", f"{docx['read_s']:.2f} s", "", ""),
        ("lint DOCX: NLP + matching", f"{docx['check_s']:.2f} s", "", ""),
        ("lint DOCX: total", f"{docx['total_s']:.2f} s", "", ""),
        _check("lint PDF / floor", f.pdf_lint_over_floor, "x", "<=", TARGETS["pdf_lint_over_floor"], "{:.2f}"),
        _check(
            "lint PDF --jobs 2 / floor", f.pdf_jobs2_over_floor, "x", "<=", TARGETS["pdf_lint_over_floor"], "{:.2f}"
        ),
        _check("NLP + matching words/s (PDF)", f.nlp_words_per_s, "", ">=", TARGETS["nlp_words_per_s"], "{:,.0f}"),
        _check("peak RSS, full PDF lint", f.peak_rss_mb, " MB", "<=", TARGETS["peak_rss_mb"], "{:.0f}"),
        _check("cold start `--version`", f.cold_start_s, " s", "<=", TARGETS["cold_start_s"], "{:.2f}"),
    ]
    label = "--jobs 1" if f.jobs_supported else "(no --jobs option)"
    rows.append((f"batch of {f.batch_files}, check {label}", f"{f.batch_s['1']:.2f} s", "", ""))
    if f.jobs2_speedup is None:
        rows.append(("batch, check --jobs 2", "n/a", "", ""))
        rows.append(("jobs-2 speed-up", "n/a", f">= {TARGETS['jobs2_speedup']}x", "n/a"))
    else:
        rows.append(("batch, check --jobs 2", f"{f.batch_s['2']:.2f} s", "", ""))
        rows.append(_check("jobs-2 speed-up", f.jobs2_speedup, "x", ">=", TARGETS["jobs2_speedup"], "{:.2f}"))
        net = f.jobs2_net_speedup
        rows.append(("jobs-2 speed-up net of start-up", "n/a" if net is None else f"{net:.2f}x", "", ""))

    rows.append(
        _check(
            f"check of 1 small file: min of {f.single_file_runs}",
            f.single_file_min_s,
            " s",
            "<=",
            TARGETS["single_file_min_s"],
            "{:.2f}",
        )
    )
    rows.append(
        ("check of 1 small file: median / min CPU", f"{f.single_file_s:.2f} / {f.single_file_cpu_s:.2f} s", "", "")
    )

    width = max(len(r[0]) for r in rows)
    lines = [
        f"bangkok-lint benchmark: {f.pages}-page, {f.words:,}-word regulation; median of {f.runs} run(s); {f.machine}, load average {f.load_average:.1f}",
        f"{'figure':<{width}}  {'measured':>12}  {'target':>12}  status",
        "-" * (width + 36),
    ]
    lines += [f"{name:<{width}}  {value:>12}  {target:>12}  {status}" for name, value, target, status in rows]
    return "\n".join(lines)


def _check(name: str, value: float, unit: str, op: str, target: float, fmt: str) -> tuple[str, str, str, str]:
    ok = value <= target if op == "<=" else value >= target
    return name, fmt.format(value) + unit, f"{op} {fmt.format(target)}{unit}", "ok" if ok else "MISSED"
