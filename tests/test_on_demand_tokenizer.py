"""The tokenizer loads spaCy's special cases on demand and splits every text as the fully loaded one."""

from __future__ import annotations

import pytest
from spacy.lang.en import EnglishDefaults
from spacy.tokenizer import Tokenizer

from linter.nlp.phrase_cache import _tokenizer_digest
from linter.nlp.pipeline import _LegalEnglish
from linter.nlp.tokenizer import OnDemandTokenizer

SPECIAL_CASES = EnglishDefaults.tokenizer_exceptions or {}


@pytest.fixture(scope="module")
def built() -> Tokenizer:
    tokenizer = _LegalEnglish().tokenizer
    assert isinstance(tokenizer, Tokenizer)
    return tokenizer


def _fully_loaded(built: Tokenizer) -> Tokenizer:
    return Tokenizer(
        built.vocab,
        rules={k: [dict(t) for t in v] for k, v in SPECIAL_CASES.items()},
        prefix_search=built.prefix_search,
        suffix_search=built.suffix_search,
        infix_finditer=built.infix_finditer,
        token_match=built.token_match,
        url_match=built.url_match,
    )


def _split(doc) -> list[tuple[str, str, str]]:
    return [(t.text, t.norm_, t.whitespace_) for t in doc]


def test_every_special_case_splits_as_in_the_fully_loaded_tokenizer(built):
    # Each special case alone, inside brackets, glued to a word and at a sentence's end: the
    # places where the affix rules, not whitespace, delimit it.
    reference, on_demand = _fully_loaded(built), OnDemandTokenizer(built, SPECIAL_CASES)
    for string in SPECIAL_CASES:
        text = f"The governor said {string} then ({string}) and x{string}, {string}."
        assert _split(on_demand(text)) == _split(reference(text)), string


def test_a_short_law_loads_only_the_special_cases_it_contains(built):
    on_demand = OnDemandTokenizer(built, SPECIAL_CASES)
    on_demand("12.—(1) A prisoner who is pregnant shan't be restrained; she can't be searched by Mr. Smith.")
    loaded = set(on_demand.rules)
    assert {"shan't", "can't", "Mr."} <= loaded
    assert "don't" not in loaded and "a.m." not in loaded
    assert len(loaded) < 40  # of 1,347


def test_a_long_text_loads_them_all(built):
    on_demand = OnDemandTokenizer(built, SPECIAL_CASES)
    on_demand("The prisoner shall be informed of the rules. " * 2_000)
    assert set(on_demand.rules) == set(SPECIAL_CASES)


def test_the_cache_key_names_all_special_cases_however_many_are_loaded(built):
    # The phrase-keys cache file is named by this digest: it must not change as cases load.
    on_demand = OnDemandTokenizer(built, SPECIAL_CASES)
    before = _tokenizer_digest(on_demand)
    on_demand("I don't know, Mr. Smith; it is 5 a.m. :)")
    assert _tokenizer_digest(on_demand) == before
    assert _tokenizer_digest(OnDemandTokenizer(built, {})) != before
