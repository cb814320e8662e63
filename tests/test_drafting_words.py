"""The words of legal drafting are pattern data (patterns/drafting.yaml): validated by the one
schema, written in the phrase notation, and really what the cross-reference, definition and
statute-name finders read."""

import itertools
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from linter.definitions import definition_grammar
from linter.engine.crossref import cross_reference_grammar, find_exception_links, find_mentions, find_savings
from linter.errors import PolicyError
from linter.nlp.concepts import ConceptTagger
from linter.nlp.pipeline import build_pipeline
from linter.pattern_language import phrase_anchors, phrase_problem, phrase_regex, phrases_regex
from linter.pattern_tests import example_document
from linter.patterns import load_patterns, load_patterns_from

FIXTURE = Path(__file__).parent / "fixtures" / "patterns"
SHIPPED_DRAFTING = Path(__file__).parents[1] / "patterns" / "drafting.yaml"


def _patterns_copy(tmp_path: Path) -> Path:
    """A small pattern set with the shipped drafting words, to edit."""
    root = tmp_path / "patterns"
    shutil.copytree(FIXTURE, root)
    shutil.copy(SHIPPED_DRAFTING, root / "drafting.yaml")
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- the schema ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("  qualified_by:\n", "  qualifed_by:\n", "unknown key 'qualifed_by' in cross-reference wording"),
        (
            "    - except as (otherwise) provided in ",
            "    - except as (otherwise provided in ",
            "malformed word '\\(otherwise'",
        ),
        ("    - subject to ", "    - subject (to) ", "cannot end with an optional word"),
        ("  - exempt* ", "  - ex*empt ", "malformed word 'ex\\*empt'"),
        ("    - Ordinance ", "    - Penal Ordinance ", "expected a single word"),
        ("      - nothing in ", "      - nothing: in ", "expected a string"),
        ("  bare_verbs:\n", "  bare_verb:\n", "unknown key 'bare_verb' in definition wording"),
    ],
)
def test_a_malformed_drafting_list_is_an_error_naming_the_line(tmp_path, old, new, message):
    root = _patterns_copy(tmp_path)
    drafting = root / "drafting.yaml"
    _edit(drafting, old, new)
    line = next(i for i, text in enumerate(drafting.read_text(encoding="utf-8").splitlines(), 1) if new.strip() in text)
    with pytest.raises(PolicyError, match=message) as exc:
        load_patterns_from(root)
    assert str(exc.value).startswith(f"{drafting}:{line}:")


def test_a_list_given_as_one_string_is_an_error(tmp_path):
    root = _patterns_copy(tmp_path)
    drafting = root / "drafting.yaml"
    text = drafting.read_text(encoding="utf-8")
    start = text.index("  disapplied_by:\n")
    end = text.index("\n\n", start)
    drafting.write_text(text[:start] + "  disapplied_by: does not apply" + text[end:], encoding="utf-8")
    with pytest.raises(PolicyError, match="disapplied_by'.*expected a list of phrases"):
        load_patterns_from(root)


# -- the phrase notation --------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase, matches, misses",
    [
        (
            "except as (otherwise) provided in",
            ["except as provided in", "Except  as otherwise\nprovided in"],
            ["except as otherwise in"],
        ),
        ("prohibition(s) under", ["prohibition under", "prohibitions under"], ["prohibitionss under"]),
        ("exempt*", ["exempt", "exempted", "exemption"], ["exemp"]),
        ("sub-section", ["sub-section"], ["subsection", "sub section"]),
        ("§", ["§"], ["s"]),
    ],
)
def test_phrase_notation(phrase, matches, misses):
    assert phrase_problem(phrase) == ""
    regex = re.compile(phrase_regex(phrase), re.IGNORECASE)
    assert all(regex.fullmatch(text) for text in matches)
    assert not any(regex.fullmatch(text) for text in misses)


def test_where_one_phrase_extends_another_the_longer_wins():
    regex = re.compile(phrases_regex(["notwithstanding", "notwithstanding anything in"]))
    assert regex.match("notwithstanding anything in section 5").group(0) == "notwithstanding anything in"
    assert regex.match("notwithstanding anything else").group(0) == "notwithstanding"


def _spellings(phrase: str) -> list[str]:
    """Every text a phrase matches, with optional parts in and out and `*` as no ending or "ed"."""
    choices = []
    for word in phrase.split():
        optional = re.fullmatch(r"\((.+)\)", word)
        if optional:
            choices.append(["", optional.group(1) + " "])
            continue
        pieces = re.split(r"(\([^()]*\)|\*)", word)
        spelt = [""]
        for piece in pieces:
            options = ["", piece[1:-1]] if piece.startswith("(") else ["", "ed"] if piece == "*" else [piece]
            spelt = [s + o for s in spelt for o in options]
        choices.append([s + " " for s in spelt])
    return [" ".join("".join(c).split()) for c in itertools.product(*choices)]


def _phrase_lists():
    drafting = load_patterns().drafting
    refs = drafting.cross_references
    wording = drafting.definitions
    return {
        "qualified_by": refs.qualified_by,
        "exception_to": refs.exception_to,
        "disapplied_by": refs.disapplied_by,
        "mentions": refs.mentions,
        "provision_names": refs.provision_names,
        "saving_openers": refs.saving_openers,
        "definition verbs": wording.verbs + wording.bare_verbs,
    }


@pytest.mark.parametrize("name", list(_phrase_lists()))
def test_every_spelling_of_a_phrase_passes_its_list_prefilter(name):
    """The substring prefilter is derived from the phrases, so it can never skip a text they match."""
    phrases = _phrase_lists()[name]
    anchors = phrase_anchors(phrases)
    regex = re.compile(phrases_regex(phrases), re.IGNORECASE)
    for phrase in phrases:
        for text in _spellings(phrase):
            assert regex.fullmatch(text), (phrase, text)
            assert any(anchor in text.lower() for anchor in anchors), (phrase, text, anchors)


def test_prefilters_are_as_selective_as_distinctive_words():
    # Not "as", "to" or "shall": a function word would let nearly every provision through.
    assert phrase_anchors(["except as (otherwise) provided in", "except as permitted by", "subject to"]) == (
        "except as",
        "subject to",
    )
    assert phrase_anchors(["shall not apply", "does not apply"]) == ("apply",)
    assert phrase_anchors(["shall mean", "means", "has the (same) meaning"]) == ("mean",)


# -- the data is what the finders read -------------------------------------------------------

_LAID_DOWN = """1. Except as laid down in section 2, no woman shall be restrained.
2. A woman may be restrained where she is violent."""


def test_a_phrase_added_to_qualified_by_links_the_provisions(tmp_path):
    root = _patterns_copy(tmp_path)
    _edit(root / "drafting.yaml", "    - subject to ", "    - except as laid down in  # test\n    - subject to ")
    provisions = example_document(_LAID_DOWN).provisions
    shipped = cross_reference_grammar(load_patterns().drafting.cross_references)
    extended = cross_reference_grammar(load_patterns_from(root).drafting.cross_references)
    assert find_exception_links(provisions, shipped) == []
    [link] = find_exception_links(provisions, extended)
    assert (link.qualified, link.exception, link.phrase) == (0, 1, "Except as laid down in section 2")


def test_a_provision_name_added_is_cited_by_every_kind_of_reference(tmp_path):
    root = _patterns_copy(tmp_path)
    _edit(root / "drafting.yaml", "    - article  #", "    - standing order  # test\n    - article  #")
    text = """1. Notwithstanding standing order 3, a pregnant woman shall not be punished.
2. Nothing in standing order 3 authorises the use of restraints.
3. The punishment referred to in standing order 4 may be imposed.
4. Solitary confinement may be imposed for up to seven days."""
    provisions = example_document(text).provisions
    shipped = cross_reference_grammar(load_patterns().drafting.cross_references)
    extended = cross_reference_grammar(load_patterns_from(root).drafting.cross_references)
    assert not find_exception_links(provisions, shipped) and not find_savings(provisions, shipped)
    assert not find_mentions(provisions, shipped)
    assert [(x.qualified, x.exception) for x in find_exception_links(provisions, extended)] == [(2, 0)]
    assert find_savings(provisions, extended) == [(1, 2)]
    assert find_mentions(provisions, extended) == [(2, 3)]


def test_a_verb_added_to_definitions_defines_a_term(tmp_path):
    root = _patterns_copy(tmp_path)
    _edit(root / "drafting.yaml", "    - does not include ", "    - is defined as  # test\n    - does not include ")
    text = '"Infant" is defined as a child under the age of two.'
    assert not definition_grammar(load_patterns().drafting.definitions).is_definition(text)
    extended = definition_grammar(load_patterns_from(root).drafting.definitions)
    assert extended.is_definition(text)
    [definition] = extended.definitions_in(text)
    assert definition.term == "infant"
    assert text[definition.body_start :].strip() == "a child under the age of two."


def test_a_word_added_to_statute_names_ends_the_name_of_a_law():
    nlp = build_pipeline()
    concepts = load_patterns().concepts
    drafting = load_patterns().drafting
    text = "Under the Pregnant Prisoners Decree, no restraint shall be used."
    shipped = ConceptTagger(nlp, concepts, drafting)
    extended = ConceptTagger(nlp, concepts, replace(drafting, statute_words=drafting.statute_words | {"Decree"}))
    assert "pregnant" in {h.concept for h in shipped(nlp.make_doc(text))._.concepts}
    assert "pregnant" not in {h.concept for h in extended(nlp.make_doc(text))._.concepts}
    assert "restraint" in {h.concept for h in extended(nlp.make_doc(text))._.concepts}
