"""The app's outer wall: which requests reach it, how large they may be, which headers every answer carries.

- `Host` must name the served address: a page on another site that rebinds its own DNS
  name to 127.0.0.1 reaches the app with its own name in `Host` and is refused (400).
- `Origin`, when the browser sends one, must be the served address too, and a state-changing
  request that the browser marks as cross-site is refused (403): another page open in the
  same browser cannot post documents to the app or read its answers.
- A body above the limit is refused with 413, from `Content-Length` before anything is read,
  or while it streams in when the length was not announced.
- Every answer forbids framing, sniffing and referrers to other sites and carries a strict
  Content-Security-Policy unless the endpoint set a narrower one.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Scripts and styles come only from the app's own static files; no inline code anywhere.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)

SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    # Not "no-referrer": with it Chromium sends `Origin: null` on the app's own form posts,
    # which the Origin check must refuse. Links to other sites still get no referrer.
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    # Results are private: no cache keeps a copy of them.
    "cache-control": "no-store",
}

_SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class BodyTooLarge(Exception):
    """Raised from `receive` when a streamed body passes the limit."""


class Guard:
    def __init__(self, app: ASGIApp, *, hosts: Iterable[str], max_body: int) -> None:
        self.app = app
        self.hosts = frozenset(h.lower() for h in hosts)
        self.origins = frozenset(f"http://{h}" for h in self.hosts)
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._refusal(scope)
        if refusal is not None:
            refusal.headers.update(SECURITY_HEADERS)
            await refusal(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        try:
            await self.app(scope, self._counted(receive), send_with_headers)
        except BodyTooLarge:
            if started:
                raise
            await PlainTextResponse(self._too_large, status_code=413)(scope, receive, send_with_headers)

    @property
    def _too_large(self) -> str:
        return f"bangkok-lint: upload larger than the limit of {self.max_body / 1_000_000:g} MB\n"

    def _refusal(self, scope: Scope) -> PlainTextResponse | None:
        headers = Headers(scope=scope)
        if headers.get("host", "").lower() not in self.hosts:
            return PlainTextResponse(
                "bangkok-lint: this address is not served here (Host header refused)\n", status_code=400
            )
        origin = headers.get("origin")
        if origin is not None and origin.lower() not in self.origins:
            return PlainTextResponse("bangkok-lint: requests from other sites are refused\n", status_code=403)
        if scope["method"] not in _SAFE_METHODS and headers.get("sec-fetch-site") in ("cross-site", "same-site"):
            return PlainTextResponse("bangkok-lint: requests from other sites are refused\n", status_code=403)
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_body:
            return PlainTextResponse(self._too_large, status_code=413)
        return None

    def _counted(self, receive: Receive) -> Receive:
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLarge
            return message

        return counted
