"""CI and everyday use: --show, JSON evidence, -o for Word copies, config keys, the progress estimate."""

from __future__ import annotations

import json

import docx
import pytest
from click.testing import CliRunner

from linter.cli import main
from linter.runner import TimeLeft

# Line 3 conflicts with Rule 24 (US agency-directive style); Rule 22 and 23 are silent (gaps).
DIRECTIVE = """Program Statement 5200.02

§ 552.14 Restraints. (a) Staff may restrain an inmate in labor when the Warden determines that she presents a risk of flight.
"""


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "directive.txt").write_text(DIRECTIVE, encoding="utf-8")
    return tmp_path


def check(*args: str):
    return CliRunner().invoke(main, ["check", *args])


def verdicts(output: str) -> list[str]:
    return [line.split(": ")[1].split()[0] for line in output.splitlines()]


def test_show_sets_the_least_severe_verdict_listed(folder):
    assert verdicts(check("directive.txt", "--select", "22-24", "-q").output) == ["conflict"]
    assert verdicts(check("directive.txt", "--select", "22-24", "-q", "--show", "gap").output) == [
        "conflict",
        "gap",
        "gap",
    ]
    (folder / "bangkok-lint.toml").write_text('show = "gap"\n', encoding="utf-8")
    assert verdicts(check("directive.txt", "--select", "22-24", "-q").output) == ["conflict", "gap", "gap"]
    # The full text report lists gaps by default: it is read by people, not code scanning.
    (folder / "bangkok-lint.toml").unlink()
    assert "directive.txt: gap BR22 " in check("directive.txt", "--select", "22-24").output
    assert " gap " not in check("directive.txt", "--select", "22-24", "--show", "conflict").output


def test_what_can_fail_the_run_is_always_listed(folder):
    result = check("directive.txt", "--select", "22-24", "-q", "--fail-on", "gap")
    assert verdicts(result.output) == ["conflict", "gap", "gap"]


def test_show_fail_on_lists_only_what_can_fail_the_run(folder):
    gap_run = check("directive.txt", "--select", "22-24", "-q", "--show", "fail-on", "--fail-on", "gap")
    assert verdicts(gap_run.output) == ["conflict", "gap", "gap"]
    never = check("directive.txt", "--select", "22-24", "-q", "--show", "fail-on", "--fail-on", "never")
    assert (never.exit_code, never.output) == (0, "")


def test_bad_config_values_name_the_key(folder):
    (folder / "bangkok-lint.toml").write_text('show = "notes"\n', encoding="utf-8")
    result = check("directive.txt")
    assert result.exit_code == 2 and "key 'show'" in result.output
    (folder / "bangkok-lint.toml").write_text('extend-exclude = "drafts/"\n', encoding="utf-8")
    result = check("directive.txt")
    assert result.exit_code == 2 and "key 'extend-exclude'" in result.output


def test_json_has_a_schema_version_findings_per_clause_and_docx_paragraphs(folder):
    word = docx.Document()
    for text in [
        "Prison Rules",
        "Part 3 Security",
        "1. An officer may use handcuffs on a prisoner in labour.",
        "2. An officer may use leg irons on a woman giving birth.",
    ]:
        word.add_paragraph(text)
    word.save(str(folder / "rules.docx"))
    data = json.loads(check("rules.docx", "--select", "24", "--format", "json").output)
    assert data["schema"] == 1
    doc = data["documents"][0]
    evidence = doc["rules"][0]["evidence"]
    assert [(e["label"], e["paragraph"]) for e in evidence if e["relation"] == "conflicts"] == [("1", 3), ("2", 4)]
    assert [(f["rule"], f["verdict"], f["paragraph"]) for f in doc["findings"]] == [
        ("BR24", "conflict", 3),
        ("BR24", "conflict", 4),
    ]
    assert len({f["fingerprint"] for f in doc["findings"]}) == 2
    text_data = json.loads(check("directive.txt", "--select", "24", "--format", "json").output)
    assert text_data["documents"][0]["rules"][0]["evidence"][0]["paragraph"] is None


def test_one_docx_output_name_for_several_inputs_is_an_error(folder):
    for name in ("a.docx", "b.docx"):
        word = docx.Document()
        word.add_paragraph("1. An officer may use handcuffs on a prisoner in labour.")
        word.save(str(folder / name))
    result = check("a.docx", "b.docx", "--format", "docx", "-o", "review.docx")
    assert result.exit_code == 2
    assert "names one file, but 2 documents" in result.output
    assert not (folder / "review.docx").exists()
    assert check("a.docx", "--format", "docx", "-o", "review.docx", "--select", "24").exit_code == 1
    assert (folder / "review.docx").is_file()


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_time_left_leaves_out_the_start_up_and_weighs_files_by_size():
    clock = Clock()
    left = TimeLeft([1000, 1000, 1000, 4000], clock=clock)
    clock.now = 3.0  # start-up: loading spaCy and the patterns, then the first file
    left.done()
    assert left.text() == ""  # no rate yet
    clock.now = 4.0  # the second file (1000 bytes) took a second
    left.done()
    assert left.seconds() == pytest.approx(5.0)  # 5000 bytes left at 1000 bytes/s, not 2 files x 2 s
    assert left.text() == "about 5 s left"
    clock.now = 5.0
    left.done()
    assert left.seconds() == pytest.approx(4.0)
    left.done()
    assert left.text() == ""  # finished


def test_time_left_waits_for_a_measurable_interval():
    clock = Clock()
    left = TimeLeft([10, 10, 10], clock=clock)
    left.done()
    clock.now = 0.01
    left.done()
    assert left.seconds() is None
