"""A list under a heading alone reads the heading as its lead-in; a schedule's numbered list
after the body is a list, not a table of contents.

Commonwealth schedules and South Asian jail manuals list punishments under a heading with no
lead-in sentence: the heading says what the items are.
"""

import pytest

from linter.engine import check_document
from linter.pattern_tests import example_document

CARIBBEAN_SCHEDULE = """\
THE PRISONS ACT

41. The Superintendent may punish a prisoner found guilty of a prison offence by any punishment in the First Schedule.

FIRST SCHEDULE

(Section 41)

PUNISHMENTS WHICH MAY BE AWARDED BY THE SUPERINTENDENT

1. Caution.

2. Loss of remission not exceeding twenty days.

3. Confinement in a separate cell for a period not exceeding seven days.

4. Suspension of visits and letters for a period not exceeding six weeks.
"""

SOUTH_ASIAN_MANUAL = """\
CHAPTER XXX
MINOR PUNISHMENTS

Rule 811.
(i) formal warning;
(ii) change of labour to some more irksome form;
(iii) stoppage of interviews and letters for a period not exceeding two months;
(iv) separate confinement not exceeding ten days.
"""

PACIFIC_SCHEDULE = """\
CORRECTIONS REGULATIONS

12. A prisoner who commits a disciplinary offence is liable to a penalty in the Schedule.

SCHEDULE
PENALTIES
(a) a warning;
(b) forfeiture of family visits for up to 28 days;
(c) extra duties for up to 7 days.
"""


def _verdicts(text: str) -> dict[int, str]:
    result = check_document(example_document(text), ["all"])
    return {r.rule: r.verdict for r in result.rules if r.verdict != "gap"}


@pytest.mark.parametrize(
    "text, expected",
    [
        (CARIBBEAN_SCHEDULE, {22: "conflict", 23: "conflict"}),
        (SOUTH_ASIAN_MANUAL, {22: "conflict", 23: "conflict"}),
        (PACIFIC_SCHEDULE, {23: "conflict"}),
    ],
    ids=["caribbean-schedule", "south-asian-manual", "pacific-schedule"],
)
def test_punishments_listed_under_a_heading_alone_are_punishments(text, expected):
    # A caution or warning is a disciplinary award here, not a sentencing alternative (Rule 57).
    assert _verdicts(text) == expected


def test_an_item_with_a_lead_in_sentence_or_a_modal_of_its_own_keeps_its_own_reading():
    text = (
        "PUNISHMENTS\n\n"
        "14. (1) A prisoner shall be told of the charge against him.\n"
        "(2) Visits and letters shall be allowed to every prisoner.\n"
    )
    assert 23 not in _verdicts(text)


def test_a_heading_that_names_no_punishment_lends_none():
    text = "VISITS\n\n1. Visits and letters for a period not exceeding one hour each week.\n"
    assert 23 not in _verdicts(text)


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(p.label, p.kind) for p in example_document(text).provisions]


def test_a_numbered_list_after_the_body_is_not_a_table_of_contents():
    kinds = _kinds(CARIBBEAN_SCHEDULE)
    assert ("3", "body") in kinds and ("4", "body") in kinds


def test_a_table_of_contents_before_the_body_or_naming_later_sections_still_is_one():
    before_the_body = (
        "ARRANGEMENT OF SECTIONS\n\n1. Short title.\n\n2. Interpretation.\n\n3. Women prisoners.\n\n"
        "PART I\n\n1. This Act may be cited as the Prisons Act.\n"
    )
    assert ("3", "toc") in _kinds(before_the_body)
    naming_later_sections = (
        "5. The Minister may make rules.\n\nPART II CONTENTS\n\n6. Searches.\n\n7. Restraints.\n\n"
        "PART II\n\n6. Searches\n\n(1) An officer may search a prisoner.\n\n7. Restraints\n\n(1) Handcuffs may be used.\n"
    )
    assert ("7", "toc") in _kinds(naming_later_sections)
