"""A ban that holds only on a doctor's say-so ("shall not be restrained if the medical officer
objects") leaves the act allowed whenever the doctor says nothing: a way round the ban. A ban
narrowed to the woman's own state ("if she is in labour") is protective and stays a ban."""

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Rule 41. A pregnant prisoner shall not be restrained during labour if the medical officer objects.",
        "§ 3-214(b) An inmate in labor shall not be shackled where the attending physician so directs.",
        "Article 12. Restraints shall not be applied to a woman in childbirth if the doctor considers that they would endanger her health.",
    ],
    ids=["westminster", "us-code", "civil-law"],
)
def test_a_ban_on_a_doctors_say_so_re_permits_restraint(verdict, text):
    assert verdict(text, 24) == "conflict"


@pytest.mark.parametrize(
    "text",
    [
        "Rule 41. A prisoner shall not be restrained if she is in labour or has recently given birth.",
        "Article 12. Instruments of restraint shall never be used on women during labour. A woman shall be moved to hospital where the medical officer so advises.",
    ],
    ids=["narrowed-to-her-state", "doctor-condition-on-another-duty"],
)
def test_a_protective_condition_keeps_the_ban(verdict, text):
    assert verdict(text, 24) in ("covered", "partial")


@pytest.mark.parametrize(
    "text",
    [
        "Sec. 8. An inmate who is pregnant shall not be placed in restrictive housing without the prior written "
        "approval of the Warden.",
        "27. (3) A prisoner who is breastfeeding shall not be placed in a segregation unit without the prior "
        "written permission of the Governor.",
    ],
    ids=["us-directive", "westminster"],
)
def test_a_ban_lifted_by_an_officials_written_leave_re_permits_segregation(verdict, text):
    assert verdict(text, 22) == "conflict"
