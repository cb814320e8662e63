"""Rule pages: `bangkok-lint rules N --format markdown`, kept in docs/rules/ and linked from SARIF."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from linter.cli import main
from linter.explain import rule_markdown
from linter.policy import load_policy

PAGES = Path(__file__).resolve().parents[1] / "docs" / "rules"
REGENERATE = (
    "for n in $(seq 1 70); do bangkok-lint rules $n --format markdown > docs/rules/BR$(printf %02d $n).md; done"
)


def rules(*args: str):
    return CliRunner().invoke(main, ["rules", *args])


def test_pages_are_up_to_date_with_the_rule_data():
    policy = load_policy()
    expected = {f"BR{r.number:02d}.md" for r in policy.rules}
    assert {p.name for p in PAGES.glob("*.md")} == expected, f"regenerate: {REGENERATE}"
    stale = [
        r.code
        for r in policy.rules
        if (PAGES / f"BR{r.number:02d}.md").read_text(encoding="utf-8") != rule_markdown(r.number)
    ]
    assert stale == [], f"pages out of date for {stale}; regenerate: {REGENERATE}"


def test_a_page_explains_the_rule_from_its_data():
    page = rules("24", "--format", "markdown").output
    assert page.startswith("<!-- generator: bangkok-lint rules -->\n# BR24 restraint-during-childbirth\n")
    assert (
        "> Instruments of restraint shall never be used on women during labour, during birth and immediately after birth."
        in page
    )
    for heading in (
        "## What it does",
        "## Why it matters",
        "## Elements a regulation must contain",
        "## Conflict checks",
        "## Examples",
    ):
        assert heading in page
    assert "`restraint-permitted-in-childbirth` (high precision)" in page
    assert "Pattern file: `patterns/rules/rule-24.yaml`" in page  # no absolute path of the machine that generated it


def test_a_folder_walk_leaves_the_pages_out(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "BR24.md").write_text(rules("24", "--format", "markdown").output, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", ".", "--select", "24"])
    assert result.exit_code == 3 and "no supported documents found" in result.output


def test_rules_takes_codes_and_ranges_like_select():
    assert rules("BR24").output == rules("24").output
    assert rules("br24").exit_code == 0
    several = rules("BR22-BR24").output
    assert [line.split()[0] for line in several.splitlines() if line.startswith("BR2")] == ["BR22", "BR23", "BR24"]
    assert rules("22-24").output == several
    bad = rules("BR71")
    assert bad.exit_code == 2 and "outside rules 1-70" in bad.output
