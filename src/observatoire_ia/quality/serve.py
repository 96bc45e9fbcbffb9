"""A static server that behaves like GitHub/GitLab Pages for audits: gzip, caching, 404.html.

`python -m observatoire_ia.quality.serve site/ --port 8765`
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import http.server
import mimetypes
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = (
    ".html",
    ".css",
    ".js",
    ".json",
    ".xml",
    ".svg",
    ".txt",
    ".bib",
    ".map",
    ".webmanifest",
)
GZIP_LEVEL = 6  # what Pages-like servers use (nginx default is 1; 6 is the common CDN level)


def gzip_bytes(data: bytes, level: int = GZIP_LEVEL) -> bytes:
    return gzip.compress(data, compresslevel=level, mtime=0)


def transfer_size(path: Path) -> int:
    """Bytes on the wire for this file, compressed as the server would send it."""
    data = path.read_bytes()
    return len(gzip_bytes(data)) if path.suffix in COMPRESSIBLE else len(data)


class PagesHandler(http.server.BaseHTTPRequestHandler):
    root: Path = Path(".")
    _cache: dict[Path, bytes] = {}

    def log_message(self, *args) -> None:
        pass

    def _resolve(self) -> tuple[int, Path | None]:
        path = unquote(urlsplit(self.path).path)
        target = (self.root / path.lstrip("/")).resolve()
        if self.root.resolve() not in (target, *target.parents):
            return 404, None
        if target.is_dir():
            if not path.endswith("/"):
                return 301, target
            target = target / "index.html"
        if target.is_file():
            return 200, target
        return 404, None

    def do_HEAD(self) -> None:
        self.do_GET(body=False)

    def do_GET(self, body: bool = True) -> None:
        status, target = self._resolve()
        if status == 301:
            self.send_response(301)
            self.send_header("Location", urlsplit(self.path).path + "/")
            self.end_headers()
            return
        if status == 404:
            target = self.root / "404.html"
            if not target.is_file():
                self.send_error(404)
                return
        data = target.read_bytes()
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
            ctype += "; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Cache-Control", "max-age=600")
        if target.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            if target not in self._cache:
                self._cache[target] = gzip_bytes(data)
            data = self._cache[target]
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)


@contextlib.contextmanager
def serve(directory: Path, port: int = 0) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 (a free port unless given); yields the base URL."""
    handler = type("Handler", (PagesHandler,), {"root": Path(directory), "_cache": {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    with serve(args.directory, args.port) as url:
        print(f"Serving {args.directory} on {url} (gzip, Ctrl-C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
