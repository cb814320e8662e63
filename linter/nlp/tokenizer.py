"""The pipeline's tokenizer: spaCy's, with its special cases loaded when a text needs them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from spacy.attrs import intify_attrs
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

# Past this many characters of text the special cases still unloaded are all loaded at
# once: looking for them in a long law costs more than loading them (~0.05 s).
_SCAN_LIMIT = 50_000


class OnDemandTokenizer(Tokenizer):
    """spaCy's Tokenizer, loading its special cases ("don't", "a.m.", ":)") on demand.

    Loading the 1,347 English special cases is a tenth of the start-up of `check` on a small
    file, and a law uses a few dozen of them. A special case splits a text only where its
    string occurs in that text, so loading, before each text is split, the special cases
    whose string occurs in it splits every text exactly as the fully loaded tokenizer does.
    None of them contains whitespace other than the four whitespace cases themselves,
    which are always loaded, so each is looked for inside the text's whitespace-separated
    chunks.
    """

    def __init__(self, built: Tokenizer, special_cases: Mapping[str, list[dict[str, Any]]]) -> None:
        super().__init__(
            built.vocab,
            rules={},
            prefix_search=built.prefix_search,
            suffix_search=built.suffix_search,
            infix_finditer=built.infix_finditer,
            token_match=built.token_match,
            url_match=built.url_match,
            faster_heuristics=built.faster_heuristics,
        )
        # Each token's attributes as spaCy keeps them once loaded (it drops deprecated keys
        # such as "number" from the dicts it is given), so that the table is the same before
        # and after a case is loaded; each case is loaded from a copy.
        self.special_cases = {
            k: [intify_attrs(dict(t), _do_deprecated=True) for t in v] for k, v in special_cases.items()
        }
        self._unloaded = dict(self.special_cases)
        self._scanned = 0
        self._load([k for k in special_cases if not k.strip()])
        self._longest = max(map(len, self._unloaded), default=0)

    def __call__(self, text: str) -> Doc:
        if self._unloaded:
            self._load_special_cases_in(text)
        return super().__call__(text)

    def _load_special_cases_in(self, text: str) -> None:
        self._scanned += len(text)
        self._load(self._unloaded if self._scanned > _SCAN_LIMIT else self._occurring_in(set(text.split())))

    def _load(self, strings: Iterable[str]) -> None:
        for string in sorted(strings):  # spaCy's own order, should two cases ever overlap
            self.add_special_case(string, [dict(token) for token in self._unloaded.pop(string)])

    def _occurring_in(self, chunks: Iterable[str]) -> set[str]:
        unloaded, longest = self._unloaded, self._longest
        return {
            chunk[start:end]
            for chunk in chunks
            for start in range(len(chunk))
            for end in range(start + 1, min(len(chunk), start + longest) + 1)
            if chunk[start:end] in unloaded
        }


def tokenizer(nlp: Language) -> Tokenizer:
    """`nlp.tokenizer`: spaCy types the attribute as any callable, but a pipeline made by
    `spacy.blank` or linter.nlp.pipeline has spaCy's Tokenizer (or the one above), with
    `pipe` and the affix hooks the components use."""
    found = nlp.tokenizer
    assert isinstance(found, Tokenizer)
    return found


def special_cases(found: Tokenizer) -> Mapping[str, list[dict[str, Any]]]:
    """All of a tokenizer's special cases, loaded or not."""
    return found.special_cases if isinstance(found, OnDemandTokenizer) else (found.rules or {})
