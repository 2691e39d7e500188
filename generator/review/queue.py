"""Which suggestions a tab is shown next: the undecided ones, least certain first, a page at a time.

State of one review session, in memory: this reviewer's decisions (read from their file at start,
then kept as they are written), what each tab skipped, and which item each tab has on screen. A
tab holds the item it shows (the first of its page), so a second tab is shown another; the hold
lapses when its tab stops asking, so a closed tab does not hide an item for long. Only when every
undecided item is on another tab is one shown twice, and the page says so.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.review.record import Decision
from generator.review.suggestions import Suggestion

PAGE = 20
# Seconds a tab keeps its item once it stops asking: a reload or a slow reader keeps theirs, a closed tab lets go.
LEASE = 15 * 60.0


@dataclass(frozen=True)
class Page:
    items: tuple[int, ...]  # indices into the suggestions, in order
    decided: int
    remaining: int  # undecided, skipped ones included
    skipped: int
    # True when an item on this page is also on another tab's page (nothing else was left).
    shared: bool


class ReviewQueue:
    def __init__(
        self,
        suggestions: tuple[Suggestion, ...],
        decisions: Iterable[Decision] = (),
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.suggestions = suggestions
        self._clock = clock
        self._lock = threading.Lock()
        self._leases: dict[int, tuple[str, float]] = {}
        self._skips: dict[str, set[int]] = {}
        self._by_key = {s.key: i for i, s in enumerate(suggestions)}
        self._load(decisions)

    def _load(self, decisions: Iterable[Decision]) -> None:
        # Later lines win, as in the format: the map keeps each key's last decision.
        self._decided: dict[tuple[str, str, str | None], Decision] = {}
        for d in decisions:
            self._decided[d.key] = d

    def reset(self, decisions: Iterable[Decision]) -> None:
        """Start again from the decisions file (after a decision was taken back)."""
        with self._lock:
            self._load(decisions)

    def index_of(self, key: tuple[str, str, str]) -> int | None:
        return self._by_key.get(key)

    def decision_on(self, item: int) -> Decision | None:
        """This reviewer's standing decision on an item: on its sentence, or on the theme in that interview."""
        s = self.suggestions[item]
        return self._decided.get(s.key) or self._decided.get((s.interview, s.theme, None))

    def decision_on_key(self, key: tuple[str, str, str | None]) -> Decision | None:
        with self._lock:
            return self._decided.get(key)

    def record(self, decision: Decision) -> Decision | None:
        """Note a decision just written; return the decision on the same key it replaces, if any."""
        with self._lock:
            previous = self._decided.get(decision.key)
            self._decided[decision.key] = decision
            return previous

    def skip(self, client: str, item: int, undo: bool = False) -> None:
        with self._lock:
            skipped = self._skips.setdefault(client, set())
            if undo:
                skipped.discard(item)
            else:
                skipped.add(item)

    def unskip_all(self, client: str) -> None:
        with self._lock:
            self._skips.pop(client, None)

    def page(self, client: str, first: int | None = None, size: int = PAGE) -> Page:
        """The next `size` undecided items for a tab, the first held for it; `first` (an item taken back) leads."""
        with self._lock:
            now = self._clock()
            skipped = self._skips.get(client, set())
            undecided = [i for i in range(len(self.suggestions)) if self.decision_on(i) is None]
            held = {i for i, (owner, until) in self._leases.items() if owner != client and until > now}
            mine = [i for i in undecided if i not in skipped and i not in held]
            if first is not None and first in undecided:
                mine = [first, *(i for i in mine if i != first)]
            items = mine[:size]
            shared = False
            if not items:
                # Everything left is on another tab: show it here too rather than claim we are done.
                items = [i for i in undecided if i not in skipped][:size]
                shared = bool(items)
            for i, (owner, until) in list(self._leases.items()):
                if owner == client or until <= now:
                    del self._leases[i]
            if items and items[0] not in held:
                self._leases[items[0]] = (client, now + LEASE)
            return Page(
                tuple(items),
                decided=len(self.suggestions) - len(undecided),
                remaining=len(undecided),
                skipped=len(skipped & set(undecided)),
                shared=shared,
            )
