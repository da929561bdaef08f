"""Italian extraction with the same extractor and Italian data files, construction by construction."""

from __future__ import annotations

import pytest

from kg.api import extract_triples
from kg.nlp import load_pipeline


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


@pytest.mark.parametrize("text,expected", [
    # selling a company to a buyer
    ("Intel ha venduto Altera a Silver Lake per 4,5 miliardi di dollari.", {("Silver Lake", "acquired", "Altera")}),
    ("Intel ha ceduto il controllo di Altera al fondo Silver Lake.", {("Silver Lake", "acquired", "Altera")}),
    # the parent named in an apposition
    ("Sundar Pichai, amministratore delegato di Alphabet, la capogruppo di Google, ha parlato.",
     {("Alphabet", "owns", "Google")}),
    # a named facility and its place
    ("Per addestrarlo xAI ha costruito Colossus, un supercomputer a Memphis.", {("Colossus", "locatedIn", "Memphis")}),
    ("Il supercomputer davinci-1, installato a Genova, viene usato da Leonardo.", {("davinci-1", "locatedIn", "Genoa")}),
    # "la sfida a X"
    ("Microsoft rilancia la sfida ad Amazon Web Services e Google.",
     {("Amazon Web Services", "competesWith", "Microsoft"), ("Google", "competesWith", "Microsoft")}),
    # a relative clause the parser may label as a participle clause
    ("Anthropic, la startup che sviluppa i modelli Claude, ha firmato un accordo.", {("Claude", "productOf", "Anthropic")}),
    # investors listed after "tra cui", amount written "un miliardo"
    ("Wiz aveva raccolto un miliardo di dollari da investitori tra cui Andreessen Horowitz e Thrive Capital.",
     {("Andreessen Horowitz", "investsIn", "Wiz"), ("Thrive Capital", "investsIn", "Wiz")}),
    # the maker in an apposition after the product
    ("Da dicembre Siri usa ChatGPT, il chatbot di OpenAI, per le domande complesse.", {("ChatGPT", "productOf", "OpenAI")}),
    ("Anthropic acquisterà capacità di calcolo su Azure, il cloud di Microsoft.", {("Microsoft Azure", "productOf", "Microsoft")}),
    # the seat of a name reached up a chain of nouns
    ("Ampere Computing, il progettista di chip per server con sede a Santa Clara, è stata venduta.",
     {("Ampere Computing", "headquarteredIn", "Santa Clara")}),
])
def test_new_italian_constructions(text, expected):
    got = facts(text)
    assert expected <= got, f"missing {expected - got}; got {got}"


def test_a_rival_in_the_apposition_is_not_the_maker():
    assert ("Claude", "productOf", "OpenAI") not in facts("Molti preferiscono Claude, il modello rivale di OpenAI.")


def test_selling_chips_to_a_customer_is_not_an_acquisition():
    got = all_triples("Nvidia ha venduto chip a Microsoft per 10 miliardi di dollari.")
    assert not any(p == "acquired" for _, p, _ in got)


def test_journalistic_conditional_is_a_rumour():
    t = all_triples("Meta avrebbe acquisito Scale AI per 14 miliardi di dollari.")[("Meta", "acquired", "Scale AI")]
    assert t.modality == "rumoured"
    assert not t.asserted


def test_agreement_that_is_a_supply_is_not_also_a_partnership():
    text = "Anthropic ha firmato un accordo con Microsoft. Microsoft fornisce capacità di calcolo ad Anthropic."
    got = facts(text)
    assert ("Microsoft", "suppliesTo", "Anthropic") in got
    assert ("Anthropic", "partnersWith", "Microsoft") not in got and ("Microsoft", "partnersWith", "Anthropic") not in got


def test_agreement_that_renews_an_alliance_stays_a_partnership():
    got = facts("Microsoft e OpenAI hanno firmato un nuovo accordo che ridisegna la loro alleanza.")
    assert ("Microsoft", "partnersWith", "OpenAI") in got or ("OpenAI", "partnersWith", "Microsoft") in got


@pytest.mark.parametrize("text,expected", [
    # "ne" in a relative clause before the title: the organisation named earlier in the sentence
    ("Mistral AI è stata fondata nel 2023 da Arthur Mensch, che ne è l'amministratore delegato.",
     {("Arthur Mensch", "ceoOf", "Mistral AI")}),
    # a written list the parser splits up
    ("TIM, Leonardo, CDP Equity e Sogei partecipano al Polo Strategico Nazionale.",
     {("Telecom Italia", "participatesIn", "Polo Strategico Nazionale"),
      ("Leonardo", "participatesIn", "Polo Strategico Nazionale"),
      ("Sogei", "participatesIn", "Polo Strategico Nazionale")}),
    # manufacturing in another company's plants
    ("Nvidia continuerà a produrre le sue GPU più avanzate negli stabilimenti di TSMC.", {("TSMC", "suppliesTo", "Nvidia")}),
    # subscribing shares of a named company
    ("SoftBank ha sottoscritto azioni Intel per 2 miliardi di dollari.", {("SoftBank Group", "investsIn", "Intel")}),
    # choosing a maker's product
    ("Apple ha scelto Gemini di Google per la nuova Siri.", {("Google", "suppliesTo", "Apple")}),
    # a fronted participle: its agents founded the subject of the main clause
    ("Fondata nell'aprile del 2023 da Arthur Mensch, Guillaume Lample e Timothée Lacroix, Mistral è diventata "
     "la principale rivale europea di OpenAI.",
     {("Arthur Mensch", "founderOf", "Mistral AI"), ("Timothée Lacroix", "founderOf", "Mistral AI")}),
    # shares of "la società" subscribed by a list of investors
    ("Mistral AI ha chiuso un round. Tra i nuovi soci compaiono grandi gruppi: Nvidia, Samsung, Cisco e Salesforce "
     "hanno sottoscritto quote della società.", {("Nvidia", "investsIn", "Mistral AI"), ("Cisco", "investsIn", "Mistral AI")}),
    # "i due colossi ... nella società": the object is not one of the two subjects; the future is the content of a
    # signed agreement
    ("Anthropic ha firmato un accordo con Microsoft e Nvidia: i due colossi investiranno nella società fino a "
     "15 miliardi di dollari.", {("Microsoft", "investsIn", "Anthropic"), ("Nvidia", "investsIn", "Anthropic")}),
])
def test_more_new_italian_constructions(text, expected):
    got = facts(text)
    assert expected <= got, f"missing {expected - got}; got {got}"


@pytest.mark.parametrize("text,expected", [
    ("Nvidia e Intel, entrambe con sede a Santa Clara, hanno annunciato una collaborazione.",
     {("Nvidia", "headquarteredIn", "Santa Clara"), ("Intel", "headquarteredIn", "Santa Clara")}),
    ("Anthropic userà le architetture Grace Blackwell e Vera Rubin di Nvidia.",
     {("Grace Blackwell", "productOf", "Nvidia"), ("Vera Rubin", "productOf", "Nvidia")}),
])
def test_shared_seat_and_shared_maker(text, expected):
    got = facts(text)
    assert expected <= got, f"missing {expected - got}; got {got}"


def test_a_maker_after_a_coordination_is_not_given_to_a_product_known_to_be_someone_elses():
    got = facts("Microsoft usa Claude e ChatGPT di OpenAI.")
    assert ("ChatGPT", "productOf", "OpenAI") in got
    assert ("Claude", "productOf", "OpenAI") not in got


def test_buying_shares_is_an_investment_not_an_acquisition():
    got = facts("Nvidia ha comprato azioni Intel.")
    assert ("Nvidia", "investsIn", "Intel") in got
    assert ("Nvidia", "acquired", "Intel") not in got


def test_a_plural_class_noun_does_not_refer_to_one_company():
    got = set(all_triples("Arm, la società di Cambridge controllata da SoftBank, concede licenze ai produttori di chip."))
    assert ("Arm Holdings", "suppliesTo", "SoftBank Group") not in got


def test_a_two_name_phrase_is_not_a_list():
    got = facts("Secondo Microsoft, Google investirà in Anthropic.")
    assert ("Microsoft", "investsIn", "Anthropic") not in got


def test_a_speakers_we_is_not_the_last_subject_named():
    got = set(all_triples("Oracle ospita i modelli. «In Giappone abbiamo una partnership con Fujitsu per i clienti.»"))
    assert ("Fujitsu", "partnersWith", "Oracle") not in got and ("Oracle", "partnersWith", "Fujitsu") not in got


def test_a_third_person_dropped_subject_is_still_resolved():
    got = all_triples("Oracle ha presentato i conti. Ha annunciato una partnership con Fujitsu.")
    assert ("Fujitsu", "partnersWith", "Oracle") in got or ("Oracle", "partnersWith", "Fujitsu") in got


def test_joining_a_company_is_not_participating_in_a_project():
    assert not any(p == "participatesIn" for _, p, _ in all_triples("Dopo la chiusura, Wiz entrerà in Google Cloud."))
    assert ("Fastweb", "participatesIn", "IT4LIA") in facts("Nel 2024 Fastweb è entrata nel consorzio IT4LIA.")


def test_essere_with_a_da_agent_is_a_passive():
    got = facts("Swisscom ha chiuso l'operazione. Il gruppo, con sede a Ittigen, è controllato dalla Confederazione svizzera.")
    assert ("Swiss government", "owns", "Swisscom") in got


def test_leaving_a_company_with_essere_is_not_a_passive():
    got = all_triples("Mira Murati è uscita da OpenAI nel 2024.")
    assert got[("Mira Murati", "employeeOf", "OpenAI")].modality == "ended"


def test_a_relative_clause_after_a_title_apposition_is_about_the_person():
    got = facts("Alla guida c'è Walter Renna, amministratore delegato di Fastweb, che ha assunto anche la guida di "
                "Vodafone Italia.")
    assert ("Walter Renna", "leads", "Vodafone Italia") in got


@pytest.mark.parametrize("text", [
    "Al Polo Strategico Nazionale partecipano TIM (45%), Leonardo (25%), CDP Equity (20%) e Sogei (10%).",
    "Al Polo Strategico Nazionale partecipano TIM, con il 45%, Leonardo, con il 25%, CDP Equity, con il 20%, e Sogei.",
])
def test_inverted_subjects_listed_with_their_stakes(text):
    got = facts(text)
    expected = {(o, "participatesIn", "Polo Strategico Nazionale") for o in ("Telecom Italia", "Leonardo", "CDP Equity", "Sogei")}
    assert expected <= got, f"missing {expected - got}"


def test_testing_a_makers_models_is_a_supply_under_consideration():
    t = all_triples("Microsoft sta testando i modelli di Anthropic.")[("Anthropic", "suppliesTo", "Microsoft")]
    assert t.modality == "considered"


@pytest.mark.parametrize("text,expected", [
    ("Nvidia è il principale fornitore di GPU di OpenAI.", ("Nvidia", "suppliesTo", "OpenAI")),
    ("Amazon Web Services è il principale fornitore cloud di Anthropic.", ("Amazon Web Services", "suppliesTo", "Anthropic")),
    ("A capo di Google DeepMind c'è Demis Hassabis.", ("Demis Hassabis", "leads", "Google DeepMind")),
])
def test_supplier_noun_phrases_and_being_in_charge(text, expected):
    assert expected in facts(text)


def test_launching_a_product_is_not_founding_it():
    got = set(all_triples("Fastweb, controllata da Swisscom, ha lanciato MIIA."))
    assert ("Fastweb", "founderOf", "MIIA") not in got


@pytest.mark.parametrize("text,expected", [
    ("«Abbiamo acquisito Ottogrid, una piccola startup canadese», ha spiegato Aidan Gomez, amministratore delegato "
     "di Cohere.", ("Cohere", "acquired", "Ottogrid")),
    ("«Abbiamo investito in Anthropic», ha detto Andy Jassy, amministratore delegato di Amazon.",
     ("Amazon", "investsIn", "Anthropic")),
    ("Aidan Gomez guida Cohere. «Oracle ospita da anni i nostri modelli sul suo cloud», ha detto Gomez, "
     "amministratore delegato di Cohere.", ("Oracle", "suppliesTo", "Cohere")),
])
def test_a_quoted_we_is_the_speakers_company(text, expected):
    assert expected in facts(text)


def test_we_outside_a_quotation_is_nobody():
    got = set(all_triples("Nvidia ha presentato i conti. Abbiamo acquisito Ottogrid."))
    assert not any(p == "acquired" for _, p, _ in got)


def test_a_fronted_seat_describes_the_written_subject():
    assert ("Wiz", "headquarteredIn", "New York") in facts("Con sede a New York, Wiz è stata fondata nel 2020.")
    got = facts("Con una sede a Milano e una a Roma, Aruba serve le imprese.")
    assert ("Aruba", "headquarteredIn", "Milan") not in got


@pytest.mark.parametrize("text,expected", [
    ("Iveco Group ha annunciato di aver accettato l'offerta di Tata Motors.", ("Tata Motors", "acquired", "Iveco Group")),
    ("Tata Motors ha presentato un'offerta per Iveco Group.", ("Tata Motors", "acquired", "Iveco Group")),
])
def test_an_offer_accepted_or_made(text, expected):
    t = all_triples(text)[expected]
    assert t.modality == "announced"


def test_a_city_adjective_on_a_reference_skips_companies_seated_elsewhere():
    got = facts("Leonardo ha firmato un accordo per acquisire Iveco Defence Vehicles. Lo stesso giorno Iveco Group ha "
                "accettato l'offerta di Tata Motors, che rileverà il resto del gruppo industriale torinese.")
    assert ("Tata Motors", "acquired", "Leonardo") not in got
    assert ("Leonardo", "headquarteredIn", "Turin") not in got


def test_a_relative_clause_on_another_noun_is_no_supply_context_for_a_deal():
    got = facts("Anthropic, la startup che sviluppa i modelli Claude, ha firmato un accordo a tre con Microsoft e Nvidia.")
    assert ("Nvidia", "suppliesTo", "Anthropic") not in got
    assert ("Oracle", "suppliesTo", "OpenAI") in all_triples("Oracle ha firmato un contratto per fornire capacità di "
                                                             "calcolo a OpenAI.")


def test_a_subject_cut_off_by_a_time_phrase_is_still_found():
    got = facts("Swisscom a fine 2024 ha rilevato anche Vodafone Italia per 8 miliardi di euro.")
    assert ("Swisscom", "acquired", "Vodafone Italia") in got


def test_the_leader_of_the_fundraiser_is_not_an_investor():
    got = facts("Mistral, guidata da Arthur Mensch, ha raccolto 1,7 miliardi di euro in un round guidato da ASML.")
    assert ("ASML", "investsIn", "Mistral AI") in got
    assert ("Arthur Mensch", "investsIn", "Mistral AI") not in got


def test_a_title_said_to_be_held_then_has_ended():
    t = all_triples("Adam Selipsky, allora amministratore delegato di Amazon Web Services, ha parlato.")
    assert t[("Adam Selipsky", "ceoOf", "Amazon Web Services")].modality == "ended"


def test_coordinated_subjects_whatever_the_sentence_split():
    got = facts("OpenAI e Broadcom hanno annunciato una collaborazione per sviluppare acceleratori personalizzati.")
    assert ("Broadcom", "partnersWith", "OpenAI") in got or ("OpenAI", "partnersWith", "Broadcom") in got


def test_round_participants_after_con_la_partecipazione_di_invest():
    text = ("Mistral AI ha raccolto 500 milioni di dollari in un round guidato da Iconiq, "
            "con la partecipazione di Fidelity e Lightspeed.")
    got = facts(text)
    assert {("Fidelity", "investsIn", "Mistral AI"), ("Lightspeed", "investsIn", "Mistral AI")} <= got


def test_a_complementiser_parsed_as_subject_hands_over_to_the_announcing_subject():
    """ "hanno annunciato che investiranno": the parser may read "che" as the subject of the clause."""
    triples = all_triples("Microsoft e Nvidia hanno annunciato che investiranno in Anthropic.")
    assert {("Microsoft", "investsIn", "Anthropic"), ("Nvidia", "investsIn", "Anthropic")} <= set(triples)


def test_an_italian_future_the_morphologizer_missed_is_a_plan():
    triples = all_triples("Microsoft e Nvidia investiranno rispettivamente 5 e 10 miliardi di dollari in Anthropic.")
    assert triples[("Nvidia", "investsIn", "Anthropic")].modality == "planned"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Meta si è affidata alla capacità affittata da CoreWeave.", ("CoreWeave", "suppliesTo", "Meta")),
        ("Oracle sta costruendo un supercomputer con chip acquistati da Nvidia.", ("Nvidia", "suppliesTo", "Oracle")),
        ("Microsoft ha accettato di pagare a Nebius 19 miliardi di dollari per capacità GPU.",
         ("Nebius", "suppliesTo", "Microsoft")),
    ],
)
def test_supply_through_participles_and_payments(text, expected):
    assert expected in all_triples(text)


def test_a_deal_struck_to_supply_is_announced():
    t = all_triples("AMD ha stretto un accordo per fornire a OpenAI sei gigawatt di GPU Instinct.")
    assert t[("AMD", "suppliesTo", "OpenAI")].modality == "announced"


def test_a_stake_whose_company_hangs_on_the_verb_is_an_investment():
    assert ("Microsoft", "investsIn", "Mistral AI") in facts(
        "Microsoft ha acquisito una quota di minoranza in Mistral AI.")


def test_an_infinitive_takes_the_subject_the_parser_cut_off_before_its_governing_verb():
    t = all_triples("Microsoft starebbe trattando per acquisire una quota di minoranza in Mistral AI.")
    assert t[("Microsoft", "investsIn", "Mistral AI")].modality == "rumoured"


def test_a_role_noun_subject_of_a_copula_takes_the_names_after_it():
    got = facts("I principali clienti di CoreWeave sono Microsoft e OpenAI.")
    assert {("CoreWeave", "suppliesTo", "Microsoft"), ("CoreWeave", "suppliesTo", "OpenAI")} <= got


def test_a_business_reference_never_stands_for_a_government():
    text = ("Il governo italiano sostiene il campus di STMicroelectronics a Catania. «Il governo ha creduto nel "
            "progetto», ha detto il ministro. Soddisfazione anche da Jean-Marc Chery, amministratore delegato del "
            "gruppo italo-francese.")
    got = facts(text)
    assert ("Jean-Marc Chery", "ceoOf", "Italian government") not in got
    assert ("Jean-Marc Chery", "ceoOf", "STMicroelectronics") in got


def test_a_name_the_parser_hung_on_a_fronted_phrase_is_the_subject_of_a_copular_noun():
    got = facts("Sul mercato dell'osservabilità Splunk è in concorrenza con Datadog e Dynatrace.")
    assert {("Datadog", "competesWith", "Splunk"), ("Dynatrace", "competesWith", "Splunk")} <= got


def test_a_role_in_the_imperfect_is_a_past_one():
    t = all_triples("Gary Steele, che guidava Splunk come amministratore delegato, è entrato nella squadra di Cisco.")
    assert t[("Gary Steele", "ceoOf", "Splunk")].modality == "ended"


def test_a_job_held_before_dopo_aver_is_a_past_one():
    t = all_triples("Jonathan Ross, che ha fondato Groq nel 2016 dopo aver lavorato in Google, è passato a Nvidia.")
    assert t[("Jonathan Ross", "employeeOf", "Google")].modality == "ended"
    assert ("Jonathan Ross", "founderOf", "Groq") in facts(
        "Jonathan Ross, che ha fondato Groq nel 2016 dopo aver lavorato in Google, è passato a Nvidia.")


def test_a_possessive_in_a_tra_predicate_does_not_refer_to_the_listed_names():
    got = facts("Mistral ha raccolto nuovi fondi. Nvidia e Intel sono tra i suoi azionisti.")
    assert {("Nvidia", "investsIn", "Mistral AI"), ("Intel", "investsIn", "Mistral AI")} <= got
    assert ("Intel", "investsIn", "Nvidia") not in got


def test_a_title_after_the_appointed_person_is_a_role_at_the_appointing_company():
    got = all_triples("Microsoft ha nominato Justin Hotard nuovo presidente e amministratore delegato.")
    assert {("Justin Hotard", "ceoOf", "Microsoft"), ("Justin Hotard", "leads", "Microsoft")} <= set(got)
    assert ("Justin Hotard", "employeeOf", "Microsoft") not in got  # the appointment is not a second role


def test_a_round_leader_the_parser_hung_on_the_amount_invests_in_the_raiser():
    got = facts("La startup svedese Lovable ha chiuso un round di Serie A da 200 milioni di dollari guidato da Accel, "
                "che porta la sua valutazione a 1,8 miliardi di dollari.")
    assert ("Accel", "investsIn", "Lovable") in got
    assert not any("Serie" in x for t in got for x in (t[0], t[2]))  # "Serie A" is no organisation


def test_investors_after_a_fronted_round_phrase_are_subjects():
    got = facts("Lovable ha chiuso un round da 200 milioni di dollari. All'aumento di capitale hanno partecipato "
                "anche Creandum, 20VC e Visionaries Club.")
    assert {("Creandum", "investsIn", "Lovable"), ("Visionaries Club", "investsIn", "Lovable")} <= got


def test_a_deal_declared_dead_is_ended_and_a_dateline_is_not_the_appointing_company():
    t = all_triples("Dopo diciotto mesi di indagini, la acquisizione di iRobot da parte di Amazon è ufficialmente morta.")
    assert t[("Amazon", "acquired", "iRobot")].modality == "ended"
    got = facts("ROMA, 10 FEB - Nokia ha nominato Justin Hotard nuovo presidente e amministratore delegato.")
    assert ("Justin Hotard", "ceoOf", "Nokia") in got


def test_a_negation_in_a_quote_does_not_deny_the_speakers_title():
    t = all_triples("«Molte non si tradurranno mai in progetti reali», avverte l'amministratrice delegata di Eni "
                    "Giuseppina Di Foggia.")
    assert t[("Giuseppina Di Foggia", "ceoOf", "Eni")].modality == "completed"


def test_si_tratta_di_is_not_a_negotiation():
    t = all_triples("Per la società guidata da Mark Zuckerberg si tratta dell'ennesima mossa nella corsa agli agenti, "
                    "dove Meta è in concorrenza con OpenAI e Google.")
    assert t[("Meta", "competesWith", "OpenAI")].modality == "completed"


def test_the_numero_uno_leads():
    assert ("Jensen Huang", "leads", "Nvidia") in facts("Lo ha detto il numero uno di Nvidia, Jensen Huang.")


def test_rumour_phrases_match_whole_words_and_a_price_per_share_is_an_agreed_deal():
    # "stando a" (according to) is not inside "acquistando azioni"
    t = all_triples("Nvidia investirà 5 miliardi di dollari in Intel, acquistando azioni ordinarie del gruppo al prezzo "
                    "di 23,28 dollari ciascuna.")
    assert t[("Nvidia", "investsIn", "Intel")].modality == "announced"
    assert all_triples("Nvidia investirà 5 miliardi di dollari in Intel.")[("Nvidia", "investsIn", "Intel")].modality \
        == "planned"


def test_a_coordinated_passive_without_agent_does_not_take_the_first_verbs_subject_as_agent():
    got = facts("Manus continuerà a vendere il suo servizio in abbonamento e verrà integrata nei prodotti del gruppo "
                "Meta.")
    assert ("Meta", "suppliesTo", "Manus") not in got


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Nelle reti per i data center Cisco deve fare i conti con Arista Networks.", {"Cisco", "Arista Networks"}),
        ("Nokia contende a Ericsson la leadership nelle reti.", {"Nokia", "Ericsson"}),
        ("Wiz si confronta con Palo Alto Networks.", {"Wiz", "Palo Alto Networks"}),
    ],
)
def test_italian_idioms_of_rivalry(text, expected):
    assert any(p == "competesWith" and {s, o} == expected for s, p, o in facts(text))


def test_a_company_name_and_a_country_is_its_national_unit():
    got = facts("A coordinare gli investimenti sarà Microsoft Italia, la filiale con sede a Milano.")
    assert ("Microsoft", "owns", "Microsoft Italia") in got


def test_anni_trascorsi_in_una_societa_sono_un_lavoro_passato():
    got = all_triples("Arthur Mensch ha trascorso tre anni in Google DeepMind.")
    assert got[("Arthur Mensch", "employeeOf", "Google DeepMind")].modality == "ended"


def test_un_lavoro_svolto_in_passato_e_concluso():
    got = all_triples("Arthur Mensch, che in passato ha lavorato come ricercatore in Google DeepMind, guida Mistral AI.")
    assert got[("Arthur Mensch", "employeeOf", "Google DeepMind")].modality == "ended"


def test_il_gruppo_nominato_dopo_una_societa_nella_stessa_frase_e_quella_societa():
    text = ("Meta ha accettato di acquisire Manus, la startup di agenti con sede a Singapore. Manus continuerà a "
            "vendere il suo servizio. Manus ha superato i 100 milioni di ricavi. Una volta chiuso l'accordo Xiao "
            "Hong entrerà in Meta e riporterà a Javier Olivan, il direttore operativo del gruppo.")
    got = facts(text)
    assert ("Javier Olivan", "employeeOf", "Meta") in got
    assert ("Javier Olivan", "employeeOf", "Manus") not in got


def test_la_societa_di_cui_i_nomi_sono_azionisti_e_un_altra():
    text = ("Ampere Computing progetta processori per server. SoftBank ha comprato Ampere Computing. Carlyle e "
            "Oracle, che sono i principali azionisti della società, hanno dato il loro sostegno all'operazione.")
    got = facts(text)
    assert not any(s == "Carlyle" and o == "Carlyle" for s, _, o in got)
    assert ("Carlyle", "investsIn", "Oracle") not in got


def test_aver_lavorato_in_una_societa_e_un_lavoro_passato():
    got = all_triples("Aidan Gomez ha lavorato come ricercatore in Google Brain.")
    assert got[("Aidan Gomez", "employeeOf", "Google Brain")].modality == "ended"
    assert all_triples("Aidan Gomez lavora in Google Brain.")[("Aidan Gomez", "employeeOf", "Google Brain")].asserted


def test_la_societa_controllata_dalla_holding_non_e_la_holding():
    text = ("Technoprobe ha venduto il 10% a Teradyne. La famiglia resterà al comando attraverso la holding "
            "T-Plus, che continuerà a controllare la società.")
    assert ("T-Plus", "owns", "Technoprobe") in facts(text)


def test_un_marchio_noto_seguito_da_una_parola_da_azienda_e_un_altro_nome():
    got = all_triples("Tareq Amin, ex dirigente di Aramco Digital, la controllata digitale del gigante petrolifero.")
    assert ("Tareq Amin", "employeeOf", "Aramco Digital") in got
    assert not any(s == "Digital" for s, _, _ in got)


def test_fondata_da_dopo_il_nome_anche_se_il_parser_spezza_la_frase():
    got = facts("Anduril, fondata da Palmer Luckey e con sede a Costa Mesa, in California, è il concorrente che "
                "Helsing cita più spesso.")
    assert any(s == "Palmer Luckey" and p == "founderOf" and o.startswith("Anduril") for s, p, o in got)


def test_con_sede_a_dopo_una_descrizione_in_apposizione():
    assert ("Seeweb", "headquarteredIn", "Frosinone") in facts(
        "Usiamo i server GPU di Seeweb, il cloud provider con sede a Frosinone.")


def test_una_quota_del_capitale_di_una_societa_e_un_investimento():
    got = all_triples("Teradyne rileverà circa il 10% del capitale di Technoprobe, con un esborso di mezzo miliardo.")
    assert ("Teradyne", "investsIn", "Technoprobe") in got


def test_il_participio_in_apertura_descrive_il_soggetto_anche_se_preso_per_soggetto():
    got = facts("Fondata nel 2017 da Lukas Biewald, Chris Van Pelt e Shawn Lewis, Weights & Biases ha sede a San "
                "Francisco.")
    assert {("Lukas Biewald", "founderOf", "Weights & Biases"), ("Shawn Lewis", "founderOf", "Weights & Biases")} <= got


def test_il_gruppo_seguito_dal_nome_e_quel_nome():
    got = facts("La startup britannica Nscale ha raccolto 1,1 miliardi di dollari in un round di Serie B guidato "
                "dal gruppo industriale norvegese Aker.")
    assert ("Aker", "investsIn", "Nscale") in got


def test_tra_i_clienti_figurano_anche_con_il_verbo_preso_per_nome():
    got = facts("Tra i clienti di Lovable figurano Klarna e HubSpot.")
    assert {("Lovable", "suppliesTo", "Klarna"), ("Lovable", "suppliesTo", "HubSpot")} <= got


def test_tra_cui_dopo_una_virgola_elenca_i_nomi():
    assert ("Nokia", "suppliesTo", "Microsoft") in facts(
        "Nokia fornisce già apparati di rete a diversi hyperscaler, tra cui Microsoft, per collegare i data center.")


def test_chi_ha_raccolto_il_round_e_il_soggetto_sottinteso():
    text = ("Arduino è stata acquisita da Qualcomm. Nel 2023 aveva raccolto 22 milioni di dollari in un round di "
            "serie B guidato da Renesas.")
    assert any(s.startswith("Renesas") and p == "investsIn" and o == "Arduino" for s, p, o in facts(text))
    # not inside a subordinate clause, nor for a company speaking of itself
    text = ("Wiz vale 32 miliardi. Google la compra. Il prezzo vale il doppio dei 12 miliardi attribuiti alla "
            "startup a maggio, quando aveva raccolto un miliardo da Thrive Capital.")
    assert ("Thrive Capital", "investsIn", "Google") not in facts(text)


def test_una_filiale_nazionale_comprata_da_altri_non_e_piu_della_casa_madre():
    got = facts("Swisscom ha completato l'acquisizione di Vodafone Italia per 8 miliardi di euro.")
    assert ("Swisscom", "acquired", "Vodafone Italia") in got
    assert not any(p == "owns" and o == "Vodafone Italia" for _, p, o in got)
    assert ("Microsoft", "owns", "Microsoft Italia") in facts("Microsoft Italia ha aperto un nuovo ufficio.")


def test_la_societa_guidata_da_un_nome_storpiato_e_quella_della_persona():
    text = ("Meta ha comprato Manus. Manus ha 100 milioni di ricavi. Manus continuerà a vendere. Per la società "
            "guidata da Mark Zuckerbeg si tratta dell'ennesima mossa.")
    got = facts(text)
    assert ("Mark Zuckerberg", "leads", "Meta") in got
    assert not any(o == "Manus" and p == "leads" for _, p, o in got)


def test_fondata_coordinata_a_con_sede_descrive_il_nome():
    got = facts("Nscale, con sede a Londra e fondata da Josh Payne, costruisce data center.")
    assert {("Josh Payne", "founderOf", "Nscale"), ("Nscale", "headquarteredIn", "London")} <= got


def test_un_participio_in_apertura_preso_per_nome_e_il_participio():
    text = ("Nvidia ha investito in Mistral AI.\n\nFondata nell'aprile del 2023 da Arthur Mensch, Guillaume Lample e "
            "Timothée Lacroix, Mistral è diventata la principale rivale europea di OpenAI.")
    got = facts(text)
    assert {("Arthur Mensch", "founderOf", "Mistral AI"), ("Timothée Lacroix", "founderOf", "Mistral AI")} <= got


@pytest.mark.parametrize("text,expected,absent", [
    # un ufficio colloca la società; un nome che finisce con una parola di sito è un progetto con il suo luogo
    ("Cohere ha aperto un ufficio a Londra.", {("Cohere", "locatedIn", "London")}, set()),
    ("Enel possiede il Blue Data Center a Ferrera Erbognone.", {("Blue Data Center", "locatedIn", "Ferrera Erbognone")},
     {("Enel", "locatedIn", "Ferrera Erbognone")}),
    # produrre qualcosa in un luogo non colloca nessuno
    ("TSMC produce i chip di Apple a Taiwan.", set(), {("TSMC", "locatedIn", "Taiwan")}),
])
def test_sites_and_offices_are_placed(text, expected, absent):
    got = set(all_triples(text))
    assert expected <= got, got
    assert not (absent & got), got


def test_joint_ventures_and_national_editions_of_a_project():
    got = set(all_triples("I fondi serviranno per Polar Compute, la joint venture tra Nscale e Aker."))
    assert {("Nscale", "participatesIn", "Polar Compute"), ("Aker", "participatesIn", "Polar Compute")} <= got
    # "Stargate UK" is one project, not Stargate and a place
    got = facts("Nscale partecipa anche a Stargate UK, il progetto annunciato da OpenAI.")
    assert ("Nscale", "participatesIn", "Stargate UK") in got
    assert ("Nscale", "participatesIn", "Stargate") not in got


def test_a_list_of_customers_belongs_to_the_company_being_discussed():
    got = facts("Cerebras vende accesso al suo hardware tramite cloud: tra i clienti ci sono Meta e Perplexity.")
    assert {("Cerebras", "suppliesTo", "Meta"), ("Cerebras", "suppliesTo", "Perplexity")} <= got
    # a fronted "tra i suoi clienti" refers back, never to the customers listed after it
    got = facts("Cerebras è cresciuta molto quest'anno. Tra i suoi clienti ci sono Meta e Perplexity.")
    assert ("Cerebras", "suppliesTo", "Meta") in got
    assert ("Meta", "suppliesTo", "Perplexity") not in got


@pytest.mark.parametrize("text,triple", [
    # a passive with the agent's preposition hung on the title before the name
    ("G42 è presieduta dallo sceicco Tahnoun bin Zayed Al Nahyan.", ("Tahnoun bin Zayed Al Nahyan", "leads", "G42")),
    # a participle the parser hung on the place (or on "sede") of a "con sede a" phrase
    ("Aruba, il provider con sede a Ponte San Pietro guidato dall'amministratore delegato Stefano Cecconi, "
     "ha speso 200 milioni.", ("Stefano Cecconi", "ceoOf", "Aruba")),
    # "la filiale", tagged as an adjective, still refers to the name it follows
    ("Microsoft Italia, la filiale con sede a Milano guidata dall'amministratore delegato Vincenzo Esposito, "
     "coordina gli investimenti.", ("Vincenzo Esposito", "ceoOf", "Microsoft Italia")),
    ("Secondo Sari Baldauf, presidente del consiglio di amministrazione di Nokia, la crescita continuerà.",
     ("Sari Baldauf", "leads", "Nokia")),
    # a chair of the board named without the company: the company the text was just talking about
    ("Oracle ha nominato due amministratori delegati. Larry Ellison resta presidente del consiglio di amministrazione.",
     ("Larry Ellison", "leads", "Oracle")),
    # a company officer named without the company: the company the article is about, also when it is
    # abbreviated ("ST" for STMicroelectronics) and the officer's surname reads as an adjective ("Grandi")
    ("STMicroelectronics ha chiuso in rialzo. Amazon ha firmato un accordo con ST. ST fornirà chip ad Amazon. "
     "Il direttore finanziario Lorenzo Grandi non ha commentato.", ("Lorenzo Grandi", "employeeOf", "STMicroelectronics")),
    ("Apple ha riorganizzato il gruppo. Le deleghe andranno a Sabih Khan, il direttore operativo, e ad altri.",
     ("Sabih Khan", "employeeOf", "Apple")),
])
def test_more_italian_leadership_phrasings(text, triple):
    assert triple in facts(text)


def test_shares_as_the_means_of_payment_are_no_stake():
    got = set(all_triples("A settembre OpenAI ha rilevato per 1,1 miliardi di dollari in azioni Statsig."))
    assert ("OpenAI", "investsIn", "Statsig") not in got
    assert ("Nvidia", "investsIn", "Intel") in facts("Nvidia ha acquistato azioni di Intel per 5 miliardi.")


def test_leading_capitals_of_a_company_named_before_are_that_company():
    got = facts("STMicroelectronics ha firmato un accordo con AWS. Jean-Marc Chery, amministratore delegato di ST, "
                "ha commentato l'intesa.")
    assert ("Jean-Marc Chery", "ceoOf", "STMicroelectronics") in got


@pytest.mark.parametrize("text,triples", [
    # "tra gli altri" inserted before the names or the agent
    ("Negli ultimi anni il gruppo Bending Spoons ha rilevato, tra gli altri, Evernote e WeTransfer.",
     {("Bending Spoons", "acquired", "Evernote"), ("Bending Spoons", "acquired", "WeTransfer")}),
    ("Perplexity è finanziata tra gli altri da Nvidia e SoftBank.",
     {("Nvidia", "investsIn", "Perplexity"), ("SoftBank Group", "investsIn", "Perplexity")}),
    # a stake whose company sits deep in the phrase
    ("Meta ha acquistato una quota di poco inferiore al 3% di EssilorLuxottica.",
     {("Meta", "investsIn", "EssilorLuxottica")}),
    # a description of the business between the cue noun and the name
    ("Il gruppo francese di consulenza Capgemini ha concordato l'acquisto di WNS.", {("Capgemini", "acquired", "WNS")}),
    # the rival's company right after the noun, however the parser hung it
    ("L'intesa potrebbe preoccupare Cadence Design Systems, principale concorrente di Synopsys.",
     {("Cadence Design Systems", "competesWith", "Synopsys")}),
])
def test_italian_asides_and_loose_attachments(text, triples):
    got = set(all_triples(text))
    assert triples <= got, got


def test_co_founders_and_clitic_objects():
    got = facts("Fondata nel 2021, la società Silicon Box è guidata dall'amministratore delegato Byung Joon Han, che "
                "l'ha fondata insieme a Sehat Sutardja e Weili Dai.")
    assert {("Byung Joon Han", "founderOf", "Silicon Box"), ("Sehat Sutardja", "founderOf", "Silicon Box"),
            ("Weili Dai", "founderOf", "Silicon Box")} <= got
    # "insieme a" is no "a" before a place
    assert not any(o == "Sehat Sutardja" and p == "locatedIn" for _s, p, o in got)


def test_a_role_held_until_a_past_event_is_over():
    got = all_triples("Ajei Gopal, che ha guidato Ansys come amministratore delegato fino alla chiusura, ha lasciato "
                      "l'incarico.")
    assert got[("Ajei Gopal", "ceoOf", "Ansys")].modality == "ended"
    # a future role held until a date is not over
    assert all(t.modality != "ended" for t in all_triples("Mario Rossi guiderà Enel fino al 2027.").values())


def test_a_company_led_by_its_ceo_named_with_the_short_title():
    got = facts("La rivale AMD ha firmato con Humain un accordo: la società guidata dal CEO Lisa Su fornirà le GPU.")
    assert ("Lisa Su", "ceoOf", "AMD") in got


@pytest.mark.parametrize("text,triple", [
    # a hyphenated given name is part of the name, and a title before a place-like surname types a person
    ("Rebellions ha chiuso un round. A guidarlo resta il fondatore e amministratore delegato Park Sung-hyun.",
     ("Park Sung-hyun", "ceoOf", "Rebellions")),
    # a founder title coordinated with a bare chief executive one
    ("Rebellions ha chiuso un round. A guidarlo resta il fondatore e amministratore delegato Park Sung-hyun.",
     ("Park Sung-hyun", "founderOf", "Rebellions")),
    # ", che ne è amministratore delegato" types an unknown name as a person ...
    ("FuriosaAI, fondata da June Paik, che ne è amministratore delegato, ha respinto un'offerta.",
     ("June Paik", "ceoOf", "FuriosaAI")),
    # ... and "ne" with no company in its sentence is the company the text is about
    ("Moonshot ha lanciato Kimi. Yang, che ne è amministratore delegato, ha puntato su modelli lunghi.",
     ("Yang", "ceoOf", "Moonshot")),
    # "di proprietà di" after a description in apposition
    ("GitHub, la piattaforma per sviluppatori di proprietà di Microsoft, cresce.", ("Microsoft", "owns", "GitHub")),
    ("Sul mercato della traduzione DeepL si misura con Google.", ("DeepL", "competesWith", "Google")),
    # names in apposition after an owned offering noun are its owner's products
    ("Poolside ha lanciato i suoi modelli, Malibu e Point.", ("Point", "productOf", "Poolside")),
    ("Rebellions cresce. Il primo chip della società, ATOM, gira nei server di KT Cloud.",
     ("ATOM", "productOf", "Rebellions")),
])
def test_italian_blind_set_seven_constructions(text, triple):
    assert triple in facts(text)


def test_a_relative_clause_in_the_imperfect_states_a_past_role():
    got = {(t.subject.label, t.predicate, t.object.label): t.modality
           for t in extract_triples("Groq cresce. Jonathan Ross e Sunny Madra, che ne era il presidente, si uniranno "
                                    "a Nvidia.", lang="it")}
    assert got[("Sunny Madra", "leads", "Groq")] == "ended"


def test_reporting_earnings_is_no_rumour():
    # "ha riportato un utile" reports results; only "ha riportato che ..." reports what others say
    got = {(t.subject.label, t.predicate, t.object.label): t.modality
           for t in extract_triples("TSMC, il gruppo di Hsinchu che produce i processori di Nvidia, ha riportato un "
                                    "utile in crescita del 60%.", lang="it")}
    assert got[("TSMC", "suppliesTo", "Nvidia")] == "completed"


def test_a_company_acting_on_a_chief_executive_is_not_his_company():
    got = facts("Pochi giorni dopo, la Camera delle imprese di Amsterdam ha sospeso l'amministratore delegato "
                "Zhang Xuezheng.")
    assert not any(p == "ceoOf" for _, p, _ in got)


@pytest.mark.parametrize("text,triple", [
    # a bare participle after a name and a comma describes that name
    ("Rappaport e Luttwak avevano già fondato Adallom, ceduta nel 2015 a Microsoft per 320 milioni di dollari.",
     ("Microsoft", "acquired", "Adallom")),
    # "la cessione di X a Y", with a nationality adjective standing before the name
    ("Il gruppo aveva completato la cessione dell'americana Grubhub alla startup newyorkese Wonder.",
     ("Wonder", "acquired", "Grubhub")),
    ("Nel 2015 Amazon aveva comprato l'israeliana Annapurna Labs.", ("Amazon", "acquired", "Annapurna Labs")),
    # a name the parser took for an adverb is still the subject, of the coordinated verb too
    ("Helsing produce droni e ha rilevato Grob Aircraft, costruttore di aerei.", ("Helsing", "acquired", "Grob Aircraft")),
])
def test_italian_acquisition_phrasings_of_blind_set_seven(text, triple):
    assert triple in facts(text)


def test_a_main_clause_hung_on_another_verb_keeps_its_own_modality():
    # ("progetta" is "designs" here; its planning sense must not reach Amazon's purchase)
    got = {(t.subject.label, t.predicate, t.object.label): t.modality for t in extract_triples(
        "AWS progetta già in casa i processori Graviton: per rafforzarsi nei chip, nel 2015 Amazon aveva comprato "
        "l'israeliana Annapurna Labs.", lang="it")}
    assert got[("Amazon", "acquired", "Annapurna Labs")] == "completed"


@pytest.mark.parametrize("text,triple", [
    # "con la partecipazione di" after a participle on the round ("un round di serie B guidato da X")
    ("Nel 2023 Arduino aveva raccolto 22 milioni di dollari in un round di serie B guidato da Renesas, con la "
     "partecipazione di Robert Bosch Venture Capital.", ("Robert Bosch Venture Capital", "investsIn", "Arduino")),
    # a lone pair "A e B" whose second name the parser hung elsewhere
    ("A settembre Groq aveva raccolto 750 milioni di dollari in un round guidato da Disruptive, con la "
     "partecipazione di BlackRock e Cisco.", ("Cisco", "investsIn", "Groq")),
    # the company that raised, misparsed, is the name right before the verb
    ("A dicembre xAI ha raccolto 6 miliardi di dollari da un gruppo di investitori tra cui Andreessen Horowitz, "
     "Sequoia Capital, Nvidia e AMD.", ("Sequoia Capital", "investsIn", "xAI")),
    ("Nvidia ha preso parte al round di Mistral AI.", ("Nvidia", "investsIn", "Mistral AI")),
])
def test_italian_round_participants(text, triple):
    assert triple in facts(text)


@pytest.mark.parametrize("text,modality", [
    ("Synopsys ha dovuto cedere il suo Optical Solutions Group a Keysight Technologies.", "completed"),
    ("Synopsys dovrà cedere il suo Optical Solutions Group a Keysight Technologies.", "planned"),
])
def test_a_past_must_is_a_fact_a_future_one_a_plan(text, modality):
    got = {(t.subject.label, t.predicate, t.object.label): t.modality for t in extract_triples(text, lang="it")}
    assert got[("Keysight Technologies", "acquired", "Optical Solutions Group")] == modality


@pytest.mark.parametrize("text,triple", [
    # the agent preposition hung on an honorific before the name
    ("L'azienda G42 è presieduta dallo sceicco Tahnoun bin Zayed Al Nahyan.",
     ("Tahnoun bin Zayed Al Nahyan", "leads", "G42")),
    # a bare participle after a name's description in apposition
    ("Dopo la chiusura, Wiz entrerà in Google Cloud, la divisione del gruppo guidata da Thomas Kurian.",
     ("Thomas Kurian", "leads", "Google Cloud")),
])
def test_italian_leaders_in_passives_and_descriptions(text, triple):
    assert triple in facts(text)


@pytest.mark.parametrize("text,triple", [
    # a company described in apposition as a unit of another named company
    ("Leonardo acquisirà Iveco Defence Vehicles, la divisione di veicoli militari di Iveco Group.",
     ("Iveco Group", "owns", "Iveco Defence Vehicles")),
    ("Tra le aziende c'è Almawave, la società romana del gruppo Almaviva.", ("Almaviva", "owns", "Almawave")),
    # a name the tokenizer cut at its apostrophe is one name
    ("Nel capitale c'è anche Wa'ed Ventures, il braccio di venture capital di Aramco.",
     ("Saudi Aramco", "owns", "Wa'ed Ventures")),
])
def test_italian_units_in_apposition(text, triple):
    assert triple in facts(text)


def test_an_elided_article_is_not_part_of_a_name():
    from kg.nlp import load_pipeline

    ents = [e.text for e in load_pipeline("it")("L'azienda cresce. Dell'Olio parla con Wa'ed Ventures.").ents]
    assert "Wa'ed Ventures" in ents and not any(e.startswith(("L'", "Dell'")) for e in ents)


def test_an_inverted_subject_of_entrare_is_the_investor():
    got = facts("Accanto a KKR entrano nel capitale di FiberCop il fondo F2i e Adia.")
    assert ("F2i", "investsIn", "FiberCop") in got


def test_investors_taking_part_together_with_others_join_the_round():
    got = facts("Nscale ha raccolto 1,1 miliardi in un round guidato da Aker. Nvidia e Nokia hanno partecipato insieme "
                "a Blue Owl e Fidelity.")
    assert {("Nvidia", "investsIn", "Nscale"), ("Fidelity", "investsIn", "Nscale")} <= got


# ---------------------------------------------------------------- shapes found by the construction battery
@pytest.mark.parametrize("text,expected", [
    # a city adjective before the name: where the company is based, and the name fills the verb's slot
    ("La triestina Aindo ha chiuso un round da 6 milioni di euro guidato da United Ventures.",
     {("Aindo", "headquarteredIn", "Trieste"), ("United Ventures", "investsIn", "Aindo")}),
    ("Thrive Capital punta 600 milioni di dollari su Physical Intelligence.",
     {("Thrive Capital", "investsIn", "Physical Intelligence")}),
    ("Meta acquista la maggior parte dei suoi acceleratori da Nvidia.", {("Nvidia", "suppliesTo", "Meta")}),
    ("Alla guida di Telecom Italia dal 2021, Pietro Labriola ha ridotto il debito del gruppo.",
     {("Pietro Labriola", "leads", "Telecom Italia")}),
])
def test_italian_shapes_of_the_construction_battery(text, expected):
    assert expected <= facts(text)


def test_under_someones_guidance_is_no_role_of_the_subject():
    assert not any(p == "leads" for _, p, _ in facts("Sotto la guida di Lisa Su, AMD è cresciuta."))


def test_a_board_appoints_for_its_company_and_the_one_replaced_held_the_title():
    got = all_triples("Il consiglio di amministrazione di Stellantis ha nominato Antonio Filosa amministratore "
                      "delegato, al posto di Carlos Tavares.")
    assert ("Antonio Filosa", "ceoOf", "Stellantis") in got
    assert got[("Carlos Tavares", "ceoOf", "Stellantis")].modality == "ended"


@pytest.mark.parametrize("text,expected", [
    # a second title with its own organisation, coordinated with the first
    ("John Elkann, presidente di Stellantis e amministratore delegato di Exor, ha difeso il piano.",
     {("John Elkann", "leads", "Stellantis"), ("John Elkann", "ceoOf", "Exor")}),
    ("Roberto Navigli, professore alla Sapienza e cofondatore di Babelscape, ha presentato Minerva.",
     {("Roberto Navigli", "founderOf", "Babelscape")}),
    # the owner of the place supplied is the customer
    ("Enel fornisce energia rinnovabile ai data center di Microsoft.", {("Enel", "suppliesTo", "Microsoft")}),
    # an inverted list after a fronted "tra i clienti di X", parsed as objects
    ("Tra i clienti di Arm figurano Apple, Qualcomm e MediaTek.",
     {("Arm Holdings", "suppliesTo", "Apple"), ("Arm Holdings", "suppliesTo", "MediaTek")}),
])
def test_italian_titles_supply_and_lists(text, expected):
    assert expected <= set(all_triples(text))


@pytest.mark.parametrize("text,expected,absent", [
    ("A luglio è stata completata l'acquisizione di Ansys, lo specialista della simulazione ingegneristica con sede "
     "a Canonsburg.", ("Ansys", "headquarteredIn", "Canonsburg"), None),
    ("Capgemini ha concordato l'acquisto di WNS, società di servizi quotata a New York e con sede a Mumbai.",
     ("WNS", "headquarteredIn", "Mumbai"), ("Capgemini", "headquarteredIn", "Mumbai")),
    # a facility has the seat, not the company that opened it
    ("Nvidia ha aperto un ufficio con sede a Milano.", None, ("Nvidia", "headquarteredIn", "Milan")),
])
def test_a_seat_phrase_places_the_nearest_name_before_it(text, expected, absent):
    got = facts(text)
    if expected:
        assert expected in got
    if absent:
        assert absent not in got


def test_a_title_of_both_companies_with_sia_sia():
    got = facts("Elon Musk, amministratore delegato sia di Tesla sia di SpaceX, dedica più tempo a xAI.")
    assert {("Elon Musk", "ceoOf", "Tesla"), ("Elon Musk", "ceoOf", "SpaceX")} <= got


@pytest.mark.parametrize("text,triple,modality", [
    # "secondo" before a noun is an ordinal, not "according to"
    ("Cassa Depositi e Prestiti è oggi il secondo socio di Telecom Italia.",
     ("Cassa Depositi e Prestiti", "investsIn", "Telecom Italia"), "completed"),
    # "già" after a copula is "already"; before a bare title it is "former"
    ("Il consiglio ha scelto C.C. Wei, che era già amministratore delegato di TSMC dal 2018.",
     ("C. C. Wei", "ceoOf", "TSMC"), "completed"),
    ("Mario Rossi, già amministratore delegato di Fastweb, è entrato in Tim.", ("Mario Rossi", "ceoOf", "Fastweb"),
     "ended"),
])
def test_ordinals_and_already_are_no_modality_cues(text, triple, modality):
    assert all_triples(text)[triple].modality == modality


def test_il_cui_title_e_names_the_holder():
    got = facts("Cipher Mining, società newyorkese il cui amministratore delegato è Tyler Page, ha firmato con "
                "Fluidstack.")
    assert ("Tyler Page", "ceoOf", "Cipher Mining") in got


def test_a_participle_at_the_end_of_a_description_chain_describes_the_name():
    # the parser hangs the apposition on the verb and the participle on the last noun of the description
    got = facts("Parliamo di Fluidstack, fornitore londinese di capacità di calcolo fondato da César Maklary e "
                "Gary Wu.")
    assert {("César Maklary", "founderOf", "Fluidstack"), ("Gary Wu", "founderOf", "Fluidstack")} <= got


@pytest.mark.parametrize(
    "text",
    [
        "Mistral AI ha raccolto 1 miliardo di dollari. Al round hanno partecipato anche Tencent e HongShan.",
        "Mistral AI ha raccolto 1 miliardo di dollari. Al round hanno preso parte anche Tencent e HongShan.",
    ],
)
def test_participants_after_the_verb_of_a_round_named_before_invest_in_its_company(text):
    assert {("Tencent", "investsIn", "Mistral AI"), ("HongShan", "investsIn", "Mistral AI")} <= facts(text)


def test_a_lowercase_aside_inside_a_list_of_investors_keeps_the_list_whole():
    got = facts("Lovable ha raccolto 200 milioni di dollari. All'aumento di capitale hanno partecipato anche "
                "Creandum, già presente nel pre-seed, 20VC, Hummingbird Ventures e Visionaries Club.")
    assert {(x, "investsIn", "Lovable") for x in ("Creandum", "20VC", "Hummingbird Ventures", "Visionaries Club")} \
        <= got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Parliamo di Fluidstack, fornitore londinese di capacità di calcolo fondato da César Maklary.",
         ("Fluidstack", "headquarteredIn", "London")),
        ("Retelit, gruppo milanese delle telecomunicazioni, è controllata dal fondo Asterion Industrial Partners.",
         ("Retelit", "headquarteredIn", "Milan")),
        ("Mistral AI ha chiuso un round guidato da General Catalyst, che porta la valutazione della startup "
         "parigina a 5,8 miliardi di euro.", ("Mistral AI", "headquarteredIn", "Paris")),
    ],
)
def test_a_city_adjective_after_a_description_of_the_company_is_its_seat(text, expected):
    assert expected in facts(text)


def test_a_regional_adjective_is_no_seat():
    got = facts("Nvidia punta 2 miliardi di dollari su Synopsys, il gruppo californiano del software.")
    assert not any(p == "headquarteredIn" for _, p, _ in got)


def test_names_after_cosi_come_did_what_the_clause_before_says():
    got = facts("Microsoft ha investito in Mistral AI, così come Nvidia e Salesforce.")
    assert {("Nvidia", "investsIn", "Mistral AI"), ("Salesforce", "investsIn", "Mistral AI")} <= got


def test_the_agent_of_a_passive_is_no_source_of_what_was_chosen():
    # "da" after a passive is the agent (the user), not the supplier the active "noleggiare da" names
    got = facts("La londinese Wayve utilizza GPU di Nvidia in cloud, noleggiate da Microsoft.")
    assert ("Microsoft", "suppliesTo", "Wayve") in got
    assert ("LG AI Research", "suppliesTo", "LG AI Research") not in facts(
        "Il chip RNGD di FuriosaAI è stato scelto da LG AI Research per i modelli Exaone.")


@pytest.mark.parametrize(
    "text", ["Infineon conta tra i clienti storici Apple e Tesla.", "Infineon annovera tra i suoi clienti Apple e Tesla."])
def test_names_counted_among_the_customers_buy_from_the_subject(text):
    assert {("Infineon Technologies", "suppliesTo", "Apple"), ("Infineon Technologies", "suppliesTo", "Tesla")} <= facts(
        text)


def test_rivals_counted_the_same_way_are_no_customers():
    assert not any(p == "suppliesTo" for _, p, _ in facts("Nvidia conta tra i rivali AMD e Intel."))


def test_buying_products_from_their_maker_is_a_supply_buying_the_maker_is_not():
    assert ("Nvidia", "suppliesTo", "Meta") in facts("Meta ha comprato GPU da Nvidia.")
    got = facts("Nvidia ha acquistato Run:ai.")
    assert ("Nvidia", "acquired", "Run:ai") in got and not any(p == "suppliesTo" for _, p, _ in got)


def test_rivals_faced_come_x_are_competitors_whatever_the_modal_verb():
    got = all_triples("iRobot deve affrontare concorrenti come Roborock ed Ecovacs.")
    assert got[("iRobot", "competesWith", "Roborock")].modality == "completed"
    assert ("Ecovacs", "competesWith", "iRobot") in got


def test_a_given_name_opening_a_name_described_as_a_subsidiary_makes_no_person():
    got = facts("Nel perimetro rimane anche Tim Brasil, la controllata sudamericana di TIM che continua a generare "
                "cassa.")
    assert ("Telecom Italia", "owns", "Tim Brasil") in got


def test_a_relative_clause_title_belongs_to_the_person_before_it_not_to_a_name_after():
    found = facts("Black Forest Labs è stata fondata nel 2024 da Robin Rombach, che ne è amministratore delegato, "
                  "Andreas Blattmann e Patrick Esser.")
    assert ("Robin Rombach", "ceoOf", "Black Forest Labs") in found
    assert ("Andreas Blattmann", "ceoOf", "Black Forest Labs") not in found
    assert {("Andreas Blattmann", "founderOf", "Black Forest Labs"),
            ("Patrick Esser", "founderOf", "Black Forest Labs")} <= found


def test_ne_is_the_company_of_the_clause_not_one_in_the_persons_apposition():
    found = facts("Ampere è stata fondata nel 2017 da Renée James, ex presidente di Intel, che ne è tuttora "
                  "amministratrice delegata.")
    assert ("Renée James", "ceoOf", "Ampere") in found
    assert ("Renée James", "ceoOf", "Intel") not in found


def test_a_past_copula_in_the_relative_clause_ends_the_title():
    triples = all_triples("Jonathan Ross, fondatore di Groq, e Sunny Madra, che ne era il presidente, si uniranno a "
                          "Nvidia.")
    held = [t for (s, p, o), t in triples.items() if s == "Sunny Madra" and p == "leads"]
    assert held and all(t.modality == "ended" for t in held)


@pytest.mark.parametrize(("text", "name"), [
    ("Meta ha comprato Statsig. Il fondatore, Vijaye Raji, è diventato il direttore tecnico della divisione.",
     "Vijaye Raji"),
    ("CoreWeave ha comprato Weights & Biases. Biewald, che è anche amministratore delegato, resterà alla guida.",
     "Biewald"),
])
def test_a_name_set_off_by_a_title_is_a_person(text, name):
    from kg.nlp import load_pipeline

    assert {e.text: e.label_ for e in load_pipeline("it")(text).ents}.get(name) == "Person"


@pytest.mark.parametrize(("text", "expected"), [
    # investors after the round was named, in the shapes Italian news writes them
    ("Gradium ha sollevato un round seed di 70 milioni di dollari. Il giro è stato co-guidato da FirstMark Capital "
     "e Eurazeo. Hanno partecipato anche DST Global Partners e Korelya Capital.",
     {("FirstMark Capital", "investsIn", "Gradium"), ("Eurazeo", "investsIn", "Gradium"),
      ("DST Global Partners", "investsIn", "Gradium"), ("Korelya Capital", "investsIn", "Gradium")}),
    ("Twelve Labs ha raccolto 50 milioni di dollari. Al giro hanno preso parte anche Index Ventures e WndrCo.",
     {("Index Ventures", "investsIn", "Twelve Labs"), ("WndrCo", "investsIn", "Twelve Labs")}),
    ("Baichuan ha raccolto 5 miliardi di yuan. Hanno sottoscritto l'aumento Alibaba, Tencent e Xiaomi.",
     {("Alibaba", "investsIn", "Baichuan"), ("Tencent", "investsIn", "Baichuan"), ("Xiaomi", "investsIn", "Baichuan")}),
    ("Multiverse Computing ha chiuso un round di Serie B da 189 milioni di euro. Tra i sottoscrittori figura anche "
     "CDP Venture Capital.", {("CDP Venture Capital", "investsIn", "Multiverse Computing")}),
    ("Multiverse Computing ha chiuso un round di Serie B. Al round hanno partecipato HP Tech Ventures, il braccio di "
     "venture capital di HP, e Toshiba.",
     {("HP Tech Ventures", "investsIn", "Multiverse Computing"), ("Toshiba", "investsIn", "Multiverse Computing")}),
])
def test_round_participants_named_after_the_round(text, expected):
    assert expected <= facts(text)


def test_a_preposition_repeated_over_a_list_gives_every_name():
    found = facts("Black Forest Labs si confronta con Midjourney, con Google, che ha il modello Imagen, e con OpenAI.")
    assert {("Black Forest Labs", "competesWith", x) for x in ("Midjourney", "Google", "OpenAI")} <= {
        (s, p, o) if s == "Black Forest Labs" else (o, p, s) for s, p, o in found}


def test_examples_of_rivals_are_not_rivals_of_each_other():
    found = facts("Darktrace dovrà difendersi da rivali più grandi come CrowdStrike, SentinelOne e Palo Alto Networks.")
    assert not any({s, o} <= {"CrowdStrike", "SentinelOne", "Palo Alto Networks"} for s, _p, o in found)


def test_founders_listed_with_a_repeated_da_over_an_aside():
    found = facts("Parloa ha chiuso una Serie C. Fondata da Malte Kosub, oggi amministratore delegato, e da Stefan "
                  "Ostwald, l'azienda costruisce agenti vocali.")
    assert {("Malte Kosub", "founderOf", "Parloa"), ("Stefan Ostwald", "founderOf", "Parloa")} <= found


def test_ad_is_a_title_only_in_capitals_or_after_an_article():
    assert ("Claudio Descalzi", "ceoOf", "Eni") in facts("Secondo l'ad di Eni Claudio Descalzi la domanda crescerà.")
    found = facts("Twelve Labs è guidata da Jae Lee. Lee ha fondato l'azienda insieme ad Aiden Lee.")
    assert ("Aiden Lee", "ceoOf", "Twelve Labs") not in found


def test_a_round_letter_ends_its_sentence():
    from kg.nlp import load_pipeline

    doc = load_pipeline("it")("Mistral ha chiuso un round di Serie B. Al round hanno partecipato Nvidia e Cisco.")
    assert len(list(doc.sents)) == 2


def test_coordinated_bare_titles_in_either_order_give_both_roles():
    found = facts("Twelve Labs ha raccolto fondi. Il CEO e co-fondatore Jae Lee ha detto che la domanda cresce.")
    assert {("Jae Lee", "ceoOf", "Twelve Labs"), ("Jae Lee", "founderOf", "Twelve Labs")} <= found


def test_a_title_apposed_without_an_article_names_the_articles_company():
    found = facts("Dust ha raccolto fondi. «Vogliamo crescere», dichiara Gabriel Hubert, cofondatore e amministratore "
                  "delegato.")
    assert {("Gabriel Hubert", "ceoOf", "Dust"), ("Gabriel Hubert", "founderOf", "Dust")} <= found


def test_customers_introduced_by_tra_cui():
    found = facts("Multiverse Computing vende software quantistico e dichiara oltre cento clienti, tra cui Iberdrola "
                  "e Repsol.")
    assert ("Multiverse Computing", "suppliesTo", "Iberdrola") in found


def test_italian_names_of_european_cities_resolve_to_the_city():
    from kg.resolve.resolver import Resolver

    resolver = Resolver()
    for italian, key in [("Brema", "bremen"), ("Stoccarda", "stuttgart"), ("Anversa", "antwerp"), ("Cracovia", "krakow")]:
        assert resolver.resolve(italian, "Place").entity.key == key


def test_a_verb_coordinated_with_an_ending_one_keeps_its_own_modality():
    triples = all_triples("Multiverse Computing vende software quantistico e dichiara oltre cento clienti, tra cui "
                          "Iberdrola e Repsol.")
    assert triples[("Multiverse Computing", "suppliesTo", "Iberdrola")].modality == "completed"


@pytest.mark.parametrize(("text", "expected"), [
    ("Lingotto Investment Management, il gestore controllato da Exor, ha guidato il round.",
     ("Exor", "owns", "Lingotto Investment Management")),
    ("Hanno aderito Temasek e NVentures, il veicolo di investimento di Nvidia.", ("Nvidia", "owns", "NVentures")),
])
def test_a_unit_described_in_apposition_is_owned_by_its_parent(text, expected):
    assert expected in facts(text)


def test_an_apposition_after_a_list_describes_its_last_name_only():
    found = facts("Hanno aderito Forgepoint Capital, Toshiba e Santander Climate VC, veicolo di Banco Santander.")
    owned = {o for s, p, o in found if s == "Banco Santander" and p == "owns"}
    assert owned == {"Santander Climate VC"}


def test_a_name_equated_with_a_possessed_product_noun_is_that_companys_product():
    assert ("Solar", "productOf", "Upstage") in facts(
        "Upstage vende modelli. Il suo prodotto più noto è Solar, una famiglia di modelli linguistici.")


def test_a_relative_clause_after_a_company_name_is_about_it_not_the_noun_before():
    found = facts("Il rapporto con Microsoft, che ha investito circa 13 miliardi di dollari in OpenAI, cambia.")
    assert ("Microsoft", "investsIn", "OpenAI") in found


@pytest.mark.parametrize("text", [
    # an intransitive verb's "object" is an apposition the parser misread
    "PhysicsX ha raccolto 135 milioni di dollari in una Serie B. Hanno aderito Temasek, Siemens e NVentures, "
    "il veicolo di investimento di Nvidia.",
    # "l'operazione" right after a round is that round
    "Multiverse Computing ha chiuso un round di Serie B da 189 milioni di euro. L'operazione è stata guidata da "
    "Siemens.",
])
def test_participants_named_after_the_round_invest_in_the_company_that_raised_it(text):
    investors = {s for s, p, o in facts(text) if p == "investsIn"}
    assert "Siemens" in investors


def test_an_operation_with_no_round_before_it_names_no_investor():
    assert not any(p == "investsIn" for _s, p, _o in facts(
        "Microsoft ha acquisito Activision. L'operazione è stata guidata da Goldman Sachs."))


def test_a_company_name_before_an_investment_arm_word_makes_one_name():
    names = {e.text for e in load_pipeline("it")(
        "Al round hanno aderito BlueCrest Capital Management, Volvo Cars Tech Fund e InterAlpen Partners.").ents}
    assert "Volvo Cars Tech Fund" in names


def test_a_round_series_and_its_letter_are_one_noun():
    doc = load_pipeline("it")("La startup ha chiuso una Serie A da 10 milioni guidata da Index Ventures.")
    series = next(t for t in doc if t.text.startswith("Serie"))
    assert (series.text, series.lemma_) == ("Serie A", "serie")


def test_the_letter_a_of_a_round_is_not_read_as_a_preposition():
    found = facts("Multiverse Computing ha chiuso un round. Un anno fa la startup aveva incassato 25 milioni di "
                  "euro in una Serie A guidata da Columbus Venture Partners.")
    assert ("Columbus Venture Partners", "investsIn", "Multiverse Computing") in found


def test_a_name_with_an_organisation_word_never_becomes_a_person_to_fill_a_persons_slot():
    found = facts("Il round di Serie B da 68 milioni di dollari, chiuso a metà 2024, è stato guidato da Innovation "
                  "Industries con la partecipazione di Samsung Catalyst Fund, il veicolo di venture capital di Samsung "
                  "Electronics, di Invest-NL e dell'EIC Fund.")
    assert not any(s == "Innovation Industries" and p in {"leads", "ceoOf"} for s, p, _o in found)


def test_the_first_word_of_a_company_named_before_is_that_company_not_its_model():
    found = facts("Baichuan AI ha chiuso un round. L'offerta ruota intorno al modello Baichuan 4. Baichuan compete "
                  "con Moonshot AI e MiniMax.")
    assert any(p == "competesWith" and {s, o} == {"Baichuan AI", "MiniMax"} for s, p, o in found)


def test_a_company_backed_by_an_investment_from_x_is_x_s_investee():
    found = facts("La società era già stata sostenuta in ottobre da un investimento strategico di 10 milioni di "
                  "dollari da parte di Nvidia e Intel. Twelve Labs crescerà.")
    found |= facts("Twelve Labs era già stata sostenuta in ottobre da un investimento strategico di 10 milioni di "
                   "dollari da parte di Nvidia e Intel.")
    assert {("Nvidia", "investsIn", "Twelve Labs"), ("Intel", "investsIn", "Twelve Labs")} <= found


@pytest.mark.parametrize("text", [
    "Silicon Box dovrà vedersela con colossi come TSMC e ASE Technology.",
    "La startup Silicon Box si trova contro giganti come TSMC e ASE Technology.",
])
def test_idioms_of_rivalry_name_the_rivals(text):
    rivals = {o if s == "Silicon Box" else s for s, p, o in facts(text) if p == "competesWith"}
    assert "TSMC" in rivals and any(r.startswith("ASE Technology") for r in rivals) and len(rivals) == 2


def test_bare_rivals_as_a_clause_subject_are_the_rivals_of_the_company_talked_about():
    found = facts("Sandisk produce memorie. I principali concorrenti sono Samsung Electronics e Micron.")
    rivals = {o if s == "Sandisk" else s for s, p, o in found if p == "competesWith"}
    assert len(rivals) == 2 and any(r.startswith("Micron") for r in rivals)


def test_the_rivals_of_a_named_company_are_the_complements_of_the_copula():
    found = facts("Sandisk produce memorie. I concorrenti di Sandisk sono Samsung Electronics e Micron.")
    assert sum(1 for s, p, o in found if p == "competesWith" and "Sandisk" in {s, o}) == 2


def test_a_brand_run_into_a_country_is_one_company():
    names = {e.text: e.label_ for e in load_pipeline("it")(
        "Bell Canada ha presentato Bell AI Fabric. Da Milano Italia partono i treni.").ents}
    assert names.get("Bell Canada") == "Organization" and "Milano Italia" not in names


@pytest.mark.parametrize(("text", "expected"), [
    ("MediaTek, guidato dall'amministratore delegato Rick Tsai e presieduto dal fondatore Ming Tsai, vive di "
     "processori.", {("Ming Tsai", "founderOf", "MediaTek")}),
    ("Blue Owl, guidato dai cofondatori Doug Ostrover e Marc Lipschultz, ha chiuso con Meta.",
     {("Doug Ostrover", "founderOf", "Blue Owl Capital"), ("Marc Lipschultz", "founderOf", "Blue Owl Capital")}),
])
def test_a_title_in_the_agent_of_a_leading_verb_is_at_what_the_verb_leads(text, expected):
    assert expected <= facts(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Il modulo monterà Rhea1, il processore progettato da SiPearl.", ("Rhea1", "productOf", "SiPearl")),
    ("Velvet, il modello linguistico sviluppato da Almawave, è offerto in licenza.",
     ("Velvet", "productOf", "Almawave")),
])
def test_a_name_apposed_to_an_offering_made_by_a_company_is_its_product(text, expected):
    found = facts(text)
    assert any(s.startswith(expected[0]) and p == expected[1] and o == expected[2] for s, p, o in found)


def test_the_members_of_a_joint_venture_named_by_di_participate_in_it():
    found = facts("Gli incentivi finanziano CG Semi, la joint venture di CG Power con la giapponese Renesas.")
    assert ("CG Power", "participatesIn", "CG Semi") in found
    assert not any(p == "participatesIn" and o in {"Renesas", "Renesas Electronics"} for _s, p, o in found)


def test_co_financing_by_a_public_body_is_support():
    assert ("European Commission", "supports", "Leonardo") in facts(
        "Leonardo è stato cofinanziato dalla Commissione europea.")


def test_a_rivalry_a_company_has_stopped_is_over():
    found = all_triples("Aleph Alpha ha smesso di competere con OpenAI.")
    assert found[("Aleph Alpha", "competesWith", "OpenAI")].modality == "ended"


def test_a_company_that_has_someone_as_its_officer_is_that_officers_company():
    found = facts("Oggi Sandisk è guidata dall'amministratore delegato David Goeckeler, mentre Western Digital, "
                  "rimasta ai dischi rigidi, ha come amministratore delegato Irving Tan.")
    assert {("David Goeckeler", "ceoOf", "Sandisk"), ("Irving Tan", "ceoOf", "Western Digital")} <= found
    assert ("Irving Tan", "ceoOf", "Sandisk") not in found


def test_companies_set_off_before_someone_elses_rivals_do_not_compete_with_each_other():
    found = facts("Microsoft rilancia la sfida ad Amazon Web Services e Google, i suoi principali concorrenti nel cloud.")
    assert not any(p == "competesWith" and {s, o} == {"Amazon Web Services", "Google"} for s, p, o in found)


def test_a_comma_list_of_titles_closed_by_e_reaches_the_organisation():
    found = facts("KR Sridhar, fondatore, presidente e amministratore delegato di Bloom Energy, ha parlato.")
    assert {("KR Sridhar", "founderOf", "Bloom Energy"), ("KR Sridhar", "leads", "Bloom Energy"),
            ("KR Sridhar", "ceoOf", "Bloom Energy")} <= found


def test_a_unit_described_with_a_participle_is_still_owned_by_its_parent():
    assert ("Atos", "owns", "Eviden") in facts(
        "La macchina è stata progettata da un consorzio formato da Eviden, la divisione di calcolo avanzato di "
        "Atos, e da ParTec.")


def test_a_titles_field_comes_between_it_and_the_place_of_work():
    assert ("Martin Jaggi", "employeeOf", "EPFL") in facts(
        "Tra gli ospiti c'è Martin Jaggi, professore di apprendimento automatico all'EPFL.")


def test_a_relative_clause_after_a_seat_phrase_is_about_what_is_based_there():
    found = facts("United Microelectronics Corporation (UMC), la fonderia con sede a Hsinchu che contende a TSMC i "
                  "clienti dei processi maturi, accelera.")
    assert any(p == "competesWith" and {s, o} == {"UMC", "TSMC"} for s, p, o in found)


def test_a_compass_word_run_into_a_country_is_part_of_the_place():
    names = {e.text: e.label_ for e in load_pipeline("it")("Il gruppo sta costruendo un supercomputer nel Sud Italia.").ents}
    assert names.get("Sud Italia") == "Place"


def test_the_two_companies_are_two_not_the_lists_they_were_named_in():
    found = all_triples("A ottobre Spotify ha annunciato un accordo con Sony Music, Universal Music Group e Warner "
                        "Music Group. Nello stesso mese la sua app è sbarcata dentro ChatGPT, l'assistente di OpenAI, "
                        "grazie a una collaborazione tra le due aziende.")
    assert ("Universal Music Group", "partnersWith", "Warner Music Group") not in found
    assert len([t for t in found if t[1] == "partnersWith" and "OpenAI" in t]) <= 1


def test_a_list_of_someone_elses_rivals_are_not_rivals_of_each_other():
    found = all_triples("Xiaomi si unisce al club dei produttori di telefoni con chip propri, finora fatto da Apple, "
                        "Samsung e Huawei, che sono anche i suoi rivali più diretti.")
    assert not any({s, o} <= {"Apple", "Samsung Electronics", "Huawei"} for s, p, o in found if p == "competesWith")


def test_a_coordinated_passive_shares_the_first_verbs_subject_not_a_name_before_it():
    found = all_triples("Retelit, gruppo milanese delle telecomunicazioni, è controllata dal fondo spagnolo Asterion "
                        "Industrial Partners ed è guidata dall'amministratore delegato Federico Protto.")
    assert ("Federico Protto", "ceoOf", "Asterion Industrial Partners") not in found


def test_an_english_name_with_and_inside_italian_text_is_one_name():
    found = all_triples("Amphenol paga 10,5 miliardi di dollari per Connectivity and Cable Solutions (CCS), la "
                        "divisione di CommScope che produce cavi.")
    assert ("CommScope", "owns", "Connectivity and Cable Solutions") in found


def test_a_verb_the_lemmatizer_knows_is_not_read_as_a_trigger_by_its_first_letters():
    # "comprende" is "comprendere" (to include), not a form of "comprare" (to buy)
    found = all_triples("JSR ha anche un ramo di scienze della vita, che comprende le società KBI Biopharma e Crown "
                        "Bioscience.")
    assert not any(p in {"acquired", "suppliesTo"} for _, p, _ in found)


def test_a_company_word_ends_a_companys_name_even_after_a_given_name():
    assert ("Sterling Anderson", "founderOf", "Aurora Innovation") in facts(
        "Sterling Anderson, cofondatore di Aurora Innovation, entrerà a giugno nel gruppo.")


def test_the_foundry_of_a_city_is_based_there():
    assert ("SMIC", "headquarteredIn", "Shanghai") in facts("Huawei compra chip da SMIC, la fonderia di Shanghai.")


def test_a_name_after_a_titles_organisation_and_a_comma_is_the_title_holder():
    assert ("Armin Papperger", "ceoOf", "Rheinmetall") in facts(
        "Stefano Pontecorvo ha incontrato l'amministratore delegato di Rheinmetall, Armin Papperger.")


def test_weighing_an_investment_is_a_considered_one():
    found = all_triples("Amazon valuta un investimento in Anthropic.")
    assert found[("Amazon", "investsIn", "Anthropic")].modality == "considered"
    assert ("Amazon", "investsIn", "Anthropic") in all_triples(
        "Amazon starebbe valutando un nuovo investimento in Anthropic.")


def test_a_list_of_shareholders_may_mix_companies_and_people():
    found = facts("Perplexity ha raccolto 200 milioni. Tra i suoi azionisti figurano Nvidia, Jeff Bezos e SoftBank.")
    assert {("Nvidia", "investsIn", "Perplexity"), ("Jeff Bezos", "investsIn", "Perplexity"),
            ("SoftBank Group", "investsIn", "Perplexity")} <= found


def test_names_staying_among_a_companys_shareholders_invest_in_it():
    found = facts("Perplexity ha raccolto 200 milioni. Nvidia e SoftBank restano tra i suoi azionisti.")
    assert {("Nvidia", "investsIn", "Perplexity"), ("SoftBank Group", "investsIn", "Perplexity")} <= found


def test_names_after_a_share_and_and_are_the_subjects_of_a_gapped_clause_not_objects():
    # "TSMC detiene il 70% e Bosch, Infineon e NXP il 10%": the companies after "e" hold stakes, TSMC owns none
    found = all_triples("ESMC è la joint venture in cui TSMC detiene il 70% e Bosch, Infineon e NXP il 10% ciascuno.")
    assert ("TSMC", "owns", "Infineon Technologies") not in found


def test_a_relative_clause_on_a_round_names_more_investors_in_the_company_that_raised_it():
    found = facts("Moonshot AI ha raccolto un finanziamento da oltre 1 miliardo di dollari guidato da Alibaba, al "
                  "quale aveva partecipato anche HongShan.")
    assert {("Alibaba", "investsIn", "Moonshot AI"), ("HongShan", "investsIn", "Moonshot AI")} <= found
    found = facts("Poolside ha chiuso un round di serie B da 500 milioni di dollari guidato da Bain Capital Ventures, "
                  "a cui hanno preso parte tra gli altri eBay e DST Global.")
    assert {("eBay", "investsIn", "Poolside"), ("DST Global", "investsIn", "Poolside")} <= found


def test_investors_given_as_examples_take_part_in_the_round_just_named():
    found = facts("Black Forest Labs ha raccolto 300 milioni. Al round hanno preso parte anche investitori già "
                  "presenti come Andreessen Horowitz e General Catalyst.")
    assert {("Andreessen Horowitz", "investsIn", "Black Forest Labs"),
            ("General Catalyst", "investsIn", "Black Forest Labs")} <= found


def test_being_in_a_companys_capital_is_holding_a_stake_in_it():
    found = facts("Tencent è nel capitale di Zhipu AI e di Moonshot AI.")
    assert {("Tencent", "investsIn", "Zhipu AI"), ("Tencent", "investsIn", "Moonshot AI")} <= found
    assert not any(p == "investsIn" for _, p, _ in all_triples("Roma è la capitale d'Italia."))


def test_a_passive_with_a_plain_auxiliary_and_an_aside_agent_keeps_its_subject():
    found = facts("Perplexity, che sfida Google nella ricerca online e ha da poco lanciato il proprio browser, è "
                  "finanziata tra gli altri da Nvidia e SoftBank.")
    assert {("Nvidia", "investsIn", "Perplexity"), ("SoftBank Group", "investsIn", "Perplexity")} <= found


def test_a_relative_clause_on_one_item_does_not_end_a_list():
    found = facts("Cerebras vende anche accesso al suo hardware tramite cloud: tra i clienti ci sono Meta, che lo usa "
                  "per la sua Llama API, Mistral AI e Perplexity.")
    assert {("Cerebras", "suppliesTo", x) for x in ("Meta", "Mistral AI", "Perplexity")} <= found


def test_vedersela_con_is_competing_with():
    found = facts("Zhipu AI se la vede con DeepSeek, con Moonshot AI e con MiniMax.")
    assert {(x, "competesWith", "Zhipu AI") for x in ("DeepSeek", "Moonshot AI", "MiniMax")} <= found
    found = facts("In Italia Just Eat se la deve vedere con Glovo e con Deliveroo.")
    assert {("Glovo", "competesWith", "Just Eat Takeaway.com"), ("Deliveroo", "competesWith", "Just Eat Takeaway.com")} <= found


def test_rivals_given_as_examples_after_a_preposition_are_rivals():
    found = facts("Recursion si misura con rivali come Insilico Medicine e Isomorphic Labs.")
    assert {("Insilico Medicine", "competesWith", "Recursion"), ("Isomorphic Labs", "competesWith", "Recursion")} <= found


def test_chasing_a_named_rival_competes_with_it_but_chasing_customers_does_not():
    assert ("Intel", "competesWith", "TSMC") in facts("Intel, che nel foundry insegue ancora TSMC, deve contenere i costi.")
    assert not any(p == "competesWith" for _, p, _ in all_triples(
        "Pure Storage, NetApp e DDN inseguono gli stessi clienti."))


def test_entering_into_competition_with_a_company():
    assert ("Qualcomm", "competesWith", "Raspberry Pi") in facts("Qualcomm entra in concorrenza diretta con Raspberry Pi.")


def test_a_name_after_an_offering_noun_with_its_owner_named_is_a_product():
    assert ("RTX", "productOf", "Nvidia") in facts(
        "Intel svilupperà chip che integrano i chiplet grafici RTX di Nvidia.")
    assert ("Le Chat", "productOf", "Mistral AI") in facts(
        "Mistral AI cresce. Il suo assistente Le Chat, lanciato a febbraio, ha conquistato utenti.")
    # a maker named after a product noun, with no owner phrase, stays a company
    assert not any(p == "productOf" and s == "Supermicro" for s, p, _ in all_triples(
        "Il gruppo ha comprato i server Supermicro."))


def test_una_nazionalita_prima_del_nome_colloca_la_societa_nel_paese():
    found = all_triples("Il gruppo taiwanese TSMC produce chip per Apple. Ne parla anche la tedesca Infineon.")
    assert ("TSMC", "headquarteredIn", "Taiwan") in found
    assert ("Infineon Technologies", "headquarteredIn", "Germany") in found


def test_una_nazionalita_in_apposizione_colloca_la_societa_nel_paese():
    found = all_triples("Zeiss, il gruppo tedesco dell'ottica, fornisce gli specchi ad ASML.")
    assert any(s.startswith("Zeiss") and p == "headquarteredIn" and o == "Germany" for s, p, o in found)


def test_la_sede_in_citta_prevale_sulla_nazionalita():
    found = all_triples("La taiwanese TSMC, con sede a Hsinchu, costruirà nuove fabbriche.")
    assert ("TSMC", "headquarteredIn", "Hsinchu") in found
    assert ("TSMC", "headquarteredIn", "Taiwan") not in found



def test_chi_prende_il_posto_di_un_altro_come_amministratore_delegato_ne_prende_il_titolo():
    found = all_triples("Matt Garman, che a giugno ha preso il posto di Adam Selipsky come amministratore delegato di "
                        "AWS, ha ripetuto che la scelta resterà ai clienti.")
    assert found[("Matt Garman", "ceoOf", "Amazon Web Services")].modality == "completed"
    assert found[("Adam Selipsky", "ceoOf", "Amazon Web Services")].modality == "ended"


def test_chi_sostituisce_un_altro_come_amministratore_delegato_ne_prende_il_titolo():
    found = all_triples("Christophe Fouquet ha sostituito Peter Wennink come amministratore delegato di ASML.")
    assert found[("Christophe Fouquet", "ceoOf", "ASML")].modality == "completed"
    assert found[("Peter Wennink", "ceoOf", "ASML")].modality == "ended"


def test_un_articolo_davanti_a_un_nome_non_interrompe_un_elenco():
    found = facts("Figure AI ha raccolto 675 milioni di dollari in un round di Serie B. Al finanziamento hanno "
                  "partecipato Microsoft, l'OpenAI Startup Fund, Nvidia, Jeff Bezos e Intel Capital.")
    assert {(x, "investsIn", "Figure AI") for x in ("Microsoft", "OpenAI Startup Fund", "Nvidia", "Jeff Bezos",
                                                    "Intel Capital")} <= found


def test_una_descrizione_che_introduce_un_altro_nome_non_colloca_il_primo():
    found = all_triples("Il gruppo ha comprato l'app di appunti Evernote, il servizio olandese di trasferimento file "
                        "WeTransfer e Meetup. Mellanox, la società israeliana che Nvidia ha acquistato, fa reti.")
    assert not any(s == "Evernote" and p == "headquarteredIn" for s, p, _ in found)
    assert ("Mellanox", "headquarteredIn", "Israel") in found


def test_a_title_to_be_taken_is_planned_and_one_held_before_a_past_moment_is_over():
    assert all_triples("Daniel Zhang diventerà amministratore delegato di Alibaba.")[
        ("Daniel Zhang", "ceoOf", "Alibaba")].modality == "planned"
    assert all_triples("Unity ha scelto Matthew Bromberg come prossimo amministratore delegato.")[
        ("Matthew Bromberg", "ceoOf", "Unity")].modality == "planned"
    assert all_triples("Daniel Zhang era stato amministratore delegato di Alibaba dal 2015.")[
        ("Daniel Zhang", "ceoOf", "Alibaba")].modality == "ended"
    assert all_triples("Mellanox è stata fondata da Eyal Waldman, che ne è stato amministratore delegato.")[
        ("Eyal Waldman", "ceoOf", "Mellanox")].modality == "ended"
    # the appointed person, with the title parsed as the passive subject
    assert all_triples("Daniel Zhang è stato nominato amministratore delegato di Alibaba.")[
        ("Daniel Zhang", "ceoOf", "Alibaba")].modality == "completed"


def test_one_of_the_rivals_of_a_company_competes_with_it():
    def rivals(text: str) -> set[frozenset[str]]:  # (a symmetric relation: either order)
        return {frozenset((s, o)) for s, p, o in facts(text) if p == "competesWith"}

    assert frozenset({"NXP Semiconductors", "STMicroelectronics"}) in rivals(
        "NXP resta uno dei principali concorrenti di STMicroelectronics.")
    got = rivals("Baidu e Tencent restano i principali concorrenti di Alibaba nei modelli linguistici.")
    assert {frozenset({"Baidu", "Alibaba"}), frozenset({"Tencent", "Alibaba"})} <= got


def test_who_licenses_out_what_is_taken_in_licence_supplies_the_licensee():
    assert ("Covariant", "suppliesTo", "Amazon") in facts("Amazon ha preso in licenza anche i modelli di Covariant.")
    assert ("Enfabrica", "suppliesTo", "Nvidia") in facts(
        "Nvidia ha speso 900 milioni per ottenere in licenza la tecnologia di Enfabrica.")


def test_founders_read_through_a_name_taken_for_an_adjective_and_a_company_born_of_their_initiative():
    got = facts("Elon Musk aveva cofondato OpenAI nel 2015 insieme a Sam Altman.")
    assert {("Elon Musk", "founderOf", "OpenAI"), ("Sam Altman", "founderOf", "OpenAI")} <= got
    got = facts("Tabular è nata nel 2021 per iniziativa di Ryan Blue, Daniel Weeks e Jason Reid.")
    assert {("Ryan Blue", "founderOf", "Tabular"), ("Jason Reid", "founderOf", "Tabular")} <= got


def test_a_unit_named_after_its_company_is_owned_by_it():
    got = facts("Phil Spencer è a capo di Microsoft Gaming, la divisione videogiochi del gruppo.")
    assert {("Phil Spencer", "leads", "Microsoft Gaming"), ("Microsoft", "owns", "Microsoft Gaming")} <= got


def test_founded_and_led_by_the_same_person():
    got = facts("Silicon Motion, fondata e guidata dall'amministratore delegato Wallace Kou, si rivolgerà a un arbitrato.")
    assert {("Wallace Kou", "founderOf", "Silicon Motion"), ("Wallace Kou", "ceoOf", "Silicon Motion")} <= got


@pytest.mark.parametrize("text,expected", [
    # il luogo di un impianto detto da un participio o da una relativa sul nome comune
    ("L'addestramento si è svolto su Alps, il supercomputer installato a Lugano presso il CSCS.",
     ("Alps", "locatedIn", "Lugano")),
    ("La Smart Power Fab è la nuova fabbrica che il gruppo sta costruendo a Dresda.",
     ("Smart Power Fab", "locatedIn", "Dresden")),
    ("Nel 2021 aveva comprato Newport Wafer Fab, il più grande stabilimento di chip del Regno Unito, situato in Galles.",
     ("Newport Wafer Fab", "locatedIn", "Wales")),
])
def test_a_site_is_placed_through_a_clause_on_its_noun(text, expected):
    assert expected in set(all_triples(text))


def test_rivals_through_an_idiom_and_a_rival_in_apposition_parsed_as_a_conjunct():
    def rivals(text: str) -> set[frozenset[str]]:
        return {frozenset((s, o)) for s, p, o in facts(text) if p == "competesWith"}

    # "perdere terreno contro X": the bare object noun makes an idiom, its phrase belongs to the verb
    got = rivals("Negli ultimi anni iRobot ha perso terreno contro concorrenti cinesi come Roborock ed Ecovacs.")
    assert {frozenset({"iRobot", "Roborock"}), frozenset({"iRobot", "Ecovacs"})} <= got
    assert frozenset({"HashiCorp", "Pulumi"}) in rivals(
        "Anche Pulumi, rivale storico di HashiCorp, conta di intercettare gli sviluppatori scontenti.")


def test_a_round_raised_in_a_time_phrase_is_a_fact_of_the_main_subject_with_its_participants():
    text = ("Cerebras Systems ha firmato un accordo con OpenAI. A ottobre l'azienda ha ritirato la domanda di Ipo, "
            "pochi giorni dopo aver raccolto 1,1 miliardi di dollari in un round guidato da Fidelity, con la "
            "partecipazione di Tiger Global e Valor Equity Partners.")
    got = all_triples(text)
    for backer in ("Fidelity", "Tiger Global", "Valor Equity Partners"):
        assert got[(backer, "investsIn", "Cerebras")].modality == "completed", backer


def test_a_plural_the_lemmatizer_mangles_still_triggers():
    # "azionisti" lemmatised "azionisto": the regular plural of the trigger noun "azionista"
    assert ("Nvidia", "investsIn", "Zhipu AI") in facts("Nvidia e Alibaba figurano tra gli azionisti di Zhipu AI.")


def test_a_name_after_a_cue_noun_and_a_describing_phrase_is_the_cue():
    got = facts("La startup britannica di infrastrutture per l'IA Nscale ha raccolto 1,1 miliardi in un round "
                "guidato dal gruppo industriale norvegese Aker.")
    assert ("Aker", "investsIn", "Nscale") in got


def test_a_misspelled_company_word_and_a_sentence_opening_foreign_word_keep_the_name_whole():
    # "Fuison" is "Fusion" with two letters swapped; "Proxima" opens the sentence and is no Italian word
    text = ("Proxima Fuison, la società di Monaco che progetta centrali a stellarator, ha chiuso un aumento di "
            "capitale da 130 mln di euro guidato da Cherry Ventures. Proxima Fusion è nata nel 2023.")
    got = all_triples(text)
    assert ("Cherry Ventures", "investsIn", "Proxima Fusion") in got, set(got)


def test_a_bare_chief_executive_title_is_never_a_government_role():
    text = ("Il governo olandese ha limitato le esportazioni di ASML verso la Cina. L'amministratore delegato "
            "Christophe Fouquet ha detto agli analisti che la quota cinese tornerà a livelli normali.")
    got = facts(text)
    assert not any(s == "Christophe Fouquet" and o == "Dutch government" for s, _, o in got), got


def test_the_clitic_of_a_title_in_a_fronted_participle_is_the_sentence_subject():
    text = ("Samsung ha vinto un ordine. Fondata nel 2014 da Toru Nishikawa, che oggi ne è l'amministratore "
            "delegato, e da Daisuke Okanohara, Preferred Networks conta tra i suoi azionisti Toyota.")
    got = facts(text)
    assert ("Toru Nishikawa", "ceoOf", "Preferred Networks") in got, got
    assert ("Toru Nishikawa", "ceoOf", "Samsung Electronics") not in got


@pytest.mark.parametrize("text,pairs", [
    # "contendersi gli ordini con X": the with-phrase hangs on the object
    ("GE Vernova si contende gli ordini con Siemens Energy e Mitsubishi Heavy Industries.",
     [("GE Vernova", "Siemens Energy"), ("GE Vernova", "Mitsubishi Heavy Industries")]),
    # a plural apposition describes the whole list before it
    ("STMicroelectronics e onsemi, le altre grandi rivali di Infineon nei chip di potenza, si sono assicurate i "
     "substrati.", [("Infineon Technologies", "STMicroelectronics"), ("Infineon Technologies", "onsemi")]),
    # "avversario", and the rival named by "restare"
    ("Il principale avversario di Nvidia resta AMD, che vende le GPU Instinct.", [("Nvidia", "AMD")]),
])
def test_more_italian_wordings_of_rivalry(text, pairs):
    got = {frozenset((s, o)) for s, p, o in facts(text) if p == "competesWith"}
    for a, b in pairs:
        assert frozenset((a, b)) in got, got


def test_a_reflexive_verb_is_its_own_trigger_and_a_participle_before_it_plans_nothing():
    # "si rivolge a Broadcom" (turns to: a supplier), not planned by "progettati" (designed)
    t = all_triples("Meta acquista gli acceleratori da Nvidia, mentre per i chip progettati su misura si rivolge "
                    "a Broadcom.")
    assert t[("Broadcom", "suppliesTo", "Meta")].modality == "completed"
    # "si appoggia a X" relies on X; it is no support of X
    got = set(all_triples("Per il prossimo salto Translated si appoggia al Cineca."))
    assert ("Cineca", "supports", "Translated") not in got


def test_an_active_verb_coordinated_with_a_passive_shares_its_subject_not_its_agent():
    got = facts("La macchina è stata costruita da Hewlett Packard Enterprise per il centro ticinese e si basa sui "
                "superchip GH200 di Nvidia.")
    assert ("Nvidia", "suppliesTo", "Hewlett Packard Enterprise") not in got


def test_a_dotted_corporate_suffix_is_part_of_the_name_not_a_company_of_its_own():
    doc = load_pipeline("it")("Fincantieri S.p.A. ha firmato un accordo con Leonardo.")
    assert "S.p.A." in [t.text for t in doc]
    got = facts("Fincantieri S.p.A. ha firmato un accordo con Leonardo.")
    assert ("Fincantieri", "partnersWith", "Leonardo") in got
    assert not any("S.p" in s or "S.p" in o for s, _, o in got)


def test_un_round_named_after_a_name_ending_in_a_capital_is_that_company_s():
    got = facts("Il round più grande è quello di PhysicsX. La società londinese ha raccolto 135 milioni di dollari "
                "in una Serie B guidata da Atomico. Hanno aderito Temasek e Siemens.")
    assert {("Atomico", "investsIn", "PhysicsX"), ("Temasek", "investsIn", "PhysicsX"),
            ("Siemens", "investsIn", "PhysicsX")} <= got


def test_tre_controllate_before_a_colon_are_the_three_names_listed_over_their_asides():
    got = facts("Lyten ha raggiunto un accordo con il curatore fallimentare per rilevare tre controllate di "
                "Northvolt: Northvolt Ett, che gestisce il grande impianto di Skellefteå, nel nord della Svezia, "
                "Northvolt Labs, il centro di ricerca di Västerås, e Northvolt Drei, il progetto di Heide.")
    assert {("Lyten", "acquired", "Northvolt Ett"), ("Lyten", "acquired", "Northvolt Labs")} <= got
    assert not any(p == "leads" for _, p, _ in got)  # "Northvolt Ett, che gestisce ..." is no person


def test_hanno_partecipato_tra_gli_altri_names_the_round_s_investors_after_the_aside():
    got = facts("xAI ha raccolto 6 miliardi di dollari in un round a cui hanno partecipato, tra gli altri, "
                "BlackRock, Nvidia e AMD.")
    assert {("BlackRock", "investsIn", "xAI"), ("Nvidia", "investsIn", "xAI"), ("AMD", "investsIn", "xAI")} <= got


def test_a_name_right_before_a_subjectless_verb_is_its_subject():
    """The parser hangs "xAI" on the purpose clause before it ("la corsa xAI")."""
    assert ("BlackRock", "investsIn", "xAI") in facts(
        "Per pagare la corsa xAI ha raccolto 6 miliardi di dollari in un round guidato da BlackRock.")


def test_the_agent_of_a_participle_hung_inside_a_time_phrase_is_still_its_agent():
    got = facts("Chronosphere vende strumenti di osservabilità. La società, finanziata nel corso degli anni da "
                "Greylock, Lux Capital e General Atlantic, vende strumenti che raccolgono i dati.")
    assert {("Greylock", "investsIn", "Chronosphere"), ("General Atlantic", "investsIn", "Chronosphere")} <= got


def test_a_guidare_il_round_e_stata_x_makes_x_the_lead_investor():
    got = facts("Suno ha chiuso un round da 250 milioni. A guidare l'aumento di capitale è stata Menlo Ventures; "
                "hanno partecipato NVentures e Hallwood Media.")
    assert {("Menlo Ventures", "investsIn", "Suno"), ("NVentures", "investsIn", "Suno")} <= got


def test_sono_state_before_a_name_is_the_verb_not_a_state():
    """"state" is the Italian participle of essere here, not the English noun that types a place."""
    got = facts("A costruire per Eni il supercomputer HPC6, installato a Ferrera Erbognone, sono state HPE e AMD.")
    assert {("Hewlett Packard Enterprise", "suppliesTo", "Eni"), ("AMD", "suppliesTo", "Eni")} <= got


def test_what_is_built_for_a_customer_is_supplied_to_it_not_the_builder_s_product():
    got = facts("A costruire per Eni il supercomputer HPC6 sono state HPE e AMD.")
    assert not any(p == "productOf" and s == "HPC6" for s, p, _ in got)


def test_la_joint_venture_apposed_to_a_company_is_that_company():
    got = facts("Infineon costruisce la Smart Power Fab a Dresda. Nella stessa città Infineon detiene il 10% di ESMC, "
                "la joint venture di Dresda controllata al 70% da TSMC, alla quale partecipano anche Bosch e NXP.")
    assert ("TSMC", "owns", "ESMC") in got and ("TSMC", "owns", "Smart Power Fab") not in got


def test_bare_shareholders_belong_to_the_company_the_last_investment_was_in():
    got = facts("Amazon, principale azionista di Anthropic, ha investito in tutto 8 miliardi di dollari nella società. "
                "Anche Google figura tra i soci.")
    assert ("Google", "investsIn", "Anthropic") in got and ("Google", "investsIn", "Amazon") not in got


def test_listed_shareholders_are_not_shareholders_of_each_other():
    got = facts("Zhipu AI è una startup di Pechino. Quasi tutti i giganti del web cinese: Alibaba, Tencent, Meituan e "
                "Xiaomi figurano tra gli azionisti.")
    assert not any(o in {"Alibaba", "Tencent"} for _, p, o in got if p == "investsIn")
    got = facts("Volkswagen, primo azionista con circa il 21%, e Goldman Sachs erano tra i soci più esposti.")
    assert ("Volkswagen", "investsIn", "Goldman Sachs") not in got


def test_a_reference_object_is_not_the_relative_clause_s_own_coordinated_subjects():
    got = facts("Informatica vende software per la gestione dei dati, con sede a Redwood City. Tra i principali "
                "azionisti figurano ancora Permira e CPP Investments, che nel 2015 avevano rilevato la società.")
    assert ("CPP Investments", "acquired", "Permira") not in got


def test_a_company_s_site_named_by_its_place_places_the_company_there():
    assert ("Renesas Electronics", "locatedIn", "Kofu") in facts(
        "Ad aprile Renesas ha riaperto la fabbrica di Kofu, nella prefettura di Yamanashi.")
    got = facts("Nexperia produce soprattutto nelle sue fabbriche di Amburgo e di Manchester.")
    assert {("Nexperia", "locatedIn", "Hamburg"), ("Nexperia", "locatedIn", "Manchester")} <= got


def test_the_owners_of_a_named_joint_venture_take_part_in_it_and_are_not_partners_by_it():
    got = facts("Sony Honda Mobility, la joint venture paritetica tra Sony Group e Honda Motor, ha aperto le "
                "prenotazioni per Afeela 1.")
    assert not any(p == "partnersWith" for _, p, _ in got)


def test_a_verb_after_an_aside_opened_by_the_first_name_has_that_name_as_subject():
    got = facts("CoreWeave, con sede a Livingston, New Jersey, acquista GPU da Nvidia e affitta capacità di calcolo.")
    assert ("Nvidia", "suppliesTo", "CoreWeave") in got


def test_an_object_the_parser_took_for_a_late_subject_after_a_fronted_time_phrase():
    got = facts("Nello stesso mese SSI ha scelto Google Cloud come principale fornitore di calcolo.")
    assert ("Google Cloud", "suppliesTo", "Safe Superintelligence") in got
    assert ("Safe Superintelligence", "suppliesTo", "Google Cloud") not in got


def test_a_company_of_a_named_chief_executive_is_the_one_the_gazetteer_knows_for_him():
    got = facts("Microsoft ha firmato un nuovo accordo con OpenAI. Google intanto insegue. Dopo la ricapitalizzazione "
                "della società dell'amministratore delegato Sam Altman, Microsoft detiene il 27% del capitale.")
    assert ("Sam Altman", "ceoOf", "OpenAI") in got and ("Sam Altman", "ceoOf", "Google") not in got


def test_an_institution_takes_only_the_adjectives_that_agree_with_it():
    got = all_triples("I due gruppi partecipano a Leonardo Rheinmetall Military Vehicles, la joint venture che dovrà "
                      "fornire all'Esercito italiano nuovi carri armati e veicoli da combattimento.")
    assert ("Leonardo Rheinmetall Military Vehicles", "suppliesTo", "Italian Army") in got
    assert not any("nuovi" in o for _, _, o in got)


def test_closing_a_deal_is_no_round_a_later_clitic_could_lead():
    got = all_triples("Alphabet chiude una separazione durata dieci anni e mette insieme le sue squadre di ricerca in "
                      "Google DeepMind. A guidarla è Demis Hassabis.")
    assert not any(p == "investsIn" for _, p, _ in got)


def test_a_fellow_title_is_a_job_not_a_company():
    got = facts("Per il ruolo era stato indicato Phil Schiller, Apple Fellow, che oggi supervisiona l'App Store.")
    assert ("Phil Schiller", "employeeOf", "Apple") in got
    assert not any(o == "Fellow" or s == "Fellow" for s, _, o in got)


def test_a_place_shaped_name_closing_a_list_of_companies_is_a_company():
    got = facts("Thinking Machines Lab ha raccolto 2 miliardi di dollari in un round guidato da Andreessen Horowitz, "
                "con la partecipazione di Nvidia, AMD, Cisco e Jane Street.")
    assert {("AMD", "investsIn", "Thinking Machines Lab"), ("Jane Street", "investsIn", "Thinking Machines Lab")} <= got


@pytest.mark.parametrize("text, triple, modality", [
    ("Reed Hastings è entrato nel consiglio di amministrazione di Anthropic.",
     ("Reed Hastings", "employeeOf", "Anthropic"), "completed"),
    ("John Elkann entra nel board di Meta.", ("John Elkann", "employeeOf", "Meta"), "completed"),
    ("Ha commentato il partner Harry Nelis, che entrerà nel consiglio di amministrazione di Lovable.",
     ("Harry Nelis", "employeeOf", "Lovable"), "planned"),
    ("Lip-Bu Tan, che in passato è stato ceo di Cadence Design Systems, guida Intel.",
     ("Lip-Bu Tan", "ceoOf", "Cadence Design Systems"), "ended"),
    ("Ilya Sutskever è diventato amministratore delegato della startup Safe Superintelligence.",
     ("Ilya Sutskever", "ceoOf", "Safe Superintelligence"), "completed"),
])
def test_board_seats_and_titles_over_a_description(text, triple, modality):
    assert all_triples(text)[triple].modality == modality


def test_venture_capital_before_a_name_is_no_capital_city():
    assert ("Lip-Bu Tan", "founderOf", "Walden International") in facts(
        "Lip-Bu Tan ha fondato la società di venture capital Walden International.")


@pytest.mark.parametrize("text, triple, modality", [
    ("Simonyan è stato cofondatore e capo scienziato di Inflection AI.", ("Simonyan", "employeeOf", "Inflection AI"),
     "ended"),
    ("Simonyan è stato cofondatore e capo scienziato di Inflection AI.", ("Simonyan", "founderOf", "Inflection AI"),
     "completed"),
    ("Il consiglio di Vodafone le affidò la guida del gruppo dopo l'uscita dell'amministratore delegato Nick Read.",
     ("Nick Read", "ceoOf", "Vodafone"), "ended"),
])
def test_past_titles_and_titles_of_a_departure(text, triple, modality):
    assert all_triples(text)[triple].modality == modality


def test_a_participle_after_the_verb_and_a_name_describes_that_name():
    got = facts("La filiale spagnola, Vodafone España, è passata alla britannica Zegona, guidata da Eamonn O'Hare, per "
                "5 miliardi di euro.")
    assert ("Eamonn O'Hare", "leads", "Zegona") in got
    assert not any(p == "leads" and o != "Zegona" for _, p, o in got)


def test_support_expressed_for_a_company_s_initiative_is_support_of_the_company():
    got = facts("Il ministero delle Imprese e del Made in Italy ha espresso il proprio sostegno all'iniziativa di Eni.")
    assert ("Italian Ministry of Enterprises and Made in Italy", "supports", "Eni") in got


def test_a_complementiser_taken_for_a_relative_object_gives_way_to_the_bare_name_after_the_verb():
    assert ("AMD", "competesWith", "Nvidia") in facts(
        "È la prova che AMD può insidiare davvero Nvidia nel mercato degli acceleratori.")


def test_a_capitalised_common_word_inside_running_text_starts_the_name_after_it():
    got = facts("Helsing ha raccolto 600 milioni di euro in un round guidato da Prima Materia, la società di "
                "investimento di Daniel Ek.")
    assert ("Prima Materia", "investsIn", "Helsing") in got


@pytest.mark.parametrize("text,expected", [
    ("Quest'anno Groq ha anche aperto un data center a Helsinki, in collaborazione con Equinix.",
     ("Groq", "locatedIn", "Helsinki")),
    ("Brookfield finanzierà il 49% dell'espansione del campus di Intel a Chandler, in Arizona.",
     ("Intel", "locatedIn", "Chandler")),
    ("STMicroelectronics sta costruendo a Catania un impianto per i substrati.",
     ("STMicroelectronics", "locatedIn", "Catania")),
])
def test_an_unnamed_site_places_the_company_that_has_or_builds_it(text, expected):
    assert expected in facts(text)


def test_a_company_s_sites_across_a_country_do_not_place_it_there():
    got = facts("Oklo fornirà energia. Il gruppo dei data center ha detto che l'energia servirà ai suoi impianti negli "
                "Stati Uniti.")
    assert not any(p == "locatedIn" and o == "United States" for _, p, o in got)


def test_gerunds_of_ire_and_urre_verbs_get_their_own_lemma():
    nlp = load_pipeline("it")
    doc = nlp("STMicroelectronics sta costruendo un impianto, fornendo chip e producendo wafer.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert (lemmas["costruendo"], lemmas["fornendo"], lemmas["producendo"]) == ("costruire", "fornire", "produrre")


def test_a_contract_awarded_to_a_company_makes_it_the_supplier():
    got = facts("Il ministero della Difesa ha aggiudicato il contratto a Leonardo.")
    assert ("Leonardo", "suppliesTo", "Italian Ministry of Defence") in got
    # money granted is no order: still support
    assert ("Italian government", "supports", "Leonardo") in facts(
        "Il governo italiano ha concesso a Leonardo un finanziamento da 300 milioni di euro.")


def test_a_company_bought_as_a_startup_is_an_acquisition_not_a_supply():
    got = facts("Ad aprile Wiz ha comprato la startup Gem Security per circa 350 milioni di dollari.")
    assert ("Wiz", "acquired", "Gem Security") in got
    assert ("Gem Security", "suppliesTo", "Wiz") not in got


def test_a_passive_purchase_s_agent_is_no_supplier():
    got = facts("Il rivale più noto, Weights & Biases, è stato comprato quest'anno da Coreweave.")
    assert not any(p == "suppliesTo" for _, p, _ in got)


def test_a_name_after_a_title_in_a_phrase_on_the_subject_is_not_a_second_subject():
    got = facts("OpenAI cresce. Il gruppo guidato dall'amministratore delegato Sam Altman ha firmato un accordo per "
                "acquisire Neptune.")
    assert not any(s == "Sam Altman" and p == "acquired" for s, p, _ in got)


def test_companies_listed_among_the_partners_are_not_each_other_s_partners():
    got = facts("Nvidia ha presentato NVLink Fusion. Tra i primi partner figurano MediaTek, Marvell e Alchip.")
    assert not any(p == "partnersWith" and {s, o} <= {"MediaTek", "Marvell Technology", "Alchip"} for s, p, o in got)


def test_a_seat_to_be_moved_is_planned():
    got = all_triples("Oracle trasferirà la sede a Nashville.")
    assert got[("Oracle", "headquarteredIn", "Nashville")].modality == "planned"


def test_a_title_in_a_di_cui_clause_belongs_to_the_company_before_it():
    got = facts("SpaceX, di cui Musk è fondatore e amministratore delegato, resterà presente in California.")
    assert {("Musk", "ceoOf", "SpaceX"), ("Musk", "founderOf", "SpaceX")} <= got or \
        {("Elon Musk", "ceoOf", "SpaceX"), ("Elon Musk", "founderOf", "SpaceX")} <= got


def test_an_elided_saint_name_stays_one_place():
    assert ("Lamborghini", "headquarteredIn", "Sant'Agata Bolognese") in facts(
        "La rivale Lamborghini, con sede a Sant'Agata Bolognese, prevede di lanciare la sua prima elettrica.")


def test_italian_news_calls_ferrari_the_cavallino_and_luca_ferrari_stays_a_person():
    assert ("SK On", "suppliesTo", "Ferrari") in facts("Per le celle, il Cavallino si affida alla sudcoreana SK On.")
    got = facts("Bending Spoons è stata fondata nel 2013 da Luca Ferrari e Matteo Danieli.")
    assert ("Luca Ferrari", "founderOf", "Bending Spoons") in got


def test_a_round_closed_by_a_startup_described_by_its_city_is_the_startup_s():
    got = facts("Stefano Ermon è cofondatore di Inception, startup di Palo Alto che ha appena chiuso un round seed da 50 "
                "milioni di dollari.\n\nA guidare il finanziamento è stata Menlo Ventures. Hanno partecipato Mayfield e "
                "Snowflake Ventures.")
    assert {("Menlo Ventures", "investsIn", "Inception"), ("Mayfield", "investsIn", "Inception")} <= got


def test_a_singular_possessive_in_a_plural_relative_clause_is_not_its_subject_s():
    got = facts("Multiverse dichiara oltre cento clienti, tra cui Iberdrola, Bosch e la Bank of Canada, che usano i suoi "
                "strumenti.")
    assert ("Iberdrola", "suppliesTo", "Bank of Canada") not in got


def test_the_maker_of_another_company_s_product_supplies_that_company():
    assert ("Foxconn", "suppliesTo", "Apple") in facts("Foxconn è il principale assemblatore degli iPhone di Apple.")
    assert not any(p == "suppliesTo" for _, p, _ in facts("Nvidia è il produttore di chip di Santa Clara."))
