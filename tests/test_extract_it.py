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


# Constructions added for issue #4 (Italian recall); every sentence is written for the test.
@pytest.mark.parametrize("text,expected", [
    # participle with agent on a reference noun
    ("Oracle ha chiuso il trimestre. Il gruppo guidato da Safra Catz ha aperto un data center in Spagna.",
     {("Safra Catz", "leads", "Oracle")}),
    ("Amazon ha provato ad acquistare Cohere, la startup fondata da Aidan Gomez.", {("Aidan Gomez", "founderOf", "Cohere")}),
    # "con sede a/ad", also with the place attached to the noun before "sede"
    ("IBM, con sede ad Armonk, ha presentato nuovi processori.", {("IBM", "headquarteredIn", "Armonk")}),
    ("Cohere, il gruppo canadese con sede a Toronto cresce.", {("Cohere", "headquarteredIn", "Toronto")}),
    ("Nvidia ha chiuso il trimestre. Il produttore di chip di Santa Clara ha poi investito in Mistral AI.",
     {("Nvidia", "headquarteredIn", "Santa Clara"), ("Nvidia", "investsIn", "Mistral AI")}),
    # "la guida di", "affidare la guida a"
    ("Mistral AI ha nominato un nuovo direttore. Alla guida della società c'è Arthur Mensch.",
     {("Arthur Mensch", "leads", "Mistral AI")}),
    ("Intel ha affidato la guida a Lip-Bu Tan.", {("Lip-Bu Tan", "leads", "Intel")}),
    # "sotto il controllo di", "X, la divisione di Y"
    ("Arm è passata sotto il controllo di SoftBank Group nel 2016.", {("SoftBank Group", "owns", "Arm Holdings")}),
    ("Databricks ha firmato un accordo con AWS. Annapurna Labs, la divisione di Amazon Web Services che disegna i chip, "
     "collaborerà al progetto.", {("Amazon Web Services", "owns", "Annapurna Labs")}),
    # public backing through "il proprio sostegno a"
    ("Il governo italiano rafforza il proprio sostegno a Domyn.", {("Italian government", "supports", "Domyn")}),
    # "uno dei suoi azionisti": the possessive is not the copula's subject
    ("Cohere ha chiuso un round. Nvidia è uno dei suoi azionisti.", {("Nvidia", "investsIn", "Cohere")}),
    # supplies: training on someone's chips, using someone's chips (with "sua" not the supplier)
    ("Cohere addestra i suoi modelli sui chip TPU sviluppati da Google.", {("Google", "suppliesTo", "Cohere")}),
    ("Meta ha annunciato che userà i processori MI300X di AMD nei suoi data center.", {("AMD", "suppliesTo", "Meta")}),
    ("CoreWeave compra GPU da Nvidia.", {("Nvidia", "suppliesTo", "CoreWeave")}),
    # nominalisation with "da parte di" inside the amount phrase
    ("È stato annunciato un investimento di 5 miliardi di dollari da parte di Microsoft in Anthropic.",
     {("Microsoft", "investsIn", "Anthropic")}),
    # "il resto di": the whole company
    ("Iliad ha comprato il resto di Tiscali.", {("Iliad", "acquired", "Tiscali")}),
    # relative clause whose pronoun the parser took for an object
    ("Almawave, la società del gruppo Almaviva che a febbraio ha presentato Velvet, cresce.",
     {("Velvet", "productOf", "Almawave")}),
    # "le due aziende", "i due gruppi": the last two organisations named
    ("Cohere si affida al cloud Azure di Microsoft, e le due aziende hanno stretto una partnership.",
     {("Cohere", "partnersWith", "Microsoft")}),
    ("Leonardo e Rheinmetall hanno firmato un accordo. I due gruppi hanno investito in Cohere.",
     {("Leonardo", "investsIn", "Cohere"), ("Rheinmetall", "investsIn", "Cohere")}),
    # "il suo fornitore": the possessor is the customer; in "che resta il suo fornitore" it is not the subject
    ("Cohere ha firmato con Oracle. Per Cohere l'intesa riduce la dipendenza da Nvidia, il gruppo guidato da "
     "Jensen Huang, che resta il suo principale fornitore di GPU.", {("Nvidia", "suppliesTo", "Cohere")}),
    # a relative clause the parser hung elsewhere: the name right before "che"
    ("CoreWeave compra le GPU da Nvidia, che è anche uno dei suoi azionisti.",
     {("Nvidia", "investsIn", "CoreWeave"), ("Nvidia", "suppliesTo", "CoreWeave")}),
    # stakes: "detiene il 30% di", with the irregular form the lemmatizer may miss
    ("Il ministero dell'Economia detiene circa il 30% di Leonardo.",
     {("Italian Ministry of Economy and Finance", "investsIn", "Leonardo")}),
    ("Intel detiene il 2% di Mobileye.", {("Intel", "investsIn", "Mobileye")}),
    # the investee on the verb that announces the investment
    ("Ieri è stato annunciato un investimento da parte di Microsoft in Mistral AI.", {("Microsoft", "investsIn", "Mistral AI")}),
    ("A marzo era stato annunciato un investimento fino a 10 miliardi di dollari da parte di Amazon in Anthropic.",
     {("Amazon", "investsIn", "Anthropic")}),
    # "X include Y tra i concorrenti"
    ("Amazon include Microsoft tra i concorrenti diretti.", {("Amazon", "competesWith", "Microsoft")}),
])
def test_more_italian_constructions(text, expected):
    got = facts(text)
    assert expected <= got, f"missing {expected - got}; got {got}"


@pytest.mark.parametrize("text,absent", [
    # a sale of a business unit is not a supply
    ("Ha poi venduto le attività manifatturiere di ZT Systems a Sanmina per 3 miliardi.", ("ZT Systems", "suppliesTo", "Sanmina")),
    ("Iliad ha comprato il resto di Tiscali.", ("Tiscali", "suppliesTo", "Iliad")),
    # "la rivale di A e B" does not make A and B rivals
    ("Mistral è diventata la principale rivale europea di OpenAI e Anthropic.", ("Anthropic", "competesWith", "OpenAI")),
])
def test_italian_non_relations(text, absent):
    assert absent not in set(all_triples(text))


def test_leading_verb_with_ceo_title_gives_ceo():
    got = facts("Cassa Depositi e Prestiti, guidata dall'amministratore delegato Dario Scannapieco, investe in Domyn.")
    assert ("Dario Scannapieco", "ceoOf", "Cassa Depositi e Prestiti") in got
    assert ("Dario Scannapieco", "leads", "Cassa Depositi e Prestiti") not in got


def test_reference_continues_the_previous_subject():
    # OpenAI is mentioned more often, but "la società" as a subject continues the previous sentence's subject
    got = facts("OpenAI ha firmato un accordo con Oracle. OpenAI ha poi scelto CoreWeave. "
                "CoreWeave ha ampliato i contratti con OpenAI. La società con sede a Livingston assume ingegneri.")
    assert ("CoreWeave", "headquarteredIn", "Livingston") in got
    assert ("OpenAI", "headquarteredIn", "Livingston") not in got


def test_reference_in_its_own_sentence():
    got = facts("Cohere ha presentato un modello. Satya Nadella, amministratore delegato di Microsoft, "
                "ha detto che la società investirà in Cohere.")
    assert ("Microsoft", "investsIn", "Cohere") not in got  # a plan, not a fact
    assert ("Microsoft", "investsIn", "Cohere") in set(all_triples(
        "Cohere ha presentato un modello. Satya Nadella, amministratore delegato di Microsoft, "
        "ha detto che la società investirà in Cohere."))


def test_participle_on_a_noun_keeps_its_own_modality():
    got = all_triples("Meta aveva cercato di acquisire Safe Superintelligence, la startup fondata da Ilya Sutskever.")
    assert got[("Meta", "acquired", "Safe Superintelligence")].modality == "considered"
    assert got[("Ilya Sutskever", "founderOf", "Safe Superintelligence")].asserted


def test_agreement_phrase_makes_a_future_supply_announced():
    got = all_triples("AMD e OpenAI hanno firmato un accordo in base al quale AMD fornirà a OpenAI processori grafici.")
    assert got[("AMD", "suppliesTo", "OpenAI")].modality == "announced"
    assert ("AMD", "partnersWith", "OpenAI") not in got and ("OpenAI", "partnersWith", "AMD") not in got


def test_cited_news_source_is_not_the_company():
    got = facts("OpenAI ha aperto un ufficio a Milano. Secondo il Wall Street Journal, la società ha firmato con Oracle "
                "un contratto cloud da 300 miliardi di dollari.")
    assert ("Oracle", "suppliesTo", "OpenAI") in set(all_triples(
        "OpenAI ha aperto un ufficio a Milano. Secondo il Wall Street Journal, la società ha firmato con Oracle "
        "un contratto cloud da 300 miliardi di dollari."))
    assert not any("Wall Street Journal" in (s, o) for s, _, o in got)


@pytest.mark.parametrize("text,expected", [
    ("SoftBank ha guidato il round di finanziamento di OpenAI.", ("SoftBank Group", "investsIn", "OpenAI")),
    ("Nvidia ha partecipato all'aumento di capitale di Mistral AI.", ("Nvidia", "investsIn", "Mistral AI")),
    ("L'investimento di Microsoft in OpenAI supera i 13 miliardi.", ("Microsoft", "investsIn", "OpenAI")),
    ("Google ha messo 2 miliardi di dollari in Anthropic.", ("Google", "investsIn", "Anthropic")),
    ("Il fondo sovrano MGX entra nel capitale di OpenAI.", ("MGX", "investsIn", "OpenAI")),
    ("Mistral AI ha raccolto fondi da investitori come Nvidia e Salesforce.", ("Salesforce", "investsIn", "Mistral AI")),
    ("Anthropic, sostenuta da Google e Amazon, ha lanciato Claude.", ("Amazon", "investsIn", "Anthropic")),
    ("Amazon ha investito altri 4 miliardi di dollari nella startup Anthropic.", ("Amazon", "investsIn", "Anthropic")),
])
def test_italian_investment_phrasings(text, expected):
    assert expected in facts(text)


@pytest.mark.parametrize("text,expected", [
    ("Anthropic ha scelto Oracle come fornitore cloud.", ("Oracle", "suppliesTo", "Anthropic")),
    ("Oracle metterà a disposizione di Anthropic la propria infrastruttura cloud.", ("Oracle", "suppliesTo", "Anthropic")),
    ("Anthropic ha ordinato a Nvidia 10.000 GPU.", ("Nvidia", "suppliesTo", "Anthropic")),
    ("Le GPU di Nvidia alimentano i data center di Anthropic.", ("Nvidia", "suppliesTo", "Anthropic")),
    ("Anthropic si rifornisce di chip da Nvidia.", ("Nvidia", "suppliesTo", "Anthropic")),
    ("Anthropic noleggerà capacità di calcolo da CoreWeave.", ("CoreWeave", "suppliesTo", "Anthropic")),
    ("L'accordo prevede che Nvidia fornisca ad Anthropic le sue GPU più avanzate.", ("Nvidia", "suppliesTo", "Anthropic")),
    ("Anthropic ha stretto un accordo con AMD per la fornitura di chip.", ("AMD", "suppliesTo", "Anthropic")),
    ("Anthropic ha firmato con Oracle un contratto cloud da 30 miliardi di dollari.", ("Oracle", "suppliesTo", "Anthropic")),
])
def test_italian_supply_phrasings(text, expected):
    assert expected in set(all_triples(text))


@pytest.mark.parametrize("text,expected", [
    ("Anthropic farà girare i suoi modelli sui server di Oracle.", ("Oracle", "suppliesTo", "Anthropic")),
    ("Oracle ospiterà i modelli di Anthropic nei suoi data center.", ("Oracle", "suppliesTo", "Anthropic")),
    ("Il cloud di Microsoft ospita i modelli di OpenAI.", ("Microsoft", "suppliesTo", "OpenAI")),
    ("Oracle costruirà data center per Anthropic.", ("Oracle", "suppliesTo", "Anthropic")),
    ("TSMC produce i chip di Nvidia.", ("TSMC", "suppliesTo", "Nvidia")),
    ("AMD e OpenAI hanno firmato un accordo di fornitura.", ("AMD", "suppliesTo", "OpenAI")),
    ("SK Hynix è il principale fornitore di memorie HBM per Nvidia.", ("SK Hynix", "suppliesTo", "Nvidia")),
    ("Cohere si è impegnata a spendere 3 miliardi di dollari nei servizi cloud di Oracle.", ("Oracle", "suppliesTo", "Cohere")),
    ("Google conta Anthropic tra i suoi clienti.", ("Google", "suppliesTo", "Anthropic")),
])
def test_more_italian_supply_phrasings(text, expected):
    assert expected in set(all_triples(text))


def test_paying_for_a_company_is_not_a_supply():
    got = set(all_triples("Google ha pagato 32 miliardi di dollari per Wiz, la startup della sicurezza cloud."))
    assert ("Wiz", "suppliesTo", "Google") not in got


def test_signing_a_contract_does_not_make_the_signer_a_supplier():
    got = set(all_triples("OpenAI ha firmato un contratto cloud con Oracle."))
    assert ("OpenAI", "suppliesTo", "Oracle") not in got


@pytest.mark.parametrize("text,expected", [
    ("La società milanese Fastweb ha presentato un modello.", ("Fastweb", "headquarteredIn", "Milan")),
    ("Mistral AI ha il suo quartier generale a Parigi.", ("Mistral AI", "headquarteredIn", "Paris")),
    ("Lisa Su, alla guida di AMD dal 2014, ha presentato i nuovi chip.", ("Lisa Su", "leads", "AMD")),
    ("Nvidia ha presentato i conti. L'offerta accompagna i chip H100 e Blackwell dell'azienda.",
     ("Nvidia H100", "productOf", "Nvidia")),
    # irregular participles the lemmatizer misses ("concesso"), with the beneficiary on the verb
    ("Il governo francese ha concesso un finanziamento a Mistral AI.", ("French government", "supports", "Mistral AI")),
    # "venire" + participle is a passive
    ("Swisscom ha presentato i conti. Il gruppo viene controllato dalla Confederazione svizzera.",
     ("Swiss government", "owns", "Swisscom")),
    # "i due gruppi ... in concorrenza"
    ("Microsoft e OpenAI hanno rinnovato l'accordo. Nonostante la partnership, i due gruppi sono sempre più spesso "
     "in concorrenza.", ("Microsoft", "competesWith", "OpenAI")),
])
def test_italian_places_roles_and_backing(text, expected):
    assert expected in facts(text)


def test_city_adjective_on_another_noun_is_not_the_seat():
    got = facts("Almawave, la società romana del gruppo Almaviva, ha presentato Velvet.")
    assert ("Almaviva", "headquarteredIn", "Rome") not in got
