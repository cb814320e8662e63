"""`bangkok-lint diff`: an amendment that changes one clause."""

from __future__ import annotations

import hashlib
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
    assert (
        lines[3]
        == "  - 1: \u201cInstruments of restraint shall never be used on a woman during labour, during birth or immediately after birth.\u201d"
    )
    assert (
        lines[4]
        == "  + 1: \u201cInstruments of restraint may be used on a pregnant prisoner during labour where the governor considers it necessary.\u201d"
    )
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


# A Commonwealth-style amendment that adds an override clause: clause 1 itself never changes.
PROHIBITION = """Prison Rules 2024

1. Instruments of restraint shall not be used on a woman during labour, during birth or immediately after birth.

2. Every prisoner shall receive adequate food.
"""
OVERRIDE = (
    PROHIBITION
    + """
3. Notwithstanding rule 1, the governor may authorise the use of handcuffs on a woman during labour where she is considered an escape risk.
"""
)
OVERRIDE_QUOTE = "3: \u201cNotwithstanding rule 1, the governor may authorise the use of handcuffs on a woman during labour where she is considered an escape risk.\u201d"
UNCHANGED_QUOTE = "1: \u201cInstruments of restraint shall not be used on a woman during labour, during birth or immediately after birth.\u201d (unchanged)"


@pytest.fixture
def override(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "v1.txt").write_text(PROHIBITION)
    (tmp_path / "v2.txt").write_text(OVERRIDE)


def test_a_new_conflict_quotes_the_added_clause_and_marks_the_cited_one_unchanged(override):
    result = CliRunner().invoke(main, ["diff", "v1.txt", "v2.txt"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[2].startswith("BR24 newly in conflict: covered -> conflict")
    assert lines[3:5] == [f"  + {OVERRIDE_QUOTE}", f"  = {UNCHANGED_QUOTE}"]
    assert not any(line.startswith("  - ") for line in lines)  # nothing was removed


def test_a_resolved_conflict_never_shows_one_sentence_on_both_sides(override, versions):
    lines = CliRunner().invoke(main, ["diff", "v2.txt", "v1.txt"]).output.splitlines()
    assert lines[3:5] == [f"  - {OVERRIDE_QUOTE}", f"  = {UNCHANGED_QUOTE}"]
    # Rewording the conflicting clause itself: the old words removed, the new ones added.
    lines = CliRunner().invoke(main, ["diff", "new.txt", "old.txt"]).output.splitlines()
    assert lines[2].startswith("BR24 conflict resolved")
    assert lines[3].startswith("  - 1: \u201cInstruments of restraint may be used on a pregnant prisoner")
    assert lines[4].startswith("  + 1: \u201cInstruments of restraint shall never be used on a woman")


def test_select_limits_the_comparison_to_the_chosen_rules(versions):
    result = CliRunner().invoke(main, ["diff", "old.txt", "new.txt", "--select", "22-23"])
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == "no rule changed verdict"
    assert CliRunner().invoke(main, ["diff", "old.txt", "new.txt", "--select", "BR24"]).exit_code == 1


def test_a_comparison_can_be_published_as_html_or_markdown(override):
    html = CliRunner().invoke(main, ["diff", "v1.txt", "v2.txt", "--format", "html"]).output
    assert (
        html.startswith("<!DOCTYPE html>") and "<title>What the amendment changes: v1.txt \u2192 v2.txt</title>" in html
    )
    assert "<caption>Rules whose verdict changed</caption>" in html and '<th scope="col">Change</th>' in html
    assert "Added: <ins><strong>3</strong>: \u201cNotwithstanding rule 1" in html
    assert "Unchanged: <strong>1</strong>" in html and "<del>" not in html
    digest = hashlib.sha256(OVERRIDE.encode()).hexdigest()
    assert digest in html
    md = CliRunner().invoke(main, ["diff", "v2.txt", "v1.txt", "--format", "markdown"]).output
    assert (
        "| [BR24](#br24) | No restraints during labour, birth and immediately after birth | conflict resolved | conflict \u2192 covered |"
        in md
    )
    assert "- Removed: ~~3: \u201cNotwithstanding rule 1" in md
    assert '<a id="br24"></a>' in md and digest in md
