"""The components' values are Doc extensions: what they write directly, `doc._` reads, and back."""

from __future__ import annotations

import spacy

from linter.nlp.doc_values import register, set_value, value
from linter.nlp.pipeline import build_pipeline


def test_a_value_set_directly_is_the_extension_value_and_back() -> None:
    register("bangkok_test_value", "unset")
    doc = spacy.blank("en")("Women prisoners shall be searched by women staff.")
    assert value(doc, "bangkok_test_value") == "unset"
    set_value(doc, "bangkok_test_value", ("written", "directly"))
    assert doc._.bangkok_test_value == ("written", "directly")
    doc._.bangkok_test_value = "through spaCy"
    assert value(doc, "bangkok_test_value") == "through spaCy"


def test_the_pipeline_values_read_through_the_extensions() -> None:
    doc = build_pipeline()("No woman who is pregnant shall be placed in solitary confinement.")
    assert [h.concept for h in doc._.concepts] == [h.concept for h in value(doc, "concepts")]
    assert doc._.concepts and doc._.clauses
    assert doc._.clauses == value(doc, "clauses")
