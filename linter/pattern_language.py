"""The pattern language: the one place that says what a pattern file may contain.

It holds the stance vocabulary (what a clause can say about an act), the tables that map
deontic markers to stances and stances to what a check accepts, the schema of every
pattern file, the strict validator (unknown key, concept or stance is an error naming the
file and line), and the generator of `patterns/README.md`, the reference for pattern
authors. Phrases live in the data files; this module has none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import yaml

from linter.errors import PolicyError

# libyaml's loader is ~15x faster; fall back to the pure-Python safe loader without it.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# -- the stance vocabulary ------------------------------------------------------------------

# What a clause says about the act it governs (decided by linter/nlp/deontic.py).
STANCES: dict[str, str] = {
    "obligation": "the act is required (`shall`, `must`, `is entitled to`, `may request` — a right of one person is a duty of another)",
    "qualified-obligation": "a duty hollowed out by a qualifier (`where practicable`) or a soft duty (`should`, `efforts shall be made`)",
    "prohibition": "the act is forbidden without exception (`shall not`, `No … shall`, `Under no circumstances`)",
    "excepted-prohibition": "the act is forbidden, but an exception or proviso allows it again in some case (`shall not … unless`, `; but where … may`)",
    "limited": "the act may be done only in the cases, by the people or in the manner named (`shall … only where`, `only by`): a protective limit, which is a kind of excepted-prohibition",
    "permission": "the act is allowed or left to discretion (`may`, `it shall be lawful`), including a sanction that may be imposed (`is liable to`, `punishable by`)",
    "statement": "the clause names the act with no modal (`Sanitary towels are supplied on request.`)",
}

# A stance that is a kind of another: a check that accepts the broader one accepts it too.
REFINES: dict[str, str] = {"limited": "excepted-prohibition"}

# Named stance sets, usable wherever a check lists stances (`stance: re-permits`).
STANCE_SETS: dict[str, tuple[str, ...]] = {
    "re-permits": ("permission", "excepted-prohibition", "qualified-obligation"),
    "forbids": ("prohibition",),
    "requires": ("obligation", "statement"),
    "addresses": tuple(STANCES),
}

# What an element asks of a clause: stances that implement it fully, and only weakly.
ELEMENT_STANCES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "require": (frozenset({"obligation", "statement", "limited"}), frozenset({"qualified-obligation", "permission"})),
    "forbid": (frozenset({"prohibition"}), frozenset({"excepted-prohibition"})),
    "mention": (frozenset(STANCES), frozenset()),
}
ELEMENT_STANCE_DOCS: dict[str, str] = {
    "require": "the document must oblige the act",
    "forbid": "the document must forbid the act",
    "mention": "the document must only address the act, whatever its stance",
}

# Categories of deontic markers (`markers:` in patterns/deontic.yaml) and what each does.
MARKER_CATEGORIES: dict[str, str] = {
    "prohibition": "forbids the act: stance `prohibition`",
    "offence": "makes the act named before it an offence or misconduct (`An officer who has sexual contact with a prisoner commits a disciplinary offence`): stance `prohibition`; it governs only an act that stands before it, so the condition of a punishment (`a prisoner who commits a disciplinary offence shall be liable to …`) forbids nothing",
    "obligation": "requires the act: stance `obligation`; after a negative opener (`No …`) a `prohibition`",
    "saving": "forbids or restrains the act (`shall prevent`, `prohibits`); negated it saves a power (`Nothing in this section shall be construed to prohibit …`): stance `permission`",
    "right": "a right of the subject (`may request`, `is entitled to`): an obligation on the authority, stance `obligation`",
    "permission": "allows the act: stance `permission`; after a negative opener a `prohibition`",
    "sanction": "introduces a punishment that may be imposed (`is liable to`, `punishable by`): stance `permission` of the sanction",
    "aspiration": "a soft duty (`should`, `efforts shall be made`): stance `qualified-obligation`",
    "disapplication": "switches another provision off (`shall not apply`): stance `permission` (excepted) for what it re-permits; after an act with no `provision_name` before it, the act itself is disapplied for the people named (`placement in a punishment cell shall not apply to pregnant women`): stance `prohibition`",
    "exception": "carves an exception out of the clause (`unless`, `except`): a prohibition becomes `excepted-prohibition`",
    "proviso": "opens a proviso (`Provided that`, `; but where`, `save that`): a later clause of the provision that opens with one and permits re-permits the act",
    "contrast": "`however`, `nevertheless`: inside a clause a discourse word, not an exception; opening a later clause that permits, a proviso",
    "limit": "`shall … only where/if/when/by`: the act is allowed only in those cases, stance `limited`",
    "condition": "a condition that names a purpose or occasion (`only for`) without turning a duty into a limit",
    "qualifier": "hollows out a duty (`where practicable`): `obligation` becomes `qualified-obligation`; elements count it as weak",
    "restriction": "a restriction of a good (`restrictions on visits`): the act it names is restricted, so the clause does not support it",
    "privative": "the act that follows closely is done without (`without the use of handcuffs`): a duty to act so forbids it, a ban on acting so requires it",
    "presupposition": "opens a condition that takes the act it names for granted (`When restraints are used on a pregnant inmate, …`): for a conflict, an act in that part of the sentence, with no modal of its own there, is permitted",
    "removal": "a verb that takes away the act named as its passive subject (`restraints shall be removed`, `fetters shall be taken off`): a duty to remove it forbids it, as a `privative` does",
    "fixed_phrase": "a set phrase containing another marker's words that is no marker (`deprived of liberty` names prisoners, it restricts nothing): read as plain words",
    "anaphor": "refers back to an act named earlier in the provision (`so punished`, `such punishment`): the act is read where the reference stands",
    "provision_name": "names a rule or a provision (`the prohibition`, `this section`, `paragraph`): a `disapplication` after it switches that rule off",
    "subordinate": "opens a relative or noun clause (`which`, `the decision that`): a modal inside it does not govern the main act",
    "inability": "looks like a modal but states a fact (`cannot`): gives the clause no stance",
}
# Categories that give a clause a stance of its own, in precedence order for ties.
MODAL_CATEGORIES = (
    "prohibition",
    "offence",
    "obligation",
    "right",
    "permission",
    "sanction",
    "saving",
    "aspiration",
    "disapplication",
)
# Categories that carve an exception out of a clause.
EXCEPTION_CATEGORIES = ("exception", "proviso")
# Categories that shape how a clause is read but are not quoted among its stance words.
UNQUOTED_CATEGORIES = (
    "subordinate",
    "restriction",
    "provision_name",
    "anaphor",
    "privative",
    "removal",
    "presupposition",
    "fixed_phrase",
)


def accepts(accepted: Iterable[str], kind: str) -> bool:
    """Does a stance list accept stance `kind` (directly or through the stance it refines)?"""
    accepted = set(accepted)
    return kind in accepted or REFINES.get(kind) in accepted


def expand_stances(names: Iterable[str]) -> tuple[str, ...]:
    """Stance names with named sets (`re-permits`) replaced by their members, order kept."""
    out: list[str] = []
    for name in names:
        out += STANCE_SETS.get(name, (name,))
    return tuple(dict.fromkeys(out))


# -- the phrase notation of drafting.yaml ------------------------------------------------------

PHRASE_NOTATION = (
    "Words match whatever whitespace separates them, in any letter case unless the key says otherwise. "
    "`(x)` marks an optional part: a whole word (`except as (otherwise) provided in`) or the end of one "
    "(`prohibition(s) under`); a phrase cannot end with an optional word. `*` at the end of a word stands "
    "for any ending (`exempt*`: exempt, exempted, exemption)."
)
_OPTIONAL_WORD = re.compile(r"\(([^()*\s]+)\)")
_WORD = re.compile(r"(?:[^()*\s]+|\([^()*\s]+\))+\*?")
_OPTIONAL_PART = re.compile(r"(\([^()]*\))")
_PLAIN_WORD = re.compile(r"[^()*\s]+")
# Too common to pick a phrase out of a text by: a phrase's anchor is another of its words.
_FUNCTION_WORDS = frozenset(
    ("a", "an", "the")
    + ("as", "at", "by", "for", "from", "in", "into", "of", "on", "to", "under", "upon", "with")
    + ("not", "no", "is", "are", "be", "been", "do", "does", "has", "have")
    + ("shall", "may", "must", "will", "can")
)


def phrase_problem(phrase: str) -> str:
    """What is wrong with `phrase` in the phrase notation; empty when nothing is."""
    words = phrase.split()
    if not words:
        return "an empty phrase"
    for word in words:
        if _OPTIONAL_WORD.fullmatch(word):
            continue
        if not _WORD.fullmatch(word) or not _OPTIONAL_PART.sub("", word).strip("*"):
            return f"malformed word {word!r} (`(x)` encloses an optional part, `*` may only end a word)"
    if _OPTIONAL_WORD.fullmatch(words[-1]):
        return "a phrase cannot end with an optional word"
    return ""


def phrase_regex(phrase: str) -> str:
    """The regular expression (source) for a phrase in the phrase notation; case is left to the caller."""
    return phrases_regex([phrase])


def phrases_regex(phrases: Iterable[str]) -> str:
    """An alternation of the phrases, factored on their common opening words.

    Factored, a regex tries a few branches at each position of a text instead of one per
    phrase (a list of 40 phrases costs little more than one). Where one phrase extends
    another ("notwithstanding anything in", "notwithstanding"), the longer is tried first.
    """
    return _factored([_tokens(p) for p in dict.fromkeys(phrases)])


def _tokens(phrase: str) -> tuple[tuple[str, bool], ...]:
    """Each word's regex, and whether the word is optional."""
    out = []
    for word in phrase.split():
        optional = _OPTIONAL_WORD.fullmatch(word)
        out.append((_word_regex(optional.group(1)), True) if optional else (_word_regex(word), False))
    return tuple(out)


def _factored(sequences: list[tuple[tuple[str, bool], ...]]) -> str:
    branches: dict[tuple[str, bool], list[tuple[tuple[str, bool], ...]]] = {}
    for tokens in sequences:
        branches.setdefault(tokens[0], []).append(tokens[1:])
    out = []
    for (word, optional), rests in sorted(branches.items(), key=lambda branch: -len(branch[0][0])):
        tails = [rest for rest in rests if rest]
        if optional:  # never a phrase's last word (phrase_problem), so it has tails
            out.append(f"(?:{word}\\s+)?(?:{_factored(tails)})")
        elif not tails:
            out.append(word)
        elif len(tails) < len(rests):  # a phrase ends here and longer ones go on
            out.append(f"{word}(?:\\s+(?:{_factored(tails)}))?")
        else:
            out.append(f"{word}\\s+(?:{_factored(tails)})")
    return "|".join(out)


def _word_regex(word: str) -> str:
    out = ""
    for piece in _OPTIONAL_PART.split(word):
        if piece.startswith("("):
            out += f"(?:{re.escape(piece[1:-1])})?"
        elif piece.endswith("*"):
            out += re.escape(piece[:-1]) + r"\w*"
        else:
            out += re.escape(piece)
    return out


def phrase_anchors(phrases: Iterable[str]) -> tuple[str, ...]:
    """Lower-case texts, one of which every text matching one of the phrases contains.

    A substring test for them is far cheaper than the phrases' regular expression, so a
    finder runs that only on texts that pass it. A phrase's anchor is its first word that
    is not a function word, with the word after it when every phrase sharing that word goes
    on with the same one ("except as", "subject to"). The texts tested are the structure
    parser's provisions, whose words are separated by single spaces.
    """
    follows: dict[str, set[str]] = {}
    for phrase in phrases:
        words = phrase.lower().split()
        required = [i for i, w in enumerate(words) if not _OPTIONAL_WORD.fullmatch(w)]
        at = next((i for i in required if words[i] not in _FUNCTION_WORDS), required[0])
        word, after = words[at], words[at + 1] if at + 1 < len(words) else ""
        if not _PLAIN_WORD.fullmatch(word):  # "prohibition(s)", "exempt*": its longest plain piece
            follows.setdefault(max(re.split(r"\([^()]*\)|\*", word), key=len), set()).add("")
        else:  # the next word, unless something optional may come between
            follows.setdefault(word, set()).add(after if _PLAIN_WORD.fullmatch(after) else "")
    anchors = {
        f"{first} {next(iter(after))}" if len(after) == 1 and "" not in after else first
        for first, after in follows.items()
    }
    # Text containing another anchor adds nothing to the test.
    return tuple(sorted(a for a in anchors if not any(b != a and b in a for b in anchors)))


# -- the schema of pattern files -------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    doc: str
    shape: str  # see _SHAPES
    required: bool = False
    section: str = ""  # for "mapping"/"list-of"/"named": the section its values follow


# A value's shape: how the validator reads it.
_SHAPES = {
    "text": "a string",
    "int": "an integer",
    "bool": "true or false",
    "phrases": "a string or a list of strings",
    "wording": "a list of phrases in the phrase notation (see above)",
    "words": "a list of single words, matched as written",
    "concepts": "a concept id or a list of concept ids",
    "concept-groups": "a list; each item a concept id or a list of alternative concept ids",
    "stances": "a stance, a named stance set, or a list of them",
    "element-stance": "one of `require`, `forbid`, `mention`",
    "precision": "one of `very-high`, `high`, `medium`, `low`",
    "mapping": "a mapping (see its section)",
    "list-of": "a list of mappings (see its section)",
    "named": "a mapping from an id to a mapping (see its section)",
}

# Conflict checks are written narrowly and measured at precision 0.96-1.0; elements feed
# "partial", whose F1 is about 0.75. A check's `precision` key overrides its kind's default.
PRECISIONS = ("very-high", "high", "medium", "low")
DEFAULT_PRECISION = {"conflict": "high", "element": "medium"}


# Keys elements and conflict checks share.
_ID = Field("unique id within the file", "text", required=True)
_ALL = Field(
    "concept groups that must all appear; the first group is the act whose stance counts",
    "concept-groups",
    required=True,
)
_NONE = Field("concepts that must not appear in the clause or its context", "concepts")
_PRECISION = Field(
    "how often a match is right, in code scanning's terms (default `medium` for elements, `high` for conflicts; shown in SARIF)",
    "precision",
)

SCHEMA: dict[str, dict[str, Field]] = {
    "rule file": {
        "rule": Field("number of the Bangkok Rule the file checks", "int", required=True),
        "name": Field("short kebab-case name, used in SARIF", "text"),
        "what": Field("what the rule checks, in plain words (shown by `bangkok-lint rules N`)", "text"),
        "why": Field("why it matters and what does not count", "text"),
        "elements": Field("what a regulation must contain to implement the rule", "list-of", section="element"),
        "conflicts": Field("clauses that contradict the rule", "list-of", section="conflict"),
        "gender_neutral": Field(
            "the rule's core duty is not about sex, pregnancy or children: a clause for all prisoners that puts a `gender_neutral` element into effect makes it partial",
            "bool",
        ),
    },
    "element": {
        "id": _ID,
        "description": Field("what the element asks, listed as missing when absent", "text"),
        "all": _ALL,
        "none": _NONE,
        "stance": Field("what the element asks of the clause", "element-stance", required=True),
        "alternatives": Field(
            "other ways a clause can put the element into effect, each with its own concepts and stance "
            "(a ban on searches by men puts into effect that women are searched only by women)",
            "list-of",
            section="alternative",
        ),
        "key": Field("false for an optional element: its absence does not make the verdict partial", "bool"),
        "gender_neutral": Field(
            "a clause for all prisoners can put this element into effect (the rule must say `gender_neutral: true`)",
            "bool",
        ),
        "precision": _PRECISION,
        "examples": Field(
            "clauses the element must and must not match (run by `bangkok-lint test-patterns`)",
            "mapping",
            required=True,
            section="examples",
        ),
    },
    "conflict": {
        "id": _ID,
        "description": Field("what the conflicting clause does", "text"),
        "message": Field("the finding's message", "text"),
        "all": _ALL,
        "none": _NONE,
        "stance": Field("stances of the act that make the clause conflict", "stances", required=True),
        "unless": Field(
            "the conflict is dropped when this holds anywhere in the document", "mapping", section="unless"
        ),
        "precision": _PRECISION,
        "examples": Field("clauses the check must and must not match", "mapping", required=True, section="examples"),
    },
    "alternative": {
        "all": Field("concept groups that must all appear", "concept-groups", required=True),
        "none": Field("concepts that must not appear", "concepts"),
        "stance": Field(
            "what this way of putting the element into effect asks of the clause", "element-stance", required=True
        ),
    },
    "unless": {
        "all": Field("concept groups that must all appear", "concept-groups", required=True),
        "none": Field("concepts that must not appear", "concepts"),
        "stance": Field(
            "stances the act must take there; empty or absent: any stance, even a clause with no modal", "stances"
        ),
    },
    "examples": {
        "match": Field("documents (one provision per line) on which the check must fire", "phrases", required=True),
        "no_match": Field("documents on which it must not fire", "phrases", required=True),
    },
    "vocabulary file": {
        "concepts": Field("the concepts, by id", "named", required=True, section="concept"),
    },
    "concept": {
        "kind": Field("`action`, `subject` or `circumstance` (default)", "text"),
        "description": Field("what the concept means", "text"),
        "terms": Field("words and phrases that name it; matched on normalised forms", "phrases", required=True),
        "exclude": Field("phrases that are not the concept (`hard labour` is not childbirth)", "phrases"),
        "cued": Field(
            "terms that name the concept only beside a cue (`her confinement` is childbirth near a pregnancy, detention elsewhere)",
            "mapping",
            section="cued terms",
        ),
        "examples": Field(
            "clauses that must and must not contain the concept, one per harvested variant or sense check (run by `bangkok-lint test-patterns`)",
            "mapping",
            section="examples",
        ),
    },
    "cued terms": {
        "terms": Field("ambiguous words and phrases, matched like `terms`", "phrases", required=True),
        "cues": Field(
            "concepts that settle the sense: one must be in the provision, its lead-in or headings, or the provision just before or after it under the same lead-in",
            "concepts",
            required=True,
        ),
    },
    "deontic file": {
        "markers": Field("marker phrases by category", "mapping", required=True, section="markers"),
        "negative_openers": Field(
            "words that, opening a clause or the part of it with the modal, negate it (`No prisoner shall`)", "phrases"
        ),
        "exemption_words": Field(
            "exception words that carve people or acts out of a permission (`unless she is pregnant`)", "phrases"
        ),
        "continuations": Field(
            "words that, opening a sentence, make it continue the one before (`This applies to …`)", "phrases"
        ),
        "coordinators": Field(
            "words that, opening a comma-separated part, make it a clause of its own when it has a modal (`, and a male officer may not be present`)",
            "phrases",
        ),
        "abbreviations": Field("words after which a full stop does not end a sentence (`s. 12`)", "phrases"),
        "non_operative_headings": Field(
            "headings under which provisions oblige no one (findings, purposes)", "phrases"
        ),
    },
    "markers": {name: Field(doc, "phrases") for name, doc in MARKER_CATEGORIES.items()},
    "drafting file": {
        "cross_references": Field(
            "how a provision cites another", "mapping", required=True, section="cross-reference wording"
        ),
        "statute_names": Field("how the name of a law ends", "mapping", required=True, section="statute-name wording"),
        "exception_lead_ins": Field(
            "words that make a lead-in ending in a colon or dash open a list of exceptions (`… except:`, `does not apply to—`): its items carve people or cases out of it",
            "wording",
            required=True,
        ),
        "definitions": Field("how a provision defines a term", "mapping", required=True, section="definition wording"),
        "person_modifiers": Field(
            "words a law puts before a person or child that do not change who is meant (`their incarcerated mothers`, `her minor children`): a concept term matches with them inserted",
            "list-of",
            section="person modifier",
        ),
        "back_references": Field(
            "how a subsection opens when it points back at the one before (`While so removed, …`, `During such period …`): it is read in that one's circumstances",
            "phrases",
        ),
        "interposed_holders": Field(
            "an `of` phrase naming people in custody that stands between a word and its `with` without changing what is meant (`meetings of convicted persons with close relatives`): a concept term matches with it inserted",
            "mapping",
            section="interposed holders",
        ),
        "interposed_objects": Field(
            "the person a verb acts on, named between the verb and its particle or preposition without changing what is done (`hand the child over to`, `deliver her infant into the care of`): a concept term matches with it left out",
            "mapping",
            section="interposed objects",
        ),
    },
    "cross-reference wording": {
        "provision_names": Field(
            "what a law calls its provisions (`section`, `article`, `§`); each also matches with a plural s, and the number after it is read by the code",
            "wording",
            required=True,
        ),
        "item_names": Field(
            "words naming a lettered item after its paragraph's reference (`paragraph (1) letter d`)",
            "wording",
            required=True,
        ),
        "paragraph_names": Field(
            'what some traditions call a numbered paragraph of an article, read only where an item reference names its paragraph (`items "d" and "e" of part one of this article`); the number may be a word',
            "wording",
        ),
        "qualified_by": Field(
            "before a provision name: the provision saying it is read subject to the one named (`except as provided in`, `subject to`)",
            "wording",
            required=True,
        ),
        "exception_to": Field(
            "before a provision name: the provision saying it is an exception to the one named (`notwithstanding`, `the prohibition under`)",
            "wording",
            required=True,
        ),
        "disapplied_by": Field(
            "after a provision's reference: the provision saying it is an exception to the one named (`Paragraph (3) does not apply`)",
            "wording",
            required=True,
        ),
        "mentions": Field(
            "before a provision name: the provision saying it is about what the one named provides, whose words are read as if they stood in it (`the sanction referred to in`)",
            "wording",
            required=True,
        ),
        "saving": Field(
            "a saving clause: the provisions it names permit nothing it rules out (`Nothing in subsection (2) authorises …`)",
            "mapping",
            required=True,
            section="saving-clause wording",
        ),
    },
    "saving-clause wording": {
        "openers": Field("before the provisions named (`nothing in`)", "wording", required=True),
        "links": Field(
            "may stand between the provisions named and the verb (`shall be construed to`)", "wording", required=True
        ),
        "verbs": Field("what the provisions are said not to do (`permit*`, `authoris*`)", "wording", required=True),
    },
    "statute-name wording": {
        "words": Field(
            "a capitalised run of words ending in one of these is the name of a law (`the Mental Health Act 1983`): a concept named in it says nothing about the law checked",
            "words",
            required=True,
        ),
        "joiners": Field(
            "small words that may stand inside such a name (`Act on the Enforcement of …`)", "words", required=True
        ),
    },
    "person modifier": {
        "words": Field("the modifiers; matched on normalised forms", "phrases", required=True),
        "before": Field(
            "the nouns they may stand before (`detained` before `mothers`, not before `children`: detained children are child prisoners)",
            "phrases",
            required=True,
        ),
    },
    "interposed holders": {
        "leads": Field("the words that open the phrase (`of`, `of the`)", "phrases", required=True),
        "holders": Field("who may be named in it; matched on normalised forms", "phrases", required=True),
        "joiners": Field("words joining two holders (`detainees and arrestees`)", "phrases"),
        "before": Field("the words that must follow the phrase (`with`)", "phrases", required=True),
    },
    "interposed objects": {
        "verbs": Field(
            "the verbs; matched on normalised forms (`hand` also matches `handed`)", "phrases", required=True
        ),
        "determiners": Field("words that may open the object (`the`, `her`, `such`)", "phrases"),
        "objects": Field("who may be named as the object; matched on normalised forms", "phrases", required=True),
        "after": Field("the words that must follow the object (`over`, `to`, `into`)", "phrases", required=True),
    },
    "definition wording": {
        "verbs": Field(
            "after a quoted term or `the term X`, define it (`means`, `has the (same) meaning`)",
            "wording",
            required=True,
        ),
        "bare_verbs": Field(
            "after an unquoted term at the start of a provision, define it (`prison manager means …`); lower case as written",
            "wording",
            required=True,
        ),
        "noun_cues": Field(
            "after a one-word bare verb, show it is a noun, not a definition (`Special means may be applied`); lower case as written",
            "wording",
            required=True,
        ),
        "term_nouns": Field("the word before a term (`the term “strip search” means`)", "wording", required=True),
        "scopes": Field(
            "may open a provision before the term, followed by the name of the part and a comma (`In this Part,`); lower case as written but for the first letter",
            "wording",
            required=True,
        ),
        "body_openers": Field(
            "after a bare lower-case term and a dash or colon, open its definition (`convict – a person …`); lower case as written",
            "wording",
            required=True,
        ),
    },
}
CONCEPT_KINDS = ("action", "subject", "circumstance")


class _Validator:
    """Walks a composed YAML document against SCHEMA; every error names the file and line."""

    def __init__(self, path: Path, concepts: Iterable[str] = ()) -> None:
        self.path = path
        self.concepts = set(concepts)

    def fail(self, node: yaml.Node, message: str) -> NoReturn:
        raise PolicyError(f"{self.path}:{node.start_mark.line + 1}: {message}")

    def section(self, node: yaml.Node, name: str) -> None:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"{name} must be a mapping")
        fields = SCHEMA[name]
        seen = set()
        for key, value in node.value:
            if key.value not in fields:
                self.fail(key, f"unknown key {key.value!r} in {name} (expected one of: {', '.join(fields)})")
            if key.value in seen:
                self.fail(key, f"key {key.value!r} given twice in {name}")
            seen.add(key.value)
            self.value(value, fields[key.value], f"{name} {key.value!r}")
        missing = [k for k, f in fields.items() if f.required and k not in seen]
        if missing:
            self.fail(node, f"{name} is missing {', '.join(repr(k) for k in missing)}")

    def value(self, node: yaml.Node, field: Field, where: str) -> None:
        check: Callable[[yaml.Node, Field, str], None] = getattr(self, "_" + field.shape.replace("-", "_"))
        check(node, field, where)

    def _scalars(self, node: yaml.Node, where: str) -> list[yaml.ScalarNode]:
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        scalars: list[yaml.ScalarNode] = []
        for item in items:
            if not isinstance(item, yaml.ScalarNode):
                self.fail(item, f"{where}: expected a string")
            scalars.append(item)
        return scalars

    def _text(self, node, field, where):
        if not isinstance(node, yaml.ScalarNode):
            self.fail(node, f"{where}: expected {_SHAPES['text']}")

    def _int(self, node, field, where):
        if not (isinstance(node, yaml.ScalarNode) and node.value.isdigit()):
            self.fail(node, f"{where}: expected {_SHAPES['int']}")

    def _bool(self, node, field, where):
        if not (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":bool")):
            self.fail(node, f"{where}: expected {_SHAPES['bool']}")

    def _phrases(self, node, field, where):
        self._scalars(node, where)

    def _wording(self, node, field, where):
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            self.fail(node, f"{where}: expected {_SHAPES['wording']}")
        for item in self._scalars(node, where):
            problem = phrase_problem(item.value)
            if problem:
                self.fail(item, f"{where}: {problem} in {item.value!r}")

    def _words(self, node, field, where):
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            self.fail(node, f"{where}: expected {_SHAPES['words']}")
        for item in self._scalars(node, where):
            if len(item.value.split()) != 1 or item.value != item.value.strip():
                self.fail(item, f"{where}: expected a single word, not {item.value!r}")

    def _concepts(self, node, field, where):
        for item in self._scalars(node, where):
            if item.value not in self.concepts:
                self.fail(item, f"{where}: unknown concept {item.value!r}")

    def _concept_groups(self, node, field, where):
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            self.fail(node, f"{where}: expected {_SHAPES['concept-groups']}")
        for group in node.value:
            self._concepts(group, field, where)

    def _stances(self, node, field, where):
        for item in self._scalars(node, where):
            if item.value not in STANCES and item.value not in STANCE_SETS:
                known = ", ".join([*STANCES, *STANCE_SETS])
                self.fail(item, f"{where}: unknown stance {item.value!r} (expected one of: {known})")

    def _element_stance(self, node, field, where):
        if not (isinstance(node, yaml.ScalarNode) and node.value in ELEMENT_STANCES):
            self.fail(node, f"{where}: expected {_SHAPES['element-stance']}")

    def _precision(self, node, field, where):
        if not (isinstance(node, yaml.ScalarNode) and node.value in PRECISIONS):
            self.fail(node, f"{where}: expected {_SHAPES['precision']}")

    def _mapping(self, node, field, where):
        self.section(node, field.section)

    def _list_of(self, node, field, where):
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, f"{where}: expected {_SHAPES['list-of']}")
        for item in node.value:
            self.section(item, field.section)

    def _named(self, node, field, where):
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"{where}: expected {_SHAPES['named']}")
        for _, item in node.value:
            self.section(item, field.section)


def read_pattern_file(path: Path, kind: str, concepts: Iterable[str] = ()) -> dict[str, Any]:
    """Read a pattern file of `kind` (a SCHEMA section), validated strictly; {} when empty."""
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        raise PolicyError(f"{path}: invalid YAML ({exc})") from exc
    if node is None:
        return {}
    validator = _Validator(path, concepts)
    validator.section(node, kind)
    if kind == "vocabulary file":
        for _, concept in next(v for k, v in node.value if k.value == "concepts").value:
            kind_node = next((v for k, v in concept.value if k.value == "kind"), None)
            if kind_node is not None and kind_node.value not in CONCEPT_KINDS:
                validator.fail(
                    kind_node, f"unknown concept kind {kind_node.value!r} (expected one of: {', '.join(CONCEPT_KINDS)})"
                )
    return yaml.load(text, Loader=_YAML_LOADER)


def concept_ids(path: Path) -> list[tuple[str, int]]:
    """Concept ids a vocabulary file defines, with their lines (for duplicate errors)."""
    node = yaml.compose(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    if node is None:
        return []
    concepts = next((v for k, v in node.value if k.value == "concepts"), None)
    return [(k.value, k.start_mark.line + 1) for k, _ in (concepts.value if concepts else [])]


# -- the reference for pattern authors ---------------------------------------------------------


def _table(header: tuple[str, str], rows: Iterable[tuple[str, str]]) -> list[str]:
    lines = [f"| {header[0]} | {header[1]} |", "|---|---|"]
    return lines + [f"| `{a}` | {b} |" for a, b in rows]


def render_reference() -> str:
    """patterns/README.md: the pattern language reference, generated from this module."""
    out = [
        "# The pattern language",
        "",
        "<!-- Generated by `bangkok-lint pattern-docs` from linter/pattern_language.py; do not edit. -->",
        "",
        "Everything rule-specific is data in this folder: `vocabulary/*.yaml` (concepts), `deontic.yaml`",
        "(the words that oblige, forbid or permit), `drafting.yaml` (how a law cites its provisions, carves",
        "exceptions, names other laws and defines its terms) and `rules/rule-NN.yaml` (one file per Bangkok Rule).",
        "Every file is validated strictly when it loads: an unknown key, concept or stance is an error",
        "naming the file and line, so a typo (`unles:`) never changes behaviour silently.",
        "",
        "## How a check matches",
        "",
        "A check (an element or a conflict) matches a provision when every concept group of `all` is present",
        "and none of `none` is. The first group names the **act**: it must be in the provision's own words or",
        "its lead-in; the other groups may also come from headings, definitions or linked exceptions. The act's",
        "**stance** is read from the modal that governs it in the sentence where the other matched concepts",
        "stand, and must be one the check accepts. A nested list is a set of alternatives:",
        "`all: [restraint, [childbirth, postpartum_period]]` means restraint and (childbirth or postpartum).",
        "",
        "## Stances",
        "",
        *_table(("stance", "the clause says"), STANCES.items()),
        "",
        *[f"`{a}` is a kind of `{b}`: a check that accepts `{b}` accepts `{a}` too." for a, b in REFINES.items()],
        "",
        "### Named stance sets",
        "",
        "Usable in any `stance:` list of a conflict or `unless`, alone or beside stances.",
        "",
        *_table(("set", "stances"), ((n, ", ".join(s)) for n, s in STANCE_SETS.items())),
        "",
        "### Element stances",
        "",
        "An element's `stance` is one word; the clause's stance decides whether it implements the element",
        "fully or only weakly (a weak element makes the verdict partial).",
        "",
        "| element stance | meaning | full | weak |",
        "|---|---|---|---|",
        *[
            f"| `{n}` | {ELEMENT_STANCE_DOCS[n]} | {', '.join(sorted(full))} | {', '.join(sorted(weak)) or '—'} |"
            for n, (full, weak) in ELEMENT_STANCES.items()
        ],
        "",
        "A qualifier (`where practicable`) makes a full match weak unless the Bangkok Rule is itself qualified.",
        "",
        "## Deontic marker categories (`deontic.yaml`, `markers:`)",
        "",
        *_table(("category", "effect"), MARKER_CATEGORIES.items()),
        "",
        "A longer phrase wins over a shorter one it overlaps (`shall not` over `shall`, `may request` over `may`).",
        "",
        "## Phrase notation (`drafting.yaml`)",
        "",
        PHRASE_NOTATION,
        "The code adds only the grammar around a phrase: the number and `(a)(ii)` parts of a provision's",
        "reference, the plural of a provision name, the quotation marks around a defined term.",
        "",
    ]
    for name, fields in SCHEMA.items():
        if name == "markers":
            continue
        article = "an" if name[:1] in "aeiou" else "a"
        out += [f"## Keys of {article} {name}", "", "| key | required | value | meaning |", "|---|---|---|---|"]
        for key, field in fields.items():
            out.append(f"| `{key}` | {'yes' if field.required else ''} | {_SHAPES[field.shape]} | {field.doc} |")
        out.append("")
    return "\n".join(out)
