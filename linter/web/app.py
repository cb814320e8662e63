"""The pages: check documents (`/`), compare two versions (`/compare`), a result and its downloads.

Every form is a plain multipart POST answered by a redirect to the result, so the app works
without JavaScript; `static/app.js` only adds drag-and-drop and progress, asking for a JSON
answer (`Accept: application/json`) instead of the redirect. Checks run in a worker thread
so the server keeps answering, at most `max_checks` at a time.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import partial
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import anyio
import jinja2
from starlette.applications import Starlette
from starlette.datastructures import FormData, UploadFile
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from linter.config import parse_rules, rule_set
from linter.diff import KINDS, render_diff
from linter.errors import ConfigError
from linter.policy import load_policy
from linter.runner import SUFFIXES, FileSettings
from linter.web.checks import CheckResult, CompareResult, Upload, check_uploads, compare_uploads
from linter.web.guard import CSP, Guard
from linter.web.store import ResultStore

MAX_FILES = 200
_BODY_TAG = re.compile(r"<body[^>]*>", re.IGNORECASE)


class FormProblem(Exception):
    """The form was filled in wrongly; the message is shown above it."""


def create_app(
    *,
    hosts: list[str],
    max_upload_mb: float = 50,
    max_checks: int = 2,
    temp_root: Path | None = None,
) -> Starlette:
    """The app, answering only requests addressed to one of `hosts` ("127.0.0.1:8000")."""
    templates = jinja2.Environment(loader=jinja2.PackageLoader("linter.web", "templates"), autoescape=True)
    results: ResultStore = ResultStore()
    slots = anyio.Semaphore(max_checks)
    policy = load_policy()
    scopes = {"choices": policy.scopes, "default": policy.default_scope}
    accept = ",".join(SUFFIXES)
    max_upload = int(max_upload_mb * 1_000_000)

    def page(name: str, status: int = 200, **context) -> HTMLResponse:
        context.update(
            scopes=scopes,
            accept=accept,
            max_upload_mb=max_upload_mb,
            max_upload_bytes=max_upload,
            keep_minutes=round(results.ttl / 60),
        )
        return HTMLResponse(templates.get_template(name).render(**context), status_code=status)

    async def check_form(request: Request) -> Response:
        return page("check.html", tab="check")

    async def compare_form(request: Request) -> Response:
        return page("compare.html", tab="compare")

    async def check(request: Request) -> Response:
        async with request.form(max_files=MAX_FILES, max_fields=MAX_FILES + 20) as form:
            try:
                uploads = _uploads(form, "documents")
                if not uploads:
                    raise FormProblem("Choose at least one document to check.")
                settings = FileSettings(_scope(form, policy.scopes), _rules(form))
            except FormProblem as exc:
                return _problem(request, page, "check.html", "check", str(exc))
            async with slots:
                result = await anyio.to_thread.run_sync(partial(check_uploads, uploads, settings, temp_root))
        return _delivered(request, results.add(result))

    async def compare(request: Request) -> Response:
        async with request.form(max_files=2, max_fields=20) as form:
            try:
                old, new = _uploads(form, "old"), _uploads(form, "new")
                if len(old) != 1 or len(new) != 1:
                    raise FormProblem("Choose one file for the old version and one for the new version.")
                scope = _scope(form, policy.scopes)
            except FormProblem as exc:
                return _problem(request, page, "compare.html", "compare", str(exc))
            async with slots:
                result = await anyio.to_thread.run_sync(partial(compare_uploads, old[0], new[0], scope, temp_root))
        return _delivered(request, results.add(result))

    async def result_page(request: Request) -> Response:
        key = request.path_params["key"]
        result = results.get(key)
        if result is None:
            return page("gone.html", status=404, tab="")
        if isinstance(result, CompareResult):
            # The clauses as `bangkok-lint diff` prints them: the same words as the command line.
            text = render_diff(result.diff) if result.diff else ""
            return page("diff.html", tab="compare", key=key, result=result, kinds=KINDS, text=text)
        nav = templates.get_template("report_nav.html").render(key=key, result=result)
        return _report_page(result, nav)

    async def download(request: Request) -> Response:
        result = results.get(request.path_params["key"])
        name = request.path_params["name"]
        found = next((d for d in result.downloads if d.filename == name), None) if result else None
        if found is None:
            return page("gone.html", status=404, tab="")
        disposition = f"attachment; filename=\"{_ascii(found.filename)}\"; filename*=UTF-8''{quote(found.filename)}"
        return Response(found.content, media_type=found.media_type, headers={"content-disposition": disposition})

    return Starlette(
        routes=[
            Route("/", check_form),
            Route("/check", check, methods=["POST"]),
            Route("/compare", compare_form),
            Route("/compare", compare, methods=["POST"]),
            Route("/result/{key}", result_page),
            Route("/result/{key}/{name}", download),
            # Browsers ask for it on every page; an empty answer instead of a 404 in their consoles.
            Route("/favicon.ico", lambda request: Response(status_code=204)),
            Mount("/static", StaticFiles(packages=[("linter.web", "static")]), name="static"),
        ],
        middleware=[Middleware(Guard, hosts=hosts, max_body=max_upload)],
    )


def _uploads(form: FormData, field: str) -> list[Upload]:
    # A file input left empty still sends a part, with no file name.
    return [
        Upload(item.filename, item.file)
        for item in form.getlist(field)
        if isinstance(item, UploadFile) and item.filename
    ]


def _scope(form: FormData, known: dict[str, str]) -> tuple[str, ...]:
    chosen = tuple(str(s) for s in form.getlist("scope"))
    unknown = [s for s in chosen if s not in known]
    if unknown:
        raise FormProblem(f"Unknown scope {unknown[0]}.")
    return chosen


def _rules(form: FormData) -> frozenset[int] | None:
    text = str(form.get("rules") or "").strip()
    if not text:
        return None
    try:
        return rule_set(parse_rules(text, "Only these rules"), ())
    except ConfigError as exc:
        raise FormProblem(str(exc)) from exc


def _wants_json(request: Request) -> bool:
    return request.headers.get("accept", "").startswith("application/json")


def _problem(request: Request, page, template: str, tab: str, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": message}, status_code=400)
    return page(template, status=400, tab=tab, error=message)


def _delivered(request: Request, key: str) -> Response:
    location = f"/result/{key}"
    if _wants_json(request):
        return JSONResponse({"location": location})
    return RedirectResponse(location, status_code=303)


def _report_page(result: CheckResult, nav: str) -> HTMLResponse:
    """The HTML report exactly as `--format html` writes it, with the app's navigation put before it.

    The report carries its own inline stylesheet (it is a self-contained file); the page's
    policy allows exactly those styles by their hashes and no script at all.
    """
    report = result.report_html
    stylesheet = '<link rel="stylesheet" href="/static/app.css">'
    head_end = report.lower().find("</head>")
    report = report[:head_end] + stylesheet + report[head_end:] if head_end >= 0 else stylesheet + report
    body = _BODY_TAG.search(report)
    page = report[: body.end()] + nav + report[body.end() :] if body else nav + report
    return HTMLResponse(page, headers={"content-security-policy": report_csp(result.report_html)})


class _InlineStyles(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.attributes: set[str] = set()
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "style":
            self._in_style = True
            self.blocks.append("")
        self.attributes.update(value for name, value in attrs if name == "style" and value is not None)

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.blocks[-1] += data


def report_csp(report_html: str) -> str:
    """The app's policy, with the report's own inline styles allowed by hash and scripts forbidden."""
    styles = _InlineStyles()
    styles.feed(report_html)
    hashes = " ".join(f"'sha256-{_sha256(text)}'" for text in [*styles.blocks, *sorted(styles.attributes)])
    unsafe_hashes = " 'unsafe-hashes'" if styles.attributes else ""
    return CSP.replace("script-src 'self'", "script-src 'none'").replace(
        "style-src 'self'", f"style-src 'self'{unsafe_hashes} {hashes}".rstrip()
    )


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _ascii(name: str) -> str:
    return "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in name)
