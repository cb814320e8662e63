"""The pattern language (issue 9, section 5): strict validation, named stance sets, the generated
reference, and the engine on small fixture patterns instead of the Bangkok rule files."""

import shutil
from pathlib import Path

import pytest

from linter.engine.checks import Evaluator
from linter.errors import PolicyError
from linter.nlp.pipeline import build_pipeline
from linter.pattern_language import STANCE_SETS, accepts, expand_stances, render_reference
from linter.pattern_tests import example_document, run_rule_examples
from linter.patterns import load_patterns_from
from linter.resources import data_path

FIXTURE = Path(__file__).parent / "fixtures" / "patterns"


def _copy_fixture(tmp_path: Path) -> Path:
    root = tmp_path / "patterns"
    shutil.copytree(FIXTURE, root)
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


# -- strict validation ------------------------------------------------------------------


def test_a_typo_in_a_rule_key_is_an_error_naming_file_and_line(tmp_path):
    root = _copy_fixture(tmp_path)
    rule = root / "rules" / "rule-01.yaml"
    _edit(rule, "    stance: re-permits\n", "    stance: re-permits\n    unles:\n      all: [restraint]\n")
    with pytest.raises(PolicyError) as exc:
        load_patterns_from(root)
    assert f"{rule}:{_line_of(rule, 'unles:')}: unknown key 'unles'" in str(exc.value)


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "all: [restraint, childbirth]\n    stance: forbid",
            "all: [restraint, childbrith]\n    stance: forbid",
            "unknown concept 'childbrith'",
        ),
        ("stance: re-permits", "stance: [permission, re-permit]", "unknown stance 're-permit'"),
        ("stance: forbid", "stance: forbidden", "expected one of `require`, `forbid`, `mention`"),
        ('      no_match: ["Restraints may be used during labour."]\n', "", "missing 'no_match'"),
        ("rule: 1", "rule: one", "expected an integer"),
    ],
)
def test_rule_file_errors_name_the_line(tmp_path, old, new, message):
    root = _copy_fixture(tmp_path)
    rule = root / "rules" / "rule-01.yaml"
    _edit(rule, old, new)
    with pytest.raises(PolicyError, match=message) as exc:
        load_patterns_from(root)
    assert str(exc.value).startswith(f"{rule}:")


def test_vocabulary_and_deontic_files_are_validated(tmp_path):
    root = _copy_fixture(tmp_path)
    vocabulary = root / "vocabulary" / "fixture.yaml"
    _edit(vocabulary, "    kind: subject", "    knd: subject")
    with pytest.raises(PolicyError, match=f"{vocabulary}:{_line_of(vocabulary, 'knd:')}: unknown key 'knd' in concept"):
        load_patterns_from(root)

    root = _copy_fixture(tmp_path / "again")
    deontic = root / "deontic.yaml"
    _edit(deontic, "  permission: [may]", "  permision: [may]")
    with pytest.raises(
        PolicyError, match=f"{deontic}:{_line_of(deontic, 'permision')}: unknown key 'permision' in markers"
    ):
        load_patterns_from(root)


def test_a_concept_defined_twice_names_both_places(tmp_path):
    root = _copy_fixture(tmp_path)
    (root / "vocabulary" / "more.yaml").write_text("concepts:\n  visit:\n    terms: [visiting]\n", encoding="utf-8")
    with pytest.raises(PolicyError, match=r"more\.yaml:2: concept 'visit' is already defined in .*fixture\.yaml:\d+"):
        load_patterns_from(root)


def test_the_shipped_pattern_files_validate():
    patterns = load_patterns_from(data_path("patterns"))
    assert len(patterns.rules) == 70


# -- stance vocabulary --------------------------------------------------------------------


def test_named_stance_sets_expand_in_rule_files():
    patterns = load_patterns_from(FIXTURE)
    (conflict,) = patterns.rules[1].conflicts
    assert conflict.stance == STANCE_SETS["re-permits"]
    assert expand_stances(["prohibition", "re-permits", "permission"]) == ("prohibition", *STANCE_SETS["re-permits"])


def test_a_refined_stance_is_accepted_where_its_broader_one_is():
    assert accepts(["excepted-prohibition"], "limited")
    assert not accepts(["permission"], "limited")
    assert not accepts(["limited"], "excepted-prohibition")


def test_patterns_readme_is_generated_and_up_to_date():
    readme = (data_path("patterns") / "README.md").read_text(encoding="utf-8")
    assert readme == render_reference(), "run `bangkok-lint pattern-docs`"
    for word in ("re-permits", "excepted-prohibition", "limited", "unless", "nested list"):
        assert word in readme


# -- the engine on fixture patterns ----------------------------------------------------------


def _fires(check_id: str, text: str) -> str | None:
    patterns = load_patterns_from(FIXTURE)
    check = next(c for c in patterns.rules[1].checks if c.id == check_id)
    evaluator = Evaluator.for_document(example_document(text), patterns, build_pipeline(str(FIXTURE)))
    for unit in evaluator.candidates(check.condition):
        match = evaluator.match(check, unit)
        if match is not None:
            return match.strength
    return None


def test_fixture_examples_pass():
    patterns = load_patterns_from(FIXTURE)
    results = run_rule_examples(patterns.rules[1], patterns, False, build_pipeline(str(FIXTURE)))
    assert len(results) == 6 and all(r.passed for r in results)


@pytest.mark.parametrize(
    "text, fires",
    [
        # The act's stance is read where the other concepts stand, not at its first mention.
        (
            "Restraints may be used on any prisoner to prevent escape. Restraints shall not be used during labour.",
            False,
        ),
        (
            "Handcuffs shall not be used at work. Restraints may be used during labour where the officer so decides.",
            True,
        ),
        # A proviso that re-permits.
        (
            "Restraints shall not be used during labour; but where the governor so orders, handcuffs may be applied.",
            True,
        ),
        # A limit is a kind of excepted-prohibition, which re-permits.
        ("Restraints shall be used during labour only where the governor certifies a risk of escape.", True),
        # A relative clause's modal does not govern the main act.
        ("Handcuffs, which may be used on escorts, shall not be used during labour.", False),
    ],
)
def test_conflict_reads_the_governing_clause(text, fires):
    assert (_fires("permitted", text) is not None) is fires


@pytest.mark.parametrize(
    "text, strength",
    [
        ("A woman shall receive a visit every week.", "full"),
        ("A woman may request a visit every week.", "full"),
        ("Visits to women shall be supervised only by female officers.", "full"),
        ("Visits to women shall, where practicable, be held weekly.", "weak"),
        ("The governor may impose restrictions on visits to a woman.", None),
        # A ban on restricting the good is a duty to provide it (civil-law and Commonwealth wording).
        ("Article 12. A woman shall not be denied a visit by her family as a disciplinary measure.", "full"),
        ("No restrictions on visits to a woman shall be imposed.", "full"),
        ("A woman shall not be denied a visit, except for reasons of security.", "weak"),
    ],
)
def test_require_element_strength(text, strength):
    assert _fires("visits", text) == strength


@pytest.mark.parametrize(
    "text, fires",
    [
        # Westminster: the labour concept stands in another sentence of the provision.
        (
            "12. Restraints may be used to prevent escape. A woman in labour shall be escorted by a female officer.",
            False,
        ),
        # A sentence that points back ("This applies ...") continues the one before it.
        (
            "5.7 Handcuffs may be used on hospital escorts where the governor so decides. This applies to escorts for labour.",
            True,
        ),
        # ASEAN regulation under a heading: the heading's concept is read with every sentence ...
        ("PART 3 - RESTRAINT DURING LABOUR\nArticle 1. Handcuffs may be used to prevent escape.", True),
        # ... unless the document forbids the act for those people in so many words: the special rule prevails.
        (
            "PART 3 - RESTRAINT DURING LABOUR\nArticle 1. Handcuffs may be used to prevent escape.\nArticle 2. No restraint shall be used during labour.",
            False,
        ),
    ],
)
def test_conflict_needs_its_concepts_in_one_reading(text, fires):
    assert (_fires("permitted", text) is not None) is fires


@pytest.mark.parametrize(
    "text, fires",
    [
        # South Asian jail manual: the proviso set as its own paragraph re-permits.
        (
            "Rule 802. Fetters shall not be imposed on a female prisoner in labour.\nProvided that the Superintendent may order handcuffs where she is violent.",
            True,
        ),
        # Caribbean act: a proviso paragraph that only adds a duty re-permits nothing.
        (
            "12. Restraints shall not be used during labour.\nProvided that the officer shall record every use of force.",
            False,
        ),
    ],
)
def test_a_proviso_paragraph_is_an_exception_to_the_provision_before_it(text, fires):
    assert (_fires("permitted", text) is not None) is fires


@pytest.mark.parametrize(
    "text, fires",
    [
        # Westminster: the proviso re-permits another act (a visit), not the restraint.
        (
            "12. Restraints shall not be used during labour; but where the woman so wishes, a visit may be allowed.",
            False,
        ),
        # US directive: the proviso re-permits the restraint itself.
        (
            "Sec. 4. Restraints shall not be used during labour: Provided that handcuffs may be used where the warden so orders.",
            True,
        ),
        # A proviso that names no act re-permits the act of the clause.
        (
            "Rule 9. Restraints shall not be used during labour; but where the officer certifies a danger of escape, one wrist may be secured.",
            True,
        ),
    ],
)
def test_a_proviso_re_permits_only_the_act_it_names(text, fires):
    assert (_fires("permitted", text) is not None) is fires


@pytest.mark.parametrize(
    "text, fires",
    [
        # ASEAN regulation: the labour concept stands in a coordinated clause with its own modal.
        ("Article 7. Handcuffs may be used on escorts, and no woman shall be left alone during labour.", False),
        # Westminster: the re-permission and the circumstance share the coordinated clause.
        (
            "9. Restraints shall not be used at work, but handcuffs may be used during labour where the governor so orders.",
            True,
        ),
        # US code: a part without its own modal reads with the act.
        ("Sec. 5. Restraints may, where the warden so orders, be used during labour.", True),
    ],
)
def test_a_coordinated_clause_with_its_own_modal_is_read_apart(text, fires):
    assert (_fires("permitted", text) is not None) is fires
