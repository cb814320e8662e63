"""`bangkok-lint diff`: an amendment that changes one clause."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from linter.cli import main

OLD = """Prison Rules 2024

1. Instruments of restraint shall never be used on a woman during labour, during birth or immediately after birth.

2. Every prisoner shall receive adequate food.
"""
NEW = OLD.replace(
    "shall never be used on a woman during labour, during birth or immediately after birth",
    "may be used on a pregnant prisoner during labour where the governor considers it necessary",
)


@pytest.fixture
def versions(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old.txt").write_text(OLD)
    (tmp_path / "new.txt").write_text(NEW)


def test_amendment_introducing_a_conflict_exits_1_and_quotes_both_clauses(versions):
    result = CliRunner().invoke(main, ["diff", "old.txt", "new.txt"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[:2] == ["--- old.txt", "+++ new.txt"]
    assert lines[2].startswith("BR24 newly in conflict: covered -> conflict")
    assert lines[3] == "  - 1: \u201cInstruments of restraint shall never be used on a woman during labour, during birth or immediately after birth.\u201d"
    assert lines[4] == "  + 1: \u201cInstruments of restraint may be used on a pregnant prisoner during labour where the governor considers it necessary.\u201d"
    assert lines[-1] == "1 rule(s) changed; 1 new conflict(s)"


def test_reverting_resolves_the_conflict_and_exits_0(versions):
    result = CliRunner().invoke(main, ["diff", "new.txt", "old.txt", "--format", "json"])
    assert result.exit_code == 0
    changes = json.loads(result.output)["changes"]
    assert [(c["code"], c["kind"], c["old"]["verdict"], c["new"]["verdict"]) for c in changes] == [
        ("BR24", "resolved", "conflict", "covered")
    ]


def test_unreadable_version_exits_3(versions):
    assert CliRunner().invoke(main, ["diff", "old.txt", "missing.txt"]).exit_code == 3
