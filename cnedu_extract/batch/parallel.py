"""Running chunks on workers and getting the results back in input order.

Three pools share one small interface (``submit`` returning a future, ``close``):
``InlinePool`` runs in the calling process, ``ProcessPool`` on local worker processes
started with 'forkserver' or 'spawn' (safe with threads, no ``__main__`` guard needed), ``DaskPool`` on a Dask
distributed cluster. ``ordered_map`` keeps at most ``max_in_flight`` chunks submitted and
yields results strictly in input order: a reorder buffer of bounded size, so memory stays
flat however long the input is.
"""
from __future__ import annotations

import multiprocessing
import os
import re
import sys
import types
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Callable, Generic, Iterable, Iterator, Protocol, Sequence, TypeVar

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


class _SpawnWithoutMain:
    """``multiprocessing.spawn`` as our workers' launcher sees it: the data that prepares
    a new worker leave out the main module, so the worker does not run the user's script.

    Workers need nothing from ``__main__`` (they get a named extractor function and plain
    data), and a script calling ``extract_corpus`` at top level, without an
    ``if __name__ == "__main__":`` guard, would otherwise run again in every worker and
    kill it (multiprocessing's "bootstrapping phase" error), losing every document.
    """

    def __getattr__(self, name: str) -> Any:
        from multiprocessing import spawn
        return getattr(spawn, name)

    @staticmethod
    def get_preparation_data(name: str) -> dict[str, Any]:
        from multiprocessing import spawn
        data = spawn.get_preparation_data(name)
        data.pop("init_main_from_path", None)
        data.pop("init_main_from_name", None)
        return data


def _launch_without_main() -> Any:
    """The standard library's forkserver launch function, run with ``spawn`` replaced in
    its globals (so it follows the Python version it runs on); None where it is not built
    as expected, and then the plain 'forkserver' context serves."""
    try:
        from multiprocessing import popen_forkserver
    except ImportError:  # no forkserver on this OS
        return None
    launch = getattr(popen_forkserver.Popen, "_launch", None)
    if launch is None or launch.__code__.co_freevars or "spawn" not in launch.__code__.co_names:
        return None
    namespace = dict(vars(popen_forkserver), spawn=_SpawnWithoutMain())
    return types.FunctionType(launch.__code__, namespace, "_launch", launch.__defaults__)


_LAUNCH = _launch_without_main()
if _LAUNCH is not None:
    from multiprocessing import context as _mp_context
    from multiprocessing import popen_forkserver as _popen_forkserver

    class _NoMainPopen(_popen_forkserver.Popen):
        _launch = _LAUNCH

    class _NoMainProcess(_mp_context.ForkServerProcess):
        @staticmethod
        def _Popen(process_obj: Any) -> Any:
            return _NoMainPopen(process_obj)

    class _NoMainContext(_mp_context.ForkServerContext):
        """'forkserver' whose workers skip the main module (see ``_SpawnWithoutMain``)."""

        Process = _NoMainProcess  # type: ignore[assignment]


def _forkserver_without_main() -> Any:
    """Our 'forkserver' context, or None where this platform or Python cannot give it."""
    if _LAUNCH is None or "forkserver" not in multiprocessing.get_all_start_methods():
        return None
    return _NoMainContext()


GUARD_HINT = ("{script} starts worker processes at import time: put the code that calls "
              "extract_corpus/extract_many under 'if __name__ == \"__main__\":' (on this "
              "platform each worker runs the script again), or pass workers=1")


def _require_main_guard() -> None:
    """Raise at once, with the fix, where workers would run an unguarded script again.

    Without this, each worker dies re-running the script's call and every document is
    lost after a long wait. The test reads the script's text for the guard.
    """
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if not path or getattr(getattr(main, "__spec__", None), "name", None):
        return  # interactive, a notebook, python -m: nothing is run again
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            source = f.read()
    except OSError:
        return
    if not re.search(r"""__name__\s*==\s*["']__main__["']""", source):
        raise RuntimeError(GUARD_HINT.format(script=path))


def _context(preload: Sequence[str] = ()) -> Any:
    """'forkserver' where there is one (workers fork from a server that has loaded the
    default extractor, sharing its memory), else 'spawn'. Both are safe with threads;
    with our 'forkserver' the workers also need no ``__main__`` guard in the user's
    script, elsewhere an unguarded script is refused at once (``_require_main_guard``).
    ``preload``: the modules the server imports once for all its workers."""
    ctx = _forkserver_without_main()
    if ctx is None:
        _require_main_guard()
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = ctx or multiprocessing.get_context("forkserver")
    # preloading also hands our sys.path to the server (custom extractors stay importable);
    # it only takes effect if the server has not started yet in this process
    ctx.set_forkserver_preload(list(preload))
    return ctx


class ProcessPool:
    """Local worker processes, each initialised once (see ``_context``)."""

    def __init__(self, workers: int, initializer: Callable[..., None] | None = None,
                 initargs: tuple[Any, ...] = (), preload: Sequence[str] = ()) -> None:
        self.workers = workers
        self._ctx = _context(preload)
        self._init = (initializer, initargs)
        self._ex = ProcessPoolExecutor(max_workers=workers, mp_context=self._ctx,
                                       initializer=initializer, initargs=initargs)

    def submit(self, fn: Callable[..., R], *args: Any) -> Future[R]:
        return self._ex.submit(fn, *args)

    def restart(self) -> None:
        """A fresh set of workers after one died (segfault, out of memory, os._exit)."""
        self._ex.shutdown(wait=False, cancel_futures=True)
        self._ex = ProcessPoolExecutor(max_workers=self.workers, mp_context=self._ctx,
                                       initializer=self._init[0], initargs=self._init[1])

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
              initargs: tuple[Any, ...] = (), isolate: bool = False,
              preload: Sequence[str] = ()) -> Pool:
    """A Dask pool when ``scheduler`` is given, else local processes; inline for 1 worker
    unless ``isolate`` (a crash of the extractor then costs one document, not the run).
    ``preload``: modules that local workers' fork server imports once."""
    if scheduler:
        return DaskPool(scheduler)
    if workers <= 1 and not isolate:
        return InlinePool(initializer, initargs)
    return ProcessPool(workers, initializer, initargs, preload)


@dataclass
class CrashPolicy(Generic[T, R]):
    """How to get on when a worker process dies on an item (local pools only).

    The item is split (``split``) and its parts run one at a time; a part that kills its
    worker again gets ``crashed(part)``; ``merge`` joins the parts' results.
    """

    split: Callable[[T], list[T]]
    merge: Callable[[list[R]], R]
    crashed: Callable[[T], R]


def ordered_map(fn: Callable[[T, Any], R], items: Iterable[T], arg: Any, pool: Pool,
                max_in_flight: int | None = None,
                on_crash: CrashPolicy[T, R] | None = None) -> Iterator[tuple[T, R]]:
    """``(item, fn(item, arg))`` for each item, in order, with few items in flight.

    Results are yielded as soon as the oldest item is done; at most ``max_in_flight``
    (default 4 per worker) are submitted at any time.
    """
    limit = max_in_flight or 4 * pool.workers
    pending: deque[tuple[T, Any]] = deque()

    def head_result() -> tuple[T, R]:
        item, fut = pending.popleft()
        try:
            return item, fut.result()
        except BrokenProcessPool:
            if on_crash is None or not hasattr(pool, "restart"):
                raise
        pool.restart()
        parts = []
        for part in on_crash.split(item):
            try:
                parts.append(pool.submit(fn, part, arg).result())
            except BrokenProcessPool:
                pool.restart()
                parts.append(on_crash.crashed(part))
        for i, (other, _) in enumerate(pending):  # their futures died with the pool
            pending[i] = (other, pool.submit(fn, other, arg))
        return item, on_crash.merge(parts)

    for item in items:
        pending.append((item, pool.submit(fn, item, arg)))
        while pending and (len(pending) >= limit or pending[0][1].done()):
            yield head_result()
    while pending:
        yield head_result()


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
