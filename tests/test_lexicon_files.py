"""The lexicon data files load as intended: a key written after a [table] header silently moves into that
table, so each table holds only values of its own kind and the shared lists are where the code reads them."""

from __future__ import annotations

from kg.resources import load_toml


def test_common_lists_are_top_level_and_tables_hold_only_their_own_values():
    common = load_toml("lexicon/common.toml")
    for key in ("org_suffixes", "stop_entities", "lowercase_ambiguous", "national_unit_places"):
        assert isinstance(common.get(key), list) and common[key], key
    assert all(isinstance(v, str) for v in common["currency_symbols"].values())


def test_language_tables_hold_only_their_own_values():
    for lang in ("en", "it"):
        data = load_toml(f"lexicon/{lang}.toml")
        ref = data["reference"]
        assert all(isinstance(v, str) for v in ref["pronouns"].values())
        assert all(v in {"f", "m"} for v in ref["pronoun_gender"].values())
        assert all(isinstance(v, list) for v in ref["cue_nouns"].values())
        assert isinstance(data["syntax"].get("role_predicates"), list)
