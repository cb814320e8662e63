"""Text, JSON, Markdown, HTML and CSV reports: content, ordering and escaping."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import main

# Clause 1 conflicts with Rule 24; clause 2 implements Rule 22; Rule 23 is a gap.
DRAFT = """Prison Rules 2024

1. Instruments of restraint may be used on a pregnant prisoner during labour where the governor considers it necessary.

2. A woman prisoner shall not be placed in close confinement or disciplinary segregation while pregnant or breastfeeding.
"""
# A regulation that quotes markup in the very clause the report cites.
SCRIPT_DRAFT = 'Prison Rules\n\n1. Instruments of restraint may be used on a pregnant prisoner during labour <script>alert("x")</script>.\n'


@pytest.fixture
def draft(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.txt").write_text(DRAFT, encoding="utf-8")
    return tmp_path


def report(fmt: str, *extra: str) -> str:
    result = CliRunner().invoke(main, ["check", "draft.txt", "--select", "22-24", "--format", fmt, *extra])
    assert result.exit_code == 1, result.output
    return result.output


def test_text_is_compiler_style_conflicts_first_then_gaps_then_summary(draft):
    lines = report("text").splitlines()
    assert lines[0] == (
        "draft.txt:1 (line 3): conflict BR24 restraints permitted during labour, birth or immediately after birth (1)"
        " \u2014 \u201cInstruments of restraint may be used on a pregnant prisoner during labour where the governor considers it necessary.\u201d"
    )
    assert lines[1] == (
        "    Bangkok Rule 24: Instruments of restraint shall never be used on women during labour, during birth and immediately after birth."
    )
    assert lines[2].startswith("draft.txt: gap BR23 No prohibition of family contact")
    assert lines[3] == "draft.txt: 1 conflict, 0 partial, 1 gap, 1 covered, 0 not applicable"
    assert len(lines) == 4


def test_json_keeps_the_documented_contract(draft):
    data = json.loads(report("json"))
    assert set(data) == {"schema", "tool", "policy", "documents", "errors"}
    assert data["schema"] == 1
    doc = data["documents"][0]
    assert {"path", "format", "scope", "rules", "summary"} <= set(doc)
    br24 = next(r for r in doc["rules"] if r["rule"] == 24)
    assert {"rule", "verdict", "title", "citation", "message", "missing", "evidence"} <= set(br24)
    ev = br24["evidence"][0]
    assert (ev["relation"], ev["label"], ev["page"], ev["line"]) == ("conflicts", "1", None, 3)
    assert {"relation", "label", "page", "line", "quote"} <= set(ev)
    assert doc["summary"] == {"covered": 1, "partial": 0, "gap": 1, "conflict": 1, "not-applicable": 0}


def test_markdown_has_summary_chart_and_one_entry_per_rule_in_order(draft):
    text = report("markdown")
    assert "| [conflict](#d1-conflict) | 1 |" in text and "| [covered](#d1-covered) | 1 |" in text
    # One section, three applicable rules: 1 covered of 3 is 33%.
    assert "| I. Rules of general application | 1 | 0 | 1 | 1 |" in text and "33%" in text
    assert "> Instruments of restraint shall never be used on women during labour" in text
    assert (
        "**Suggested direction:** Amend or repeal provision 1 so that it no longer contradicts Bangkok Rule 24." in text
    )
    assert (
        "**Model clause** (adapt to the law\u2019s own terms): Handcuffs, chains or any other instrument of restraint"
        in text
    )


def _positions(text: str, needles: list[str]) -> list[int]:
    found = [text.find(n) for n in needles]
    assert -1 not in found, [n for n, at in zip(needles, found) if at == -1]
    return found


def test_markdown_orders_conflicts_partials_gaps_with_contents_and_anchors(draft):
    text = report("markdown")
    sections = _positions(
        text,
        [
            "## Contents",
            "## Conflicts (1)",
            "## Partially implemented (0)",
            "## Gaps (1)",
            "## Covered (1)",
            "## Coverage by section",
        ],
    )
    assert sections == sorted(sections)
    # Every contents link has its anchor, and BR24 (the conflict) comes before BR23 (the gap).
    links = re.findall(r"\]\(#([\w-]+)\)", text)
    anchors = re.findall(r'<a id="([\w-]+)"></a>', text)
    assert {"d1-conflict", "d1-BR24", "d1-gap", "d1-BR23", "d1-BR22"} <= set(links) and set(links) <= set(anchors)
    assert text.index('<a id="d1-BR24">') < text.index('<a id="d1-BR23">')
    assert (
        "1 (line 3)**, conflicts with the rule: it permits instruments of restraint (during labour), saying \u201cmay\u201d."
        in text
    )


def test_published_reports_say_what_was_checked_when_and_with_what(draft):
    digest = hashlib.sha256((draft / "draft.txt").read_bytes()).hexdigest()
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    for fmt in ("markdown", "html"):
        text = report(fmt)
        assert "Prison Rules 2024" in text  # the document's own title
        assert "draft.txt" in text and digest in text
        assert today in text
        assert "bangkok-lint 0.1.0" in text and "A/RES/65/229" in text
        assert re.search(r"Rule data version(?:</th><td>| \| )[0-9a-f]{12}", text), fmt
    html = report("html")
    assert "<title>Prison Rules 2024 \u2014 Bangkok Rules coverage report</title>" in html


def test_html_orders_parts_and_tables_are_accessible(draft):
    html = report("html")
    parts = _positions(
        html, ['id="d1-conflict"', 'id="d1-partial"', 'id="d1-gap"', 'id="d1-covered"', 'id="d1-sections"']
    )
    assert parts == sorted(parts)
    nav = html[html.index("<nav") : html.index("</nav>")]
    for target in ("d1-conflict", "d1-BR24", "d1-gap", "d1-BR23", "d1-covered", "d1-sections"):
        assert f'href="#{target}"' in nav and f'id="{target}"' in html
    tables = re.findall(r"<table.*?</table>", html, re.S)
    assert len(tables) >= 5
    for table in tables:
        assert "<caption>" in table
        headers = re.findall(r"<th( [^>]*)?>", table)
        assert headers and all('scope="' in (attrs or "") for attrs in headers)
    assert "@page{size:A4" in html


def test_html_is_self_contained_and_escapes_document_text(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.txt").write_text(SCRIPT_DRAFT, encoding="utf-8")
    html = CliRunner().invoke(main, ["check", "draft.txt", "--select", "24", "--format", "html"]).output
    assert "<script" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "http://" not in html and "https://" not in html.split("<footer>")[0].split("</style>")[0]
    assert "@media print" in html
    assert 'class="track"' in html  # the coverage chart


def test_html_renders_in_headless_chromium(draft):
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        pytest.skip("no headless Chromium installed")
    (draft / "draft.txt").write_text(SCRIPT_DRAFT, encoding="utf-8")
    (draft / "report.html").write_text(report("html"), encoding="utf-8")
    dom = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", (draft / "report.html").as_uri()],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert "<script" not in dom  # the quoted script stayed text and nothing was injected
    assert '&lt;script&gt;alert("x")&lt;/script&gt;' in dom
    assert "BR24 No restraints during labour" in dom


def test_csv_worksheet_has_one_row_per_rule_with_empty_plan_columns(draft):
    rows = list(csv.DictReader(io.StringIO(report("csv").removeprefix("\ufeff"))))
    assert [r["rule"] for r in rows] == ["BR22", "BR23", "BR24"]
    br24 = rows[2]
    assert br24["verdict"] == "conflict"
    assert br24["section"] == "1 (line 3)"
    assert br24["quote"].startswith("Instruments of restraint may be used")
    assert br24["responsible authority"] == br24["timeline"] == ""
    assert rows[1]["suggested action"].startswith("Add a provision implementing Bangkok Rule 23")


def test_csv_starts_with_a_byte_order_mark_unless_asked_not_to(draft):
    (draft / "draft.txt").write_text(DRAFT.replace("1. Instruments", "\u00a7 1. Instruments"), encoding="utf-8")
    CliRunner().invoke(main, ["check", "draft.txt", "--select", "22-24", "--format", "csv", "-o", "plan.csv"])
    data = (draft / "plan.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfdocument,rule,")
    assert "\u00a7 1 (line 3)" in data.decode("utf-8-sig")
    CliRunner().invoke(
        main, ["check", "draft.txt", "--select", "22-24", "--format", "csv", "--no-bom", "-o", "plain.csv"]
    )
    assert (draft / "plain.csv").read_bytes().startswith(b"document,rule,")


def test_csv_neutralises_formulas(tmp_path, monkeypatch):
    from linter.report.csv_report import _cell

    assert _cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert _cell("Rule 24") == "Rule 24"


def test_html_prints_on_a4_without_mostly_empty_pages(tmp_path, monkeypatch):
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None or not shutil.which("pdfinfo") or not shutil.which("pdftotext"):
        pytest.skip("needs headless Chromium and poppler-utils")
    monkeypatch.chdir(tmp_path)
    act = (
        Path(__file__).resolve().parents[1] / "corpus" / "docs" / "03_us-state-statute.txt"
    )  # about four printed pages
    CliRunner().invoke(main, ["check", str(act), "--scope", "all", "--format", "html", "-o", "report.html"])
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={tmp_path / 'report.pdf'}",
            (tmp_path / "report.html").as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    info = subprocess.run(["pdfinfo", "report.pdf"], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert "(A4)" in info
    assert pages <= 18  # 47 mostly empty Letter pages before the print stylesheet was reworked
    lines = [
        len(
            subprocess.run(
                ["pdftotext", "-f", str(n), "-l", str(n), "report.pdf", "-"], capture_output=True, text=True
            ).stdout.splitlines()
        )
        for n in range(1, pages)
    ]
    assert min(lines) >= 25, lines  # every page but the last is well filled
