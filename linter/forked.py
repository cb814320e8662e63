"""Do one document's work in several processes at once: this one and forked children.

Used where one long document would otherwise keep a single core busy (`--jobs N` with one
file): the PDF reader splits its pages. Each share's result comes back through a pipe, in
share order. Children are forked
(they start in milliseconds with everything this process has loaded) and so only on Linux,
as linter.runner forks its workers; elsewhere the whole list is done here.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

T = TypeVar("T")
S = TypeVar("S")  # a share of the work
R = TypeVar("R")


class ChildDied(Exception):
    """A child ended without sending its share's result (killed, out of memory, a crash in C)."""


def shares(items: Sequence[T], processes: int, at_least: int) -> list[Sequence[T]]:
    """`items` in consecutive shares, one per process, each at least `at_least` long; a single
    share where splitting would not pay or cannot be done (no fork)."""
    count = min(processes, len(items) // max(at_least, 1)) if sys.platform == "linux" else 1
    if count <= 1:
        return [items]
    bounds = [len(items) * share // count for share in range(count + 1)]
    return [items[start:end] for start, end in zip(bounds, bounds[1:])]


def map_shares(parts: Sequence[S], work: Callable[[S], list[R]]) -> list[R]:
    """`work` over every share, the first here and the rest in forked children at the same time;
    the results joined in share order.

    An exception raised by `work` in a child is raised here, as if this process had met it; a
    child that dies raises ChildDied. A plain process and pipe per share cost half what a pool
    does to start, and a dead child ends its pipe, where a pool would wait for it for ever.
    """
    if len(parts) == 1:
        return work(parts[0])
    from multiprocessing import get_context

    context = get_context("fork")
    children = []
    for part in parts[1:]:
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=_send, args=(sender, work, part), daemon=True)
        child.start()
        sender.close()
        children.append((child, receiver))
    received = False
    try:
        results = list(work(parts[0]))
        for _, receiver in children:
            results += _received(receiver)
        received = True
    finally:
        for child, receiver in children:
            receiver.close()
            if not received:
                child.terminate()  # its share is no longer wanted: the work has failed
            child.join()
    return results


def _received(receiver: Connection) -> list:
    try:
        result = receiver.recv()
    except EOFError:
        raise ChildDied("a process doing part of the work died") from None
    if isinstance(result, Exception):
        raise result
    return result


def _send(sender: Connection, work: Callable, part: Sequence) -> None:
    try:
        sender.send(work(part))
    except Exception as exc:  # raised again in the parent, as if its own share had failed
        sender.send(exc)
    finally:
        sender.close()
