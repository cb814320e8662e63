"""Start-up machinery: spaCy imported without spacy.cli, WordLlama without requests, pattern phrases from the user cache.

Neither may change a single result: the lint of a document must be byte-identical with the
real spacy.cli loaded first, and the cached phrase Docs identical to the tokenizer's.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.attrs import LOWER, NORM

from linter import user_cache
from linter.nlp import phrase_cache
from linter.nlp.pipeline import build_pipeline
from linter.patterns import load_patterns

# Two drafting traditions: Westminster rules and a US agency directive.
LAW = """\
PRISON (WOMEN) RULES

12.—(1) A female prisoner shall not be restrained during labour or immediately after childbirth.

(2) The governor shall ensure that sanitary towels are provided free of charge.

Sec. 4. Searches. (a) Staff may strip search a woman inmate only when a male officer is present.
(b) The Warden shall allow a mother to keep her infant with her until the age of two years.
"""

_LINT = """
import json, sys
{first}
from linter.engine import check_document
from linter.extract import read_document
result = check_document(read_document(sys.argv[1]), ["all"])
loaded = {{name: name in sys.modules for name in ("spacy.cli", "weasel", "requests", "wordllama")}}
print(json.dumps({{"result": result.to_json(), "loaded": loaded}}))
"""


def _lint_in_fresh_process(path: Path, first: str, tmp_path: Path) -> dict:
    env = {"BANGKOK_LINT_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", _LINT.format(first=first), str(path)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return json.loads(done.stdout)


def test_spacy_cli_is_not_imported_and_results_are_identical_to_a_full_spacy_import(tmp_path):
    law = tmp_path / "law.txt"
    law.write_text(LAW, encoding="utf-8")
    light = _lint_in_fresh_process(law, "", tmp_path)
    full = _lint_in_fresh_process(law, "import spacy.cli", tmp_path)
    # The first run (empty user cache) loads WordLlama, without requests; the second finds
    # every word's vector in the cache and never loads the model. Same results either way.
    assert light["loaded"] == {"spacy.cli": False, "weasel": False, "requests": False, "wordllama": True}
    assert full["loaded"] == {"spacy.cli": True, "weasel": True, "requests": True, "wordllama": False}
    assert json.dumps(light["result"], sort_keys=True) == json.dumps(full["result"], sort_keys=True)
    assert any(r["verdict"] != "gap" for r in light["result"]["rules"])  # the law was really judged


def test_requests_placeholder_becomes_the_real_module_on_first_use():
    code = (
        "import sys\n"
        "from linter.lazy_imports import import_wordllama\n"
        "wordllama = import_wordllama()\n"
        "assert 'requests' not in sys.modules\n"
        "error = wordllama.wordllama.requests.RequestException\n"
        "import requests\n"
        "print(error is requests.RequestException, callable(wordllama.wordllama.requests.get))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "True"]


def test_real_spacy_cli_still_loads_after_the_light_import():
    code = (
        "import sys, linter.engine, spacy\n"
        "assert 'spacy.cli' not in sys.modules and not hasattr(spacy, 'cli')\n"
        "import spacy.cli\n"
        "from spacy.cli import download\n"
        "print(spacy.cli.__file__, callable(download), callable(spacy.info))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split()[0].endswith("spacy/cli/__init__.py")
    assert done.stdout.split()[1:] == ["True", "True"]


def _keys(docs, attribute) -> list[list[int]]:
    return [doc.to_array(attribute).tolist() for doc in docs]


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("BANGKOK_LINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(phrase_cache, "_tables", {})
    monkeypatch.setattr(phrase_cache, "_unsaved", set())
    return tmp_path / "cache"


def _all_phrases() -> list[str]:
    patterns = load_patterns()
    phrases = [t for c in patterns.concepts.values() for t in (*c.terms, *c.exclude)]
    phrases += [p for ps in patterns.deontic.markers.values() for p in ps]
    # Special cases that set a token norm of their own, and a run-in heading the infix rule splits.
    return phrases + ["can't be denied", "shan't", "she'll be searched", "In general.—The Bureau"]


@pytest.mark.parametrize("attribute, attr_id", [("NORM", NORM), ("LOWER", LOWER)])
def test_cached_phrase_keys_equal_the_tokenizers_cold_and_warm(fresh_cache, attribute, attr_id):
    nlp = build_pipeline()
    phrases = _all_phrases()
    expected = _keys(nlp.tokenizer.pipe(phrases), attr_id)
    assert phrase_cache.phrase_keys(nlp, phrases, attribute) == expected  # cold: tokenised, then kept
    phrase_cache._save()
    assert len(list(fresh_cache.glob("phrase-keys-*.json"))) == 1

    phrase_cache._tables.clear()  # as a new process: every phrase from the file, none tokenised
    phrase_cache._unsaved.clear()
    assert phrase_cache.phrase_keys(nlp, phrases, attribute) == expected
    assert not phrase_cache._unsaved


def test_a_matcher_built_from_keys_finds_what_one_built_from_docs_finds(fresh_cache):
    from spacy.matcher import PhraseMatcher

    nlp = build_pipeline()
    phrases = ["female prisoner", "restraints", "can't be denied", "in labour"]
    from_docs, from_keys = PhraseMatcher(nlp.vocab, attr="NORM"), PhraseMatcher(nlp.vocab, attr="NORM")
    from_docs.add("X", list(nlp.tokenizer.pipe(phrases)))
    phrase_cache.add_phrases(from_keys, "X", phrase_cache.phrase_keys(nlp, phrases, "NORM"))
    doc = nlp.make_doc("Female prisoners in labor can't be denied care; no restraint shall be used.")
    assert from_keys(doc) == from_docs(doc)
    assert len(from_docs(doc)) == 4


def test_a_special_case_norm_is_kept_in_the_keys(fresh_cache):
    nlp = build_pipeline()
    [keys] = phrase_cache.phrase_keys(nlp, ["can't be denied"], "NORM")
    assert nlp.vocab.strings["not"] in keys  # the special case "n't" -> "not", not the word's own norm


def test_a_stale_or_corrupt_or_unwritable_cache_is_ignored(fresh_cache, tmp_path, monkeypatch):
    nlp = build_pipeline()
    phrases = ["female prisoner", "shan't"]
    expected = _keys(nlp.tokenizer.pipe(phrases), NORM)
    fresh_cache.mkdir()
    name = phrase_cache._file_name(nlp)
    (fresh_cache / name).write_text("{not json", encoding="utf-8")
    assert phrase_cache.phrase_keys(nlp, phrases, "NORM") == expected
    phrase_cache._tables.clear()
    (fresh_cache / name).write_text(json.dumps({"female prisoner": [["x"], [1]], "shan't": 7}), encoding="utf-8")
    assert phrase_cache.phrase_keys(nlp, phrases, "NORM") == expected  # malformed entries tokenised again
    phrase_cache._tables.clear()
    body = json.dumps({"female prisoner": [["x"], [1]], "shan't": 7}).encode()
    (fresh_cache / name).write_bytes(b"0" * 64 + b"\n" + body)  # a seal that does not match its table
    assert phrase_cache.phrase_keys(nlp, phrases, "NORM") == expected

    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("BANGKOK_LINT_CACHE_DIR", str(blocker / "cache"))  # cannot be created
    user_cache.write_json("x.json", {"a": 1})  # no exception
    assert user_cache.read_json("x.json") is None


def test_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("BANGKOK_LINT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert user_cache.cache_dir() == tmp_path / "bangkok-lint"
    monkeypatch.setenv("BANGKOK_LINT_CACHE_DIR", str(tmp_path / "mine"))
    user_cache.write_json("t.json", ["ok"])
    assert user_cache.read_json("t.json") == ["ok"]


def test_pattern_set_from_the_cache_equals_the_parsed_one_and_follows_edits(fresh_cache, tmp_path):
    import shutil

    from linter.patterns import _parse_patterns, load_patterns_from
    from linter.resources import data_path

    root = tmp_path / "patterns"
    shutil.copytree(data_path("patterns"), root)
    parsed = _parse_patterns(root)
    assert load_patterns_from(root) == parsed  # cold: parsed, then kept
    assert list(fresh_cache.glob("patterns-*.pickle"))
    assert load_patterns_from(root) == parsed  # warm: from the file

    deontic = root / "deontic.yaml"
    deontic.write_text(
        deontic.read_text(encoding="utf-8").replace(
            "    - shall never\n", "    - shall never\n    - shall at no time\n", 1
        ),
        encoding="utf-8",
    )
    edited = load_patterns_from(root)
    assert "shall at no time" in edited.deontic.markers["prohibition"]
    assert edited == _parse_patterns(root)


def test_pattern_vectors_from_the_cache_equal_the_computed_ones(fresh_cache):
    import numpy as np

    from linter.engine.recall import _text_vectors

    nlp = build_pipeline("", True)
    texts = ["A woman prisoner shall not be restrained during labour.", "Visits by children shall be encouraged."]
    computed = nlp.get_pipe("bangkok_similarity").vectors(list(nlp.tokenizer.pipe(texts)))
    assert np.array_equal(_text_vectors(nlp, texts), computed)  # cold: computed, then kept
    assert list(fresh_cache.glob("pattern-vectors-*.pickle"))
    assert np.array_equal(_text_vectors(nlp, texts), computed)  # warm: from the file
    assert np.array_equal(_text_vectors(nlp, texts[:1]), computed[:1])  # other texts: a file of their own
    assert len(list(fresh_cache.glob("pattern-vectors-*.pickle"))) == 2


def test_the_pipelines_tokenizer_is_blank_english_with_the_legal_infixes():
    import spacy
    from spacy.util import compile_infix_regex

    from linter.nlp.pipeline import _LegalDefaults

    reference = spacy.blank("en")
    reference.tokenizer.infix_finditer = compile_infix_regex(_LegalDefaults.infixes).finditer
    legal = build_pipeline()
    assert phrase_cache._tokenizer_digest(legal.tokenizer) == phrase_cache._tokenizer_digest(reference.tokenizer)
    text = "Sec. 4.(a) In general.—The Warden shan't restrain a woman; cf. 18 U.S.C. 4042."
    assert [t.text for t in legal(text)] == [t.text for t in reference(text)]
    assert "general" in [t.text for t in legal(text)] and "—" in [t.text for t in legal(text)]


def test_the_cache_keeps_only_the_newest_files_of_each_kind(monkeypatch, tmp_path):
    import os

    monkeypatch.setenv("BANGKOK_LINT_CACHE_DIR", str(tmp_path))
    user_cache.write_json("phrase-keys-other.json", ["kept"])
    for i in range(user_cache.KEPT_PER_KIND + 3):
        user_cache.write_bytes(f"word-sums-{i:02d}.bin", b"x")
        os.utime(tmp_path / f"word-sums-{i:02d}.bin", (1_000_000 + i, 1_000_000 + i))
    user_cache.write_bytes("word-sums-new.bin", b"x")  # newest: written now
    kept = sorted(p.name for p in tmp_path.glob("word-sums-*.bin"))
    assert len(kept) == user_cache.KEPT_PER_KIND
    assert "word-sums-new.bin" in kept and "word-sums-00.bin" not in kept
    assert user_cache.read_json("phrase-keys-other.json") == ["kept"]
