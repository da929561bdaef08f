"""The closed word classes the extractors read on the surface are data in ontologies/lexicon/common.toml."""

import pytest

from kg.extract.lexicon import word_set


@pytest.mark.parametrize(
    ("name", "english", "italian"),
    [
        ("list_joins", "and", "e"),
        ("definite_articles", "the", "la"),
        ("articles", "a", "una"),
        ("company_only_nouns", "subsidiary", "controllata"),
        ("referring_determiners", "this", "questa"),
        ("among_words", "among", "tra"),
        ("owning_participles", "own", "controllare"),
        ("intransitive_verbs", "participate", "aderire"),
    ],
)
def test_each_word_set_covers_both_languages(name: str, english: str, italian: str) -> None:
    words = word_set(name)
    assert english in words and italian in words


def test_investment_arm_words_are_lowercase_name_words() -> None:
    assert {"ventures", "capital"} <= word_set("investment_arm_words")


def test_an_unknown_word_set_is_an_error_not_an_empty_set() -> None:
    with pytest.raises(KeyError):
        word_set("no_such_set")
