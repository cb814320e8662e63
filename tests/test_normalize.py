from linter.nlp.normalize import normalize


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
