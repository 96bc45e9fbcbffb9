"""Headless Debian Chromium for tests: a local static server and a page that records every request."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output readable
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on a free loopback port; yields the base URL (ending with /)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium(**context_options) -> Iterator:
    """A Playwright browser context on Debian's Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(**context_options)
        try:
            yield context
        finally:
            context.close()
            browser.close()


def wait_until_loaded(page, timeout: float = 15000) -> None:
    """Pages load their stylesheet and scripts after the first paint (issue 16): wait until
    both are in and the scripts have run (the loader then sets data-loaded on <html>)."""
    page.wait_for_function(
        "() => document.documentElement.hasAttribute('data-loaded')", timeout=timeout
    )
