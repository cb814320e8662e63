"""Children who come to visit, named as "visiting minors" or "minor visitors" (post-Soviet codes,
US directives), are a prisoner's children (Rule 28), not young prisoners (Rule 36)."""

from __future__ import annotations


def test_a_ban_on_contact_with_visiting_minors_conflicts_with_rule_28(verdict) -> None:
    text = "Article 89. Physical contact between convicts and visiting minors is prohibited."
    assert verdict(text, 28) == "conflict"
    assert verdict(text, 36) == "gap"


def test_contact_visits_with_minor_visitors_put_rule_28_in_part(verdict) -> None:
    text = "§ 540.45. Contact visits with minor visitors are permitted in the family area of the visiting room."
    assert verdict(text, 28) == "partial"
