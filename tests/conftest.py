"""Shared fixtures: paths to the project's own data and to the shared corpus (optional)."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SEEDS = ROOT / "content" / "transcripts"
CONFIG = ROOT / "content" / "study.toml"
CORPUS = ROOT.parent / "shared" / "corpus" / "anthropic-interviewer"
WORKFORCE = CORPUS / "workforce_transcripts.csv"
CREATIVES = CORPUS / "creatives_transcripts.csv"


def needs_corpus() -> pytest.MarkDecorator:
    return pytest.mark.skipif(
        not WORKFORCE.exists(),
        reason=f"the public Anthropic Interviewer corpus is not at {CORPUS} (it sits beside the project in ../shared)",
    )


@pytest.fixture(scope="session")
def config():
    from generator.config import load_config

    return load_config(CONFIG)


def copy_study(root: Path) -> Path:
    """A writable copy of the default study's configuration (with the agreement file it names)."""
    import shutil

    content = root / "content"
    shutil.copytree(CONFIG.parent, content, ignore=shutil.ignore_patterns("transcripts"))
    (root / "eval").mkdir(exist_ok=True)
    shutil.copy(ROOT / "eval" / "agreement.json", root / "eval" / "agreement.json")
    return content / "study.toml"


# --- A real browser against the built site on localhost: Debian's Chromium driven by Playwright.
# `make test` installs Chromium (apt) and axe-core (npm) where missing; the browser tests skip
# with a reason only when run outside `make test` on a machine without them.
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BROWSER_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync", "--disable-quic",
]  # fmt: skip


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    from generator.pipeline import build_site

    out = tmp_path_factory.mktemp("e2e") / "site"
    build_site([ROOT / "content" / "transcripts"], out, ROOT / "content" / "study.toml")
    return out


def _serve(folder: Path):
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def base_url(built_site):
    server = _serve(built_site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def workforce_site(tmp_path_factory):
    if not WORKFORCE.exists():
        pytest.skip(f"the public corpus is not at {WORKFORCE.parent} (it sits beside the project in ../shared)")
    from generator.pipeline import build_site

    out = tmp_path_factory.mktemp("e2e-workforce") / "site"
    build_site([WORKFORCE], out, ROOT / "content" / "study.toml")
    return out


@pytest.fixture(scope="session")
def workforce_url(workforce_site):
    server = _serve(workforce_site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (make test installs Debian's chromium package)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(bypass_csp=False)
    yield context.new_page()
    context.close()
