"""`bangkok-lint rules [N]`: every rule explains itself from its data, Ruff-style."""

from __future__ import annotations

import textwrap

from linter.patterns import Check, Condition, load_patterns
from linter.policy import load_policy


def list_rules() -> str:
    policy, patterns = load_policy(), load_patterns()
    lines = [f"{policy.short_name}: {len(policy.rules)} rules ({policy.source})", ""]
    for rule in policy.rules:
        rp = patterns.rules.get(rule.number)
        name = rp.name if rp else "(no patterns)"
        lines.append(f"{rule.code:<5} {name:<45} {rule.title}  [{', '.join(rule.scope)}]")
    return "\n".join(lines) + "\n"


def _condition(cond: Condition) -> str:
    groups = [" or ".join(g) for g in cond.all]
    text = " + ".join(f"({g})" if " or " in g else g for g in groups)
    if cond.none:
        text += f", without {' or '.join(cond.none)}"
    return text


def _check(check: Check) -> list[str]:
    stance = ", ".join(check.stance)
    lines = [f"  {check.id}: {check.description}", f"    looks for: {_condition(check.condition)}; stance: {stance}"]
    if check.unless:
        lines.append(f"    unless the document elsewhere has: {_condition(check.unless)}")
    if check.gender_neutral:
        lines.append("    a clause for all prisoners counts (gender-neutral), but makes the rule partial at most")
    return lines


def _examples(title: str, examples: tuple[str, ...]) -> list[str]:
    out = [title]
    for ex in examples:
        body = ex.strip().splitlines()
        out.append("    - " + body[0])
        out += ["      " + line for line in body[1:]]
    return out


def explain_rule(number: int) -> str:
    policy, patterns = load_policy(), load_patterns()
    rule = policy.rule(number)
    rp = patterns.rules.get(number)
    out = [f"{rule.code} {rp.name if rp else ''}".rstrip(), f"{rule.citation}: {rule.title}", f"{rule.section_path}"]
    if rule.supplements:
        out.append(f"Supplements {rule.supplements}")
    out += [f"Norm: {rule.norm}    Scope: {', '.join(rule.scope)}", "", "Rule text:"]
    out += ["  " + line for line in textwrap.fill(rule.text, 88, replace_whitespace=False).splitlines()]
    if rp is None:
        return "\n".join(out + ["", "No patterns are defined for this rule yet."]) + "\n"
    out += ["", "## What it does", textwrap.fill(rp.what, 88), "", "## Why it matters", textwrap.fill(rp.why, 88)]
    out += ["", "## Elements a regulation must contain"]
    for check in rp.elements:
        out += _check(check)
    if rp.conflicts:
        out += ["", "## Conflict checks"]
        for check in rp.conflicts:
            out += _check(check)
    first_conflict = rp.conflicts[0] if rp.conflicts else None
    out += ["", "## Example"]
    if first_conflict:
        out += _examples("  Conflicts with the rule:", first_conflict.examples_match)
        out += _examples("  Does not conflict:", first_conflict.examples_no_match)
    out += _examples("  Implements the rule:", rp.elements[0].examples_match if rp.elements else ())
    out += _examples("  Does not implement it:", rp.elements[0].examples_no_match if rp.elements else ())
    out += ["", f"Pattern file: {rp.source}"]
    return "\n".join(out) + "\n"
