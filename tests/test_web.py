"""`bangkok-lint serve`: the web app through Starlette's test client.

The documents are written here: a Westminster-style rule that permits restraints during
labour (conflict with Rule 24) and a US-style directive section with the same defect.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from starlette.testclient import TestClient

from linter.report.csv_report import COLUMNS
from linter.web import checks
from linter.web.app import create_app, report_csp
from linter.web.checks import display_names, safe_name
from linter.web.server import served_hosts
from linter.web.store import ResultStore

WESTMINSTER = [
    "The Prison (Women) Rules 2025",
    "4. Every prisoner shall be given clean bedding.",
    "5. Instruments of restraint may be used on a pregnant prisoner during labour where the governor considers it necessary.",
]
US_DIRECTIVE = """Bureau Directive 5200.1 Transport of Inmates

§ 12.4 Restraints. Staff may apply leg irons to a pregnant inmate in labor when the warden determines that the inmate is a flight risk.
"""
NEW_VERSION = US_DIRECTIVE.replace(
    "Staff may apply leg irons to a pregnant inmate in labor when the warden determines that the inmate is a flight risk.",
    "Staff shall not use restraints on a woman in labor, during birth or immediately after birth.",
)


def _docx(paragraphs: list[str]) -> bytes:
    word = docx.Document()
    for text in paragraphs:
        word.add_paragraph(text)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def temp_root(tmp_path):
    root = tmp_path / "uploads"
    root.mkdir()
    return root


@pytest.fixture
def client(temp_root):
    app = create_app(hosts=["testserver"], max_upload_mb=1, temp_root=temp_root)
    with TestClient(app) as c:
        yield c


def _check(client, files, **data):
    return client.post("/check", files=[("documents", f) for f in files], data=data, follow_redirects=False)


def _conflicts(page: str) -> list[str]:
    """The report's entries for rules in conflict."""
    return re.findall(r'<article class="rule r-conflict"[^>]*>(.*?)</article>', page, re.S)


def _links(page: str) -> dict[str, str]:
    """Download label -> href, from the result page."""
    return {label: href for href, label in re.findall(r'<a href="(/result/[^"]+/[^"]+)" download>([^<]+)</a>', page)}


def test_plain_form_post_redirects_to_the_report_with_the_good_file_and_the_bad_files_error(client):
    answer = _check(
        client, [("draft.docx", _docx(WESTMINSTER)), ("scan.pdf", b"%PDF-1.4\nthis is no PDF body")], rules="22-24"
    )
    assert answer.status_code == 303
    page = client.get(answer.headers["location"])
    assert page.status_code == 200
    text = page.text
    assert "draft.docx" in text
    # The conflict, with the clause quoted and the rule's words.
    [conflict] = _conflicts(text)
    assert "BR24" in conflict
    assert "Instruments of restraint may be used on a pregnant prisoner during labour" in conflict
    assert "Instruments of restraint shall never be used on women during labour" in conflict
    # The unreadable file is named with its one-line error; no temporary path leaks.
    assert re.search(r"<code>scan\.pdf</code>: [^<]*PDF", text)
    assert "bangkok-lint-web-" not in text


def test_downloads_are_valid_files(client, tmp_path):
    answer = _check(client, [("draft.docx", _docx(WESTMINSTER))], rules="22-24")
    links = _links(client.get(answer.headers["location"]).text)
    assert set(links) == {
        "Reviewed Word copy of draft.docx",
        "Action plan (CSV)",
        "Findings (JSON)",
        "Code-scanning results (SARIF)",
        "This report (HTML file)",
    }

    reviewed = client.get(links["Reviewed Word copy of draft.docx"])
    assert reviewed.headers["content-disposition"].startswith('attachment; filename="draft.bangkok-lint.docx"')
    (tmp_path / "reviewed.docx").write_bytes(reviewed.content)
    word = docx.Document(str(tmp_path / "reviewed.docx"))
    assert word.paragraphs[0].text == WESTMINSTER[0]  # the draft itself, not a new document
    comments = [c.text for c in word.comments]
    assert any(c.startswith("BR24 conflict") for c in comments)

    plan = client.get(links["Action plan (CSV)"]).content.decode("utf-8")
    rows = list(csv.reader(io.StringIO(plan.removeprefix("\ufeff"))))
    assert tuple(rows[0]) == COLUMNS
    br24 = next(r for r in rows[1:] if r[1] == "BR24")
    assert (br24[0], br24[3]) == ("draft.docx", "conflict")

    findings = client.get(links["Findings (JSON)"]).json()
    assert [d["path"] for d in findings["documents"]] == ["draft.docx"]
    assert {r["code"]: r["verdict"] for r in findings["documents"][0]["rules"]}["BR24"] == "conflict"

    sarif = client.get(links["Code-scanning results (SARIF)"]).json()
    assert sarif["version"] == "2.1.0"
    assert "BR24" in [r["ruleId"] for r in sarif["runs"][0]["results"] if r["level"] == "error"]

    report = client.get(links["This report (HTML file)"])
    assert report.text.startswith("<!DOCTYPE html>") and "result-nav" not in report.text


def test_uploads_are_on_disk_only_while_checked(client, temp_root, monkeypatch):
    seen = []
    real_lint_paths = checks.lint_paths

    def spying_lint_paths(paths, *args, **kwargs):
        seen.extend((path, Path(path).read_bytes()) for path in paths)
        return real_lint_paths(paths, *args, **kwargs)

    monkeypatch.setattr(checks, "lint_paths", spying_lint_paths)
    draft = _docx(WESTMINSTER)
    answer = _check(client, [("directive.txt", US_DIRECTIVE.encode()), ("draft.docx", draft)])
    assert answer.status_code == 303
    assert [(p.split("/")[-1], data) for p, data in seen] == [
        ("directive.txt", US_DIRECTIVE.encode()),
        ("draft.docx", draft),
    ]
    assert all(path.startswith(str(temp_root)) for path, _ in seen)
    assert list(temp_root.iterdir()) == []


def test_oversize_upload_is_refused_with_413(client, temp_root):
    big = b"1. Every prisoner shall be given clean bedding.\n" * 30_000  # 1.4 MB, limit 1 MB
    answer = _check(client, [("big.txt", big)])
    assert answer.status_code == 413
    assert "limit of 1 MB" in answer.text
    assert list(temp_root.iterdir()) == []


def test_oversize_body_without_a_length_is_refused_while_it_streams(client):
    def chunks():
        for _ in range(30):
            yield b"x" * 50_000

    answer = client.post("/check", content=chunks(), headers={"content-type": "multipart/form-data; boundary=b"})
    assert answer.status_code == 413


def test_requests_from_another_site_are_refused(client):
    good = ("directive.txt", US_DIRECTIVE.encode())
    assert (
        client.post("/check", files=[("documents", good)], headers={"origin": "https://evil.example"}).status_code
        == 403
    )
    assert client.post("/check", files=[("documents", good)], headers={"origin": "null"}).status_code == 403
    assert (
        client.post("/check", files=[("documents", good)], headers={"sec-fetch-site": "cross-site"}).status_code == 403
    )
    assert client.get("/", headers={"origin": "http://evil.example"}).status_code == 403
    same = client.post(
        "/check",
        files=[("documents", good)],
        headers={"origin": "http://testserver", "sec-fetch-site": "same-origin"},
        follow_redirects=False,
    )
    assert same.status_code == 303


def test_a_host_other_than_the_served_address_is_refused(temp_root):
    app = create_app(hosts=served_hosts("127.0.0.1", 8765), temp_root=temp_root)
    with TestClient(app, base_url="http://127.0.0.1:8765") as ok:
        assert ok.get("/").status_code == 200
        assert ok.get("/", headers={"host": "localhost:8765"}).status_code == 200
        # DNS rebinding: an attacker's name resolving to 127.0.0.1 arrives with that name in Host.
        assert ok.get("/", headers={"host": "rebind.evil.example:8765"}).status_code == 400
        assert ok.get("/", headers={"host": "127.0.0.1:9999"}).status_code == 400


def test_served_hosts():
    assert served_hosts("127.0.0.1", 8000) == ["127.0.0.1:8000", "[::1]:8000", "localhost:8000"]
    assert served_hosts("192.0.2.7", 8000) == ["192.0.2.7:8000"]
    assert "192.0.2.7" in served_hosts("192.0.2.7", 80)


def test_javascript_gets_the_result_address_or_the_problem_as_json(client):
    headers = {"accept": "application/json"}
    ok = client.post("/check", files=[("documents", ("directive.txt", US_DIRECTIVE.encode()))], headers=headers)
    assert ok.status_code == 200 and ok.json()["location"].startswith("/result/")
    assert "§ 12.4" in client.get(ok.json()["location"]).text
    bad = client.post(
        "/check",
        files=[("documents", ("directive.txt", US_DIRECTIVE.encode()))],
        data={"rules": "twelve"},
        headers=headers,
    )
    assert bad.status_code == 400 and "'twelve' is not a rule number" in bad.json()["error"]


def test_form_problems_come_back_on_the_form_in_one_line(client):
    empty = client.post("/check", files=[("documents", ("", b""))])
    assert empty.status_code == 400
    assert '<p class="error" role="alert">Choose at least one document to check.</p>' in empty.text
    assert 'name="documents"' in empty.text
    scope = client.post("/check", files=[("documents", ("a.txt", b"1. Text."))], data={"scope": "everything"})
    assert scope.status_code == 400 and "Unknown scope everything." in scope.text


def test_scope_and_rules_reach_the_linter(client):
    answer = _check(client, [("directive.txt", US_DIRECTIVE.encode())], scope="courts-sentencing", rules="57-60")
    findings = json.loads(_download(client, answer, "Findings (JSON)"))
    [doc] = findings["documents"]
    assert doc["scope"] == ["courts-sentencing"]
    assert sorted(r["rule"] for r in doc["rules"]) == [57, 58, 59, 60]


def _download(client, answer, label: str) -> bytes:
    return client.get(_links(client.get(answer.headers["location"]).text)[label]).content


def test_document_text_and_file_names_are_escaped(client):
    hostile = "Rules\n\n1. A woman prisoner <script>alert(1)</script> shall not be placed in close confinement while pregnant.\n"
    answer = _check(client, [('<img src=x onerror="alert(2)">.txt', hostile.encode())])
    page = client.get(answer.headers["location"]).text
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=" in page


def test_every_answer_carries_the_security_headers(client):
    for answer in (
        client.get("/"),
        client.get("/compare"),
        client.get("/static/app.js"),
        client.get("/result/nothing"),
    ):
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "same-origin"
        csp = answer.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp and "'unsafe-inline'" not in csp
    page = client.get("/").text
    # No inline script or style on the app's own pages: only files from the app itself.
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/app.js" defer>']
    assert "<style" not in page and " style=" not in page


def test_report_policy_allows_exactly_the_reports_own_inline_styles():
    html = '<html><head><style>h1{color:red}</style></head><body><span style="width:5%">x</span></body></html>'

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    csp = report_csp(html)
    style_src = next(part for part in csp.split("; ") if part.startswith("style-src"))
    assert style_src == f"style-src 'self' 'unsafe-hashes' {digest('h1{color:red}')} {digest('width:5%')}"
    assert "script-src 'none'" in csp


def test_every_label_names_a_control_and_every_control_has_a_label(client):
    for path in ("/", "/compare"):
        page = client.get(path).text
        controls = set(re.findall(r'<input [^>]*id="([^"]+)"', page))
        labelled = set(re.findall(r'<label for="([^"]+)"', page))
        assert controls and controls <= labelled, path
        assert labelled <= controls | {"progress-bar"}, path


def test_the_form_accepts_every_format_the_runner_reads(client):
    from linter.runner import SUFFIXES

    [accept] = set(re.findall(r'accept="([^"]+)"', client.get("/").text))
    assert accept.split(",") == list(SUFFIXES)


def test_compare_tab_shows_what_the_new_version_changes(client):
    answer = client.post(
        "/compare",
        files=[
            ("old", ("directive-2023.txt", NEW_VERSION.encode())),
            ("new", ("directive-2025.txt", US_DIRECTIVE.encode())),
        ],
        follow_redirects=False,
    )
    assert answer.status_code == 303
    page = client.get(answer.headers["location"]).text
    assert "What <code>directive-2025.txt</code> changes against <code>directive-2023.txt</code>" in page
    row = re.search(r'<tr class="k-new-conflict">(.*?)</tr>', page, re.S).group(1)
    assert "BR24" in row and "newly in conflict" in row
    # Both clauses quoted, the old one and the new one.
    assert "Staff shall not use restraints on a woman in labor" in page
    assert "Staff may apply leg irons to a pregnant inmate in labor" in page
    changes = json.loads(client.get(re.search(r'href="(/result/[^"]+/bangkok-lint-diff.json)"', page).group(1)).content)
    assert ("BR24", "new-conflict") in [(c["code"], c["kind"]) for c in changes["changes"]]


def test_compare_reports_an_unreadable_version(client):
    answer = client.post(
        "/compare", files=[("old", ("old.docx", b"PK\x03\x04broken")), ("new", ("new.txt", US_DIRECTIVE.encode()))]
    )
    assert answer.status_code == 200
    assert "The versions could not be compared" in answer.text
    assert re.search(r"<code>old\.docx</code>: [^<]*(damaged|corrupt)", answer.text)


def test_results_expire_and_the_store_is_bounded():
    now = [0.0]
    store = ResultStore(capacity=2, ttl=60, clock=lambda: now[0])
    first, second = store.add("a"), store.add("b")
    third = store.add("c")
    assert (store.get(first), store.get(second), store.get(third)) == (None, "b", "c")
    now[0] = 61
    assert store.get(third) is None and len(store) == 0


def test_an_unknown_result_or_download_is_404(client):
    assert client.get("/result/unknown").status_code == 404
    answer = _check(client, [("directive.txt", US_DIRECTIVE.encode())])
    assert client.get(answer.headers["location"] + "/passwd").status_code == 404


def test_file_names_from_the_browser_are_reduced_to_a_safe_base_name():
    assert safe_name("C:\\Users\\ana\\Draft law.docx") == "Draft law.docx"
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("bad\x00name\n.txt") == "badname.txt"
    assert safe_name("..") == "document"
    assert display_names(["law.txt", "law.txt", "law.txt", "README"]) == [
        "law.txt",
        "law (2).txt",
        "law (3).txt",
        "README",
    ]


def test_check_and_version_do_not_import_the_web_stack(tmp_path):
    (tmp_path / "law.txt").write_text(US_DIRECTIVE)
    code = (
        "import sys; from click.testing import CliRunner; from linter.cli import main; "
        f"CliRunner().invoke(main, ['check', {str(tmp_path / 'law.txt')!r}]); CliRunner().invoke(main, ['--version']); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'starlette', 'uvicorn', 'multipart', 'python_multipart'}))"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "[]\n"


def test_checks_run_in_a_worker_thread_at_most_max_checks_at_a_time(temp_root, monkeypatch):
    import threading

    from linter.web import app as web_app

    running, most, lock = [0], [0], threading.Lock()
    release = threading.Event()

    def slow_check(uploads, settings, root):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        release.wait(10)
        with lock:
            running[0] -= 1
        return checks.CheckResult("<html><body></body></html>", [])

    monkeypatch.setattr(web_app, "check_uploads", slow_check)
    with TestClient(create_app(hosts=["testserver"], max_checks=1, temp_root=temp_root)) as client:
        posts = [
            threading.Thread(target=_check, args=(client, [("directive.txt", US_DIRECTIVE.encode())])) for _ in range(3)
        ]
        for post in posts:
            post.start()
        while running[0] == 0:
            release.wait(0.01)
        # A check is running: the server still answers.
        assert client.get("/").status_code == 200
        release.set()
        for post in posts:
            post.join(10)
    assert most[0] == 1


@pytest.mark.parametrize("name", ["web-page.png", "web-result.png", "web-result-conflict.png"])
def test_screenshots_of_the_page_are_small_pngs(name):
    from pathlib import Path

    shot = Path(__file__).resolve().parents[1] / "docs" / "screenshots" / name
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size < 300_000


def test_serve_says_in_one_line_when_the_port_is_taken():
    import socket

    from click.testing import CliRunner

    from linter.cli import main

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert result.output == f"bangkok-lint: error: cannot listen on 127.0.0.1:{port}: Address already in use\n"


def test_report_cites_the_sha256_of_the_uploaded_bytes(client):
    # The upload is deleted before the page is built: the digest comes from the bytes as read.
    body = US_DIRECTIVE.encode()
    answer = _check(client, [("directive.txt", body)])
    page = client.get(answer.headers["location"]).text
    assert hashlib.sha256(body).hexdigest() in page
    assert "unavailable" not in page
