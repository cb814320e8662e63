"""Start the app under uvicorn on one address, and say where it is."""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import socket

import click
import uvicorn

from linter.errors import UsageError
from linter.web.app import create_app

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


def served_hosts(host: str, port: int) -> list[str]:
    """The `Host` values that name this server: the address it listens on, and its other names on this machine.

    A loopback server also answers to "localhost"; one listening on every interface
    (0.0.0.0 or ::) answers to this machine's name and addresses, never to an arbitrary name.
    """
    names = {_bracketed(host)}
    if _is_loopback(host) or host in ("0.0.0.0", "::"):
        names.update(LOOPBACK_NAMES)
    if host in ("0.0.0.0", "::"):
        hostname = socket.gethostname()
        names.update({hostname, socket.getfqdn()})
        with contextlib.suppress(socket.gaierror):
            names.update(_bracketed(str(info[4][0])) for info in socket.getaddrinfo(hostname, None))
    ports = [f"{name}:{port}" for name in sorted(names)]
    # A browser leaves the default port out of Host.
    return ports + sorted(names) if port == 80 else ports


def serve(host: str, port: int, open_browser: bool, max_upload_mb: float) -> None:
    _check_free(host, port)
    click.echo("bangkok-lint: loading the rules and the language pipeline...")
    _warm_up()
    _log_counts()
    app = create_app(hosts=served_hosts(host, port), max_upload_mb=max_upload_mb)
    url = f"http://{_bracketed(host if host not in ('0.0.0.0', '::') else '127.0.0.1')}:{port}/"
    click.echo(f"bangkok-lint: serving on {url} (press Ctrl+C to stop)")
    if not _is_loopback(host):
        click.echo(
            f"bangkok-lint: warning: listening on {host}, so other computers on the network can use this page", err=True
        )
    if open_browser:
        import threading
        import webbrowser

        # Opened once the server had a moment to bind; a failure to open is not an error.
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    # No access log: request lines would be the only trace of a user's session; counts are logged instead.
    uvicorn.run(app, host=host, port=port, access_log=False, log_level="info", server_header=False)


def _check_free(host: str, port: int) -> None:
    """A one-line error now, rather than a server log line after the warm-up, when the port is taken."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        with socket.socket(infos[0][0], socket.SOCK_STREAM) as probe:
            # As uvicorn binds: a port left in TIME_WAIT by a server just stopped is free.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(infos[0][4])
    except OSError as exc:
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


def _warm_up() -> None:
    """Check a one-clause document once, so the first person to use the page does not wait
    seconds for spaCy, the rules and the patterns to load (and a broken install shows now)."""
    from io import BytesIO

    from linter.runner import FileSettings
    from linter.web.checks import Upload, check_uploads

    log = logging.getLogger("bangkok_lint.web")
    log.disabled = True  # the warm-up is not a check anyone asked for: it is not counted
    try:
        check_uploads(
            [Upload("warm-up.txt", BytesIO(b"1. Every prisoner shall be given clean bedding.\n"))], FileSettings()
        )
    finally:
        log.disabled = False


def _log_counts() -> None:
    """Print the app's own log lines (counts of documents checked, never names) on the terminal."""
    log = logging.getLogger("bangkok_lint.web")
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("bangkok-lint: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False  # uvicorn configures the root logger too: each line once


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host
