"""Run the examples every check carries, the way Semgrep runs a rule's test file.

Each example is read as a tiny document (one provision per line, so a lead-in and its
sub-items, or a rule and a far-away exception, can be written as several lines). A `match`
example must make its check fire on some clause; a `no_match` example must not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language

from linter.engine.checks import Evaluator
from linter.model import Block, Document, SourceRef
from linter.nlp.pipeline import build_pipeline
from linter.patterns import Check, PatternSet, RulePatterns
from linter.policy import Policy
from linter.structure import build_provisions

MIN_EXAMPLES = 3


@dataclass(frozen=True)
class ExampleResult:
    rule: int
    check: str
    expected: bool
    text: str
    passed: bool
    detail: str


def example_document(text: str) -> Document:
    lines = [line for line in text.splitlines() if line.strip()]
    blocks = [Block(text=line.strip(), ref=SourceRef(line=i + 1)) for i, line in enumerate(lines)]
    return Document(path="<example>", format="text", pages=None, provisions=build_provisions(blocks))


def _fires(check: Check, text: str, patterns: PatternSet, lenient: bool, nlp: Language) -> tuple[bool, str]:
    evaluator = Evaluator.for_document(example_document(text), patterns, nlp)
    matched = evaluator.matches(check, lenient)
    if not matched:
        return False, "no clause matched"
    matched = evaluator.unanswered(check, matched)  # as the rule's verdict reads it
    if not matched:
        return False, "suppressed by its 'unless' exemption"
    return True, matched[0].why


def run_rule_examples(
    rp: RulePatterns, patterns: PatternSet, lenient: bool, nlp: Language | None = None
) -> list[ExampleResult]:
    """Run `rp`'s examples; `nlp` is the pipeline of `patterns` (default: the installed patterns')."""
    nlp = nlp or build_pipeline()
    results = []
    for check in rp.checks:
        for expected, examples in ((True, check.examples_match), (False, check.examples_no_match)):
            for text in examples:
                fired, detail = _fires(check, text, patterns, lenient, nlp)
                results.append(ExampleResult(rp.rule, check.id, expected, text, fired == expected, detail))
    return results


def run_concept_examples(patterns: PatternSet, nlp: Language | None = None) -> list[ExampleResult]:
    """Each vocabulary example must (or must not) contain its concept; `rule` is 0 for these."""
    nlp = nlp or build_pipeline()
    results = []
    for concept in patterns.concepts.values():
        for expected, examples in ((True, concept.examples_match), (False, concept.examples_no_match)):
            for text in examples:
                hits = [h.text for h in nlp(text)._.concepts if h.concept == concept.id]
                detail = f"matched {', '.join(hits)}" if hits else "no term matched"
                results.append(ExampleResult(0, concept.id, expected, text, bool(hits) == expected, detail))
    return results


def completeness_problems(policy: Policy, patterns: PatternSet) -> list[str]:
    """Rules without a pattern file, checks without enough examples, pattern files without a rule."""
    problems = []
    for rule in policy.rules:
        rp = patterns.rules.get(rule.number)
        if rp is None:
            problems.append(f"{rule.code}: no pattern file")
            continue
        if not rp.elements:
            problems.append(f"{rule.code}: no elements")
        for check in rp.checks:
            for name, examples in (("match", check.examples_match), ("no_match", check.examples_no_match)):
                if len(examples) < MIN_EXAMPLES:
                    problems.append(
                        f"{rule.code} {check.kind} {check.id}: {len(examples)} '{name}' examples, needs {MIN_EXAMPLES}"
                    )
    known = {r.number for r in policy.rules}
    problems += [f"{rp.source}: rule {n} is not in the policy" for n, rp in patterns.rules.items() if n not in known]
    return problems


def run_all(policy: Policy, patterns: PatternSet, rules: Iterable[int] | None = None) -> list[ExampleResult]:
    wanted = set(rules) if rules else None
    results = []
    for rule in policy.rules:
        rp = patterns.rules.get(rule.number)
        if rp is None or (wanted and rule.number not in wanted):
            continue
        results += run_rule_examples(rp, patterns, rule.is_qualified)
    return results
