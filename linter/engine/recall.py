"""The similarity recall layer: propose clauses the vocabulary did not recognise.

Every element and conflict check is described in words a lawyer wrote: its description,
its `match` examples and (for an element) the rule's own text. Each of these is embedded
once per pattern set; each provision is embedded once by the `bangkok_similarity`
pipeline component. A provision whose vector is close enough to one of a check's texts
(cosine at or above the calibrated threshold for that kind of check, from
`patterns/similarity.yaml`) is a *proposal*.

The vocabulary stays the precision layer: a proposal becomes a match only when the
check's structure and stance agree (see `Evaluator.confirm`), and the finding says that
it was found by similarity, to which check, and how close it was.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import yaml
from spacy.language import Language

from linter.engine.checks import Evaluator, Match
from linter.engine.units import Unit
from linter.errors import PolicyError
from linter.nlp.tokenizer import tokenizer
from linter.patterns import Check, PatternSet
from linter.policy import Policy
from linter.resources import data_path

KINDS = ("element", "conflict")
# The check (rule, check id) a unit's sentence vector is nearest to, and their cosine similarity.
Proposal = tuple[tuple[int, str], float]
_CHUNK = 1024  # units scored at a time: bounds the memory of the score matrix and the pending vectors


@dataclass(frozen=True)
class Thresholds:
    """Lowest cosine similarity at which a proposal is considered, per kind of check, and
    how many of a check's act and circumstance groups the listed terms must still find."""

    element: float
    conflict: float
    listed_groups: int = 1

    def for_kind(self, kind: str) -> float:
        return self.element if kind == "element" else self.conflict


def thresholds_path() -> Path:
    return data_path("patterns") / "similarity.yaml"


def load_thresholds(path: Path | None = None) -> Thresholds:
    return _thresholds_from(path or thresholds_path())


@lru_cache(maxsize=8)  # read once per process, not once per document
def _thresholds_from(path: Path) -> Thresholds:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        values = data["thresholds"]
        return Thresholds(**{kind: float(values[kind]) for kind in KINDS}, listed_groups=int(data["listed_groups"]))
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise PolicyError(
            f"{path}: needs 'listed_groups' and 'thresholds' with a number for each of {', '.join(KINDS)} ({exc})"
        ) from exc


def check_texts(check: Check) -> list[str]:
    """What a check is compared with: its description, its match examples and, for a
    conflict, its message."""
    texts = [check.description, *check.examples_match]
    if check.kind == "conflict":
        texts.append(check.message)
    return [t.strip() for t in texts if t and t.strip()]


class PatternVectors:
    """The vectors of every check's texts and of every rule's own text, computed once
    per pattern set and policy.

    `columns` lists (rule, check) in the order of the score columns; a check of None is
    the rule's own text, which takes part in choosing the rule a provision is nearest to.
    """

    def __init__(self, policy: Policy, patterns: PatternSet, nlp: Language) -> None:
        self.columns: list[tuple[int, Check | None]] = []
        texts: list[str] = []
        starts: list[int] = []
        for rule in policy.rules:
            rp = patterns.rules.get(rule.number)
            if rp is None:
                continue
            entries = [(None, [p.full_text for p in rule.paragraphs])] + [(c, check_texts(c)) for c in rp.checks]
            for check, own in entries:
                if not own:
                    continue
                self.columns.append((rule.number, check))
                starts.append(len(texts))
                texts.extend(own)
        # The same words, read the same way, as the provisions they are compared with.
        self.matrix = _text_vectors(nlp, texts)
        self.starts = np.asarray(starts)
        # Columns are grouped by rule: where each rule's columns start, and its check columns.
        # (rule, check id) of each column (a rule's own text has no check id): one tuple each,
        # shared by the units proposed to it.
        self.keys = [(rule, check.id if check else "") for rule, check in self.columns]
        rules = [rule for rule, _ in self.columns]
        self.rule_starts = np.asarray([i for i, rule in enumerate(rules) if i == 0 or rules[i - 1] != rule])
        self.check_columns = [
            np.asarray([c for c in range(start, end) if self.columns[c][1] is not None], dtype=int)
            for start, end in zip(self.rule_starts, [*self.rule_starts[1:], len(rules)])
        ]

    def scores(self, units: np.ndarray) -> np.ndarray:
        """columns x units: the best cosine of each column's texts with each unit."""
        return _block_maxima(self.matrix @ units.T, self.starts)


def _block_maxima(rows: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """The maximum of each block of rows (blocks begin at `starts`), like np.maximum.reduceat:
    a maximum is exact, so the result is the same, and one contiguous block at a time is
    ten times faster than reduceat over these few-row blocks."""
    ends = [*starts[1:].tolist(), len(rows)]
    return np.stack([rows[a:b].max(axis=0) for a, b in zip(starts.tolist(), ends)])


def _text_vectors(nlp: Language, texts: list[str]) -> np.ndarray:
    """The vectors of `texts`, kept in the user cache: embedding them is a sixth of a small file's check."""
    from linter import user_cache
    from linter.nlp import similarity
    from linter.nlp.phrase_cache import tokenizer_key

    key = json.dumps([texts, tokenizer_key(nlp), similarity.model_key()], ensure_ascii=False).encode("utf-8")

    def embed() -> np.ndarray:
        tagger = nlp.get_pipe("bangkok_similarity")
        assert isinstance(tagger, similarity.SimilarityTagger)
        return tagger.vectors(list(tokenizer(nlp).pipe(texts)))

    return user_cache.built_for_key("pattern-vectors", key, embed)


_VECTORS: dict[tuple[int, int, int], PatternVectors] = {}


def pattern_vectors(policy: Policy, patterns: PatternSet, nlp: Language) -> PatternVectors:
    # Policy, pattern sets and pipelines are loaded once and cached (lru_cache), so their
    # identity is a sound key; a test that loads its own pattern set gets its own vectors.
    key = (id(policy), id(patterns), id(nlp))
    if key not in _VECTORS:
        _VECTORS[key] = PatternVectors(policy, patterns, nlp)
    return _VECTORS[key]


class Proposer:
    """Finds the check each operative unit's sentence vector is nearest to while the units are
    built (`linter.engine.units.build_units`), a chunk of units at a time, so that no vector
    (1 KB a provision) outlives its chunk: a long law's vectors together would be most of its
    units' memory.

    A provision on visits is somewhat similar to every rule about family contact; it is
    proposed only to its nearest rule (by the rule's text and its checks' texts together),
    and there only to the check it is nearest to.
    """

    def __init__(self, vectors: PatternVectors) -> None:
        self.vectors = vectors
        self._pending: list[tuple[Unit, np.ndarray]] = []

    def add(self, unit: Unit, vector: np.ndarray) -> None:
        """Score `vector`, the sentence vector of `unit`, with the next chunk."""
        self._pending.append((unit, vector))
        if len(self._pending) == _CHUNK:
            self.flush()

    def flush(self) -> None:
        """Score the units added since the last chunk (called once more when all are added)."""
        if not self._pending:
            return
        nearest = self._nearest(np.stack([vector for _, vector in self._pending]))
        for (unit, _), proposal in zip(self._pending, nearest):
            if proposal is not None:
                unit.nearest, unit.nearness = proposal
        self._pending = []

    def _nearest(self, vectors: np.ndarray) -> list[Proposal | None]:
        scores = self.vectors.scores(vectors)
        # The nearest rule: the best column of each rule, then the best rule.
        nearest_rule = _block_maxima(scores, self.vectors.rule_starts).argmax(axis=0)
        nearest: list[Proposal | None] = [None] * len(vectors)
        # Then the nearest check of that rule: the units near one rule together.
        for r in np.unique(nearest_rule).tolist():
            in_rule = self.vectors.check_columns[r]
            if not len(in_rule):
                continue
            near = np.flatnonzero(nearest_rule == r)
            of_rule = scores[in_rule][:, near]
            best = of_rule.argmax(axis=0)
            for u, b, score in zip(near.tolist(), in_rule[best].tolist(), of_rule[best, np.arange(len(near))].tolist()):
                nearest[u] = (self.vectors.keys[b], score)
        return nearest

    @classmethod
    def for_patterns(cls, policy: Policy, patterns: PatternSet, nlp: Language) -> Proposer:
        return cls(pattern_vectors(policy, patterns, nlp))


class Recall:
    """Proposals for one document: each unit goes to the check it is nearest to (`Proposer`),
    when that closeness reaches the check kind's threshold."""

    def __init__(self, evaluator: Evaluator, thresholds: Thresholds | None = None) -> None:
        self.evaluator = evaluator
        self.thresholds = thresholds or load_thresholds()
        self._proposals: dict[tuple[int, str], list[tuple[int, float]]] = {}
        for i, unit in enumerate(evaluator.units):
            if unit.nearest is not None:
                self._proposals.setdefault(unit.nearest, []).append((i, unit.nearness))

    def matches(self, rule: int, check: Check, lenient: bool, skip: set[int]) -> list[Match]:
        """Confirmed proposals for `check` on units not already matched by the vocabulary (`skip`)."""
        threshold = self.thresholds.for_kind(check.kind)
        found = []
        for i, score in self._proposals.get((rule, check.id), ()):
            unit = self.evaluator.units[i]
            if score < threshold or unit.provision.index in skip:
                continue
            match = self.evaluator.confirm(check, unit, lenient, round(score, 2), self.thresholds.listed_groups)
            if match is not None:
                found.append(match)
        return found
