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
    assert (
        br24["fullDescription"]["text"]
        == "Instruments of restraint shall never be used on women during labour, during birth and immediately after birth."
    )
    assert br24["helpUri"].startswith("https://")
    assert br24["shortDescription"]["text"] == policy.rule(24).title


def test_fingerprint_survives_moved_lines(draft):
    before = sarif("laws", "--select", "24")["runs"][0]["results"][0]
    moved = DRAFT.replace(
        "Part 1 Restraints\n", "Part 1 Restraints\n\nA. Definitions apply.\n\nB. Staff shall be trained.\n"
    )
    (draft / "laws" / "draft.txt").write_text(moved, encoding="utf-8")
    after = sarif("laws", "--select", "24")["runs"][0]["results"][0]
    assert after["locations"][0]["physicalLocation"]["region"]["startLine"] == 9
    assert after["partialFingerprints"] == before["partialFingerprints"]


def test_docx_start_line_is_the_paragraph_ordinal(draft):
    word = docx.Document()
    for text in [
        "Prison Rules 2024",
        "Part 1 Restraints",
        "1. Every prisoner shall receive adequate food.",
        "2. Instruments of restraint may be used on a pregnant prisoner during labour where the governor considers it necessary.",
    ]:
        word.add_paragraph(text)
    word.save(str(draft / "draft.docx"))
    result = sarif("draft.docx", "--select", "24")["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 4
    assert result["properties"]["paragraph"] == 4


# Westminster style: a ban whose next paragraph re-permits the act, and a second rule permitting it outright.
EXCEPTED = """Prison Rules 2024

12.—(1) Restraints shall not be used on a woman during labour or childbirth.
(2) Notwithstanding paragraph (1), an officer may apply handcuffs where the governor so directs.

13. A pregnant prisoner may be placed in leg irons while giving birth if she has tried to escape.
"""


def test_one_result_per_conflicting_clause_with_the_others_related(draft):
    (draft / "laws" / "draft.txt").write_text(EXCEPTED, encoding="utf-8")
    results = sarif("laws", "--select", "24")["runs"][0]["results"]
    assert [(r["ruleId"], r["properties"]["label"]) for r in results] == [
        ("BR24", "12(1)"),
        ("BR24", "12(2)"),
        ("BR24", "13"),
    ]
    assert len({r["partialFingerprints"]["bangkokLint/v1"] for r in results}) == 3
    ban = results[0]
    related = [
        (loc["physicalLocation"]["region"]["startLine"], loc["message"]["text"]) for loc in ban["relatedLocations"]
    ]
    assert related[0] == (4, "12(2): the exception that re-permits the act")
    assert (6, "13 also conflicts with the rule") in related
    assert [loc["id"] for loc in ban["relatedLocations"]] == list(range(len(related)))
    exception = results[1]
    assert (
        exception["relatedLocations"][0]["message"]["text"]
        == "12(1): the prohibition this clause makes an exception to"
    )
    assert "(12(2))" in exception["message"]["text"]  # each result names its own clause
    assert exception["message"]["text"].endswith(
        "Amend or repeal provision 12(2) so that it no longer contradicts Bangkok Rule 24."
    )


def test_rules_link_to_their_generated_pages_with_markdown_help_and_precision(draft):
    rules = sarif("laws", "--select", "24")["runs"][0]["tool"]["driver"]["rules"]
    root = Path(__file__).resolve().parents[1]
    for rule in rules:
        page = root / "docs" / "rules" / rule["helpUri"].rsplit("/", 1)[1]
        assert rule["helpUri"].endswith(f"/docs/rules/{page.name}") and page.is_file()
        assert rule["help"]["markdown"] == page.read_text(encoding="utf-8")
        assert rule["properties"]["precision"] in ("very-high", "high", "medium", "low")
        assert "security" not in rule["properties"]["tags"]
    br24 = rules[23]
    assert br24["helpUri"].endswith("/docs/rules/BR24.md")
    assert "## Why it matters" in br24["help"]["markdown"] and "## Examples" in br24["help"]["markdown"]
    assert br24["properties"]["precision"] == "high"  # its conflict checks


def test_each_result_carries_its_checks_precision(draft):
    result = sarif("laws", "--select", "24")["runs"][0]["results"][0]
    assert (result["properties"]["check"], result["properties"]["precision"]) == (
        "restraint-permitted-in-childbirth",
        "high",
    )


def test_new_fields_validate_against_the_sarif_schema(draft):
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.is_file():
        pytest.skip("shared SARIF schema not available")
    (draft / "laws" / "draft.txt").write_text(EXCEPTED, encoding="utf-8")
    payload = sarif("laws", "--show", "gap", "--select", "20-30")
    assert any("relatedLocations" in r for r in payload["runs"][0]["results"])
    jsonschema.validate(payload, json.loads(SCHEMA.read_text(encoding="utf-8")))
