import re
from pathlib import Path

from snowballstemmer.english_stemmer import EnglishStemmer

from linter.nlp.normalize import _stemmer, normalize


def test_inflections_meet():
    assert normalize("Restraints") == normalize("restraint")
    assert normalize("searched") == normalize("searching") == normalize("search")


def test_british_and_us_spellings_meet():
    assert normalize("labour") == normalize("labor")
    assert normalize("authorised") == normalize("authorized")
    assert normalize("paediatric") == normalize("pediatric")
    assert normalize("centre") == normalize("center")
    assert normalize("offence") == normalize("offense")


def test_irregular_plurals():
    assert normalize("women") == normalize("woman")
    assert normalize("children") == normalize("child")


def test_distinct_words_stay_distinct():
    assert normalize("sentence") != normalize("sent")
    assert normalize("hour") != normalize("hor")
    assert normalize("visit") != normalize("visitor")


def test_c_stemmer_gives_the_pure_python_stems():
    # Installs with PyStemmer get the C stemmer; a stem that differed from the pure-Python
    # one would make the same law match differently on different machines.
    assert type(_stemmer).__module__ == "Stemmer", "PyStemmer (a dependency) is not installed"
    root = Path(__file__).resolve().parents[1]
    words = set()
    for path in [*root.glob("patterns/**/*.yaml"), *root.glob("corpus/docs/*.txt")]:
        words |= set(re.findall(r"[a-z]+", path.read_text(encoding="utf-8").lower()))
    pure = EnglishStemmer()
    assert len(words) > 2000
    assert [w for w in sorted(words) if pure.stemWord(w) != _stemmer.stemWord(w)] == []
