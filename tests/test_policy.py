"""The Bangkok Rules pack (policies/bangkok-rules.yaml) and the policy loader."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from linter.errors import PolicyError
from linter.policy import NORMS, load_policy, load_policy_file
from linter.resources import data_path

REPO = Path(__file__).resolve().parents[1]
OFFICIAL = Path(__file__).resolve().parents[2] / "shared" / "bangkok-rules"


@pytest.fixture(scope="module")
def policy():
    return load_policy()


def official_text(name: str) -> str:
    path = OFFICIAL / name
    if not path.is_file():
        pytest.skip(f"official text {path} not available")
    return path.read_text(encoding="utf-8")


def normalise(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u2011", "-").split())


# --- the pack's content -------------------------------------------------------------


def test_pack_has_rules_1_to_70(policy):
    assert [rule.number for rule in policy.rules] == list(range(1, 71))
    assert policy.id == "bangkok"
    assert policy.short_name == "Bangkok Rules"
    assert policy.default_scope == ("prison-administration",)
    assert set(policy.scopes) == {
        "prison-administration",
        "pretrial",
        "courts-sentencing",
        "juvenile-justice",
        "research-awareness",
    }


def test_rule_24_is_the_absolute_ban_on_restraints_in_childbirth(policy):
    rule = policy.rule(24)
    assert rule.text == (
        "Instruments of restraint shall never be used on women during labour, during birth and immediately after birth."
    )
    assert rule.norm == "absolute-prohibition"
    assert rule.code == "BR24"
    assert rule.citation == "Bangkok Rule 24"
    assert rule.section_path == (
        "I. Rules of general application / 7. Safety and security / (c) Instruments of restraint"
    )
    assert rule.supplements == "rules 33 and 34 of the Standard Minimum Rules for the Treatment of Prisoners"


def test_rule_2_has_two_numbered_paragraphs(policy):
    rule = policy.rule(2)
    assert [p.label for p in rule.paragraphs] == ["1", "2"]
    assert rule.subsection == "2. Admission"
    assert rule.supplements is None
    assert rule.text.startswith("1. Adequate attention shall be paid to the admission procedures")
    assert "\n2. Prior to or on admission, women with caretaking responsibilities" in rule.text


def test_rule_6_has_a_lead_in_and_items_a_to_e(policy):
    (paragraph,) = policy.rule(6).paragraphs
    assert paragraph.label is None
    assert paragraph.text.endswith("and also shall determine:")
    assert [item.label for item in paragraph.items] == ["a", "b", "c", "d", "e"]
    assert paragraph.items[0].text.startswith("The presence of sexually transmitted diseases")
    assert "\n(e) Sexual abuse and other forms of violence" in policy.rule(6).text
    # The subheading's own note overrides the note on "6. Health-care services".
    assert policy.rule(6).supplements == "rule 24 of the Standard Minimum Rules for the Treatment of Prisoners"
    assert policy.rule(10).supplements == "rules 22 to 26 of the Standard Minimum Rules for the Treatment of Prisoners"


def test_rule_41_has_items_a_to_d(policy):
    (paragraph,) = policy.rule(41).paragraphs
    assert [item.label for item in paragraph.items] == ["a", "b", "c", "d"]
    assert paragraph.items[3].text.startswith("Ensure that those with mental health care needs")


def test_section_two_nests_part_and_heading(policy):
    assert policy.rule(43).section_path == (
        "II. Rules applicable to special categories / A. Prisoners under sentence / Social relations and aftercare"
    )
    assert policy.rule(56).section_path == (
        "II. Rules applicable to special categories / B. Prisoners under arrest or awaiting trial"
    )
    assert policy.rule(57).section_path == "III. Non-custodial measures"


def test_scopes_follow_the_sections(policy):
    for number in range(57, 67):
        assert "courts-sentencing" in policy.rule(number).scope, number
    for number in range(67, 71):
        assert policy.rule(number).scope == ("research-awareness",), number
    assert "pretrial" in policy.rule(56).scope
    for number in (36, 37, 38, 39, 65):
        assert "juvenile-justice" in policy.rule(number).scope, number


def test_norms_judged_from_the_wording(policy):
    assert policy.rule(22).norm == "prohibition"  # "shall not be applied"
    assert policy.rule(4).norm == "qualified-obligation"  # "to the extent possible"
    assert policy.rule(67).norm == "aspirational"  # "Efforts shall be made"
    assert policy.rule(49).norm == "absolute-prohibition"  # "shall never be treated as prisoners"
    assert policy.rule(49).norm_note  # mixed paragraphs are explained
    assert {rule.norm for rule in policy.rules} <= set(NORMS)


def test_titles_are_short_and_distinct(policy):
    titles = [rule.title for rule in policy.rules]
    assert all(0 < len(title) <= 70 for title in titles)
    assert len(set(titles)) == 70


def test_rule_text_is_verbatim_from_the_resolution(policy):
    # The plain-text resolution has "?" where an apostrophe was lost ("women?s"); the pack
    # restores "’" as printed in the published rules. Everything else must match exactly.
    source = normalise(re.sub(r"(?<=[a-z])\?(?=[s ])", "\u2019", official_text("resolution-65-229-en.txt")))
    missing = [
        (rule.number, text[:50])
        for rule in policy.rules
        for paragraph in rule.paragraphs
        for text in (paragraph.text, *(item.text for item in paragraph.items))
        if text not in source or text != normalise(text)
    ]
    assert missing == []
    assert not any("?" in rule.text for rule in policy.rules)


def test_headings_and_notes_come_from_the_published_rules(policy):
    source = normalise(official_text("bangkok-rules-en.txt"))
    quoted = [
        (rule.number, text)
        for rule in policy.rules
        for text in (
            rule.section,
            rule.subsection,
            rule.subheading,
            rule.supplements and f"[Supplements {rule.supplements}]",
        )
        if text
    ]
    assert [(number, text) for number, text in quoted if text not in source] == []


# --- the loader ---------------------------------------------------------------------


def test_rule_lookup_outside_the_pack_is_a_policy_error(policy):
    for number in (0, 71, "24"):
        with pytest.raises(PolicyError, match="no rule"):
            policy.rule(number)


def test_loaded_once_and_immutable(policy):
    assert load_policy() is policy
    with pytest.raises(dataclasses.FrozenInstanceError):
        policy.rule(1).norm = "aspirational"


def test_unknown_pack_name_lists_the_available_ones():
    with pytest.raises(PolicyError, match=r"no policy pack named 'mandela-rules'.*bangkok-rules"):
        load_policy("mandela-rules")


def test_data_path_is_the_checkout_folder():
    assert Path(str(data_path("policies"))) == REPO / "policies"


GOOD_PACK = """\
policy:
  id: mandela
  name: "United Nations Standard Minimum Rules for the Treatment of Prisoners"
  short_name: Nelson Mandela Rules
  source: "General Assembly resolution 70/175, annex"
  code_prefix: MR
  citation: "Nelson Mandela Rule {number}"
  help_uri: https://example.org/mandela
  scopes:
    prison-administration: Prison authorities
  default_scope: [prison-administration]
rules:
  - number: 2
    title: Impartial application
    section: "Rules of general application"
    norm: obligation
    scope: [prison-administration]
    paragraphs:
      - label: 1
        text: "The present rules shall be applied impartially."
      - label: 2
        text: "Prison administrations shall take account of the individual needs of prisoners."
  - number: 1
    title: Respect for dignity
    section: "Rules of general application"
    subheading: "Basic principles"
    norm: absolute-prohibition
    scope: [prison-administration]
    paragraphs:
      - label: null
        text: "No prisoner shall be subjected to torture:"
        items:
          - {label: a, text: "first;"}
          - {label: b, text: "second."}
"""


def write_pack(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_any_rule_set_loads_with_the_same_code(tmp_path):
    pack = load_policy_file(write_pack(tmp_path, GOOD_PACK))
    assert [rule.number for rule in pack.rules] == [1, 2]
    first = pack.rule(1)
    assert first.code == "MR1"
    assert first.citation == "Nelson Mandela Rule 1"
    assert first.section_path == "Rules of general application / Basic principles"
    assert first.text == "No prisoner shall be subjected to torture:\n(a) first;\n(b) second."
    assert pack.rule(2).paragraphs[1].label == "2"
    assert pack.rule(2).text.splitlines()[0] == "1. The present rules shall be applied impartially."


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("    title: Impartial application\n", "", r"rule 2: missing required field 'title'"),
        ("norm: obligation", "norm: must", r"rule 2: norm 'must' is not one of"),
        (
            "scope: [prison-administration]\n    paragraphs:\n      - label: 1",
            "scope: [courts]\n    paragraphs:\n      - label: 1",
            r"rule 2: scope: unknown scope 'courts'",
        ),
        ("  - number: 1\n", "  - number: 2\n", r"rule 2 appears more than once"),
        ("  - number: 1\n", "  - number: 3\n", r"numbered 1-2 without gaps; rule 1 is missing"),
        ("    norm: obligation\n", "    norm: obligation\n    severity: high\n", r"rule 2: unknown field 'severity'"),
        ("  code_prefix: MR\n", "", r"policy: missing required field 'code_prefix'"),
        ('text: "first;"', "text: ''", r"rule 1: paragraph 1: item 1: text: must be non-empty text"),
        ("  - number: 2\n", "  - number: two\n", r"'number' must be a whole number"),
        ("default_scope: [prison-administration]", "default_scope: [everyone]", r"default_scope: unknown scope"),
        ("rules:\n", "rules: [\n", r"cannot read policy pack"),
    ],
)
def test_malformed_pack_is_a_policy_error_naming_the_place(tmp_path, old, new, message):
    assert old in GOOD_PACK
    with pytest.raises(PolicyError, match=message):
        load_policy_file(write_pack(tmp_path, GOOD_PACK.replace(old, new, 1)))
