"""An act a duty is done without ("escorted without the use of handcuffs") is forbidden by that
duty; leave to act without it permits nothing about it; a ban on acting without it requires it."""

from pathlib import Path

import pytest

from linter.engine import check_document
from linter.extract import read_document


def _rule_24(tmp_path: Path, text: str) -> str:
    path = tmp_path / "regulation.txt"
    path.write_text(text + "\n", encoding="utf-8")
    return {r.rule: r.verdict for r in check_document(read_document(path), ("all",)).rules}[24]


@pytest.mark.parametrize(
    "text",
    [
        # Westminster rules.
        "12. A woman in labour shall be escorted to hospital without the use of handcuffs or leg irons.",
        # A Latin American code in translation.
        "Article 47. The escort of a woman during childbirth shall be carried out without handcuffs or other means of restraint.",
    ],
    ids=["westminster", "latin-american"],
)
def test_a_duty_done_without_restraints_forbids_them(tmp_path, text):
    assert _rule_24(tmp_path, text) in ("covered", "partial")


def test_leave_to_act_without_restraints_permits_no_restraint(tmp_path):
    assert _rule_24(tmp_path, "12. A woman in labour may be escorted to hospital without restraints.") != "conflict"


@pytest.mark.parametrize(
    "kind, read_as",
    [
        ("obligation", "prohibition"),  # "shall be escorted without handcuffs"
        ("prohibition", "obligation"),  # "shall not be moved without handcuffs": they are required
        ("permission", "statement"),  # "may be escorted without handcuffs": nothing about handcuffs
    ],
)
def test_how_doing_without_turns_the_clause_stance(kind, read_as):
    from linter.engine.checks import _withheld
    from linter.nlp.deontic import Stance

    assert _withheld(Stance(kind, ("shall",))).kind == read_as
