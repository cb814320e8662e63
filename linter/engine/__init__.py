"""The rule engine: provisions in, one verdict per rule out."""

from __future__ import annotations

from collections.abc import Iterable

# First, before any module below imports spaCy: linter.nlp imports it without spacy.cli.
import linter.nlp  # noqa: F401, I001
from linter.engine.checks import Evaluator
from linter.engine.verdicts import judge_rule
from linter.findings import DocumentResult, RuleResult
from linter.gc_pause import gc_paused
from linter.model import Document
from linter.nlp.pipeline import build_pipeline
from linter.patterns import PatternSet, load_patterns
from linter.policy import Policy, Rule, load_policy, resolve_scope


def check_document(
    document: Document,
    scope: Iterable[str] | None = None,
    policy: Policy | None = None,
    patterns: PatternSet | None = None,
    patterns_dir: str = "",
    similarity: bool = True,
) -> DocumentResult:
    """Judge every rule on `document`; `similarity` turns on the recall layer (linter.engine.recall)."""
    policy = policy or load_policy()
    patterns = patterns or load_patterns()
    scopes = resolve_scope(policy, scope)
    with gc_paused():
        results = _judge_rules(document, policy, patterns, patterns_dir, scopes, similarity)
    return DocumentResult(document.path, document.format, list(scopes), results, document.pages)


def _judge_rules(
    document: Document,
    policy: Policy,
    patterns: PatternSet,
    patterns_dir: str,
    scopes: tuple[str, ...],
    similarity: bool,
) -> list[RuleResult]:
    nlp = build_pipeline(patterns_dir, similarity)
    if not similarity:
        evaluator = Evaluator.for_document(document, patterns, nlp)
    else:
        from linter.engine.recall import Proposer, Recall  # numpy and the model only when the layer is on

        evaluator = Evaluator.for_document(document, patterns, nlp, Proposer.for_patterns(policy, patterns, nlp))
        evaluator.recall = Recall(evaluator)

    return [_judged(rule, patterns, evaluator, scopes) for rule in policy.rules]


def _judged(rule: Rule, patterns: PatternSet, evaluator: Evaluator, scopes: tuple[str, ...]) -> RuleResult:
    if not set(rule.scope) & set(scopes):
        return RuleResult(
            rule=rule.number,
            verdict="not-applicable",
            title=rule.title,
            citation=rule.citation,
            code=rule.code,
            message=f"outside the checked scope ({', '.join(scopes)})",
        )
    return judge_rule(rule, patterns.rules.get(rule.number), evaluator, rule.code)
