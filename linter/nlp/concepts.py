"""Concept tagging: find every vocabulary concept in a provision with one PhraseMatcher.

All concept terms are matched on the normalised form (see normalize.py), so a term
written once matches its inflections and spellings. A concept's `exclude` phrases mark
readings that are not the concept ("hard labour" is not childbirth): a term match that
overlaps an exclude match of the same concept is dropped. A concept's `cued` terms are
ambiguous ("her confinement" is childbirth beside a pregnancy, detention elsewhere): a hit of
one is kept as the concept when a cue concept is in the same provision, and otherwise left
pending (`pending_concept`) for the engine to settle from the provisions around it.
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
from linter.patterns import Concept, Drafting, InterposedHolders, InterposedObjects, load_patterns

_EXCLUDE_SUFFIX = "!exclude"
_CUED_SUFFIX = "!cued"
_STATUTE_NAME_SPAN = 10  # tokens after a hit within which the name of a law must end


class ConceptHit(NamedTuple):  # a tuple: a long law has millions of hits, made 3x faster than a frozen dataclass
    concept: str
    start: int
    end: int
    text: str
    idx: int  # character offset in the provision


def pending_concept(label: str) -> str | None:
    """The concept a pending hit of a cued term would name, or None for a settled hit."""
    return label[: -len(_CUED_SUFFIX)] if label.endswith(_CUED_SUFFIX) else None


def settle(hit: ConceptHit) -> ConceptHit:
    """A pending hit whose cue was found: it names its concept."""
    return hit._replace(concept=sys.intern(hit.concept[: -len(_CUED_SUFFIX)]))


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
        self.objects = _InterposedObjects(nlp, drafting.interposed_objects)
        # Each person modifier's norm, and the norms of the nouns it may stand before.
        self.modifiers: dict[int, frozenset[int]] = {}
        for words, nouns in drafting.person_modifiers:
            heads = frozenset(nlp.vocab.strings.add(normalize(noun)) for noun in nouns)
            for word in words:
                key = nlp.vocab.strings.add(normalize(word))
                self.modifiers[key] = self.modifiers.get(key, frozenset()) | heads
        self.cues = {c.id: frozenset(c.cues) for c in concepts.values() if c.cued_terms}
        for concept in concepts.values():
            add_phrases(self.matcher, concept.id, phrase_keys(nlp, concept.terms, "NORM"))
            if concept.cued_terms:
                add_phrases(self.matcher, concept.id + _CUED_SUFFIX, phrase_keys(nlp, concept.cued_terms, "NORM"))
            if concept.exclude:
                add_phrases(self.matcher, concept.id + _EXCLUDE_SUFFIX, phrase_keys(nlp, concept.exclude, "NORM"))
        register("concepts", ())

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        hits = []
        excluded: dict[str, list[tuple[int, int]]] = {}
        pending = False
        for match_id, start, end in self._matches(doc):
            label = sys.intern(strings[match_id])  # one string per concept, not one per hit
            if label.endswith(_EXCLUDE_SUFFIX):
                concept = label[: -len(_EXCLUDE_SUFFIX)]
                excluded.setdefault(concept, []).append((start, end))
                if concept in self.cues:  # an exclude rules out the concept's cued terms too
                    excluded.setdefault(concept + _CUED_SUFFIX, []).append((start, end))
            else:
                hits.append((label, start, end))
                pending = pending or label.endswith(_CUED_SUFFIX)
        kept = [
            (label, start, end)
            for label, start, end in sorted(hits, key=lambda h: h[1])
            if not any(s < end and start < e for s, e in excluded.get(label, ()))
        ]
        if pending:
            kept = self._settle_cued(kept)
        # Text and offsets from the token rows: a Span per hit (or doc.text) costs more than the matching.
        rows = token_rows(doc) if kept else []
        concepts = tuple(
            ConceptHit(label, start, end, span_text(strings, rows, start, end), rows[start][OFFSET])
            for label, start, end in kept
            if not self._in_statute_name(strings, rows, start, end)
        )
        set_value(doc, "concepts", concepts)
        return doc

    def _settle_cued(self, kept: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
        """A cued hit names its concept when a cue is in the provision; one inside a settled hit
        of the same concept ("confinement for childbirth") is that hit already."""
        found = {label for label, _, _ in kept}
        settled = []
        for label, start, end in kept:
            concept = pending_concept(label)
            if concept is not None:
                if any(c == concept and s <= start and end <= e for c, s, e in kept):
                    continue
                if not self.cues[concept].isdisjoint(found):
                    label = sys.intern(concept)
            settled.append((label, start, end))
        return settled

    def _matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The matcher's hits, and those it finds once words that do not change who is meant are left out.

        "remain with their incarcerated mothers" is "remain with their mothers" (a person
        modifier), "meetings of convicted persons with close relatives" is "meetings with close
        relatives" (an interposed holder), "hand the child over to a relative" is "hand over to a
        relative" (an interposed object): a law's status word before a person, its naming of whose
        meetings they are, or of whom a hand-over moves, does not change what is meant, so the
        vocabulary need not list each term once per modifier, holder or object. Hits are given
        in the provision's own token indices.
        """
        matches = list(self.matcher(doc))
        norms = token_array(doc)[:, NORMED].tolist()
        left_out = self._modifiers_at(norms) | self.holders.positions(norms) | self.objects.positions(norms)
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
        # Holders by their first word: a provision's "of" is compared with the few that can follow it.
        self.holders: dict[int, list[tuple[int, ...]]] = {}
        for holder in keys(words.holders):
            self.holders.setdefault(holder[0], []).append(holder)
        self.joiners = {key[0] for key in keys(words.joiners)}
        self.before = {key[0] for key in keys(words.before)}
        self.openers = {lead[0] for lead in self.leads}
        # What may follow an opener: a lead's next word ("of the") or a holder ("of prisoners").
        self.followers = {lead[1] for lead in self.leads if len(lead) > 1} | set(self.holders)

    def positions(self, norms: list[int]) -> set[int]:
        """Token indices of each such phrase in a provision's normalised words."""
        if self.before.isdisjoint(norms) or self.openers.isdisjoint(norms):
            return set()
        found: set[int] = set()
        for i, norm in enumerate(norms):
            if norm not in self.openers or i + 1 >= len(norms) or norms[i + 1] not in self.followers:
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
            candidates = self.holders.get(norms[at], ()) if at < len(norms) else ()
            holder = next((h for h in candidates if tuple(norms[at : at + len(h)]) == h), None)
            if holder is None:
                return end
            end = at + len(holder)
            if end < len(norms) and norms[end] in self.joiners:
                at = end + 1
            else:
                return end


class _InterposedObjects:
    """Finds the person named between a verb and its particle: "hand [the child] over to" (patterns/drafting.yaml)."""

    def __init__(self, nlp: Language, words: InterposedObjects) -> None:
        def key(word: str) -> int:
            return nlp.vocab.strings.add(normalize(word))

        self.verbs = {key(w) for w in words.verbs}
        self.determiners = {key(w) for w in words.determiners}
        self.objects = {key(w) for w in words.objects}
        self.after = {key(w) for w in words.after}

    def positions(self, norms: list[int]) -> set[int]:
        """Token indices of each such object (and its determiner) in a provision's normalised words."""
        if self.objects.isdisjoint(norms) or self.verbs.isdisjoint(norms):
            return set()
        found: set[int] = set()
        for i, norm in enumerate(norms):
            if norm not in self.verbs:
                continue
            start = at = i + 1
            if at < len(norms) and norms[at] in self.determiners:
                at += 1
            if at + 1 < len(norms) and norms[at] in self.objects and norms[at + 1] in self.after:
                found.update(range(start, at + 1))
        return found
