"""One document's work in several processes (linter.forked): same results, in order, and a
failure in a child is the document's failure, never a hang."""

from __future__ import annotations

import os
import sys

import pytest

from linter import forked

forks = pytest.mark.skipif(sys.platform != "linux", reason="work is split across forked processes on Linux only")


@forks
def test_shares_are_consecutive_and_worth_a_process():
    assert forked.shares(list(range(10)), 3, 3) == [[0, 1, 2], [3, 4, 5], [6, 7, 8, 9]]
    assert forked.shares(list(range(10)), 3, 6) == [list(range(10))]  # two shares would be too short
    assert forked.shares(list(range(10)), 1, 1) == [list(range(10))]


@forks
def test_results_come_back_in_share_order_from_other_processes():
    parts = forked.shares(list(range(9)), 3, 1)
    results = forked.map_shares(parts, lambda share: [(n, os.getpid()) for n in share])
    assert [n for n, _ in results] == list(range(9))
    assert len({pid for _, pid in results}) == 3  # three processes did the work


@forks
def test_an_error_in_a_child_is_raised_here_and_a_dead_child_is_reported():
    def fails_in_child(share):
        if share[0] != 0:
            raise ValueError("bad share")
        return list(share)

    with pytest.raises(ValueError, match="bad share"):
        forked.map_shares(forked.shares(list(range(4)), 2, 1), fails_in_child)

    def dies_in_child(share):
        if share[0] != 0:
            os._exit(1)
        return list(share)

    with pytest.raises(forked.ChildDied):
        forked.map_shares(forked.shares(list(range(4)), 2, 1), dies_in_child)
