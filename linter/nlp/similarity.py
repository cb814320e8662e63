"""Sentence vectors for the similarity recall layer (`bangkok_similarity`).

The vectors come from WordLlama's static token embeddings (`l2_supercat`, 256 dimensions),
whose weights and tokenizer ship inside the `wordllama` wheel: the model is loaded from the
installed package folder with downloads disabled, so the layer works with no network. A
static model is a table lookup plus an average, so a long law is embedded in a fraction of
a second and the same text always gets the same vector.

A text's vector is built from its words' token sums, and those are kept in the user cache
(`WordSums`): a run whose words were all seen before never loads the model, which is most
of the layer's share of a small file's start-up.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from linter import user_cache
from linter.errors import PolicyError
from linter.lazy_imports import import_wordllama
from linter.nlp.doc_values import register, set_value
from linter.nlp.token_rows import WORD, token_array

MODEL = "l2_supercat"
DIMENSIONS = 256
_BATCH = 512
# At most this many words are kept in the user cache (about 1 KB each).
_CACHED_WORDS = 100_000


class Embedder:
    """Unit-length sentence vectors from the WordLlama model shipped in its wheel."""

    def __init__(self) -> None:
        # Imported here: loading the model costs a second, and only a check with the layer on needs it.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        # One thread, same vectors every run; and no warning when --jobs forks the process.
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        try:
            wordllama = import_wordllama()  # without requests: see linter.lazy_imports
            WordLlama = wordllama.WordLlama
        except ImportError as exc:  # pragma: no cover - a broken install
            raise PolicyError(
                f"the similarity layer needs the 'wordllama' package ({exc}); use --no-similarity"
            ) from exc
        assert wordllama.__file__ is not None  # a regular package, with its weights beside it
        package = Path(wordllama.__file__).parent
        try:
            self._model = WordLlama.load(config=MODEL, dim=DIMENSIONS, cache_dir=package, disable_download=True)
        except FileNotFoundError as exc:  # pragma: no cover - a wheel without its weights
            raise PolicyError(f"the WordLlama model is not in {package} ({exc}); use --no-similarity") from exc

        # WordLlama's own `embed` pads each batch to its longest text, which makes a batch
        # with one long provision cost as much as if every text were that long; the same
        # mean of token vectors is taken here over the real tokens only.
        self._tokenizer = self._model.tokenizer
        self._tokenizer.no_padding()
        self._table = self._model.embedding

    def token_sums(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """For each text, the sum of its token vectors and its number of tokens."""
        sums = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        counts = np.zeros(len(texts), dtype=np.float32)
        for start in range(0, len(texts), _BATCH):
            encodings = self._tokenizer.encode_batch(texts[start : start + _BATCH], add_special_tokens=False)
            lengths = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64, count=len(encodings))
            filled = lengths > 0
            if not filled.any():
                continue
            ids = np.fromiter((i for e in encodings for i in e.ids), dtype=np.int64, count=int(lengths.sum()))
            np.clip(ids, 0, len(self._table) - 1, out=ids)
            offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))[filled]
            rows = start + np.flatnonzero(filled)
            sums[rows] = np.add.reduceat(self._table[ids], offsets, axis=0)
            counts[rows] = lengths[filled]
        return sums, counts


def unit_vectors(sums: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Mean token vectors at unit length; a text with no token keeps a zero vector (similar to nothing)."""
    means = sums / np.maximum(counts, 1)[:, None]
    norms = np.linalg.norm(means, axis=1, keepdims=True)
    return np.divide(means, norms, out=np.zeros_like(means), where=norms > 0)


@lru_cache(maxsize=1)  # asked by the word-sum cache and the rules' vectors at every start
def model_key() -> tuple[str, ...]:
    """What decides a text's vector besides its words: the model, its package version, this code."""
    from importlib.metadata import version

    return (MODEL, str(DIMENSIONS), version("wordllama"), Path(__file__).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def load_embedder() -> Embedder:
    return Embedder()


@dataclass(frozen=True)
class _WordTable:
    orths: np.ndarray  # sorted spaCy orth ids (uint64)
    counts: np.ndarray  # each word's number of tokens (float32)
    sums: np.ndarray  # each word's token-vector sum (float32, words x DIMENSIONS)


_EMPTY = _WordTable(np.zeros(0, np.uint64), np.zeros(0, np.float32), np.zeros((0, DIMENSIONS), np.float32))
_MAGIC = b"BLWSUMS1"
_HEADER = len(_MAGIC) + 8  # the magic, then the number of words


class WordSums:
    """Each word's token-vector sum and token count, as `Embedder.token_sums` gives them,
    kept in the user cache between runs; the model is loaded only for words not seen before.

    Words are keyed by their spaCy orth id (a 64-bit hash of the text). The file holds the
    sorted ids, then the counts, then the sums, and is read by memory map: a run reads the ids
    (8 bytes a word) and only the sums of its own words, so a large cache costs no memory.
    New words are merged in when the process ends, up to `_CACHED_WORDS` words.
    """

    def __init__(self, embedder: Callable[[], Embedder]) -> None:
        self._embedder = embedder
        self._name = f"word-sums-{hashlib.sha256(json.dumps(model_key()).encode()).hexdigest()[:20]}.bin"
        self._stored: _WordTable | None = None
        self._learned: list[_WordTable] = []

    def __call__(self, orths: list[int], words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """The sums and counts of `words` (whose orth ids are `orths`), in that order."""
        stored = self._read()
        keys = np.asarray(orths, dtype=np.uint64)
        known = np.zeros(len(keys), dtype=bool)
        at = np.zeros(len(keys), dtype=np.int64)
        if len(stored.orths):
            at = np.minimum(np.searchsorted(stored.orths, keys), len(stored.orths) - 1)
            known = stored.orths[at] == keys
        sums = np.empty((len(keys), DIMENSIONS), dtype=np.float32)
        counts = np.empty(len(keys), dtype=np.float32)
        sums[known], counts[known] = stored.sums[at[known]], stored.counts[at[known]]
        missing = np.flatnonzero(~known)
        if len(missing):
            sums[missing], counts[missing] = self._embedder().token_sums([words[i] for i in missing])
            self._remember(_WordTable(keys[missing], counts[missing], sums[missing]))
        return sums, counts

    def _read(self) -> _WordTable:
        if self._stored is None:
            try:
                self._stored = _read_table(user_cache.cache_dir() / self._name)
            except (OSError, ValueError):
                self._stored = _EMPTY  # none yet, or unusable: the words are embedded again
        return self._stored

    def _remember(self, learned: _WordTable) -> None:
        if not self._learned:
            atexit.register(self._save)
        self._learned.append(learned)

    def _save(self) -> None:
        tables = [self._read(), *self._learned]
        orths = np.concatenate([t.orths for t in tables])
        kept = np.unique(orths, return_index=True)[1][:_CACHED_WORDS]  # sorted by id
        counts = np.concatenate([t.counts for t in tables])[kept]
        sums = np.concatenate([t.sums for t in tables])[kept]
        data = _MAGIC + len(kept).to_bytes(8, "little")
        data += orths[kept].astype("<u8").tobytes() + counts.astype("<f4").tobytes() + sums.astype("<f4").tobytes()
        user_cache.write_bytes(self._name, data)
        self._learned = []


def _read_table(path: Path) -> _WordTable:
    with open(path, "rb") as stored:
        header = stored.read(_HEADER)
    if len(header) != _HEADER or not header.startswith(_MAGIC):
        raise ValueError(f"{path}: not a word-sums file")
    n = int.from_bytes(header[len(_MAGIC) :], "little")
    if path.stat().st_size != _HEADER + n * (8 + 4 + 4 * DIMENSIONS):
        raise ValueError(f"{path}: truncated")
    if n == 0:
        return _EMPTY
    return _WordTable(
        np.memmap(path, dtype="<u8", mode="r", offset=_HEADER, shape=(n,)),
        np.memmap(path, dtype="<f4", mode="r", offset=_HEADER + 8 * n, shape=(n,)),
        np.memmap(path, dtype="<f4", mode="r", offset=_HEADER + 12 * n, shape=(n, DIMENSIONS)),
    )


class SimilarityTagger:
    """spaCy component: sets `doc._.sentence_vector` to the unit-length mean of the
    provision's token vectors.

    Each distinct word's token vectors are summed once (`WordSums`) and kept per spaCy
    word id, like the normalised forms, so a document costs a table lookup per word;
    `pipe` does a whole batch of provisions in a few array calls.
    """

    def __init__(self, word_sums: WordSums) -> None:
        self.word_sums = word_sums
        self._row: dict[int, int] = {}  # spaCy orth id -> row of the word tables
        self._sums = np.zeros((0, DIMENSIONS), dtype=np.float32)
        self._counts = np.zeros(0, dtype=np.float32)
        register("sentence_vector", None)

    def __call__(self, doc: Doc) -> Doc:
        return self._tag([doc])[0]

    def pipe(self, docs: Iterable[Doc], batch_size: int = _BATCH) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._tag(batch)
                batch = []
        yield from self._tag(batch)

    def vectors(self, docs: list[Doc]) -> np.ndarray:
        """The unit-length vector of each doc (also used for the patterns' texts).

        A doc's vector depends on its own words only: its distinct words are summed in the
        order of their ids, each weighted by how often it occurs. Neither the other docs of the
        batch nor the order in which this process first met the words changes a single bit, so
        a provision scores the same alone, among other files, or in another process.
        """
        words = [token_array(doc)[:, WORD] for doc in docs]
        sums = np.zeros((len(docs), DIMENSIONS), dtype=np.float32)
        counts = np.zeros(len(docs), dtype=np.float32)
        orths = np.concatenate(words) if words else np.zeros(0, dtype=np.uint64)
        if not len(orths):
            return sums  # no words: similar to nothing
        self._learn({w for w in orths.tolist() if w not in self._row}, docs[0].vocab.strings)
        doc_of = np.repeat(np.arange(len(docs)), [len(w) for w in words])
        # Distinct (doc, word) pairs in (doc, word id) order, and how often each occurs.
        order = np.lexsort((orths, doc_of))
        doc_of, orths = doc_of[order], orths[order]
        firsts = np.flatnonzero(np.r_[True, (doc_of[1:] != doc_of[:-1]) | (orths[1:] != orths[:-1])])
        occurrences = np.diff(np.r_[firsts, len(orths)]).astype(np.float32)
        pair_doc = doc_of[firsts]
        rows = np.fromiter((self._row[w] for w in orths[firsts].tolist()), dtype=np.int64, count=len(firsts))
        doc_starts = np.flatnonzero(np.r_[True, pair_doc[1:] != pair_doc[:-1]])
        filled = pair_doc[doc_starts]
        # Each doc's block of rows is summed on its own (numpy sums a block the same way
        # wherever it comes from); a Python loop of block sums is several times faster here
        # than np.add.reduceat over the rows.
        weighted = self._sums[rows] * occurrences[:, None]
        ends = np.r_[doc_starts[1:], len(rows)]
        sums[filled] = [weighted[a:b].sum(axis=0) for a, b in zip(doc_starts.tolist(), ends.tolist())]
        counts[filled] = np.add.reduceat(self._counts[rows] * occurrences, doc_starts)
        return unit_vectors(sums, counts)

    def _learn(self, orths: set[int], strings) -> None:
        if not orths:
            return
        new = sorted(orths)
        sums, counts = self.word_sums(new, [strings[o] for o in new])
        base = len(self._counts)
        self._row.update((o, base + i) for i, o in enumerate(new))
        self._sums = np.concatenate((self._sums, sums))
        self._counts = np.concatenate((self._counts, counts))

    def _tag(self, docs: list[Doc]) -> list[Doc]:
        for doc, vector in zip(docs, self.vectors(docs)):
            set_value(doc, "sentence_vector", vector)
        return docs


@Language.factory("bangkok_similarity")
def make_similarity_tagger(nlp: Language, name: str) -> SimilarityTagger:
    return SimilarityTagger(WordSums(load_embedder))
