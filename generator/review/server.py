"""The review screen's local server: the page, its assets and a small JSON API over the review queue.

Only this machine, only this run: it binds 127.0.0.1, every request carries the run's random token
(in the page's query, in a header for the API), and a request naming any other host or origin is
refused, which stops DNS rebinding and cross-site requests; no CORS header is ever sent. Decisions
are written to the reviewer's file before the answer goes back (record.py).
"""

from __future__ import annotations

import datetime as dt
import hmac
import html
import http.server
import json
import re
import secrets
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from generator.errors import ReportError, os_error_message
from generator.pipeline import PROJECT_ROOT
from generator.review.profiles import BadCorrection, Corrections, choices_json
from generator.review.queue import Page, ReviewQueue
from generator.review.record import (
    Decision,
    DecisionLog,
    SetDecision,
    decision_from_json,
    reviewer_file,
    set_decision_from_json,
)
from generator.review.suggestions import ReviewStudy, context_of

ASSETS = PROJECT_ROOT / "theme" / "review"
# The page's files, by the name it asks for; the palette is the report's own.
FILES = {
    "review.css": (ASSETS / "review.css", "text/css"),
    "review.js": (ASSETS / "review.js", "text/javascript"),
    "tokens.css": (PROJECT_ROOT / "theme" / "static" / "css" / "tokens.css", "text/css"),
    "favicon.svg": (PROJECT_ROOT / "theme" / "static" / "favicon.svg", "image/svg+xml"),
}
MAX_BODY = 64 * 1024
_CLIENT = re.compile(r"[A-Za-z0-9_-]{8,64}")
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
    "form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
)


class Refused(Exception):
    """A request this server will not answer: (status, why)."""

    def __init__(self, status: int, why: str) -> None:
        super().__init__(why)
        self.status = status


def today() -> str:
    """The reviewer's date, for the decision's `date`."""
    return dt.date.today().isoformat()


class ReviewServer:
    """One review session of one reviewer: the queue, their decisions file and the HTTP server."""

    def __init__(
        self,
        study: ReviewStudy,
        reviews: Path,
        reviewer: str,
        port: int = 0,
        *,
        date: Callable[[], str] = today,
        on_error: Callable[[BaseException], object] | None = None,
    ) -> None:
        self.study = study
        self.reviewer = reviewer.strip()
        self.log = DecisionLog(reviewer_file(reviews, self.reviewer))
        self.queue = ReviewQueue(study.suggestions, self.log.read())
        self.token = secrets.token_urlsafe(32)
        self.date = date
        self.on_error = on_error
        try:
            self.httpd = _HTTPServer(("127.0.0.1", port), _Handler)
        except OSError as e:
            raise ReportError(
                f"127.0.0.1:{port}: cannot serve there ({e.strerror}); "
                "pass another --port (0 picks a free one), or stop what is using it"
            ) from None
        self.httpd.app = self
        self.port = int(self.httpd.server_address[1])
        self.hosts = {f"127.0.0.1:{self.port}", f"localhost:{self.port}"}
        self.origins = {f"http://{h}" for h in self.hosts}
        self._thread: threading.Thread | None = None
        # One decision at a time: two tabs deciding the same item get two lines in order, each told of the other.
        self._deciding = threading.Lock()
        # Each interview's profile, and this session's corrections of it (`set` decisions).
        self.corrections = Corrections(study.profiles)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/?token={self.token}"

    def start(self) -> None:
        """Serve from a background thread until `shutdown`."""
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def shutdown(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    # --- What the API answers. Every item travels by its index; the text comes from the study.

    def study_json(self) -> dict[str, Any]:
        return {
            "title": self.study.config.title,
            "reviewer": self.reviewer,
            "file": self.log.path.name,
            "total": len(self.study.suggestions),
            "themes": [
                {"slug": t.slug, "label": t.label, "definition": t.definition} for t in self.study.config.codebook
            ],
            "choices": choices_json(),
        }

    def page_json(self, client: str, first: int | None = None) -> dict[str, Any]:
        page: Page = self.queue.page(client, first)
        return {
            "items": [self._item_json(i) for i in page.items],
            "decided": page.decided,
            "remaining": page.remaining,
            "skipped": page.skipped,
            "shared": page.shared,
        }

    def _item_json(self, i: int) -> dict[str, Any]:
        s = self.study.suggestions[i]
        c = context_of(self.study, s)
        return {
            "id": i,
            "interview": s.interview,
            "theme": s.theme,
            "turn": s.turn,
            "probability": s.probability,
            "threshold": s.threshold,
            "label": c.label,
            "before": c.before,
            "sentence": c.sentence,
            "after": c.after,
            "question_label": c.question_label,
            "question": c.question,
            "profile": self.corrections.as_json(s.interview),
        }

    def set_field(self, body: dict[str, Any]) -> dict[str, Any]:
        """Correct one field of an interview's profile: a `set` decision, on disk before the answer."""
        interview = body.get("interview")
        if not isinstance(interview, str) or not self.corrections.knows(interview):
            raise Refused(400, "no such interview")
        with self._deciding:
            try:
                field, value = self.corrections.checked(interview, body.get("field"), body.get("value"))
            except BadCorrection as e:
                raise Refused(400, str(e)) from None
            decision = SetDecision(interview, field, value, self.reviewer, self.date())
            self.log.append(decision)
            self.corrections.record(decision)
        return {"saved": decision.as_json(), "profile": self.corrections.as_json(interview)}

    def decide(self, client: str, body: dict[str, Any]) -> dict[str, Any]:
        item = self._item(body)
        s = self.study.suggestions[item]
        verdict = body.get("decision")
        theme = s.theme
        if verdict == "add":
            chosen = body.get("theme")
            if chosen == s.theme or chosen not in {t.slug for t in self.study.config.codebook}:
                raise Refused(400, "add needs another theme of the codebook")
            theme = str(chosen)
        elif verdict not in ("accept", "reject"):
            raise Refused(400, "decision must be accept, reject or add")
        decision = Decision(verdict, s.interview, theme, s.turn, s.sentence, self.reviewer, self.date())
        with self._deciding:
            standing = self.queue.decision_on_key(decision.key)
            if standing is not None and (standing.decision, standing.turn) == (decision.decision, decision.turn):
                # Decided the same way already (in another tab): one line says it.
                decision, previous = standing, None
            else:
                self.log.append(decision)
                previous = self.queue.record(decision)
        return {
            "saved": decision.as_json(),
            "previous": previous.as_json() if previous else None,
            "page": self.page_json(client, item if verdict == "add" else None),
        }

    def skip(self, client: str, body: dict[str, Any]) -> dict[str, Any]:
        item = self._item(body)
        undo = body.get("undo") is True
        self.queue.skip(client, item, undo=undo)
        return {"page": self.page_json(client, item if undo else None)}

    def unskip_all(self, client: str) -> dict[str, Any]:
        self.queue.unskip_all(client)
        return {"page": self.page_json(client)}

    def undo(self, client: str, body: dict[str, Any]) -> dict[str, Any]:
        raw = body.get("decision")
        if isinstance(raw, dict) and raw.get("decision") == "set":
            return self._undo_set(client, raw)
        try:
            decision = decision_from_json(raw)
        except ValueError as e:
            raise Refused(400, f"the decision to take back {e}") from None
        if decision is None or decision.reviewer != self.reviewer:
            raise Refused(400, "only this reviewer's theme decisions can be taken back here")
        with self._deciding:
            removed = self.log.remove(decision)
            self.queue.reset(self.log.read())
        back = self.queue.index_of((decision.interview, decision.theme, decision.sentence or ""))
        if decision.decision == "add" and decision.sentence is not None:
            # An added theme was decided on another item's screen: go back to the item it was added from.
            back = next(
                (
                    i
                    for i, s in enumerate(self.study.suggestions)
                    if (s.interview, s.sentence) == (decision.interview, decision.sentence)
                    and self.queue.decision_on(i) is None
                ),
                back,
            )
        return {"removed": removed, "page": self.page_json(client, back)}

    def _undo_set(self, client: str, raw: dict[str, Any]) -> dict[str, Any]:
        try:
            decision = set_decision_from_json(raw)
        except ValueError as e:
            raise Refused(400, f"the decision to take back {e}") from None
        if decision.reviewer != self.reviewer or not self.corrections.knows(decision.interview):
            raise Refused(400, "only this reviewer's decisions on this study's interviews can be taken back here")
        with self._deciding:
            removed = self.log.remove(decision)
            self.corrections.take_back(decision)
        profile = self.corrections.as_json(decision.interview)
        return {"removed": removed, "profile": profile, "page": self.page_json(client)}

    def _item(self, body: dict[str, Any]) -> int:
        item = body.get("item")
        if not isinstance(item, int) or isinstance(item, bool) or not 0 <= item < len(self.study.suggestions):
            raise Refused(400, "no such item")
        return item


class _HTTPServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    app: ReviewServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        # The CLI is the only place that prints; a tab closing mid-answer is not worth a word.
        error = sys.exc_info()[1]
        if error is not None and not isinstance(error, ConnectionError) and self.app.on_error:
            self.app.on_error(error)


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _HTTPServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's signature
        pass

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        self._answer("GET")

    def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
        self._answer("POST")

    def _answer(self, method: str) -> None:
        app = self.server.app
        url = urlsplit(self.path)
        api = url.path.startswith("/api/")
        try:
            self._check(app, url.query, api)
            if not api:
                if method != "GET":
                    raise Refused(405, "the page is read with GET")
                self._send_file(app, url.path.lstrip("/"))
                return
            client = self.headers.get("X-Review-Client", "")
            if not _CLIENT.fullmatch(client):
                raise Refused(400, "X-Review-Client must name the tab")
            self._send_json(200, self._route(app, method, url.path, parse_qs(url.query), client))
        except Refused as e:
            self._send_json(e.status, {"error": str(e)})
        except OSError as e:
            # A full disk or a read-only folder: the decision was not saved, and the screen says why.
            self._send_json(500, {"error": f"not saved: {os_error_message(e, app.log.path.parent)}"})
        except Exception as e:
            if app.on_error:
                app.on_error(e)
            self._send_json(500, {"error": f"a bug in interview-report ({type(e).__name__}); see the terminal"})

    def _check(self, app: ReviewServer, query: str, api: bool) -> None:
        """Refuse any request that is not from this run's page on this machine."""
        if self.headers.get("Host") not in app.hosts:
            raise Refused(403, "forbidden: this server answers only at 127.0.0.1 or localhost")
        origin = self.headers.get("Origin")
        if origin is not None and origin not in app.origins:
            raise Refused(403, "forbidden: requests from other sites are refused")
        if self.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
            raise Refused(403, "forbidden: requests from other sites are refused")
        token = self.headers.get("X-Review-Token") if api else next(iter(parse_qs(query).get("token", [])), None)
        if not token or not hmac.compare_digest(token.encode(), app.token.encode()):
            raise Refused(403, "forbidden: open the address `report review` printed, token included")

    def _route(
        self, app: ReviewServer, method: str, path: str, query: dict[str, list[str]], client: str
    ) -> dict[str, Any]:
        if method == "GET" and path == "/api/study":
            return app.study_json()
        if method == "GET" and path == "/api/items":
            return app.page_json(client)
        if method != "POST":
            raise Refused(404 if path not in _POSTS else 405, "no such call")
        body = self._body()
        if path == "/api/decisions":
            return app.decide(client, body)
        if path == "/api/skips":
            return app.skip(client, body)
        if path == "/api/skips/reset":
            return app.unskip_all(client)
        if path == "/api/undo":
            return app.undo(client, body)
        if path == "/api/fields":
            return app.set_field(body)
        raise Refused(404, "no such call")

    def _body(self) -> dict[str, Any]:
        if self.headers.get("Content-Type", "").split(";")[0].strip() != "application/json":
            raise Refused(415, "send JSON")
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            raise Refused(411, "say how long the body is") from None
        if not 0 <= length <= MAX_BODY:
            raise Refused(413, "the body is too long")
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            raise Refused(400, "the body is not JSON") from None
        if not isinstance(body, dict):
            raise Refused(400, "the body is not a JSON object")
        return body

    def _send_file(self, app: ReviewServer, name: str) -> None:
        if name == "":
            page = (ASSETS / "index.html").read_text(encoding="utf-8")
            data = page.replace("{{ token }}", html.escape(app.token)).encode("utf-8")
            kind = "text/html"
        elif name in FILES:
            path, kind = FILES[name]
            data = path.read_bytes()
        else:
            raise Refused(404, "no such file")
        self._send(200, data, f"{kind}; charset=utf-8")

    def _send_json(self, status: int, body: dict[str, Any]) -> None:
        self._send(status, json.dumps(body, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def _send(self, status: int, data: bytes, kind: str) -> None:
        if status != 200:
            # A refused request's body may be unread: the connection cannot carry another request.
            self.close_connection = True
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Content-Security-Policy", CSP)
        self.end_headers()
        self.wfile.write(data)


_POSTS = {"/api/decisions", "/api/skips", "/api/skips/reset", "/api/undo", "/api/fields"}
