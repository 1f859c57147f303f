"""Preparing articles for a store: folding, stemming and hashing them (the
costly part of an import), in this process, or in worker processes ahead of
the one that writes (a big import)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import TypeVar

from .model import Article

T = TypeVar("T")
R = TypeVar("R")


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def prepared(articles: Iterable[Article], size: int, prepare: Callable[[list[Article]], list[R]],
             pool: Executor | None, depth: int = 4) -> Iterator[list[R]]:
    """``prepare`` of each batch of ``size`` articles, in order: here, or by
    ``pool``'s workers, ``depth`` batches ahead of the writer."""
    if pool is None:
        yield from (prepare(batch) for batch in batches(articles, size))
        return
    from collections import deque
    from concurrent.futures import Future

    pending: deque[Future[list[R]]] = deque()
    for batch in batches(articles, size):
        pending.append(pool.submit(prepare, batch))
        if len(pending) >= depth:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes for :func:`prepared` (started afresh: no state inherited)."""
    import multiprocessing

    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_follow_parent, initargs=(os.getpid(),))


def _follow_parent(parent: int) -> None:
    """In a worker process: end when the importing process is gone (killed,
    or SIGTERM), instead of waiting forever for work that will not come."""
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="sahifa-follow-parent", daemon=True).start()
