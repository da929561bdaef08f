"""Entity resolution: one node per real entity whatever the spelling, and never two entities merged."""

from __future__ import annotations

import pytest

from kg.resolve.normalize import normalize_name, slugify
from kg.resolve.overrides import load_overrides
from kg.resolve.resolver import Resolver


@pytest.fixture(scope="module")
def resolver():
    return Resolver()


@pytest.mark.parametrize(
    "text", ["Nvidia", "NVIDIA", "Nvidia Corp.", "Nvidia Corporation", "the Nvidia", "nvidia"]
)
def test_spelling_variants_resolve_to_the_gazetteer_entity(resolver, text):
    r = resolver.resolve(text, "Organization")
    assert r.entity.key == "nvidia" and r.step == "gazetteer"


@pytest.mark.parametrize(
    "typo,key",
    [
        ("Nvida", "nvidia"),
        ("Microsfot", "microsoft"),
        ("Antropic", "anthropic"),
        ("Amazon Web Service", "aws"),
        ("Open AI", "openai"),
    ],
)
def test_typos_of_known_names_resolve_with_an_explanation(resolver, typo, key):
    r = resolver.resolve(typo, "Organization")
    assert r.entity.key == key
    assert r.step in {"fuzzy", "gazetteer"} and r.detail


@pytest.mark.parametrize(
    "trap,key",
    [
        ("Metaculus", "meta"),
        ("Intelsat", "intel"),
        ("Army", "arm"),
        ("Oracle Red Bull Racing", "oracle"),
        ("Microns", "micron"),
    ],
)
def test_similar_names_of_other_entities_are_not_merged(resolver, trap, key):
    assert resolver.resolve(trap, "Organization").entity.key != key


def test_short_forms_and_acronyms_resolve_within_a_document(resolver):
    full = resolver.resolve("Jensen Huang", "Person").entity
    doc_names = {normalize_name("Jensen Huang"): full}
    assert resolver.resolve("Huang", "Person", doc_names=doc_names).entity.key == full.key
    acme = resolver.resolve("Quantum Widget Systems", "Organization").entity
    names = {normalize_name("Quantum Widget Systems"): acme}
    assert resolver.resolve("QWS", "Organization", doc_names=names).entity.key == acme.key
    # a generic word alone is never a short form
    assert resolver.resolve("Systems", "Organization", doc_names=names).entity.key != acme.key


def test_unknown_names_become_one_entity_across_documents_and_keep_a_stable_slug():
    r = Resolver()
    a = r.resolve("Zephyr Robotics", "Organization").entity
    b = r.resolve("ZEPHYR ROBOTICS Inc.", "Organization").entity
    c = r.resolve("Zephir Robotics", "Organization").entity  # a typo of an unknown seen before
    assert a.key == b.key == c.key == "zephyr-robotics"
    assert Resolver().resolve("Zephyr Robotics", "Organization").entity.key == a.key


def test_overrides_add_aliases_and_forbid_merges(tmp_path):
    f = tmp_path / "kg-overrides.toml"
    f.write_text(
        '[[alias]]\nname = "Team Green"\nkey = "nvidia"\n\n[[forbid]]\nname = "Nvida"\nkey = "nvidia"\n',
        encoding="utf-8",
    )
    r = Resolver(overrides=load_overrides(f))
    assert r.resolve("Team Green", "Organization").entity.key == "nvidia"
    assert r.resolve("Nvida", "Organization").entity.key != "nvidia"


def test_slugs_are_readable_and_safe():
    assert slugify("Mistral AI") == "mistral-ai"
    assert slugify("AT&T") == "at-and-t"
    assert slugify("Société Générale") == "societe-generale"


def test_example_corpus_has_no_duplicate_and_no_junk_nodes(example_store):
    from kg.export.netx import to_networkx

    G = to_networkx(example_store)
    labels = [G.nodes[n]["label"] for n in G]
    keys = {normalize_name(lab) for lab in labels}
    assert len(keys) == len(labels), sorted(labels)
    # every noisy spelling in the Italian web article ended on its real node
    noisy = {"Nvida", "Microsfot", "Antropic", "Open AI", "OpenAi"}
    aliases = {a for n in G for a in G.nodes[n]["aliases"]}
    assert not noisy & set(labels)
    for lab in labels:
        assert lab.strip() and not lab.islower(), lab
        assert not any(ch in lab for ch in "<>{}="), lab
    assert aliases is not None


def test_entities_command_lists_surface_forms_and_explains(example_store, tmp_path):
    import shutil
    import subprocess
    import sys

    example_store.flush()
    copy = tmp_path / "store"
    shutil.copytree(example_store.location, copy)
    r = subprocess.run([sys.executable, "-m", "kg.cli", "entities", "--search", "nvid", "--store", str(copy)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "Nvidia" in r.stdout and "Q182477" in r.stdout
    r = subprocess.run([sys.executable, "-m", "kg.cli", "entities", "--explain", "Nvidia", "--store", str(copy)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "gazetteer" in r.stdout
