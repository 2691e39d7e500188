"""Shared fixtures: the project's own data, the shared corpus (optional), and the sites tests read.

Building a site is what costs time in this suite, so each site is built once per run: the seed study
(`seed_site`, through the real pipeline, redaction and all) and the 1,000-interview workforce study
(`workforce_site`, through `report build`). A test that only reads a site uses these; a test that
changes a study takes a copy of the built seed study, work folder and all (`seed_copy`), and
rebuilds that: with its caches warm, a rebuild costs a fraction of a build.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SEEDS = ROOT / "content" / "transcripts"
CONFIG = ROOT / "content" / "study.toml"
CORPUS = ROOT.parent / "shared" / "corpus" / "anthropic-interviewer"
WORKFORCE = CORPUS / "workforce_transcripts.csv"
CREATIVES = CORPUS / "creatives_transcripts.csv"
# 2026-11-23: every build of the run is of that date, so any two builds of one input compare byte for byte.
EPOCH = "1795392000"


def needs_corpus() -> pytest.MarkDecorator:
    return pytest.mark.skipif(
        not WORKFORCE.exists(),
        reason=f"the public Anthropic Interviewer corpus is not at {CORPUS} (it sits beside the project in ../shared)",
    )


@pytest.fixture(scope="session", autouse=True)
def pinned_edition_date():
    with pytest.MonkeyPatch.context() as m:
        m.setenv("SOURCE_DATE_EPOCH", EPOCH)
        yield


# Builds are what cost time in this suite: the run ends by saying how many it made (in this process;
# a few tests build in a `report` process of their own).
BUILDS = {"finished": 0, "from_nothing": 0}


@pytest.fixture(scope="session", autouse=True)
def counted_builds():
    from generator import pipeline

    build_locked = pipeline._build_locked

    def counted(*args, **kwargs):
        result = build_locked(*args, **kwargs)
        BUILDS["finished"] += 1
        BUILDS["from_nothing"] += result.analysed_cached == 0
        return result

    with pytest.MonkeyPatch.context() as m:
        m.setattr(pipeline, "_build_locked", counted)
        yield


def pytest_terminal_summary(terminalreporter):
    if BUILDS["finished"]:
        terminalreporter.write_line(
            f"{BUILDS['finished']} site builds in this process, {BUILDS['from_nothing']} of them "
            "with no interview's analysis from the cache"
        )


@pytest.fixture(scope="session")
def config():
    from generator.config import load_config

    return load_config(CONFIG)


def copy_study(root: Path) -> Path:
    """A writable copy of the default study's configuration (with the agreement file it names)."""
    content = root / "content"
    shutil.copytree(CONFIG.parent, content, ignore=shutil.ignore_patterns("transcripts"))
    (root / "eval").mkdir(exist_ok=True)
    shutil.copy(ROOT / "eval" / "agreement.json", root / "eval" / "agreement.json")
    return content / "study.toml"


@dataclass(frozen=True)
class Study:
    """A study laid out as a researcher keeps one: transcripts, the configuration, and the published
    site with the build's work folder beside it."""

    root: Path

    @property
    def inputs(self) -> Path:
        return self.root / "inputs"

    @property
    def config(self) -> Path:
        return self.root / "study" / "content" / "study.toml"

    @property
    def output(self) -> Path:
        return self.root / "published" / "site"

    @property
    def work(self) -> Path:
        return self.root / "published" / ".site-build"


def seed_study(root: Path) -> Study:
    """The seed transcripts and the default study's configuration, copied under `root`."""
    shutil.copytree(SEEDS, root / "inputs")
    copy_study(root / "study")
    return Study(root)


def build(study: Study, output: Path | None = None, **options):
    """Build the study in this process, serially (what a process pool changes is test_execute's)."""
    from generator.pipeline import build_site

    return build_site([study.inputs], output or study.output, study.config, **{"executor": "serial", **options})


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Study:
    """The seed study built once for the whole run. Read it; never change it (take `seed_copy`)."""
    study = seed_study(tmp_path_factory.mktemp("seed"))
    build(study)
    return study


@pytest.fixture
def seed_copy(tmp_path, seed_site) -> Study:
    """A copy of the built seed study, published site and work folder too, for a test to change."""
    shutil.copytree(seed_site.root, tmp_path, dirs_exist_ok=True, symlinks=True)
    return Study(tmp_path)


@pytest.fixture(scope="session")
def built_site(seed_site) -> Path:
    return seed_site.output


@dataclass(frozen=True)
class Built:
    """A site `report build` made, and what the command printed."""

    output: Path
    stdout: str


@pytest.fixture(scope="session")
def workforce_build(tmp_path_factory) -> Built:
    """The 1,000 interviews of the public workforce corpus, built once per run by `report build`."""
    if not WORKFORCE.exists():
        pytest.skip(f"the public corpus is not at {WORKFORCE.parent} (it sits beside the project in ../shared)")
    from generator import cli

    out = tmp_path_factory.mktemp("workforce") / "site"
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = cli.main(["build", "--input", str(WORKFORCE), "--output", str(out), "--config", str(CONFIG)])
    assert code == 0, stderr.getvalue()
    return Built(out, stdout.getvalue())


@pytest.fixture(scope="session")
def workforce_site(workforce_build) -> Path:
    return workforce_build.output


# --- A real browser against the built site on localhost: Debian's Chromium driven by Playwright.
# `make test` installs Chromium (apt) and axe-core (npm) where missing; the browser tests skip
# with a reason only when run outside `make test` on a machine without them.
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BROWSER_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync", "--disable-quic",
]  # fmt: skip


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
