"""Local worker processes for the per-document stages (ingest with redaction, signal detection).

spaCy's NER and the signal matchers are single-threaded Python; on a machine with several cores a
run spreads its batches over ``operations.workers`` processes. Results come back in batch order, so
the tables are the same as with one process (tested). Workers start with ``forkserver`` (a clean
interpreter, never a fork of a process that holds threads) and build their redactor once.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MAX_AUTO_WORKERS = 4


def resolve_workers(workers: int | None) -> int:
    """``workers`` if given, else the number of usable cores (at most :data:`MAX_AUTO_WORKERS`)."""
    if workers is not None:
        return max(1, workers)
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(MAX_AUTO_WORKERS, cores))


@contextmanager
def process_pool(workers: int) -> Iterator[Executor | None]:
    """A pool of ``workers`` processes, or None (work in this process) when ``workers`` is 1."""
    if workers <= 1:
        yield None
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("forkserver")) as pool:
        yield pool


def map_ordered(pool: Executor | None, fn: Callable[..., R], items: Sequence[T], *args: Any) -> Iterator[R]:
    """``fn(item, *args)`` for every item, in item order; on ``pool`` when given, else here."""
    if pool is None:
        for item in items:
            yield fn(item, *args)
        return
    futures = [pool.submit(fn, item, *args) for item in items]
    try:
        for future in futures:
            yield future.result()
    finally:
        for future in futures:
            future.cancel()


def batch_size(n_items: int, workers: int, most: int) -> int:
    """Batches small enough to keep ``workers`` busy (about four per worker), at most ``most`` items."""
    if workers <= 1:
        return most
    return max(1, min(most, -(-n_items // (4 * workers))))
