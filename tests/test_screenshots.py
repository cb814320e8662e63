"""The screenshots in docs/screenshots: small, and showing what they claim to show."""

from pathlib import Path

import pytest

Image = pytest.importorskip("PIL.Image")

SHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def _pixels_near(path: Path, colour: tuple[int, int, int], tolerance: int = 40) -> int:
    counts = Image.open(path).convert("RGB").getcolors(maxcolors=1 << 24)
    return sum(n for n, p in counts if all(abs(a - b) <= tolerance for a, b in zip(p, colour)))


@pytest.mark.parametrize("name", ["reviewed-docx.png", "html-report.png"])
def test_screenshots_are_small_pngs(name):
    path = SHOTS / name
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert path.stat().st_size < 300_000
    width, height = Image.open(path).size
    assert width >= 600 and height >= 800


def test_the_reviewed_copy_shows_tracked_changes():
    # LibreOffice draws one author's changes in one colour (a dark yellow), struck through or underlined.
    assert _pixels_near(SHOTS / "reviewed-docx.png", (179, 128, 0), tolerance=50) > 2000


def test_the_html_report_shows_a_conflict_first():
    image = SHOTS / "html-report.png"
    assert _pixels_near(image, (179, 38, 30), tolerance=20) > 1000  # the conflict badges and the entry's red edge
