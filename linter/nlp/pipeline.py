"""Build the spaCy pipeline: a blank English tokenizer with normalised lexemes, then the
named components `bangkok_concepts` and `bangkok_deontic`, configured by pattern data, and
(for the similarity recall layer) `bangkok_similarity`, which embeds each provision.

No statistical model is used, so nothing is downloaded and start-up is fast.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from spacy.attrs import NORM
from spacy.lang.en import English, EnglishDefaults
from spacy.language import Language

from linter.nlp.concepts import ConceptTagger
from linter.nlp.deontic import DeonticTagger
from linter.nlp.normalize import normalize
from linter.nlp.tokenizer import OnDemandTokenizer, tokenizer
from linter.patterns import load_patterns, load_patterns_from


def _patterns(patterns_dir: str):
    return load_patterns_from(Path(patterns_dir)) if patterns_dir else load_patterns()


@Language.factory("bangkok_concepts", default_config={"patterns_dir": ""})
def make_concept_tagger(nlp: Language, name: str, patterns_dir: str) -> ConceptTagger:
    patterns = _patterns(patterns_dir)
    return ConceptTagger(nlp, patterns.concepts, patterns.drafting)


@Language.factory("bangkok_deontic", default_config={"patterns_dir": ""})
def make_deontic_tagger(nlp: Language, name: str, patterns_dir: str) -> DeonticTagger:
    return DeonticTagger(nlp, _patterns(patterns_dir).deontic)


class _LegalDefaults(EnglishDefaults):
    # US laws run a heading into its text: "(a) In general.—The Bureau shall ...". Split the
    # full stop and the dash off so "In general" ends a sentence and "The Bureau" opens one.
    # Set here, not on the built tokenizer: changing its infixes there reloads its ~1,350
    # special cases, a tenth of the start-up.
    infixes = [*(EnglishDefaults.infixes or ()), r"(?<=[A-Za-z])\.(?=—|–|--)", r"(?<=\.)(?:—|–|--)(?=[A-Za-z\"“(])"]
    # English's special cases are handed to the tokenizer that loads them on demand (below).
    tokenizer_exceptions: dict = {}


class _LegalEnglish(English):
    """spacy.blank("en") with the infixes above."""

    Defaults = _LegalDefaults


@lru_cache(maxsize=4)
def build_pipeline(patterns_dir: str = "", similarity: bool = False) -> Language:
    """A pipeline for the pattern set in `patterns_dir` (default: the installed patterns).

    `similarity` adds the component that embeds each provision for the recall layer.
    """
    nlp = _LegalEnglish()
    nlp.tokenizer = OnDemandTokenizer(tokenizer(nlp), EnglishDefaults.tokenizer_exceptions or {})
    # Norms are computed once per distinct word (a lexeme attribute), not once per token.
    # spaCy's vocab.pyi leaves out this public attribute of the compiled Vocab.
    nlp.vocab.lex_attr_getters[NORM] = normalize  # type: ignore[attr-defined]
    for lexeme in nlp.vocab:
        lexeme.norm_ = normalize(lexeme.orth_)
    config = {"patterns_dir": patterns_dir}
    nlp.add_pipe("bangkok_concepts", config=config)
    nlp.add_pipe("bangkok_deontic", config=config)
    if similarity:
        import linter.nlp.similarity  # noqa: F401  (registers the factory; loads the model on use)

        nlp.add_pipe("bangkok_similarity")
    return nlp
