"""SARIF output: schema-valid, and shaped the way GitHub code scanning needs."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from linter.cli import main
from linter.policy import load_policy

SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "sarif-schema-2.1.0.json"

DRAFT = """Prison Rules 2024

Part 1 Restraints

1. Instruments of restraint may be used on a pregnant prisoner during labour where the governor considers it necessary.

2. Every prisoner shall receive adequate food.
"""


def sarif(*args: str) -> dict:
    result = CliRunner().invoke(main, ["check", "--format", "sarif", *args])
    assert result.exit_code in (0, 1, 3), result.output
    return json.loads(result.output)


@pytest.fixture
def draft(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "laws").mkdir()
    (tmp_path / "laws" / "draft.txt").write_text(DRAFT, encoding="utf-8")
    return tmp_path


def test_validates_against_the_sarif_schema(draft):
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.is_file():
        pytest.skip("shared SARIF schema not available")
    (draft / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    payload = sarif("laws", "broken.pdf", "--select", "22-24")
    jsonschema.validate(payload, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert payload["runs"][0]["invocations"][0]["executionSuccessful"] is False


def test_conflict_result_points_at_the_clause(draft):
    run = sarif("laws", "--select", "22-24")["runs"][0]
    conflict = next(r for r in run["results"] if r["ruleId"] == "BR24")
    assert conflict["level"] == "error"
    location = conflict["locations"][0]
    assert location["physicalLocation"]["artifactLocation"] == {"uri": "laws/draft.txt", "uriBaseId": "%SRCROOT%"}
    region = location["physicalLocation"]["region"]
    assert region["startLine"] == 5
    assert region["snippet"]["text"].startswith("Instruments of restraint may be used")
    assert location["logicalLocations"][0]["name"] == "1"


def test_gaps_are_left_out_unless_asked_for(draft):
    results = sarif("laws", "--select", "22-24")["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["BR24"]


def test_every_result_has_a_start_line_and_gaps_point_at_line_1(draft):
    results = sarif("laws", "--select", "22-24", "--show", "gap")["runs"][0]["results"]
    assert {r["ruleId"]: r["level"] for r in results} == {"BR24": "error", "BR22": "note", "BR23": "note"}
    for r in results:
        if r["level"] == "note":
            assert r["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}


def test_rules_carry_text_and_help(draft):
    rules = sarif("laws", "--select", "24")["runs"][0]["tool"]["driver"]["rules"]
    policy = load_policy()
    assert len(rules) == len(policy.rules)
    br24 = rules[23]
    assert br24["id"] == "BR24"
    assert br24["fullDescription"]["text"] == "Instruments of restraint shall never be used on women during labour, during birth and immediately after birth."
    assert br24["helpUri"].startswith("https://")
    assert br24["shortDescription"]["text"] == policy.rule(24).title


def test_fingerprint_survives_moved_lines(draft):
    before = sarif("laws", "--select", "24")["runs"][0]["results"][0]
    moved = DRAFT.replace("Part 1 Restraints\n", "Part 1 Restraints\n\nA. Definitions apply.\n\nB. Staff shall be trained.\n")
    (draft / "laws" / "draft.txt").write_text(moved, encoding="utf-8")
    after = sarif("laws", "--select", "24")["runs"][0]["results"][0]
    assert after["locations"][0]["physicalLocation"]["region"]["startLine"] == 9
    assert after["partialFingerprints"] == before["partialFingerprints"]


def test_docx_start_line_is_the_paragraph_ordinal(draft):
    word = docx.Document()
    for text in ["Prison Rules 2024", "Part 1 Restraints", "1. Every prisoner shall receive adequate food.",
                 "2. Instruments of restraint may be used on a pregnant prisoner during labour where the governor considers it necessary."]:
        word.add_paragraph(text)
    word.save(str(draft / "draft.docx"))
    result = sarif("draft.docx", "--select", "24")["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 4
    assert result["properties"]["paragraph"] == 4
