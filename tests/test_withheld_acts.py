"""An act a duty is done without ("escorted without the use of handcuffs") is forbidden by that
duty; leave to act without it permits nothing about it; a ban on acting without it requires it."""

import pytest


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
def test_a_duty_done_without_restraints_forbids_them(verdict, text):
    assert verdict(text, 24) in ("covered", "partial")


def test_leave_to_act_without_restraints_permits_no_restraint(verdict):
    assert verdict("12. A woman in labour may be escorted to hospital without restraints.", 24) != "conflict"


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


def test_what_a_measure_replaces_is_withheld(verdict) -> None:
    # ASEAN regulation: leave to use something instead of restraints permits no restraint
    assert (
        verdict("Section 30. During labour and delivery, electronic monitoring may be used instead of restraints.", 24)
        == "gap"
    )
    # civil-law code: a duty to escort in place of handcuffs forbids them
    assert (
        verdict("Article 12. A woman in labour shall be escorted by two female officers in place of handcuffs.", 24)
        == "partial"
    )
    # US directive: devices in place of strip searches are Rule 20's alternative screening
    assert verdict("Electronic detection devices shall be used in place of strip searches.", 20) == "partial"
