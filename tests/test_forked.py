"""One document's work in several processes (linter.forked): same results, in order, and a
failure in a child is the document's failure, never a hang."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from linter import forked

ROOT = Path(__file__).resolve().parents[1]
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


@forks
def test_a_law_checked_by_two_processes_gets_the_same_result(monkeypatch):
    import linter.engine as engine
    from linter.engine import units
    from linter.extract import read_document

    monkeypatch.setattr(units, "_MIN_PROVISIONS_PER_PROCESS", 1)
    monkeypatch.setattr(engine, "_MIN_UNITS_TO_SPLIT_RULES", 1)
    splits = []
    real = forked.map_shares

    def spy(parts, work):
        splits.append(len(parts))
        return real(parts, work)

    monkeypatch.setattr(forked, "map_shares", spy)
    document = read_document(ROOT / "corpus" / "docs" / "01_westminster-prison-rules.txt")
    alone = engine.check_document(document, ["all"])
    assert splits == [1]  # the provisions parsed in one share, the rules judged here
    together = engine.check_document(document, ["all"], workers=2)
    assert splits[1:] == [2, 2]  # two shares of provisions, then of rules
    assert json.dumps(together.to_json(), sort_keys=True) == json.dumps(alone.to_json(), sort_keys=True)
    assert any(r.verdict == "conflict" for r in together.rules)
