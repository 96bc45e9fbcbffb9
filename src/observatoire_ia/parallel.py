"""Work spread over every core of the machine, for the build's per-file tasks.

Social cards (sharing/cards.py) and the quality pass over every built page
(quality/sweep.py) are independent per item: they run in a process pool. Its workers are
forked from this process when it runs no other thread (`mkdocs build`: nothing to import
again, nothing re-run); when it does (`mkdocs serve` and its live-reload server), forking
could copy a lock held by another thread, and the workers come from a fresh server process
("forkserver") instead. Below a few items, starting workers costs more than it saves: the
work is done in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

# Below this many items per worker, the work stays in this process.
PER_WORKER = 8


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def run(
    function: Callable[..., list],
    items: Sequence,
    *args: Any,
    workers: int | None = None,
    inherit: bool = False,
) -> list:
    """`function(chunk, *args)` over chunks of `items`, on every core; one result per item,
    in the order of `items`. `function` must be importable (a module-level function) and
    return a list as long as its chunk. `inherit`: it relies on this process's state (set
    in a module before the call), so it runs in forked workers or, where forking is not
    safe, here."""
    items = list(items)
    workers = min(workers or cores(), max(1, len(items) // PER_WORKER))
    methods = multiprocessing.get_all_start_methods()
    can_fork = "fork" in methods and threading.active_count() == 1
    if workers <= 1 or (inherit and not can_fork):
        return function(items, *args)
    if can_fork:
        method = "fork"
    else:
        method = "forkserver" if "forkserver" in methods else "spawn"
    context = multiprocessing.get_context(method)
    size = max(1, min(256, len(items) // (workers * 4)))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        results = pool.map(function, chunks, *[[arg] * len(chunks) for arg in args])
        return [result for chunk in results for result in chunk]
