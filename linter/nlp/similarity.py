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
from spacy.language import Language
from spacy.tokens import Doc

from linter.errors import PolicyError

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
            import wordllama
            from wordllama import WordLlama
        except ImportError as exc:  # pragma: no cover - a broken install
            raise PolicyError(f"the similarity layer needs the 'wordllama' package ({exc}); use --no-similarity") from exc
        package = Path(wordllama.__file__).parent
        try:
            self._model = WordLlama.load(config=MODEL, dim=DIMENSIONS, cache_dir=package, disable_download=True)
        except FileNotFoundError as exc:  # pragma: no cover - a wheel without its weights
            raise PolicyError(f"the WordLlama model is not in {package} ({exc}); use --no-similarity") from exc

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        vectors = np.asarray(self._model.embed(texts, norm=False, batch_size=_BATCH), dtype=np.float32)
        # A text with no known token has a zero vector: it stays zero (similar to nothing).
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


@lru_cache(maxsize=1)
def load_embedder() -> Embedder:
    return Embedder()


class SimilarityTagger:
    """spaCy component: sets `doc._.sentence_vector` to the unit-length vector of the whole provision.

    `pipe` embeds a whole batch in one call (nlp.pipe uses it), so a document's provisions
    are embedded once, together.
    """

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        if not Doc.has_extension("sentence_vector"):
            Doc.set_extension("sentence_vector", default=None)

    def __call__(self, doc: Doc) -> Doc:
        doc._.sentence_vector = self.embedder.embed([doc.text])[0]
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = _BATCH) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._tag(batch)
                batch = []
        yield from self._tag(batch)

    def _tag(self, docs: list[Doc]) -> list[Doc]:
        for doc, vector in zip(docs, self.embedder.embed([d.text for d in docs])):
            doc._.sentence_vector = vector
        return docs


@Language.factory("bangkok_similarity")
def make_similarity_tagger(nlp: Language, name: str) -> SimilarityTagger:
    return SimilarityTagger(load_embedder())
