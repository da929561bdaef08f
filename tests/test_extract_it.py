"""Italian extraction with the same extractor and Italian data files, construction by construction."""

from __future__ import annotations

import pytest

from kg.api import extract_triples


def all_triples(text: str) -> dict[tuple[str, str, str], object]:
    return {(t.subject.label, t.predicate, t.object.label): t for t in extract_triples(text, lang="it")}


def facts(text: str) -> set[tuple[str, str, str]]:
    return {k for k, t in all_triples(text).items() if t.asserted}


CASES = [
    ("Nvidia ha acquisito Run:ai.", {("Nvidia", "acquired", "Run:ai")}),
    ("Run:ai è stata acquisita da Nvidia nel 2024.", {("Nvidia", "acquired", "Run:ai")}),
    ("Nvidia ha completato l'acquisizione di Run:ai.", {("Nvidia", "acquired", "Run:ai")}),
    ("Cisco ha comprato Splunk.", {("Cisco", "acquired", "Splunk")}),
    ("Microsoft ha investito 1,5 miliardi di dollari in G42.", {("Microsoft", "investsIn", "G42")}),
    ("Mistral AI ha raccolto 600 milioni di euro da General Catalyst.", {("General Catalyst", "investsIn", "Mistral AI")}),
    ("L'amministratore delegato di AMD, Lisa Su, ha presentato i nuovi chip.", {("Lisa Su", "ceoOf", "AMD")}),
    ("Lisa Su, amministratrice delegata di AMD, ha presentato i nuovi chip.", {("Lisa Su", "ceoOf", "AMD")}),
    ("Il CEO di Nvidia Jensen Huang ha parlato a Taipei.", {("Jensen Huang", "ceoOf", "Nvidia")}),
    ("Sam Altman è il fondatore di OpenAI.", {("Sam Altman", "founderOf", "OpenAI")}),
    ("Nvidia fornisce chip a OpenAI.", {("Nvidia", "suppliesTo", "OpenAI")}),
    ("Anthropic si affida ai data center di Amazon Web Services.", {("Amazon Web Services", "suppliesTo", "Anthropic")}),
    ("Microsoft ha stretto una partnership con OpenAI.", {("Microsoft", "partnersWith", "OpenAI")}),
    ("Anthropic è in concorrenza con OpenAI.", {("Anthropic", "competesWith", "OpenAI")}),
    ("Mistral AI, con sede a Parigi, ha presentato un nuovo modello.", {("Mistral AI", "headquarteredIn", "Paris")}),
    ("Nvidia ha presentato i risultati. Il gruppo di Santa Clara ha poi investito in Mistral AI.",
     {("Nvidia", "investsIn", "Mistral AI"), ("Nvidia", "headquarteredIn", "Santa Clara")}),
    ("Nvidia ha presentato i risultati. Ha annunciato ieri una partnership con Mistral AI.",
     {("Mistral AI", "partnersWith", "Nvidia")}),
    ("Microsfot e Nvida hanno investito in Antropic.",
     {("Microsoft", "investsIn", "Anthropic"), ("Nvidia", "investsIn", "Anthropic")}),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_construction(text, expected):
    got = facts(text)
    assert expected <= got, f"missing {expected - got}; got {got}"


def test_italian_money_formats():
    t = all_triples("Microsoft ha investito 1,5 miliardi di euro in Mistral AI.")[("Microsoft", "investsIn", "Mistral AI")]
    assert (t.amount, t.currency) == (1_500_000_000, "EUR")
    t = all_triples("Amazon ha investito $ 13 miliardi in Anthropic.")[("Amazon", "investsIn", "Anthropic")]
    assert (t.amount, t.currency) == (13_000_000_000, "USD")


@pytest.mark.parametrize("text,triple,modality", [
    ("Apple sta valutando l'acquisizione di Perplexity.", ("Apple", "acquired", "Perplexity"), "considered"),
    ("Microsoft ha smentito di voler investire in Mistral AI.", ("Microsoft", "investsIn", "Mistral AI"), "denied"),
    ("Nvidia ha rinunciato all'acquisizione di Arm.", ("Nvidia", "acquired", "Arm Holdings"), "ended"),
])
def test_italian_modality(text, triple, modality):
    got = all_triples(text)
    assert triple in got and got[triple].modality == modality
    assert not got[triple].asserted


@pytest.mark.parametrize("text,triple,modality", [
    ("Google ha accettato di acquisire Wiz per 32 miliardi di dollari.", ("Google", "acquired", "Wiz"), "announced"),
    ("Apple è in trattative avanzate per acquisire Perplexity.", ("Apple", "acquired", "Perplexity"), "considered"),
    ("Secondo Bloomberg, Microsoft investirà 10 miliardi in OpenAI.", ("Microsoft", "investsIn", "OpenAI"), "rumoured"),
    ("SoftBank ha venduto l'intera partecipazione in Nvidia.", ("SoftBank Group", "investsIn", "Nvidia"), "ended"),
    ("Amazon investirà fino a 4 miliardi di dollari in Anthropic.", ("Amazon", "investsIn", "Anthropic"), "planned"),
])
def test_more_italian_phrasings_and_modality(text, triple, modality):
    got = all_triples(text)
    assert triple in got and got[triple].modality == modality


@pytest.mark.parametrize("text,expected", [
    ("Intel compete con AMD nel mercato dei PC.", {("AMD", "competesWith", "Intel")}),
    ("Broadcom ha completato l'acquisizione di VMware per 69 miliardi di dollari.", {("Broadcom", "acquired", "VMware")}),
    ("Il governo italiano sostiene il progetto IT4LIA.", {("Italian government", "supports", "IT4LIA")}),
])
def test_italian_loanwords_and_parser_slips(text, expected):
    assert expected <= facts(text)
