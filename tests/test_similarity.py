"""The similarity recall layer: offline loading, proposals the vocabulary misses, the switch.

The clauses are invented paraphrases: no vocabulary list contains their wording of the
element, so only the similarity layer can find them.
"""

import json
import socket

import numpy as np
import pytest
from click.testing import CliRunner
from spacy.strings import hash_string

from linter.cli import main
from linter.config import load_config
from linter.engine import check_document
from linter.errors import ConfigError
from linter.nlp.similarity import Embedder, WordSums, unit_vectors
from linter.pattern_tests import example_document

# Each names the women it is about in listed words; what it provides is said in words no list has.
PARAPHRASES = [
    # Westminster-style rule: counselling for survivors of domestic violence (Rule 42(4)).
    ("Women prisoners shall have access to counsellors trained to help survivors of domestic violence.", 42),
    # Post-Soviet code article: help for women who survived violence (Rule 7).
    ("Article 33. Female convicts who have survived domestic violence shall receive help from counsellors.", 7),
]


def _rule(text: str, rule: int, similarity: bool = True):
    result = check_document(example_document(text), ["all"], similarity=similarity)
    return next(r for r in result.rules if r.rule == rule)


def test_the_model_loads_with_the_network_unreachable(monkeypatch):
    def no_network(*args, **kwargs):
        raise OSError("network unreachable (test)")

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    embedder = Embedder()  # a fresh load, not the cached one
    vectors = unit_vectors(
        *embedder.token_sums(["Women staff conduct searches.", "Searches are made by female officers."])
    )
    assert vectors.shape == (2, 256)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert float(vectors[0] @ vectors[1]) > 0.3


def test_same_text_same_vector_and_empty_text_is_similar_to_nothing():
    embedder = Embedder()
    first = unit_vectors(*embedder.token_sums(["Visits by children shall take place weekly.", ""]))
    second = unit_vectors(*embedder.token_sums(["Visits by children shall take place weekly.", ""]))
    assert np.array_equal(first, second)
    assert not first[1].any()


@pytest.mark.parametrize("text, rule", PARAPHRASES)
def test_paraphrase_is_found_by_similarity_and_says_so(text, rule):
    assert _rule(text, rule, similarity=False).verdict == "gap"  # the lists alone miss it
    found = _rule(text, rule)
    assert found.verdict == "partial"
    evidence = found.evidence[0]
    assert evidence.layer == "similarity"
    assert 0.0 < evidence.similarity <= 1.0
    assert evidence.why.startswith("similar to element \u201c")
    assert "no listed term matched" in evidence.why


def test_proposal_needs_the_checks_stance():
    # The same words in a clause that forbids the service are not a proposal for a duty to provide it.
    text = "Women prisoners shall not have access to counsellors trained to help survivors of domestic violence."
    assert _rule(text, 42).verdict == "gap"


def test_proposal_needs_the_people_named_in_listed_words():
    # No women, mothers or pregnancy named: the element is about women, so nothing is proposed.
    text = "Inmates shall have access to counsellors trained to help survivors of domestic violence."
    assert all(e.layer == "vocabulary" for e in _rule(text, 42).evidence)


def test_vocabulary_findings_say_their_layer():
    r = _rule("A female prisoner shall not be restrained during labour, during birth or immediately after birth.", 24)
    assert r.verdict == "covered"
    assert {e.layer for e in r.evidence} == {"vocabulary"}
    assert r.evidence[0].similarity is None


def test_switch_and_config_key_turn_the_layer_off(tmp_path, monkeypatch):
    law = tmp_path / "law.txt"
    law.write_text(PARAPHRASES[0][0] + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    def br42(*args: str) -> dict:
        out = CliRunner().invoke(
            main, ["check", "--format", "json", "--select", "42", "--fail-on", "never", *args, str(law)]
        )
        assert out.exit_code == 0, out.output
        return json.loads(out.output)["documents"][0]["rules"][0]

    on = br42()
    assert on["verdict"] == "partial"
    assert on["evidence"][0]["layer"] == "similarity"
    assert br42("--no-similarity")["verdict"] == "gap"
    (tmp_path / "bangkok-lint.toml").write_text("similarity = false\n")
    assert br42()["verdict"] == "gap"
    assert br42("--similarity")["verdict"] == "partial"  # the command line wins


def test_config_key_must_be_a_boolean(tmp_path):
    path = tmp_path / "bangkok-lint.toml"
    path.write_text('similarity = "off"\n')
    with pytest.raises(ConfigError, match="'similarity'"):
        load_config(path)


def test_word_sums_come_from_the_cache_without_loading_the_model(tmp_path, monkeypatch):
    monkeypatch.setenv("BANGKOK_LINT_CACHE_DIR", str(tmp_path))
    words = ["visits", "children", "weekly", "unheard-of-word"]
    orths = [hash_string(w) for w in words]
    first = WordSums(Embedder)
    sums, counts = first(orths, words)
    first._save()  # as at the end of the process

    def no_model() -> Embedder:
        raise AssertionError("the model was loaded for words the cache has")

    cached_sums, cached_counts = WordSums(no_model)(orths[::-1], words[::-1])
    assert np.array_equal(cached_sums, sums[::-1]) and np.array_equal(cached_counts, counts[::-1])
    assert counts.min() >= 1  # every word has tokens: the comparison is not between empty rows


def test_a_corrupt_word_cache_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("BANGKOK_LINT_CACHE_DIR", str(tmp_path))
    probe = WordSums(Embedder)
    (tmp_path / probe._name).write_bytes(b"not an array")
    sums, counts = WordSums(Embedder)([hash_string("visits")], ["visits"])
    assert counts[0] >= 1 and np.linalg.norm(sums[0]) > 0


def test_a_provisions_vector_does_not_depend_on_its_batch():
    from pathlib import Path

    from linter.extract import read_document
    from linter.nlp.pipeline import build_pipeline

    nlp = build_pipeline("", True)
    tagger = nlp.get_pipe("bangkok_similarity")
    corpus = sorted((Path(__file__).resolve().parents[1] / "corpus" / "docs").glob("*.txt"))[:4]
    texts = [p.text for path in corpus for p in read_document(path).provisions] + [""]
    docs = list(nlp.tokenizer.pipe(texts))
    assert len(docs) > 500  # a batch wide enough for a matrix product to sum in another order
    together = tagger.vectors(docs)
    assert np.array_equal(together[:50], np.stack([tagger.vectors([d])[0] for d in docs[:50]]))
    assert np.array_equal(together, tagger.vectors(docs[::-1])[::-1])
    assert not together[-1].any()  # the empty text is similar to nothing
