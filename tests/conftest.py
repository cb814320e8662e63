"""Helpers shared by the tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from linter.engine import check_document
from linter.extract import read_document


@pytest.fixture
def verdict(tmp_path) -> Callable[[str, int], str]:
    """`verdict(text, rule)`: the verdict on Bangkok Rule `rule` of a regulation whose text is `text`
    (read as a .txt file, every rule in scope)."""

    def judge(text: str, rule: int) -> str:
        path = tmp_path / "regulation.txt"
        path.write_text(text + "\n", encoding="utf-8")
        result = check_document(read_document(path), ("all",))
        return next(r.verdict for r in result.rules if r.rule == rule)

    return judge
