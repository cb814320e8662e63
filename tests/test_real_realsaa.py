"""Real-law probe, South Asian jail manuals, ASEAN regulations and Pacific corrections acts.

Each phenomenon was found on real regulations of these traditions the linter had not seen
(an Indian prisons act, Singapore, Thailand and Hong Kong prison regulations, an Indian state
jail manual); the clauses here are written for this test, in at least two traditions each,
with counter-cases that look alike. Expected verdicts follow the labelling conventions of
../shared/corpus-real/README.md.
"""

import pytest

from linter.engine import check_document
from linter.pattern_tests import example_document


def _verdict(text: str, rule: int) -> str:
    result = check_document(example_document(text), ["all"], similarity=False)
    return next(r.verdict for r in result.rules if r.rule == rule)


# A ban on a punishment with an exception that names the punishment again ("unless certified fit
# to undergo that punishment") allows the punishment once the exception is met: the word
# "punishment" inside the exception is the act itself, not people carved out of it.
@pytest.mark.parametrize(
    "text",
    [
        # Westminster / Pacific prison rules
        "Rule 88. No prisoner shall be placed in cellular confinement unless the medical officer has certified"
        " that the prisoner is fit to undergo that punishment.",
        # South Asian jail manual
        "Rule 612. Separate confinement shall not be ordered unless the Medical Officer has first recorded that"
        " the prisoner can bear that punishment without injury to health.",
        # ASEAN regulation
        "Regulation 41. An inmate shall not be held in solitary confinement except where the medical officer"
        " has declared the inmate fit for such punishment.",
    ],
)
def test_ban_excepted_by_fitness_for_the_punishment_conflicts_with_rule_22(text):
    assert _verdict(text, 22) == "conflict"


@pytest.mark.parametrize(
    "text",
    [
        # the exception names the women the rule protects: the punishment is barred for them
        "Rule 89. A prisoner may be placed in cellular confinement as a punishment unless she is pregnant or"
        " nursing an infant.",
        # a ban without exception
        "Regulation 42. No inmate shall be held in solitary confinement as a punishment.",
    ],
)
def test_exemptions_and_plain_bans_still_do_not_conflict_with_rule_22(text):
    assert _verdict(text, 22) != "conflict"


# "so far as practicable help" qualifies a duty to provide work; stemmed, it read as the
# "practical help" of support after release (Rule 47).
@pytest.mark.parametrize(
    "text",
    [
        # Westminster
        "Rule 51. Every prisoner shall be employed on work which will so far as practicable help him to find"
        " employment after release.",
        # South Asian jail manual
        "Rule 780. Convicts shall be taught trades which will as far as practicable help them to earn their"
        " livelihood after release.",
    ],
)
def test_practicable_help_is_no_support_after_release(text):
    assert _verdict(text, 47) == "gap"


def test_practical_help_after_release_is_still_support():
    assert _verdict("Rule 781. After release, every prisoner shall be given practical help in finding work.", 47) == (
        "partial"
    )


# Work, trade and skills training, literacy and education classes for every prisoner put part of
# Rule 42 into effect (gender-neutral, so partial).
@pytest.mark.parametrize(
    "text",
    [
        # ASEAN (Philippine jail manuals)
        "Section 30. Each jail shall run livelihood programs and skills training for persons deprived of liberty.",
        # ASEAN (Singapore-style regulations)
        "Regulation 5. The training of inmates shall include the provision of work in a skilled trade.",
        # South Asian jail manual
        "Rule 402. Literacy classes shall be held in every central jail for prisoners who cannot read.",
        # Westminster prison rules
        "31. Prisoners shall be encouraged to attend the education classes held in the prison.",
    ],
)
def test_work_and_training_for_every_prisoner_is_partial_for_rule_42(text):
    assert _verdict(text, 42) == "partial"


# Planning, from admission, for a prisoner's welfare after release is release planning (Rule 46,
# gender-neutral, so partial).
@pytest.mark.parametrize(
    "text",
    [
        # ASEAN regulation
        "Regulation 9. From admission, the superintendent shall plan for each inmate's welfare after release.",
        # Pacific corrections act
        "27. Arrangements for the prisoner's welfare on discharge shall be made before the end of the sentence.",
    ],
)
def test_planning_welfare_after_release_is_partial_for_rule_46(text):
    assert _verdict(text, 46) == "partial"


# Male staff kept from women prisoners unless accompanied is a protective conduct rule (Rule 31,
# partial): "male prison officer", "male guard" name male staff.
@pytest.mark.parametrize(
    "text",
    [
        # ASEAN regulation
        "Regulation 40. A male prison officer must not enter the cell of a female prisoner unless a female officer"
        " is present.",
        # South Asian jail manual
        "Rule 318. No male guard shall enter the female ward at night.",
    ],
)
def test_male_prison_officers_kept_from_women_is_partial_for_rule_31(text):
    assert _verdict(text, 31) == "partial"


# Registers called books and privileges "admissible" under remission rules are no admission
# to prison; with an inquiry into an offence ("may examine") they read as a medical examination
# on entry (Rule 6).
@pytest.mark.parametrize(
    "text",
    [
        # South Asian jail manual
        "Rule 620. The Superintendent shall examine the prisoner charged and record every punishment in the"
        " punishment-book.",
        # South Asian prisons act
        "Section 46. The Superintendent may examine any person about a prison offence and punish it by the loss"
        " of privileges admissible under the remission rules.",
    ],
)
def test_punishment_book_and_admissible_privileges_are_no_admission(text):
    assert _verdict(text, 6) == "gap"


def test_examination_on_admission_is_still_partial_for_rule_6():
    assert _verdict("Regulation 74. A prisoner must be examined by a medical officer soon after admission.", 6) == (
        "partial"
    )


# After an exception ("unless it has a bell"), a coordinated part with a modal of its own states its own
# duty: a prisoner confined as a punishment being visited is not carved out of anything, so nothing bars
# visits (Rule 23).
@pytest.mark.parametrize(
    "text",
    [
        # South Asian prisons act
        "Section 29. No cell shall be used for solitary confinement unless it has a bell to call an officer,"
        " and every prisoner so confined as a punishment shall be allowed one family visit each week.",
        # Pacific corrections regulation
        "Regulation 50. A detainee shall not be placed in a separation cell unless the manager approves, and"
        " each detainee so placed as a punishment shall receive visits from relatives as usual.",
    ],
)
def test_coordinated_duty_after_an_exception_bars_no_visits(text):
    assert _verdict(text, 23) != "conflict"


def test_visits_barred_during_punishment_unless_allowed_still_conflict():
    text = "Rule 57. A prisoner undergoing cellular confinement as a punishment shall not receive visits unless the governor allows them."
    assert _verdict(text, 23) == "conflict"


# An officer's daily rounds ("visited at least once a day by the Medical Officer") are no family visits:
# a punishment allowed only with such rounds bars no visits (Rule 23).
@pytest.mark.parametrize(
    "text",
    [
        # South Asian jail manual
        "Rule 78. No prisoner shall be kept in a solitary cell as a punishment unless he is visited at least once"
        " a day by the medical officer.",
        # Pacific corrections regulation
        "Regulation 52. A detainee must not be held in a separation cell as a punishment unless the detainee is"
        " visited daily by the officer in charge.",
    ],
)
def test_officers_rounds_are_no_family_visits(text):
    assert _verdict(text, 23) != "conflict"


# Contraband is a "prohibited article": a penalty for passing one to a prisoner, under a heading on
# visits, takes no family contact away (Rule 23).
@pytest.mark.parametrize(
    "text",
    [
        # South Asian prisons act
        "CHAPTER IX\nVISITS TO PRISONERS\n\n42. Penalty for introducing prohibited articles into a prison.\n\n"
        "Whoever brings a prohibited article into a prison shall be liable to a fine not exceeding five hundred rupees.\n",
        # ASEAN regulation
        "PART 6\nVISITS AND COMMUNICATIONS\n\nRegulation 30. A visitor who passes any prohibited item to an inmate"
        " is liable to a penalty of one thousand dollars.\n",
    ],
)
def test_penalty_for_contraband_is_no_loss_of_contact(text):
    assert _verdict(text, 23) == "gap"


# A visitor refused entry is not a prisoner's admission: no contact with relatives "on admission" (Rule 2).
@pytest.mark.parametrize(
    "text",
    [
        # South Asian prisons act
        "Section 41. (2) If a visitor refuses to be searched, the Jailer may deny him admission.",
        # ASEAN regulation
        "Regulation 19. (2) Where a visitor declines to be searched, the Superintendent may deny him admission.",
    ],
)
def test_visitor_refused_admission_is_no_admission_of_a_prisoner(text):
    assert _verdict(text, 2) == "gap"


# A punishment during which the prisoner may not communicate "with any person" cuts off her family
# too: a sanction that removes family contact (Rule 23).
@pytest.mark.parametrize(
    "text",
    [
        # ASEAN detention regulation
        "Regulation 61. While serving cellular confinement as a punishment, an inmate shall not communicate with"
        " any person unless the superintendent permits it.",
        # South Asian jail manual
        "Rule 640. A prisoner undergoing separate confinement as a punishment shall hold no communication with any"
        " person other than the officers of the jail.",
    ],
)
def test_no_communication_with_any_person_as_a_punishment_conflicts_with_rule_23(text):
    assert _verdict(text, 23) == "conflict"


def test_officer_barred_from_communicating_for_a_prisoner_is_no_sanction():
    text = "Section 60. A prison officer shall not hold any communication with any person on behalf of a prisoner."
    assert _verdict(text, 23) == "gap"


# "Close confinement" is a punishment by its very name (so is a "punishment cell"): a lead-in that places the
# prisoner there and an item that bars contact conflict with Rule 23.
@pytest.mark.parametrize(
    "text",
    [
        # ASEAN detention regulation
        "Regulation 24.\n(1) A detainee who commits a minor offence is liable to close confinement for up to 3 days.\n"
        "(2) A detainee under close confinement —\n(a) must remain in the cell; and\n"
        "(b) must not communicate with any person without the approval of the Director.\n",
        # Pacific corrections regulation
        "35. A prisoner kept in close confinement—\n(a) shall not receive visits or letters; and\n"
        "(b) shall be given bedding at night.\n",
    ],
)
def test_contact_barred_in_close_confinement_conflicts_with_rule_23(text):
    assert _verdict(text, 23) == "conflict"


# A ban whose exception names the punishment ("shall not be combined with any other punishment except
# cellular confinement") allows that punishment: Rule 22 conflicts.
@pytest.mark.parametrize(
    "text",
    [
        # South Asian prisons act
        "Section 47. (4) Whipping shall not be combined with any other punishment except cellular confinement.",
        # Pacific prison regulation
        "Regulation 70. No punishment shall be combined with another punishment except confinement to a cell.",
    ],
)
def test_ban_whose_exception_names_the_punishment_conflicts_with_rule_22(text):
    assert _verdict(text, 22) == "conflict"


# "The admission, at proper times, of persons" a prisoner wishes to see lets visitors in: it is no
# admission of the prisoner, so no legal advice "on admission" (Rule 2).
@pytest.mark.parametrize(
    "text",
    [
        # South Asian jail manual
        "Rule 540. Provision shall be made for the admission, at proper times, of persons whom an undertrial"
        " prisoner wishes to see, and an undertrial prisoner may see his legal adviser alone.",
        # Pacific prisons ordinance
        "21. The officer in charge shall provide for the admission, at fixed times, of the friends and legal"
        " advisers of remand prisoners.",
    ],
)
def test_visitors_let_in_at_proper_times_is_no_admission_of_a_prisoner(text):
    assert _verdict(text, 2) == "gap"


# A ban on restraining women at any time ("No female prisoner shall be put in fetters") reaches labour,
# birth and the time after birth (Rule 24); a ban on fetters as a punishment is about sanctions.
@pytest.mark.parametrize(
    "text",
    [
        # South Asian jail manual
        "Rule 700. No female prisoner shall be put in fetters or handcuffs.",
        # ASEAN regulation
        "Regulation 52. A female inmate must not be handcuffed or placed in leg irons.",
    ],
)
def test_ban_on_restraining_women_reaches_childbirth(text):
    assert _verdict(text, 24) == "covered"


def test_ban_on_fetters_as_a_punishment_for_women_is_silent_on_rule_24():
    assert _verdict("Rule 368. No female prisoner shall be punished with fetters or handcuffs.", 24) == "gap"


# An age that only triggers a decision on whether the child stays is no fixed age of separation (Rule 52).
@pytest.mark.parametrize(
    "text",
    [
        # South Asian jail manual
        "Rule 960. When a child living with its mother attains the age of six years, the Superintendent shall"
        " consider with the child welfare officer whether it should remain.",
        # Pacific corrections regulation
        "Rule 961. A child may remain with its mother until the age of six years, when the Superintendent shall"
        " review the placement with the probation officer.",
    ],
)
def test_age_that_triggers_a_review_is_no_fixed_age(text):
    assert _verdict(text, 52) != "conflict"


def test_fixed_leaving_age_still_conflicts():
    assert _verdict("Rule 540. No child shall be kept in the jail beyond the age of six years.", 52) == "conflict"
