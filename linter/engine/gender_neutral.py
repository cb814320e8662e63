"""Gender-neutral clauses, counted the way the expert labelling convention counts them.

For a rule whose core duty is not itself about sex, pregnancy or children (its pattern file
says `gender_neutral: true`), a clause that applies to all prisoners and puts one of the
rule's `gender_neutral` elements into effect reaches women too, but lacks what the rule
asks for women specifically: the rule is at most partial, and the finding says so.

A clause is gender-neutral when it names none of the people the rule's gender-specific
elements are about (the `subject` concepts of its other elements: women, pregnant women,
mothers ...), in its own words, its lead-in, its headings or the definitions it uses.
"""

from __future__ import annotations

from linter.engine.checks import Match
from linter.patterns import Concept, RulePatterns

NOTE = "gender-neutral clause: it applies to all prisoners, so it reaches women too, but makes no provision for women specifically"
MISSING = "provision for women specifically (the clauses cited apply to all prisoners)"


def gendered_subjects(patterns: RulePatterns, concepts: dict[str, Concept]) -> frozenset[str]:
    """The people the rule's gender-specific elements are about."""
    return frozenset(
        c
        for check in patterns.elements
        if not check.gender_neutral
        for c in check.condition.concepts()
        if concepts[c].kind == "subject"
    )


def is_gender_neutral(match: Match, gendered: frozenset[str]) -> bool:
    """Does `match` put a gender_neutral element into effect through a clause for all prisoners?"""
    if not match.check.gender_neutral:
        return False
    unit = match.unit
    named = unit.own_concepts().union(*(lead.own_concepts() for lead in unit.lead_ins), unit.context)
    return not (named & gendered)
