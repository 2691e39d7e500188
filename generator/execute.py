"""Run the per-interview analysis in this process, on a local process pool or on a Dask cluster.

Input: transcripts in order, the study's Analyser and the analysis cache. Output: one
InterviewSummary per transcript, in input order, the same whichever executor ran it
(the analysis is a pure function of transcript and analyser).

Cache lookups and writes stay in this process, so hits and misses are counted exactly as
in a serial build; only the misses travel to workers, in chunks, because pickling one
task per interview costs more than analysing it. The Analyser travels once per worker.
A summary holds no transcript (only its id), so what a worker sends back is small.
"""

from __future__ import annotations

import math
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Literal, cast, get_args

from generator.analyse import Analyser, summarise_interview
from generator.analyse.cache import AnalysisCache, cache_key
from generator.errors import BuildError
from generator.models import InterviewSummary, Transcript

__all__ = ["EXECUTORS", "Executor", "analyse_all"]

Executor = Literal["local", "serial", "dask"]
EXECUTORS: tuple[str, ...] = get_args(Executor)
# (done, total) after each interview or chunk.
AnalyseProgress = Callable[[int, int], None]

# Below this many misses a pool costs more than it saves: starting one takes about 1.5 s
# (the fork server imports the analysis, scikit-learn included), about 300 interviews'
# worth of analysis at 10 ms each split over two cores.
MIN_POOL_MISSES = 250
# Interviews per task: big enough that pickling and scheduling are noise next to the
# analysis (about 10 ms an interview), small enough to balance the load and show progress.
MAX_CHUNK = 64
# Tasks queued per worker: keeps every worker busy without holding every pickled chunk
# in flight at once, which at 80,000 interviews would be gigabytes.
IN_FLIGHT_PER_WORKER = 2
# Seconds to wait for a Dask scheduler and for its first worker.
DASK_TIMEOUT = 20.0


def analyse_all(
    transcripts: Sequence[Transcript],
    analyser: Analyser,
    cache: AnalysisCache,
    executor: Executor = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    progress: AnalyseProgress | None = None,
) -> list[InterviewSummary]:
    """Summarise every transcript, from the cache where it can, analysing the rest with `executor`."""
    if executor not in EXECUTORS:
        raise BuildError(f"unknown executor {executor!r}; choose one of {', '.join(EXECUTORS)}")
    total = len(transcripts)
    summaries: list[InterviewSummary | None] = []
    keys: list[str] = []
    misses: list[int] = []
    for i, transcript in enumerate(transcripts):
        key = cache_key(transcript, analyser.fingerprint_of(transcript))
        summary = cache.get(key, transcript)
        summaries.append(summary)
        keys.append(key)
        if summary is None:
            misses.append(i)
    done = total - len(misses)
    if progress and done:
        progress(done, total)

    def store(indices: Sequence[int], analysed: Sequence[InterviewSummary]) -> None:
        nonlocal done
        for i, summary in zip(indices, analysed, strict=True):
            cache.put(keys[i], summary)
            summaries[i] = summary
        done += len(indices)
        if progress:
            progress(done, total)

    if executor == "dask":
        if not scheduler:
            raise BuildError("the dask executor needs the scheduler's address; pass --scheduler tcp://HOST:8786")
        _run_dask(transcripts, misses, analyser, scheduler, store)
    elif executor == "local" and len(misses) >= MIN_POOL_MISSES and (workers or cores()) > 1:
        _run_pool(transcripts, misses, analyser, workers or cores(), store)
    else:
        for i in misses:
            store([i], [summarise_interview(transcripts[i], analyser)])
    return [s for s in summaries if s is not None]


def cores() -> int:
    """The cores this process may run on (fewer than the machine's in a container or under taskset)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _chunks(misses: Sequence[int], workers: int) -> Iterator[list[int]]:
    """Consecutive runs of the misses, about four per worker, at most MAX_CHUNK long."""
    size = max(1, min(MAX_CHUNK, math.ceil(len(misses) / (4 * workers))))
    for start in range(0, len(misses), size):
        yield list(misses[start : start + size])


# --- Local process pool. Each worker receives the analyser once, through the initializer.

_worker_analyser: Analyser | None = None


def _init_worker(analyser: Analyser) -> None:
    global _worker_analyser
    _worker_analyser = analyser


def _analyse_chunk(chunk: list[Transcript]) -> list[InterviewSummary]:
    assert _worker_analyser is not None, "the pool initializer sets the analyser"
    return [summarise_interview(t, _worker_analyser) for t in chunk]


def warm_pool() -> None:
    """Start the fork server now, so that its imports run beside the build's first stages
    instead of delaying the first pool (on a rebuild, the one that draws the figures)."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        pool_context()
        from multiprocessing import forkserver

        forkserver.ensure_running()


def pool_context() -> multiprocessing.context.BaseContext:
    # Not fork: a forked child inherits the whole parent heap (every transcript read so
    # far) and its garbage collector copies those pages, multiplying memory by the number
    # of workers; forking a threaded parent (the CLI's progress bar) can also deadlock.
    # A fork server starts clean and forks each worker from a process that has already
    # imported the analysis and the drawing libraries (the build's figures are drawn in
    # the same kind of worker, and one fork server serves a process for its lifetime).
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["generator.execute", "generator.write.figures", "matplotlib.pyplot", "wordcloud"])
        return ctx
    return multiprocessing.get_context("spawn")


def _run_pool(
    transcripts: Sequence[Transcript],
    misses: Sequence[int],
    analyser: Analyser,
    workers: int,
    store: Callable[[Sequence[int], Sequence[InterviewSummary]], None],
) -> None:
    chunks = _chunks(misses, workers)
    pending: dict[Future[list[InterviewSummary]], list[int]] = {}
    with ProcessPoolExecutor(workers, pool_context(), initializer=_init_worker, initargs=(analyser,)) as pool:

        def submit() -> bool:
            chunk = next(chunks, None)
            if chunk is not None:
                pending[pool.submit(_analyse_chunk, [transcripts[i] for i in chunk])] = chunk
            return chunk is not None

        while len(pending) < IN_FLIGHT_PER_WORKER * workers and submit():
            pass
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                store(pending.pop(future), future.result())
                submit()


# --- Dask: the same chunks as tasks on a dask.distributed cluster.


def _analyse_chunk_with(analyser: Analyser, chunk: list[Transcript]) -> list[InterviewSummary]:
    return [summarise_interview(t, analyser) for t in chunk]


def _run_dask(
    transcripts: Sequence[Transcript],
    misses: Sequence[int],
    analyser: Analyser,
    address: str,
    store: Callable[[Sequence[int], Sequence[InterviewSummary]], None],
) -> None:
    if not misses:
        return  # everything came from the cache: no need to reach the cluster
    from distributed import Client, as_completed

    try:
        client = Client(address, timeout=DASK_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as e:
        raise BuildError(
            f"could not reach the Dask scheduler at {address} ({e}); "
            f"check the address, or start one with `dask scheduler` and workers with `dask worker {address}`"
        ) from None
    with client:
        try:
            client.wait_for_workers(1, timeout=DASK_TIMEOUT)
        except TimeoutError:
            raise BuildError(
                f"the Dask scheduler at {address} has no workers; start some with `dask worker {address}`"
            ) from None
        workers = sum(client.nthreads().values())
        # Once per worker, not once per task: the analyser holds the compiled codebook.
        shared = client.scatter(analyser, broadcast=True, hash=False)
        chunks = _chunks(misses, workers)
        indices: dict[object, list[int]] = {}
        running = as_completed(loop=client.loop)

        def submit() -> bool:
            chunk = next(chunks, None)
            if chunk is not None:
                future = client.submit(_analyse_chunk_with, shared, [transcripts[i] for i in chunk], pure=False)
                indices[future.key] = chunk
                running.add(future)
            return chunk is not None

        while running.count() < IN_FLIGHT_PER_WORKER * workers and submit():
            pass
        for future in running:
            try:
                analysed = cast(list[InterviewSummary], future.result())
            except ImportError as e:
                raise BuildError(
                    f"the Dask workers at {address} cannot run the analysis ({e}); "
                    "install this version of interview-report on every worker"
                ) from None
            store(indices.pop(future.key), analysed)
            future.release()
            submit()
