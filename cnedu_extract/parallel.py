"""Running chunks on workers and getting the results back in input order.

Three pools share one small interface (``submit`` returning a future, ``close``):
``InlinePool`` runs in the calling process, ``ProcessPool`` on local worker processes
started with 'spawn' (safe with threads, same on every OS), ``DaskPool`` on a Dask
distributed cluster. ``ordered_map`` keeps at most ``max_in_flight`` chunks submitted and
yields results strictly in input order: a reorder buffer of bounded size, so memory stays
flat however long the input is.
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Callable, Iterable, Iterator, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")

DASK_HINT = 'the Dask scheduler needs distributed: pip install "cnedu-extract[dask]"'


class Pool(Protocol):
    workers: int

    def submit(self, fn: Callable[..., R], *args: Any) -> Any: ...

    def close(self, cancel: bool = False) -> None: ...


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class InlinePool:
    """Runs each task at once in this process (one worker, no start-up cost)."""

    workers = 1

    def __init__(self, initializer: Callable[..., None] | None = None,
                 initargs: tuple[Any, ...] = ()) -> None:
        self._init = (initializer, initargs)
        self._started = False

    def submit(self, fn: Callable[..., R], *args: Any) -> Future[R]:
        fut: Future[R] = Future()
        try:
            fut.set_result(fn(*args))
        except BaseException as e:  # noqa: BLE001 - handed to the caller via the future
            fut.set_exception(e)
        return fut

    def close(self, cancel: bool = False) -> None:
        pass


class ProcessPool:
    """Local worker processes ('spawn' context), each initialised once."""

    def __init__(self, workers: int, initializer: Callable[..., None] | None = None,
                 initargs: tuple[Any, ...] = ()) -> None:
        self.workers = workers
        self._ex = ProcessPoolExecutor(max_workers=workers,
                                       mp_context=multiprocessing.get_context("spawn"),
                                       initializer=initializer, initargs=initargs)

    def submit(self, fn: Callable[..., R], *args: Any) -> Future[R]:
        return self._ex.submit(fn, *args)

    def close(self, cancel: bool = False) -> None:
        self._ex.shutdown(wait=True, cancel_futures=cancel)


class DaskPool:
    """Tasks on a Dask distributed cluster at ``address`` (e.g. tcp://host:8786).

    Each worker imports the extractor once (``load_extractor`` caches it per process);
    the data travel with the tasks, so the workers need no shared file system.
    """

    def __init__(self, address: str) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise ImportError(DASK_HINT) from None
        self._client = Client(address)
        self.workers = max(1, sum(self._client.nthreads().values()))

    def submit(self, fn: Callable[..., R], *args: Any) -> Any:
        return self._client.submit(fn, *args, pure=False)

    def close(self, cancel: bool = False) -> None:
        self._client.close()


def make_pool(workers: int, scheduler: str | None = None,
              initializer: Callable[..., None] | None = None,
              initargs: tuple[Any, ...] = ()) -> Pool:
    """A Dask pool when ``scheduler`` is given, else local processes, inline for 1 worker."""
    if scheduler:
        return DaskPool(scheduler)
    if workers <= 1:
        return InlinePool(initializer, initargs)
    return ProcessPool(workers, initializer, initargs)


def ordered_map(fn: Callable[[T, Any], R], items: Iterable[T], arg: Any, pool: Pool,
                max_in_flight: int | None = None) -> Iterator[tuple[T, R]]:
    """``(item, fn(item, arg))`` for each item, in order, with few items in flight."""
    limit = max_in_flight or 4 * pool.workers
    pending: deque[tuple[T, Any]] = deque()
    for item in items:
        pending.append((item, pool.submit(fn, item, arg)))
        while pending and (len(pending) >= limit or pending[0][1].done()):
            head, fut = pending.popleft()
            yield head, fut.result()
    while pending:
        head, fut = pending.popleft()
        yield head, fut.result()


def chunked(items: Iterable[T], max_items: int, max_size: int,
            size: Callable[[T], int]) -> Iterator[list[T]]:
    """Consecutive lists of at most ``max_items`` items and about ``max_size`` in size."""
    buf: list[T] = []
    total = 0
    for item in items:
        buf.append(item)
        total += size(item)
        if len(buf) >= max_items or total >= max_size:
            yield buf
            buf, total = [], 0
    if buf:
        yield buf
