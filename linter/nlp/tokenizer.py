"""The pipeline's tokenizer, typed as what it is."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokenizer import Tokenizer


def tokenizer(nlp: Language) -> Tokenizer:
    """`nlp.tokenizer`: spaCy types the attribute as any callable, but a pipeline made by
    `spacy.blank` (the only kind this project builds) has spaCy's Tokenizer, with `pipe`
    and the affix hooks the components use."""
    found = nlp.tokenizer
    assert isinstance(found, Tokenizer)
    return found
