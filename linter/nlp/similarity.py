"""Sentence vectors for the similarity recall layer (`bangkok_similarity`).

The vectors come from WordLlama's static token embeddings (`l2_supercat`, 256 dimensions),
whose weights and tokenizer ship inside the `wordllama` wheel: the model is loaded from the
installed package folder with downloads disabled, so the layer works with no network. A
static model is a table lookup plus an average, so a long law is embedded in a fraction of
a second and the same text always gets the same vector.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

from linter.errors import PolicyError
from linter.lazy_imports import import_wordllama

MODEL = "l2_supercat"
DIMENSIONS = 256
_BATCH = 512


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


def model_key() -> list[str]:
    """What decides a text's vector besides its words: the model, its package version, this code."""
    from importlib.metadata import version

    return [MODEL, str(DIMENSIONS), version("wordllama"), Path(__file__).read_text(encoding="utf-8")]


@lru_cache(maxsize=1)
def load_embedder() -> Embedder:
    return Embedder()


class SimilarityTagger:
    """spaCy component: sets `doc._.sentence_vector` to the unit-length mean of the
    provision's token vectors.

    Each distinct word is run through WordLlama's tokenizer once and its token vectors
    summed (kept per spaCy word id, like the normalised forms), so a document costs a
    table lookup per word; `pipe` does a whole batch of provisions in a few array calls.
    """

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self._row: dict[int, int] = {}  # spaCy orth id -> row of the word tables
        self._sums = np.zeros((0, DIMENSIONS), dtype=np.float32)
        self._counts = np.zeros(0, dtype=np.float32)
        if not Doc.has_extension("sentence_vector"):
            Doc.set_extension("sentence_vector", default=None)

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
        """The unit-length vector of each doc (also used for the patterns' texts)."""
        words = [doc.to_array(ORTH).tolist() for doc in docs]
        self._learn({w for ws in words for w in ws if w not in self._row}, docs[0].vocab.strings if docs else None)
        rows = np.fromiter((self._row[w] for ws in words for w in ws), dtype=np.int64)
        lengths = np.fromiter((len(ws) for ws in words), dtype=np.int64, count=len(words))
        # A (docs x distinct words) count matrix times the words' token sums: one BLAS call
        # instead of gathering and adding a vector per token.
        distinct, local = np.unique(rows, return_inverse=True)
        doc_of_token = np.repeat(np.arange(len(docs)), lengths)
        counts_matrix = np.bincount(doc_of_token * len(distinct) + local, minlength=len(docs) * len(distinct))
        counts_matrix = counts_matrix.reshape(len(docs), len(distinct)).astype(np.float32)
        sums = counts_matrix @ self._sums[distinct]
        counts = counts_matrix @ self._counts[distinct]
        return unit_vectors(sums, counts)

    def _learn(self, orths: set[int], strings) -> None:
        if not orths:
            return
        new = sorted(orths)
        sums, counts = self.embedder.token_sums([strings[o] for o in new])
        base = len(self._counts)
        self._row.update((o, base + i) for i, o in enumerate(new))
        self._sums = np.concatenate((self._sums, sums))
        self._counts = np.concatenate((self._counts, counts))

    def _tag(self, docs: list[Doc]) -> list[Doc]:
        for doc, vector in zip(docs, self.vectors(docs)):
            doc._.sentence_vector = vector
        return docs


@Language.factory("bangkok_similarity")
def make_similarity_tagger(nlp: Language, name: str) -> SimilarityTagger:
    return SimilarityTagger(load_embedder())
