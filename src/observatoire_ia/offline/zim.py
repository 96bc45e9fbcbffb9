"""ZIM file for Kiwix (python-libzim): both languages, full-text index, main page."""

from __future__ import annotations

import contextlib
import hashlib
import io
import mimetypes
import os
import re
import struct
import sys
from pathlib import Path

from ..dates import build_date
from ..i18n import text as ui
from .kit import OfflineError, Site, page_title

SKIP = {"sitemap.xml.gz"}
MIME = {
    ".html": "text/html",
    ".js": "application/javascript",
    ".css": "text/css",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".bib": "text/plain",
    ".txt": "text/plain",
    ".png": "image/png",
    ".woff2": "font/woff2",
}


def _illustration(site: Site) -> bytes:
    from PIL import Image

    source = next(iter(sorted(site.root.glob("assets/images/favicon.png"))), None)
    image = (
        Image.open(source).convert("RGBA")
        if source
        else Image.new("RGBA", (48, 48), (164, 22, 26, 255))
    )
    image = image.resize((48, 48))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


@contextlib.contextmanager
def _quiet_stdout():
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 1)
            yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


# Share pages /c/<id>/ repeat the claims of the theme pages: kept for their links, left out
# of Kiwix's full-text index and of its list of articles.
SHARE_PAGE = re.compile(r"^(?:[a-z]{2}/)?c/[^/]+/index\.html$")


def write_zim(site: Site, target: Path) -> None:
    try:
        from libzim import writer
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise OfflineError(
            "missing Python package: libzim — pip install libzim (extra `offline`)"
        ) from error
    day = build_date().isoformat()
    with _quiet_stdout():  # libzim's C++ writer prints its progress on stdout
        _create(writer.Creator, _item_maker(writer), site, target, day)
    _fix_uuids(target)


def _no_index(writer):
    """libzim's IndexData of an entry kept out of the full-text index."""

    class NoIndex(writer.IndexData):
        def has_indexdata(self):
            return False

        def get_title(self):
            return ""

        def get_content(self):
            return ""

        def get_keywords(self):
            return ""

        def get_wordcount(self):
            return 0

        def get_geoposition(self):
            return None

    return NoIndex


def _item_maker(writer):
    """item(path, file, title, mimetype, front): a file of the site as a ZIM entry (libzim's
    classes, imported only when a ZIM is written)."""
    no_index = _no_index(writer)

    class FileItem(writer.Item):
        def __init__(self, path: str, file: Path, title: str, mimetype: str, front: bool):
            super().__init__()
            self.path, self.file, self.title, self.mimetype, self.front = (
                path,
                file,
                title,
                mimetype,
                front,
            )

        def get_path(self):
            return self.path

        def get_title(self):
            return self.title

        def get_mimetype(self):
            return self.mimetype

        def get_contentprovider(self):
            return writer.FileProvider(str(self.file))

        def get_hints(self):
            return {
                writer.Hint.FRONT_ARTICLE: self.front,
                writer.Hint.COMPRESS: self.mimetype.startswith(("text/", "application/")),
            }

    class UnindexedItem(FileItem):
        def get_indexdata(self):
            return no_index()

    def item(path: str, file: Path, title: str, mimetype: str, front: bool):
        if SHARE_PAGE.match(path):
            return UnindexedItem(path, file, title, mimetype, False)
        return FileItem(path, file, title, mimetype, front)

    return item


# A glass database (Xapian's format) starts with this magic and version, then its UUID.
_GLASS_MAGIC = b"\x0f\x0dXapian Glass"
_HEADER_UUID, _HEADER_CHECKSUM_POSITION = 8, 72  # offsets in the ZIM header


def _fix_uuids(target: Path) -> None:
    """libzim writes random UUIDs (the file's, and each Xapian index's): the same kit would
    differ from one build to the next. They become digests of the content, and the file's MD5
    checksum is written again."""
    data = bytearray(target.read_bytes())
    (end,) = struct.unpack_from("<Q", data, _HEADER_CHECKSUM_POSITION)
    places = [_HEADER_UUID]
    found = data.find(_GLASS_MAGIC)
    while found != -1:
        places.append(found + len(_GLASS_MAGIC) + 2)  # after the two version bytes
        found = data.find(_GLASS_MAGIC, found + 1)
    for place in places:
        data[place : place + 16] = bytes(16)
    content = hashlib.md5(bytes(data[:end])).digest()
    for n, place in enumerate(places):
        data[place : place + 16] = hashlib.md5(content + bytes([n])).digest()
    data[end : end + 16] = hashlib.md5(bytes(data[:end])).digest()
    target.write_bytes(bytes(data))


def _create(Creator, item, site: Site, target: Path, day: str) -> None:
    creator = (
        Creator(str(target))
        .config_verbose(False)
        .config_indexing(True, "fra")
        .config_clustersize(2 * 1024 * 1024)
        .config_nbworkers(1)  # one worker: clusters and index entries in the same order
    )
    with creator:
        creator.set_mainpath("index.html")
        creator.add_metadata("Name", "observatoire-ia_mul_all")
        creator.add_metadata("Title", site.names[site.languages.default][:30])
        creator.add_metadata(
            "Description",
            ui(site.languages.default, "kit.description")[:80],
        )
        creator.add_metadata("Language", "fra,eng")
        creator.add_metadata("Creator", site.names[site.languages.default])
        creator.add_metadata("Publisher", site.names[site.languages.default])
        creator.add_metadata("Date", day)
        creator.add_metadata("Source", site.site_url)
        creator.add_metadata("License", "CC BY-SA 4.0")
        creator.add_metadata("Illustration_48x48@1", _illustration(site))
        for file in sorted(site.root.rglob("*")):
            if not file.is_file() or file.name in SKIP:
                continue
            path = file.relative_to(site.root).as_posix()
            mimetype = (
                MIME.get(file.suffix)
                or mimetypes.guess_type(file.name)[0]
                or "application/octet-stream"
            )
            front = file.suffix == ".html" and file.name != "404.html"
            title = page_title(file) if file.suffix == ".html" else ""
            if file.suffix == ".html":
                # redirect pages and 404 are not articles
                front = front and b'http-equiv="refresh"' not in file.read_bytes()[:2000]
            creator.add_item(item(path, file, title, mimetype, front))
