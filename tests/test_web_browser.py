"""`bangkok-lint serve` in a real headless Chromium: load the page, submit a Word draft, read the result.

Skipped where no Chromium is installed (`apt-get install chromium` provides one). With
BANGKOK_LINT_SCREENSHOTS=DIR set, the page and the result are also saved there as PNG
(that is how docs/screenshots/web-*.png were made).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import docx
import pytest
from chromium import Chromium, Page, find_chromium

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium installed")

# A small Commonwealth-style act: one clause conflicts with Rule 24, others implement rules.
DRAFT = [
    "Correctional Services (Women Offenders) Regulations 2025",
    "Part 3 Security",
    "14. (1) Instruments of restraint may be used on a pregnant prisoner during labour where the officer in charge considers it necessary.",
    "(2) A woman prisoner shall not be placed in close confinement or disciplinary segregation while pregnant or breastfeeding.",
    "15. Every woman shall be searched only by female officers.",
]


# The text of the report's first entry for a rule in conflict.
CONFLICT = "document.querySelector('article.r-conflict').innerText"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "linter.cli", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        assert process.stdout.readline() == "bangkok-lint: loading the rules and the language pipeline...\n"
        assert process.stdout.readline() == f"bangkok-lint: serving on {url} (press Ctrl+C to stop)\n"
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url, timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    chromium = Chromium(CHROMIUM)
    yield chromium
    chromium.close()


@pytest.fixture
def draft(tmp_path) -> Path:
    word = docx.Document()
    for text in DRAFT:
        word.add_paragraph(text)
    word.save(str(tmp_path / "women-offenders-regulations.docx"))
    return tmp_path / "women-offenders-regulations.docx"


def _press(page: Page, key: str, code: int) -> None:
    for kind in ("keyDown", "keyUp"):
        event = {"type": kind, "key": key, "code": key, "windowsVirtualKeyCode": code}
        if kind == "keyDown" and key == "Enter":
            event["text"] = "\r"
        page.send("Input.dispatchKeyEvent", event)


@pytest.mark.parametrize("script", [True, False], ids=["with-script", "without-script"])
def test_submit_a_draft_and_read_the_conflict(server, browser, draft, script):
    page = Page(browser)
    page.send("Emulation.setScriptExecutionDisabled", {"value": not script})
    page.goto(server)
    assert page.evaluate("document.querySelector('h1').textContent") == "Check a law against the Bangkok Rules"
    page.set_files("#documents", [str(draft)])
    if script:
        # Keyboard only: Tab along the controls to the button, then Enter.
        for _ in range(20):
            if page.evaluate("document.activeElement.type") == "submit":
                break
            _press(page, "Tab", 9)
        assert page.evaluate("document.activeElement.textContent") == "Check"
        _screenshot(page, "web-page.png")
        _press(page, "Enter", 13)
    else:
        page.evaluate("document.querySelector('button[type=submit]').click()")
    page.wait_for("location.pathname.startsWith('/result/') && document.readyState === 'complete'")

    conflict = page.evaluate(CONFLICT)
    assert conflict.startswith("BR24 ")
    assert "Instruments of restraint may be used on a pregnant prisoner during labour" in conflict
    downloads = page.evaluate("[...document.querySelectorAll('.downloads a')].map(a => a.textContent)")
    assert downloads[0] == "Reviewed Word copy of women-offenders-regulations.docx"
    assert downloads[1:3] == ["Action plan (CSV)", "Findings (JSON)"]
    # The report's own inline styles are allowed by hash: its chart bars have a width, nothing was blocked.
    assert page.evaluate("document.querySelector('.track span').getBoundingClientRect().width") > 0
    assert page.console_errors() == []  # no style or script refused by the policy, no missing file
    if script:
        _screenshot(page, "web-result.png")
        page.evaluate("document.querySelector('article.r-conflict').scrollIntoView()")
        _screenshot(page, "web-result-conflict.png")
    # Printed, the page is the report alone.
    page.send("Emulation.setEmulatedMedia", {"media": "print"})
    assert page.evaluate("getComputedStyle(document.querySelector('.result-nav')).display") == "none"


def _screenshot(page: Page, name: str) -> None:
    folder = os.environ.get("BANGKOK_LINT_SCREENSHOTS")
    if folder:
        page.screenshot(str(Path(folder) / name))


def test_a_file_dropped_on_the_box_is_checked(server, browser):
    page = Page(browser)
    page.goto(server)
    # A South Asian jail-manual style clause, dropped as a file made in the page.
    page.evaluate(
        """(() => {
          const clause = "Jail Manual\\n\\n412. A female prisoner in labour may be handcuffed by order of the Superintendent.\\n";
          const dropped = new DataTransfer();
          dropped.items.add(new File([clause], "jail-manual.txt", {type: "text/plain"}));
          document.querySelector("[data-drop]").dispatchEvent(new DragEvent("drop", {dataTransfer: dropped, bubbles: true, cancelable: true}));
        })()"""
    )
    assert page.evaluate("document.getElementById('documents').files[0].name") == "jail-manual.txt"
    page.evaluate("document.querySelector('form').requestSubmit()")
    page.wait_for("location.pathname.startsWith('/result/') && document.readyState === 'complete'")
    assert "jail-manual.txt" in page.evaluate("document.body.innerText")
    assert "may be handcuffed" in page.evaluate(CONFLICT)


def test_a_form_problem_is_shown_in_the_status_line_without_leaving_the_page(server, browser, draft):
    page = Page(browser)
    page.goto(server)
    page.set_files("#documents", [str(draft)])
    page.evaluate("document.getElementById('rules').value = 'twelve'; document.querySelector('form').requestSubmit()")
    page.wait_for("document.getElementById('progress-text').textContent.includes('is not a rule number')")
    assert page.evaluate("location.pathname") == "/"
    assert page.evaluate("document.querySelector('button[type=submit]').disabled") is False


def test_files_over_the_limit_are_refused_before_they_are_sent(server, browser):
    page = Page(browser)
    page.goto(server)
    page.evaluate(
        """(() => {
          const chosen = new DataTransfer();
          chosen.items.add(new File([new Uint8Array(51_000_000)], "huge.txt"));
          document.getElementById("documents").files = chosen.files;
          document.querySelector("form").requestSubmit();
        })()"""
    )
    assert (
        page.evaluate("document.getElementById('progress-text').textContent")
        == "These files are 51.0 MB; the limit is 50 MB in all."
    )
    assert page.evaluate("location.pathname") == "/"
