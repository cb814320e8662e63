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


def test_entries_without_a_reason_are_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.txt").write_text(DRAFT)
    check("--write-baseline", "base.json")
    result = check("--baseline", "base.json")
    assert result.exit_code == 2
    assert "key 'reason'" in result.output


def test_baselined_findings_do_not_fail_ci(baselined):
    result = check("--baseline", "base.json", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["baseline"]["suppressed"] == 3 and data["baseline"]["unmatched"] == []


def test_identity_survives_an_inserted_paragraph(baselined):
    (baselined / "d.txt").write_text(DRAFT.replace("2024\n", "2024\n\n1. These rules apply to every prison.\n").replace("\n1. Instr", "\n2. Instr"))
    assert check("--baseline", "base.json").exit_code == 0


def test_a_new_conflict_still_fails_and_stale_entries_are_reported(baselined):
    (baselined / "d.txt").write_text(DRAFT.replace("where the governor considers it necessary", "at the discretion of the officer in charge"))
    result = check("--baseline", "base.json")
    assert result.exit_code == 1
    assert "conflict BR24" in result.output
    assert "baseline entry BR24 conflict in d.txt matches no finding any more" in result.output


def test_rewriting_keeps_existing_reasons(baselined):
    assert check("--write-baseline", "base.json").exit_code == 0
    reasons = {e["rule"]: e["reason"] for e in json.loads((baselined / "base.json").read_text())["findings"]}
    assert reasons == {r: f"accepted {r} until the 2025 revision" for r in ("BR24", "BR22", "BR23")}
