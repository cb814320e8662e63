"""Baselines: accepted findings keep their identity across edits, need reasons, and do not rot."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from linter.cli import main

DRAFT = """Prison Rules 2024

1. Instruments of restraint may be used on a pregnant prisoner during labour where the governor considers it necessary.

2. Every prisoner shall receive adequate food.
"""


def check(*args: str):
    return CliRunner().invoke(main, ["check", "d.txt", "--select", "22-24", *args])


@pytest.fixture
def baselined(tmp_path, monkeypatch):
    """A draft with one conflict (BR24) and two gaps (BR22, BR23), all accepted with reasons."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.txt").write_text(DRAFT)
    written = check("--write-baseline", "base.json")
    assert written.exit_code == 0
    assert "wrote 3 findings to base.json; 3 need a reason" in written.output
    data = json.loads((tmp_path / "base.json").read_text())
    for entry in data["findings"]:
        entry["reason"] = f"accepted {entry['rule']} until the 2025 revision"
    (tmp_path / "base.json").write_text(json.dumps(data))
    return tmp_path


def test_baselined_findings_do_not_fail_ci(baselined):
    result = check("--baseline", "base.json", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["baseline"]["suppressed"] == 3 and data["baseline"]["unmatched"] == []


def test_identity_survives_an_inserted_paragraph(baselined):
    (baselined / "d.txt").write_text(
        DRAFT.replace("2024\n", "2024\n\n1. These rules apply to every prison.\n").replace("\n1. Instr", "\n2. Instr")
    )
    assert check("--baseline", "base.json").exit_code == 0


def test_a_new_conflict_still_fails_and_stale_entries_are_reported(baselined):
    (baselined / "d.txt").write_text(
        DRAFT.replace("where the governor considers it necessary", "at the discretion of the officer in charge")
    )
    result = check("--baseline", "base.json")
    assert result.exit_code == 1
    assert "conflict BR24" in result.output
    assert "baseline entry BR24 conflict in d.txt matches no finding any more" in result.output


def test_rewriting_keeps_existing_reasons(baselined):
    assert check("--write-baseline", "base.json").exit_code == 0
    reasons = {e["rule"]: e["reason"] for e in json.loads((baselined / "base.json").read_text())["findings"]}
    assert reasons == {r: f"accepted {r} until the 2025 revision" for r in ("BR24", "BR22", "BR23")}


SECOND_CONFLICT = "\n3. A pregnant prisoner may be placed in handcuffs while giving birth if she has tried to escape.\n"


def test_a_second_conflicting_clause_of_an_accepted_rule_fails(baselined):
    """The accepted BR24 conflict must not hide another clause that conflicts with Rule 24."""
    (baselined / "d.txt").write_text(DRAFT + SECOND_CONFLICT)
    result = check("--baseline", "base.json", "-q")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if " conflict BR24 " in line]
    assert (
        len(lines) == 1
        and lines[0].startswith("d.txt:3 (line 7): conflict BR24")
        and "handcuffs while giving birth" in lines[0]
    )
    data = json.loads(check("--baseline", "base.json", "--format", "json").output)
    br24 = next(r for r in data["documents"][0]["rules"] if r["code"] == "BR24")
    assert [e["label"] for e in br24["evidence"] if e["relation"] == "conflicts"] == [
        "3"
    ]  # the accepted clause is not cited
    assert data["baseline"]["suppressed"] == 3
    assert data["documents"][0]["summary"] == {"covered": 0, "partial": 0, "gap": 0, "conflict": 1, "not-applicable": 0}


def test_covered_rules_stay_in_the_summary(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.txt").write_text(
        DRAFT
        + "\n3. A woman prisoner shall not be placed in close confinement or disciplinary segregation while pregnant or breastfeeding.\n"
    )
    check("--write-baseline", "base.json")
    data = json.loads((tmp_path / "base.json").read_text())
    for entry in data["findings"]:
        entry["reason"] = "accepted"
    (tmp_path / "base.json").write_text(json.dumps(data))
    result = check("--baseline", "base.json")
    assert result.exit_code == 0
    assert "d.txt: 0 conflict, 0 partial, 0 gap, 1 covered, 0 not applicable" in result.output


def test_each_conflicting_clause_is_its_own_entry(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.txt").write_text(DRAFT + SECOND_CONFLICT)
    assert check("--write-baseline", "base.json").exit_code == 0
    entries = json.loads((tmp_path / "base.json").read_text())["findings"]
    conflicts = [e for e in entries if e["verdict"] == "conflict"]
    assert [e["clause"][:30] for e in conflicts] == ["Instruments of restraint may b", "A pregnant prisoner may be pla"]
    assert len({e["fingerprint"] for e in conflicts}) == 2


def test_single_clause_fingerprints_are_unchanged(baselined):
    """Baselines written before findings were per clause keep working: the README's fingerprint."""
    entries = json.loads((baselined / "base.json").read_text())["findings"]
    assert next(e for e in entries if e["rule"] == "BR24")["fingerprint"] == "8517b6a972d77f4fe14e"


def test_entries_without_a_reason_are_refused_all_named_at_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.txt").write_text(DRAFT)
    check("--write-baseline", "base.json")
    result = check("--baseline", "base.json")
    assert result.exit_code == 2
    assert "key 'reason'" in result.output and "3 baseline entries to fix" in result.output
    assert all(f"findings[{i}]" in result.output for i in (1, 2, 3))
    assert all(rule in result.output for rule in ("BR22", "BR23", "BR24"))


def test_entries_of_a_renamed_document_are_reported_stale(baselined):
    (baselined / "d.txt").rename(baselined / "renamed.txt")
    result = CliRunner().invoke(
        main, ["check", "renamed.txt", "--select", "22-24", "--baseline", "base.json", "--fail-on", "gap"]
    )
    # The conflict is identified by its clause and follows the file; the gaps were about d.txt.
    assert "conflict BR24" not in result.output
    assert "baseline entry BR22 gap in d.txt matches no finding any more" in result.output
    assert "d.txt no longer exists (renamed?)" in result.output
    assert "baseline entry BR24" not in result.output
    assert result.exit_code == 1  # the gaps of renamed.txt are new


def test_gap_entries_do_not_depend_on_the_working_directory(baselined, monkeypatch):
    (baselined / "laws").mkdir()
    (baselined / "d.txt").rename(baselined / "laws" / "d.txt")
    monkeypatch.chdir(baselined / "laws")
    assert (
        CliRunner().invoke(main, ["check", "d.txt", "--select", "22-24", "--write-baseline", "../base.json"]).exit_code
        == 0
    )
    entries = json.loads((baselined / "base.json").read_text())["findings"]
    assert {e["path"] for e in entries} == {"laws/d.txt"}
    for entry in entries:
        entry["reason"] = "accepted"
    (baselined / "base.json").write_text(json.dumps({"findings": entries}))
    args = ["--select", "22-24", "--baseline", "base.json", "--fail-on", "gap", "--format", "json"]
    monkeypatch.chdir(baselined)
    from_top = CliRunner().invoke(main, ["check", "laws/d.txt", *args])
    assert from_top.exit_code == 0, from_top.output
    assert json.loads(from_top.output)["baseline"]["suppressed"] == 3
    monkeypatch.chdir(baselined / "laws")
    from_inside = CliRunner().invoke(main, ["check", "d.txt", *args[:2], "--baseline", "../base.json", *args[4:]])
    assert from_inside.exit_code == 0, from_inside.output
