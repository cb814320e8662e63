"""The deontic analysis: the stance a clause takes toward the act it governs."""

import pytest

from linter.nlp.deontic import doc_stance, stance_at
from linter.nlp.pipeline import build_pipeline


def _stance(text: str, act: str) -> str:
    nlp = build_pipeline()
    doc = nlp(text)
    token = next(t.i for t in doc if t.lower_ == act)
    stance = stance_at(doc._.clauses, token)
    return stance.kind if stance else "none"


@pytest.mark.parametrize(
    "text, act, expected",
    [
        ("Restraints shall not be used on a woman in labour.", "restraints", "prohibition"),
        ("No prisoner shall be restrained during labour.", "restrained", "prohibition"),
        ("Under no circumstances shall restraints be used.", "restraints", "prohibition"),
        ("Handcuffs shall never be applied to a woman giving birth.", "handcuffs", "prohibition"),
        ("The use of restraints on pregnant women is prohibited.", "restraints", "prohibition"),
        ("Restraints may not be used on a pregnant prisoner.", "restraints", "prohibition"),
        ("Restraints shall not be used unless the governor so directs.", "restraints", "excepted-prohibition"),
        (
            "Restraints shall not be used on a woman in labour except where she is violent.",
            "restraints",
            "excepted-prohibition",
        ),
        ("Restraints may be used where a prisoner attempts to escape.", "restraints", "permission"),
        ("It shall be lawful for the Superintendent to put a prisoner in fetters.", "fetters", "permission"),
        ("Restraints shall be used only where necessary to prevent escape.", "restraints", "limited"),
        ("The governor shall provide sanitary towels to every woman.", "towels", "obligation"),
        ("A woman prisoner is entitled to sanitary towels free of charge.", "towels", "obligation"),
        ("Sanitary towels shall, where practicable, be provided free of charge.", "towels", "qualified-obligation"),
        ("Efforts should be made to provide sanitary towels.", "towels", "qualified-obligation"),
        ("Sanitary towels are supplied on request.", "towels", "none"),
        ("No inmate shall be permitted a visit during the first month.", "visit", "prohibition"),
        ("No prisoner may be restrained while in labour.", "restrained", "prohibition"),
        ("A prisoner shall not be punished twice, but may be warned.", "warned", "permission"),
        ("Paragraph (3) does not apply where the search cannot reasonably be delayed.", "search", "permission"),
    ],
)
def test_stance(text, act, expected):
    assert _stance(text, act) == expected


def test_stance_follows_the_clause_of_the_act():
    # Two clauses with opposite stances: each act takes its own clause's stance.
    text = (
        "Restraints may be used on any prisoner who attempts escape; handcuffs shall not be used on a woman in labour."
    )
    assert _stance(text, "restraints") == "permission"
    assert _stance(text, "handcuffs") == "prohibition"


def test_proviso_in_next_sentence_re_permits():
    text = "A woman in labour shall not be restrained. Provided that the officer in charge may apply handcuffs where she is violent."
    assert _stance(text, "restrained") == "excepted-prohibition"


def test_lead_in_takes_the_modal_its_items_continue():
    doc = build_pipeline()("Every prisoner shall attend an education programme, and such programmes may\u2014")
    assert doc_stance(doc._.clauses).kind == "permission"


@pytest.mark.parametrize(
    "text, act, expected",
    [
        # US laws run a heading into the text; the heading must not hide the opening "No".
        (
            "(a) Prohibition.—No covered facility shall use restraints on a pregnant prisoner.",
            "restraints",
            "prohibition",
        ),
        (
            "(b) In general.--No officer shall place a pregnant woman in solitary confinement.",
            "solitary",
            "prohibition",
        ),
        (
            "(c) Exception.—A covered facility may use restraints where a prisoner attempts to escape.",
            "restraints",
            "permission",
        ),
    ],
)
def test_run_in_headings_do_not_hide_the_stance(text, act, expected):
    assert _stance(text, act) == expected
