"""Online search with Pagefind: a static index in chunks, loaded per query (DECISIONS.md).

Material's search downloads one index per language on first use: at a hundred union texts,
well over a megabyte per language. Pagefind (run at build time, no server) writes its index
in small chunks and a reader's browser fetches only those a query needs. Material's search
box, result list and highlighting stay: assets/search-lazy.js answers Material's search
worker messages with Pagefind's results.

- Indexed: the content of every page of the site (`data-pagefind-body` on Material's
  article, added by the quality plugin's on_post_page), in each page's language. Not
  indexed: share pages `/c/<id>/` (they repeat the claims), 404 pages, redirect pages,
  pages out of search (`search: exclude`, pages waiting for their translation), and inside
  pages the claim controls, citation previews, the « cité par » lists and the share blocks.
- The index is a function of the indexed pages' bytes: cached in `.cache/pagefind`.
- Material's own index is reduced to its configuration online (the entries would never be
  downloaded), which also spares its HTML parsing of every page.
- The offline kit keeps Material's index: Pagefind fetches its chunks and cannot work from
  file://; the ZIM has Kiwix's own full-text index.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from importlib.metadata import version
from pathlib import Path

OUTPUT = "pagefind"
BODY = "data-pagefind-body"
# Material's article, as its templates write it (share pages add their own class: left out).
ARTICLE = '<article class="md-content__inner md-typeset">'
EXCLUDED = (
    ".headerlink",
    ".claim-tools",
    ".citation-preview",
    ".cited-by",
    ".share",
    ".md-source-file",
    ".md-content__button",
)


UNUSED = (
    "pagefind-ui.*",
    "pagefind-component-ui.*",
    "pagefind-modular-ui.*",
    "pagefind-highlight.js",
)


class PagefindError(Exception):
    """Pagefind could not index the site."""


def mark_body(html: str) -> str:
    """Index this page's article (and nothing else of the page)."""
    return html.replace(ARTICLE, ARTICLE[:-1] + f" {BODY}>", 1)


def index(site_dir: Path, pages: list[Path], cache_dir: Path | None = None) -> str:
    """Pagefind's index of `pages` of the built site into `pagefind/`; a summary.

    The index is a function of the pages' bytes: with `cache_dir`, an index already built
    from the same pages (a build where no page changed) is linked in, not rebuilt."""
    key = _key(site_dir, pages)
    cached = cache_dir / key if cache_dir else None
    if cached is not None and cached.is_dir():
        _link_tree(cached, site_dir / OUTPUT)
        return f"{len(pages)} pages, index from {cache_dir.name}/{key[:12]}"
    summary = _run(site_dir, pages)
    if cached is not None:
        temporary = cached.with_name(f".{key}.{os.getpid()}")
        _link_tree(site_dir / OUTPUT, temporary)
        for old in cache_dir.iterdir():  # one index kept: the pages' previous state is gone
            if not old.name.startswith("."):
                shutil.rmtree(old, ignore_errors=True)
        try:
            temporary.rename(cached)
        except OSError:  # another build stored the same index meanwhile
            shutil.rmtree(temporary, ignore_errors=True)
    return summary


def _key(site_dir: Path, pages: list[Path]) -> str:
    digest = hashlib.sha256(repr((version("pagefind-bin"), EXCLUDED, UNUSED, 1)).encode())
    for page in sorted(pages):
        digest.update(page.relative_to(site_dir).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(page.read_bytes()).digest())
    return digest.hexdigest()[:32]


def _link_tree(source: Path, target: Path) -> None:
    """A copy of the folder `source` made of hard links (a copy across file systems)."""
    for path in sorted(source.rglob("*")):
        destination = target / path.relative_to(source)
        if path.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, destination)
        except OSError:
            shutil.copyfile(path, destination)


def _run(site_dir: Path, pages: list[Path]) -> str:
    """Run Pagefind over `pages` of the built site; its summary (pages and words indexed).

    Pagefind reads every HTML file of the folder it is given: it is given a folder of links
    to the indexed pages only (the share pages, thousands at scale, are not read), laid out
    as in the site, so that its URLs are the site's."""
    with tempfile.TemporaryDirectory(prefix="pagefind-", dir=site_dir.parent) as tmp:
        mirror = Path(tmp)
        for page in pages:
            target = mirror / page.relative_to(site_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(page, target)
            except OSError:
                shutil.copyfile(page, target)
        command = [str(_executable()), "--site", str(mirror)]
        command += ["--output-path", str(site_dir / OUTPUT)]
        for selector in EXCLUDED:
            command += ["--exclude-selectors", selector]
        try:
            result = subprocess.run(command, capture_output=True, text=True, check=False)
        except OSError as error:
            raise PagefindError(f"pagefind could not start: {error}") from error
    if result.returncode != 0 or "Indexed 0 pages" in result.stdout:
        raise PagefindError(
            "pagefind failed (pip install 'pagefind[bin]', see requirements.lock):\n"
            + (result.stdout + result.stderr)[-2000:]
        )
    # Pagefind's own interfaces: Material's search box is used instead (assets/search-lazy.js).
    for unused in UNUSED:
        for path in (site_dir / OUTPUT).glob(unused):
            path.unlink()
    # Its languages come in hash-map order: sorted, two builds of a commit are identical.
    entry = site_dir / OUTPUT / "pagefind-entry.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    return " ".join(
        line.strip() for line in result.stdout.splitlines() if line.strip().startswith("Indexed")
    )


def _executable() -> Path:
    """Pagefind's binary (the pagefind-bin wheel), run directly: no Python in between."""
    try:
        from pagefind_bin import get_executable
    except ImportError as error:
        raise PagefindError(
            "pagefind's binary is missing: pip install 'pagefind[bin]' (see requirements.lock)"
        ) from error
    return get_executable()


def config_only(search_plugin) -> None:
    """Material's index of this build keeps its configuration (language, separator: used by
    the highlighting of search terms on a result's page) and no entries."""
    search_index = getattr(search_plugin, "search_index", None)
    if search_index is not None:
        search_index.add_entry_from_context = lambda page: None
