"""Concept tagging: find every vocabulary concept in a provision with one PhraseMatcher.

All concept terms are matched on the normalised form (see normalize.py), so a term
written once matches its inflections and spellings. A concept's `exclude` phrases mark
readings that are not the concept ("hard labour" is not childbirth): a term match that
overlaps an exclude match of the same concept is dropped.
"""

from __future__ import annotations

import sys
from typing import NamedTuple

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from linter.nlp.doc_values import register, set_value
from linter.nlp.normalize import normalize
from linter.nlp.phrase_cache import add_phrases, phrase_keys
from linter.nlp.token_rows import NORMED, OFFSET, TITLE, UPPER, WORD, span_text, token_array, token_rows
from linter.patterns import Concept, Drafting, InterposedHolders, load_patterns

_EXCLUDE_SUFFIX = "!exclude"
_STATUTE_NAME_SPAN = 10  # tokens after a hit within which the name of a law must end


class ConceptHit(NamedTuple):  # a tuple: a long law has millions of hits, made 3x faster than a frozen dataclass
    concept: str
    start: int
    end: int
    text: str
    idx: int  # character offset in the provision


class ConceptTagger:
    """spaCy component: sets `doc._.concepts` (tuple of ConceptHit, in text order).

    A hit inside the name of a law ("the End Solitary Confinement Act", "the Mental Health Act
    1983") is dropped: citing a law says nothing about its subject. How such a name ends is
    `drafting`'s (default: the installed patterns').
    """

    def __init__(self, nlp: Language, concepts: dict[str, Concept], drafting: Drafting | None = None) -> None:
        drafting = drafting or load_patterns().drafting
        self.statute_words = drafting.statute_words
        self.name_joiners = drafting.statute_name_joiners
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        self.holders = _InterposedHolders(nlp, drafting.interposed_holders)
        # Each person modifier's norm, and the norms of the nouns it may stand before.
        self.modifiers: dict[int, frozenset[int]] = {}
        for words, nouns in drafting.person_modifiers:
            heads = frozenset(nlp.vocab.strings.add(normalize(noun)) for noun in nouns)
            for word in words:
                key = nlp.vocab.strings.add(normalize(word))
                self.modifiers[key] = self.modifiers.get(key, frozenset()) | heads
        for concept in concepts.values():
            add_phrases(self.matcher, concept.id, phrase_keys(nlp, concept.terms, "NORM"))
            if concept.exclude:
                add_phrases(self.matcher, concept.id + _EXCLUDE_SUFFIX, phrase_keys(nlp, concept.exclude, "NORM"))
        register("concepts", ())

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        hits = []
        excluded: dict[str, list[tuple[int, int]]] = {}
        for match_id, start, end in self._matches(doc):
            label = sys.intern(strings[match_id])  # one string per concept, not one per hit
            if label.endswith(_EXCLUDE_SUFFIX):
                excluded.setdefault(label[: -len(_EXCLUDE_SUFFIX)], []).append((start, end))
            else:
                hits.append((label, start, end))
        kept = [
            (label, start, end)
            for label, start, end in sorted(hits, key=lambda h: h[1])
            if not any(s < end and start < e for s, e in excluded.get(label, ()))
        ]
        # Text and offsets from the token rows: a Span per hit (or doc.text) costs more than the matching.
        rows = token_rows(doc) if kept else []
        concepts = tuple(
            ConceptHit(label, start, end, span_text(strings, rows, start, end), rows[start][OFFSET])
            for label, start, end in kept
            if not self._in_statute_name(strings, rows, start, end)
        )
        set_value(doc, "concepts", concepts)
        return doc

    def _matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The matcher's hits, and those it finds once words that do not change who is meant are left out.

        "remain with their incarcerated mothers" is "remain with their mothers" (a person
        modifier), "meetings of convicted persons with close relatives" is "meetings with close
        relatives" (an interposed holder): a law's status word before a person, or its naming of
        whose meetings they are, does not change what is meant, so the vocabulary need not list
        each term once per modifier or holder. Hits are given in the provision's own token indices.
        """
        matches = list(self.matcher(doc))
        norms = token_array(doc)[:, NORMED].tolist()
        left_out = self._modifiers_at(norms) | self.holders.positions(norms)
        if not left_out:
            return matches  # most provisions: one C-level pass, no Token objects
        kept = [i for i in range(len(norms)) if i not in left_out]
        rows = token_rows(doc)
        reduced = Doc(doc.vocab, words=[doc.vocab.strings[rows[i][WORD]] for i in kept])
        seen = set(matches)
        for match_id, start, end in self.matcher(reduced):
            hit = (match_id, kept[start], kept[end - 1] + 1)
            if end - start > 1 and hit not in seen:
                seen.add(hit)
                matches.append(hit)
        return matches

    def _modifiers_at(self, norms: list[int]) -> set[int]:
        if self.modifiers.keys().isdisjoint(norms):
            return set()
        return {
            i for i, norm in enumerate(norms) if i + 1 < len(norms) and norms[i + 1] in self.modifiers.get(norm, ())
        }

    def _in_statute_name(self, strings, rows: list[list[int]], start: int, end: int) -> bool:
        if not all(row[TITLE] or row[UPPER] for row in rows[start:end]):
            return False
        for row in rows[end : end + _STATUTE_NAME_SPAN]:
            word = strings[row[WORD]]
            if word in self.statute_words:
                return True
            if not (row[TITLE] or row[UPPER] or word in self.name_joiners):
                return False
        return False


class _InterposedHolders:
    """Finds the `of` phrases that name whose act it is before a `with` (patterns/drafting.yaml)."""

    def __init__(self, nlp: Language, words: InterposedHolders) -> None:
        def keys(phrases: tuple[str, ...]) -> list[tuple[int, ...]]:
            # Longest first, so "convicted persons" is taken whole before "convicted".
            found = {tuple(nlp.vocab.strings.add(normalize(w)) for w in p.split()) for p in phrases}
            return sorted(found, key=len, reverse=True)

        self.leads = keys(words.leads)
        self.holders = keys(words.holders)
        self.joiners = {key[0] for key in keys(words.joiners)}
        self.before = {key[0] for key in keys(words.before)}
        self.openers = {lead[0] for lead in self.leads}

    def positions(self, norms: list[int]) -> set[int]:
        """Token indices of each such phrase in a provision's normalised words."""
        if self.before.isdisjoint(norms) or self.openers.isdisjoint(norms):
            return set()
        found: set[int] = set()
        for i, norm in enumerate(norms):
            if norm not in self.openers:
                continue
            for lead in self.leads:
                if tuple(norms[i : i + len(lead)]) == lead:
                    end = self._after_holders(norms, i + len(lead))
                    if end is not None and end < len(norms) and norms[end] in self.before:
                        found.update(range(i, end))
                        break
        return found

    def _after_holders(self, norms: list[int], at: int) -> int | None:
        """Where one holder, or several joined ("detainees and arrestees"), starting at `at` end."""
        end = None
        while True:
            holder = next((h for h in self.holders if tuple(norms[at : at + len(h)]) == h), None)
            if holder is None:
                return end
            end = at + len(holder)
            if end < len(norms) and norms[end] in self.joiners:
                at = end + 1
            else:
                return end
