"""English extraction, construction by construction (issue: accurate relation extraction from English news).

Each case is a sentence of our own and the triples a careful analyst reads in it; ``absent`` lists triples
that must NOT be produced (negative cases: denied deals, pronouns, junk entities)."""

from __future__ import annotations

import pytest

from kg.api import extract_triples


def facts(text: str) -> set[tuple[str, str, str]]:
    """(subject, predicate, object) labels stated as facts (completed or announced)."""
    return {(t.subject.label, t.predicate, t.object.label) for t in extract_triples(text, lang="en") if t.asserted}


def all_triples(text: str) -> dict[tuple[str, str, str], object]:
    return {(t.subject.label, t.predicate, t.object.label): t for t in extract_triples(text, lang="en")}


CASES = [
    # active and passive
    ("Cisco bought Splunk in 2024.", {("Cisco", "acquired", "Splunk")}),
    ("Splunk was acquired by Cisco for $28 billion.", {("Cisco", "acquired", "Splunk")}),
    # nominalisations
    ("Salesforce's acquisition of Slack closed in July 2021.", {("Salesforce", "acquired", "Slack")}),
    ("IBM's purchase of HashiCorp was approved by regulators.", {("IBM", "acquired", "HashiCorp")}),
    ("Mistral AI raised a $2 billion investment led by General Catalyst.",
     {("General Catalyst", "investsIn", "Mistral AI")}),
    # titles and roles
    ("Nvidia CEO Jensen Huang spoke at the conference.", {("Jensen Huang", "ceoOf", "Nvidia")}),
    ("Jensen Huang, Nvidia's chief executive, spoke at the conference.", {("Jensen Huang", "ceoOf", "Nvidia")}),
    ("The chief executive of AMD, Lisa Su, said demand was strong.", {("Lisa Su", "ceoOf", "AMD")}),
    ("Lisa Su, who runs AMD, said demand was strong.", {("Lisa Su", "leads", "AMD")}),
    ("OpenAI co-founder Ilya Sutskever left the company in 2024.", {("Ilya Sutskever", "founderOf", "OpenAI")}),
    ("Greg Brockman, the president of OpenAI, returned in November.", {("Greg Brockman", "leads", "OpenAI")}),
    # relative clauses and appositions
    ("Mellanox, which Nvidia bought in 2020, makes networking chips.", {("Nvidia", "acquired", "Mellanox")}),
    ("Databricks, the data company, acquired MosaicML.", {("Databricks", "acquired", "MosaicML")}),
    # coordination
    ("Nvidia and Salesforce invested in Cohere.",
     {("Nvidia", "investsIn", "Cohere"), ("Salesforce", "investsIn", "Cohere")}),
    ("Microsoft partnered with AMD and Intel.", {("AMD", "partnersWith", "Microsoft"), ("Intel", "partnersWith", "Microsoft")}),
    # possessives and compounds for products
    ("Meta's Llama models are popular with developers.", {("Llama", "productOf", "Meta")}),
    # supply in many words
    ("Nvidia supplies chips to OpenAI.", {("Nvidia", "suppliesTo", "OpenAI")}),
    ("Anthropic relies on Amazon Web Services for its cloud.", {("Amazon Web Services", "suppliesTo", "Anthropic")}),
    ("Oracle signed a contract to supply computing capacity to OpenAI.", {("Oracle", "suppliesTo", "OpenAI")}),
    ("DeepSeek trained its model using chips from Nvidia.", {("Nvidia", "suppliesTo", "DeepSeek")}),
    # competition
    ("Anthropic competes with OpenAI.", {("Anthropic", "competesWith", "OpenAI")}),
    ("Mistral AI, a rival of OpenAI, released a new model.", {("Mistral AI", "competesWith", "OpenAI")}),
    # locations
    ("Nvidia is headquartered in Santa Clara.", {("Nvidia", "headquarteredIn", "Santa Clara")}),
    ("Mistral AI is based in Paris.", {("Mistral AI", "headquarteredIn", "Paris")}),
    ("Nvidia reported record revenue. The Santa Clara-based chipmaker said demand was strong.",
     {("Nvidia", "headquarteredIn", "Santa Clara")}),
    # reference within a document
    ("Nvidia reported record revenue. The company also invested in Mistral AI.", {("Nvidia", "investsIn", "Mistral AI")}),
    ("Anthropic was founded in 2021. It relies on Google for chips.", {("Google", "suppliesTo", "Anthropic")}),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_construction(text, expected):
    got = facts(text)
    assert expected <= got, f"missing {expected - got}; got {got}"


def test_money_dates_and_scale_words():
    t = all_triples("Microsoft invested $13bn in OpenAI in 2023.")[("Microsoft", "investsIn", "OpenAI")]
    assert (t.amount, t.currency, t.date) == (13_000_000_000, "USD", "2023")
    t = all_triples("ASML invested EUR 1.3 billion in Mistral AI.")[("ASML", "investsIn", "Mistral AI")]
    assert (t.amount, t.currency) == (1_300_000_000, "EUR")
    t = all_triples("SoftBank invested 4 billion dollars in OpenAI.")[("SoftBank Group", "investsIn", "OpenAI")]
    assert (t.amount, t.currency) == (4_000_000_000, "USD")


@pytest.mark.parametrize("text,triple,modality", [
    ("OpenAI is in talks to buy Windsurf for $3bn.", ("OpenAI", "acquired", "Windsurf"), "considered"),
    ("Microsoft denied it would invest in Mistral AI.", ("Microsoft", "investsIn", "Mistral AI"), "denied"),
    ("Nvidia abandoned its bid for Arm.", ("Nvidia", "acquired", "Arm Holdings"), "ended"),
    ("Nvidia plans to invest in xAI.", ("Nvidia", "investsIn", "xAI"), "planned"),
    ("Amazon reportedly plans to invest in Anthropic, according to people familiar with the matter.",
     ("Amazon", "investsIn", "Anthropic"), "rumoured"),
])
def test_modality_and_negative_facts_are_not_asserted(text, triple, modality):
    got = all_triples(text)
    assert triple in got and got[triple].modality == modality
    assert not got[triple].asserted


@pytest.mark.parametrize("text", [
    "It invested in the startup last year.",
    "The company said the chipmaker would buy the group.",
    "CEO said AI and the cloud are the future, according to Reuters.",
    "In March 2024 the API was used by $4 billion worth of GPU servers.",
])
def test_no_pronoun_generic_or_junk_entities(text):
    for t in extract_triples(text, lang="en"):
        for e in (t.subject, t.object):
            assert e.label.lower() not in {"it", "the company", "the startup", "the chipmaker", "the group", "ceo",
                                           "ai", "the cloud", "api", "gpu", "march 2024", "reuters"}


def test_confidence_grows_with_repeated_evidence():
    one = all_triples("Nvidia invested in Mistral AI.")[("Nvidia", "investsIn", "Mistral AI")].confidence
    two = all_triples("Nvidia invested in Mistral AI. Later, Nvidia invested in Mistral AI again.")[
        ("Nvidia", "investsIn", "Mistral AI")].confidence
    assert 0 < one < two <= 1


@pytest.mark.parametrize("text,expected", [
    ("Sundar Pichai, chief executive of Alphabet and Google, spoke.",
     {("Sundar Pichai", "ceoOf", "Alphabet"), ("Sundar Pichai", "ceoOf", "Google")}),
    ("TSMC makes chips for Apple and Nvidia.", {("TSMC", "suppliesTo", "Apple"), ("TSMC", "suppliesTo", "Nvidia")}),
    ("xAI raised $6 billion from investors including Andreessen Horowitz and Sequoia Capital.",
     {("Andreessen Horowitz", "investsIn", "xAI"), ("Sequoia Capital", "investsIn", "xAI")}),
    ("Google agreed to acquire Wiz for $32 billion.", {("Google", "acquired", "Wiz")}),
    ("Broadcom completed its $69 billion acquisition of VMware.", {("Broadcom", "acquired", "VMware")}),
])
def test_more_news_phrasings(text, expected):
    assert expected <= facts(text)


@pytest.mark.parametrize("text,triple,modality", [
    ("SoftBank sold its entire stake in Nvidia.", ("SoftBank Group", "investsIn", "Nvidia"), "ended"),
    ("Microsoft and OpenAI ended their exclusive cloud partnership.", ("Microsoft", "partnersWith", "OpenAI"), "ended"),
    ("Former Intel CEO Pat Gelsinger joined a venture firm.", ("Pat Gelsinger", "ceoOf", "Intel"), "ended"),
])
def test_ended_facts(text, triple, modality):
    got = all_triples(text)
    assert triple in got and got[triple].modality == modality and not got[triple].asserted


@pytest.mark.parametrize("text,expected", [
    ("Arm, which is majority-owned by SoftBank, designs chips.", {("SoftBank Group", "owns", "Arm Holdings")}),
    ("Perplexity is valued at $9 billion after a round led by IVP.", {("IVP", "investsIn", "Perplexity")}),
    ("G42 received a $1.5 billion investment from Microsoft.", {("Microsoft", "investsIn", "G42")}),
    ("Nvidia faces growing competition from AMD.", {("AMD", "competesWith", "Nvidia")}),
])
def test_passive_complements_and_governed_nouns(text, expected):
    assert expected <= facts(text)


def test_chips_used_by_customers_do_not_make_customers_suppliers():
    got = facts("Arm designs chips used by Apple and Qualcomm.")
    assert ("Apple", "suppliesTo", "Qualcomm") not in got


def test_a_qualified_reading_replaces_the_plain_one_in_the_same_sentence():
    got = all_triples("Meta's chief AI scientist Yann LeCun is leaving the company.")
    assert [t.modality for k, t in got.items() if k == ("Yann LeCun", "employeeOf", "Meta")] == ["ended"]


# ---------------------------------------------------------------- issue #3, second pass: constructions behind dev misses
@pytest.mark.parametrize("text,expected,absent", [
    # a later subject pronoun takes the referent of the subject pronoun before it, not the last name mentioned
    ("Qualcomm has grown through deals. Last year it paid $1.4 billion for Nuvia Inc, a chip designer, and in March "
     "it closed the acquisition of Arduino.",
     {("Qualcomm", "acquired", "Nuvia"), ("Qualcomm", "acquired", "Arduino")},
     {("Nuvia", "acquired", "Arduino")}),
    # a possessive in a fronted phrase refers forward to the clause subject
    ("Like its rival AMD, Nvidia relies on TSMC for manufacturing.", {("AMD", "competesWith", "Nvidia")}, set()),
    # "The <place>-based company" with the place split off by the parser is still a definite reference
    ("Oracle reported results on Monday. The Austin, Texas-based company raised its forecast, and Larry Ellison, "
     "its chairman, said demand was strong.", {("Larry Ellison", "leads", "Oracle")}, set()),
    # a dateline is not the subject of the story's first sentence
    ("BERLIN, June 3 (Wire) - Aleph Alpha raised $500 million from Bosch.", {("Bosch", "investsIn", "Aleph Alpha")},
     set()),
    # a round whose "led by" hangs on the amount
    ("Perplexity said it had agreed a funding round of up to $500 million led by IVP.",
     {("IVP", "investsIn", "Perplexity")}, set()),
    # a venture noun: its owner (possessive) and its with-partners all participate
    ("OpenAI said the money would go to Stargate, its data centre venture with SoftBank and Oracle.",
     {("OpenAI", "participatesIn", "Stargate"), ("SoftBank Group", "participatesIn", "Stargate"),
      ("Oracle", "participatesIn", "Stargate")}, set()),
    # "A, B and C, all of which ..." relative clauses distribute over the list
    ("Samsung, Apple and Google, all of which license Arm's designs, welcomed the ruling.",
     {("Arm Holdings", "suppliesTo", "Samsung Electronics"), ("Arm Holdings", "suppliesTo", "Apple"),
      ("Arm Holdings", "suppliesTo", "Google")}, set()),
    # shares bought are an investment, not a supply of the issuer's products
    ("SoftBank agreed to buy $2 billion of Intel stock.", {("SoftBank Group", "investsIn", "Intel")},
     {("Intel", "suppliesTo", "SoftBank Group")}),
    # "named X as chief executive": the appointing organisation
    ("Intel named Lip-Bu Tan, a former board member, as chief executive.", {("Lip-Bu Tan", "ceoOf", "Intel")}, set()),
])
def test_second_pass_constructions(text, expected, absent):
    got = facts(text)
    assert expected <= got, f"missing {expected - got}; got {got}"
    assert not absent & got


@pytest.mark.parametrize("text,triple,modality", [
    # a "will" stating the terms of a signed deal is announced, not a plan
    ("Under the agreement, Nvidia will supply chips to Mistral AI.", ("Nvidia", "suppliesTo", "Mistral AI"),
     "announced"),
    # titles being left
    ("Pat Gelsinger stepped down as Intel's chief executive.", ("Pat Gelsinger", "ceoOf", "Intel"), "ended"),
    ("Varun Mohan, Windsurf's chief executive until Friday, joined Google.", ("Varun Mohan", "ceoOf", "Windsurf"),
     "ended"),
])
def test_second_pass_modalities(text, triple, modality):
    got = all_triples(text)
    assert triple in got and got[triple].modality == modality


@pytest.mark.parametrize("text,expected,absent", [
    # a bare "chief executive <name>": the only organisation named earlier in the sentence, or the article's
    ("Oracle beat forecasts on Tuesday. Oracle raised its outlook. Chief executive Safra Catz told analysts that "
     "demand was strong.", {("Safra Catz", "ceoOf", "Oracle")}, set()),
    ("For Broadcom, the contract vindicates a strategy engineered by chief executive Hock Tan, OpenAI said.",
     {("Hock Tan", "ceoOf", "Broadcom")}, {("Hock Tan", "ceoOf", "OpenAI")}),
    # other company officers named without their company, before the name or as its apposition
    ("Micron beat forecasts. Micron raised its outlook. Chief financial officer Mark Murphy expects margins to "
     "rise. David Zinsner, the chief business officer, said demand was strong.",
     {("Mark Murphy", "employeeOf", "Micron Technology"), ("David Zinsner", "employeeOf", "Micron Technology")}, set()),
    ("Intel named a new board. Intel cut jobs. Lip-Bu Tan, the chief executive, said the company would grow.",
     {("Lip-Bu Tan", "ceoOf", "Intel")}, set()),
    # ... not an officer title followed by what it is an officer of, nor a title that is not an officer's
    ("Micron beat forecasts. Micron raised its outlook. Sumit Sadana, the chief business officer of Acme Robotics, "
     "said demand was strong.", set(), {("Sumit Sadana", "employeeOf", "Micron Technology")}),
    ("Micron beat forecasts. Micron raised its outlook. Stacy Rasgon, the analyst, said demand was strong.", set(),
     {("Stacy Rasgon", "employeeOf", "Micron Technology")}),
    # rivals listed with "such as" / "including"
    ("Cohere competes with larger rivals such as OpenAI.", {("Cohere", "competesWith", "OpenAI")}, set()),
    ("Nvidia's rivals, including AMD and Intel, are racing to catch up.",
     {("AMD", "competesWith", "Nvidia"), ("Intel", "competesWith", "Nvidia")}, set()),
    # an indefinite title names nobody's chief executive
    ("Oracle beat forecasts. Oracle hired a chief executive Safra Catz had recommended.", set(),
     {("Safra Catz", "ceoOf", "Oracle")}),
    # ... but a chief executive leading some unrelated unit is not the company's
    ("Microsoft opened a unit led by chief executive Vincenzo Esposito.", set(),
     {("Vincenzo Esposito", "ceoOf", "Microsoft")}),
    # a place modifying the common noun of a facility's name locates it
    ("xAI's Colossus supercomputer in Memphis uses Nvidia chips.", {("Colossus", "locatedIn", "Memphis")}, set()),
    # a possessive inside "X, which ..." refers to X, not to an earlier name
    ("The deal follows arrangements with Nvidia and with AMD, which will supply its Instinct GPUs.",
     {("AMD Instinct", "productOf", "AMD")}, {("AMD Instinct", "productOf", "Nvidia")}),
    # a product name that starts with its maker's name
    ("Oracle said Oracle Cloud Infrastructure revenue grew 55%.", {("Oracle Cloud Infrastructure", "productOf", "Oracle")},
     set()),
    # "the Nvidia-backed cloud provider": an investor in a compound participle
    ("CoreWeave agreed to buy Core Scientific. The Nvidia-backed cloud provider expects savings.",
     {("Nvidia", "investsIn", "CoreWeave")}, set()),
    # a list of backers who "put in money" joins the round the sentence is about
    ("In May, xAI closed a $6 billion round: Vy Capital, Sequoia Capital and Fidelity all put in money.",
     {("Vy Capital", "investsIn", "xAI"), ("Sequoia Capital", "investsIn", "xAI"), ("Fidelity", "investsIn", "xAI")},
     set()),
    # "co-founded X with Y and Z": the with-phrase names co-founders; organisations setting up a venture do not
    ("In 2010 Demis Hassabis co-founded DeepMind with Shane Legg and Mustafa Suleyman.",
     {("Shane Legg", "founderOf", "Google DeepMind"), ("Mustafa Suleyman", "founderOf", "Google DeepMind")}, set()),
    # "put X in charge of Y"
    ("In 2023 Alphabet merged its labs and put Demis Hassabis in charge of Google DeepMind.",
     {("Demis Hassabis", "leads", "Google DeepMind")}, set()),
    # products standing for their makers in a competition verb
    ("Broadcom's custom chips compete head-on with Nvidia's graphics processors as well as with custom designs "
     "from Marvell Technology.",
     {("Broadcom", "competesWith", "Nvidia"), ("Broadcom", "competesWith", "Marvell Technology")}, set()),
    # a rumour attributed to a relative clause on the deal does not reach the deal itself
    ("Apple already hands some questions to ChatGPT under a partnership with OpenAI that, according to people "
     "briefed on it, involves no payment.", {("Apple", "partnersWith", "OpenAI")}, set()),
    # public money given or received is support, a fine is not
    ("The US Commerce Department has agreed to give Taiwan Semiconductor Manufacturing Co up to $6.6 billion in "
     "grants.", {("US Department of Commerce", "supports", "TSMC")}, set()),
    ("Intel received $8.9 billion from the US government.", {("US government", "supports", "Intel")},
     {("US government", "investsIn", "Intel")}),
    ("The European Commission gave Microsoft a fine of EUR 500 million.", set(),
     {("European Commission", "supports", "Microsoft")}),
    # a category cue noun ("the department") reaches back to the only entity of that kind in the article
    ("The US Commerce Department published its rules on Monday. TSMC will build a third plant. TSMC said demand "
     "was strong. TSMC shares rose. Intel received $6 billion from the department.",
     {("US Department of Commerce", "supports", "Intel")}, {("TSMC", "investsIn", "Intel")}),
    # "both" as a subject stands for the two organisations just named
    ("Like its rival Nvidia, AMD does not make its own chips: both rely on TSMC to manufacture them.",
     {("TSMC", "suppliesTo", "AMD"), ("TSMC", "suppliesTo", "Nvidia")}, set()),
    # "an Alphabet-owned company", "its subsidiary Waymo"; a place wrongly split off a name is no subsidiary
    ("Arm, the SoftBank-owned chip designer, reported results.", {("SoftBank Group", "owns", "Arm Holdings")}, set()),
    ("Alphabet said its subsidiary Waymo raised money.", {("Alphabet", "owns", "Waymo")}, set()),
    ("TSMC said the first factory is run by its subsidiary TSMC Arizona.", set(), {("TSMC", "owns", "Arizona")}),
    # "London, where DeepMind has its headquarters": the place a "where" clause describes
    ("Hassabis insisted on staying in London, where DeepMind still has its headquarters.",
     {("Google DeepMind", "headquarteredIn", "London")}, set()),
    ("Mistral AI grew fast in Paris, where the company is based.", {("Mistral AI", "headquarteredIn", "Paris")}, set()),
    # "his DeepMind colleague John Jumper"
    ("That work won Hassabis and his DeepMind colleague John Jumper a Nobel Prize.",
     {("John Jumper", "employeeOf", "Google DeepMind")}, set()),
    # a product as the customer of a supply stands for its maker
    ("ChatGPT runs on Microsoft's Azure cloud.", {("Microsoft", "suppliesTo", "OpenAI")}, set()),
    # "X's investors / customers / partners / rivals include A and B"; "whose backers include"
    ("Anthropic's investors include Google and Amazon.",
     {("Google", "investsIn", "Anthropic"), ("Amazon", "investsIn", "Anthropic")}, set()),
    ("Broadcom's customers include Google and Meta.",
     {("Broadcom", "suppliesTo", "Google"), ("Broadcom", "suppliesTo", "Meta")}, set()),
    ("Microsoft's partners include OpenAI and Mistral AI.",
     {("Microsoft", "partnersWith", "OpenAI"), ("Microsoft", "partnersWith", "Mistral AI")}, set()),
    ("Nvidia's rivals include AMD and Intel.", {("AMD", "competesWith", "Nvidia"), ("Intel", "competesWith", "Nvidia")},
     set()),
    ("Mistral AI, whose backers include Nvidia and Microsoft, is based in Paris.",
     {("Nvidia", "investsIn", "Mistral AI"), ("Microsoft", "investsIn", "Mistral AI")}, set()),
    # "counts X among its customers / investors"
    ("Nvidia counts Microsoft and Meta among its biggest customers.",
     {("Nvidia", "suppliesTo", "Microsoft"), ("Nvidia", "suppliesTo", "Meta")}, set()),
    ("CoreWeave counts Nvidia among its investors.", {("Nvidia", "investsIn", "CoreWeave")},
     {("CoreWeave", "investsIn", "Nvidia")}),
    # "a Thrive Capital-led round"
    ("OpenAI raised $6.6 billion in a Thrive Capital-led round.", {("Thrive Capital", "investsIn", "OpenAI")}, set()),
    # choosing or tapping a supplier
    ("Anthropic tapped Google for a million TPUs.", {("Google", "suppliesTo", "Anthropic")}, set()),
    ("Anthropic chose Google's TPUs to train Claude.", {("Google", "suppliesTo", "Anthropic")}, set()),
    # "chief executive of its AI unit" heads a division: leads, not ceoOf
    ("Microsoft hired Mustafa Suleyman as chief executive of its AI unit.", {("Mustafa Suleyman", "leads", "Microsoft")},
     {("Mustafa Suleyman", "ceoOf", "Microsoft")}),
    # "X replaced Y as chief executive": X takes the title, Y's ends
    ("Lip-Bu Tan replaced Pat Gelsinger as chief executive of Intel in March.", {("Lip-Bu Tan", "ceoOf", "Intel")},
     {("Pat Gelsinger", "ceoOf", "Intel")}),
    # a parent owns its subsidiary, whichever side of "parent" the names stand
    ("Alphabet, Google's parent, reported earnings.", {("Alphabet", "owns", "Google")}, {("Google", "owns", "Alphabet")}),
    ("Google's parent company Alphabet reported earnings.", {("Alphabet", "owns", "Google")}, set()),
    ("Alphabet is the parent company of Google.", {("Alphabet", "owns", "Google")}, set()),
    # "led the round, with participation from Y and Z": the participants invest in the company raising
    ("OpenAI raised $6.6 billion. Thrive Capital led the round, with participation from Nvidia and SoftBank.",
     {("Thrive Capital", "investsIn", "OpenAI"), ("Nvidia", "investsIn", "OpenAI"),
      ("SoftBank Group", "investsIn", "OpenAI")}, set()),
    # "a joint venture called Stargate"
    ("OpenAI, SoftBank and Oracle set up a joint venture called Stargate.",
     {("OpenAI", "participatesIn", "Stargate"), ("Oracle", "participatesIn", "Stargate")}, set()),
    # paying a supplier for cloud services; paying for a default search deal is no supply
    ("OpenAI pays Oracle $30 billion a year for cloud services.", {("Oracle", "suppliesTo", "OpenAI")}, set()),
    ("Google pays Apple $20 billion a year to be the default search engine.", set(),
     {("Apple", "suppliesTo", "Google")}),
    # selling a company is an acquisition by the buyer; selling goods is a supply
    ("Intel sold Altera to Silver Lake.", {("Silver Lake", "acquired", "Altera")}, {("Intel", "suppliesTo", "Silver Lake")}),
    ("Windsurf agreed to sell itself to OpenAI.", {("OpenAI", "acquired", "Windsurf")},
     {("Windsurf", "suppliesTo", "OpenAI")}),
    ("Nvidia supplies chips to Tesla.", {("Nvidia", "suppliesTo", "Tesla")}, set()),
    ("CoreWeave counts Microsoft as its biggest customer.", {("CoreWeave", "suppliesTo", "Microsoft")}, set()),
    ("Oracle moved its headquarters to Austin.", {("Oracle", "headquarteredIn", "Austin")}, set()),
    # "the round" of the company that raised it: who led or joined it invests in that company
    ("Anthropic raised $13 billion. The round was led by Iconiq.", {("Iconiq", "investsIn", "Anthropic")}, set()),
    ("The round valued Anthropic at $183 billion and included Lightspeed Venture Partners.",
     {("Lightspeed Venture Partners", "investsIn", "Anthropic")}, set()),
    # "the company behind ChatGPT"; "one of OpenAI's co-founders"; "returned to Google"
    ("OpenAI, the company behind ChatGPT, raised money.", {("ChatGPT", "productOf", "OpenAI")}, set()),
    ("Ilya Sutskever, one of OpenAI's co-founders, left.", {("Ilya Sutskever", "founderOf", "OpenAI")}, set()),
    ("Noam Shazeer returned to Google in 2024.", {("Noam Shazeer", "employeeOf", "Google")}, set()),
    # "X's rivalry / fight with Y"
    ("The deal sharpens Salesforce's rivalry with Microsoft and Oracle.",
     {("Salesforce", "competesWith", "Microsoft"), ("Salesforce", "competesWith", "Oracle")}, set()),
])
def test_generalisation_constructions(text, expected, absent):
    got = {tuple(sorted(t[::2])) + (t[1],) if t[1] in {"competesWith", "partnersWith"} else t for t in facts(text)}
    want = {tuple(sorted(t[::2])) + (t[1],) if t[1] in {"competesWith", "partnersWith"} else t for t in expected}
    assert want <= got, f"missing {want - got}; got {got}"
    assert not absent & got


def test_background_modifier_escapes_sentence_rumour():
    """A "-based" description is presupposed: "people familiar with the matter" qualifies the deal, not it."""
    text = ("Apple, the Cupertino-based group, held talks to buy Mistral AI, the Paris-based model developer, "
            "according to people familiar with the matter.")
    got = all_triples(text)
    assert got[("Mistral AI", "headquarteredIn", "Paris")].modality == "completed"
    assert got[("Apple", "acquired", "Mistral AI")].modality in {"considered", "rumoured"}


def test_newspaper_report_is_a_rumour():
    """What one newspaper reported and the parties did not confirm is a rumour, not a fact."""
    got = all_triples("The Wall Street Journal reported that OpenAI had agreed to buy computing power from Oracle.")
    assert got[("Oracle", "suppliesTo", "OpenAI")].modality == "rumoured"


def test_descriptive_noun_is_not_planned():
    """ "the ChatGPT maker" describes OpenAI; the "would" of the clause it sits in does not make it a plan."""
    got = all_triples("Broadcom shares rose on Monday after the chip designer said it would develop custom AI "
                      "accelerators for OpenAI, adding the ChatGPT maker to a short list of customers.")
    assert got[("ChatGPT", "productOf", "OpenAI")].modality == "completed"


def test_bare_conjunct_shares_the_auxiliary():
    """ "would develop and deploy": the second verb is as hypothetical as the first; "bought ... and sold" is not."""
    got = all_triples("Broadcom would develop and deploy custom AI accelerators for OpenAI.")
    assert got[("Broadcom", "suppliesTo", "OpenAI")].modality == "planned"
    # (said by the company itself, the same future is announced)
    got = all_triples("Broadcom said it would develop and deploy custom AI accelerators for OpenAI.")
    assert got[("Broadcom", "suppliesTo", "OpenAI")].modality == "announced"
    got = all_triples("Nvidia bought Mellanox and sold its stake in Arm.")
    assert got[("Nvidia", "acquired", "Mellanox")].modality == "completed"


def test_succession_and_weighed_bids():
    """ "will succeed Y as CEO" is a planned title for X and an ended one for Y; "weighing a bid" is considered."""
    got = all_triples("Lip-Bu Tan will succeed Pat Gelsinger as chief executive of Intel.")
    assert got[("Lip-Bu Tan", "ceoOf", "Intel")].modality == "planned"
    assert got[("Pat Gelsinger", "ceoOf", "Intel")].modality == "ended"
    got = all_triples("Microsoft is weighing a bid for TikTok.")
    assert got[("Microsoft", "acquired", "TikTok")].modality == "considered"


@pytest.mark.parametrize("text,triple,modality", [
    ("Microsoft said it has no plans to invest in Mistral AI.", ("Microsoft", "investsIn", "Mistral AI"), "denied"),
    ("Nvidia called off its $40 billion takeover of Arm.", ("Nvidia", "acquired", "Arm Holdings"), "ended"),
    ("OpenAI walked away from talks to buy Windsurf.", ("OpenAI", "acquired", "Windsurf"), "ended"),
    ("SoftBank is weighing an investment in OpenAI.", ("SoftBank Group", "investsIn", "OpenAI"), "considered"),
])
def test_phrasal_and_negated_modalities(text, triple, modality):
    """Phrasal verbs ("called off", "walked away"), "no plans" and "weighing" qualify the deal."""
    got = all_triples(text)
    assert triple in got and got[triple].modality == modality


# ---------------------------------------------------------------- issue #3, products and licences
def ents_of(text: str) -> dict[str, str]:
    """Entity mentions of an English sentence: text -> kg type."""
    from kg.nlp import load_pipeline

    return {e.text: e.label_ for e in load_pipeline("en")(text).ents}


@pytest.mark.parametrize("text,name", [
    # an unknown name heading a noun phrase about an offering is a product, whatever the NER guessed
    ("Users can search the web from Apple's Safari browser.", "Safari"),
    ("Salesforce will connect the tool to its own Data Cloud.", "Data Cloud"),
    ("The agents are sold under the Agentforce brand.", "Agentforce"),
    # an apposition headed by an offering noun; a name word the NER left out is taken in
    ("Mistral AI offers Le Chat, its AI assistant, to businesses.", "Le Chat"),
    # a known organisation followed by a capitalised word and such an apposition is a longer product name
    ("Mistral unveiled Mistral Compute, a cloud platform for European companies.", "Mistral Compute"),
])
def test_offering_nouns_type_unknown_names_as_products(text, name):
    assert ents_of(text).get(name) == "Product"


def test_a_known_organisation_before_an_offering_noun_stays_an_organisation():
    assert ents_of("Oracle bought Nvidia chips for its cloud.")["Nvidia"] == "Organization"


@pytest.mark.parametrize("text,expected,absent", [
    ("Salesforce will connect the tool to its own Data Cloud.",
     {("Data Cloud", "productOf", "Salesforce")}, set()),
    # the maker named by a possessive pronoun or a relative clause in the apposition
    ("Mistral AI offers Le Chat, its AI assistant, to businesses.",
     {("Mistral Le Chat", "productOf", "Mistral AI")}, set()),
    ("Kyutai unveiled Moshi, a voice platform that the company is developing with Iliad.",
     {("Moshi", "productOf", "Kyutai")}, {("Moshi", "productOf", "Iliad")}),
    # "the <product> developer" is the product's maker, not the nearest organisation
    ("OpenAI signed a deal with AMD, which could leave the ChatGPT developer with 10% of its supplier.",
     {("ChatGPT", "productOf", "OpenAI")}, {("ChatGPT", "productOf", "AMD")}),
    # an apposition is not read across a preposition the parser put inside it
    ("Apple hands some questions put to Siri, its voice assistant, to ChatGPT.",
     {("Siri", "productOf", "Apple")}, {("ChatGPT", "productOf", "Apple")}),
    # a product code named without its maker's prefix ("V3" for DeepSeek-V3) when the maker is in the sentence
    ("DeepSeek has said it trained the V3 model that underpins its chatbot.",
     {("DeepSeek-V3", "productOf", "DeepSeek")}, set()),
    # licences: the licensor supplies the licensee
    ("Amazon's licensing deal with Adept gave it access to the agents.", {("Adept", "suppliesTo", "Amazon")},
     {("Amazon", "suppliesTo", "Adept")}),
    ("Google holds a licence to Windsurf's technology.", {("Windsurf", "suppliesTo", "Google")}, set()),
    # a compared deal keeps its own modality ("should" belongs to the main clause)
    ("The terms should reassure regulators, much like Microsoft's licensing deal with Inflection AI.",
     {("Inflection AI", "suppliesTo", "Microsoft")}, set()),
    # "the telecoms group" refers back to the telecoms company, not to the chipmaker named before it
    ("Nvidia and Deutsche Telekom announced a cloud. The telecoms group runs 10,000 Nvidia GPUs.",
     {("Nvidia", "suppliesTo", "Deutsche Telekom")}, set()),
])
def test_product_and_licence_constructions(text, expected, absent):
    got = facts(text)
    assert expected <= got, f"missing {expected - got}; got {got}"
    assert not absent & got


def test_an_organisation_word_or_apposition_overrides_a_person_guess():
    text = "Hassabis also runs Isomorphic Labs, an Alphabet-owned drug discovery company he founded in 2021."
    assert ents_of(text).get("Isomorphic Labs") == "Organization"


def test_a_later_bare_surname_is_the_person_named_in_full():
    text = ("Demis Hassabis co-founded DeepMind in 2010. Hassabis also runs Isomorphic Labs, an "
            "Alphabet-owned drug discovery company he founded in 2021.")
    got = facts(text)
    assert ("Demis Hassabis", "leads", "Isomorphic Labs") in got
    assert ("Demis Hassabis", "founderOf", "Isomorphic Labs") in got


def test_a_bare_description_in_apposition_does_not_make_a_company_a_product():
    # news presents companies with product nouns too; only an owned offering ("its assistant") types a product
    assert ents_of("Nvidia invested in Zyphra, an AI model platform, last year.").get("Zyphra") != "Product"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ilya Sutskever co-founded Safe Superintelligence in 2024.",
         ("Ilya Sutskever", "founderOf", "Safe Superintelligence")),
        ("Mistral AI raised $600 million in a round co-led by General Catalyst and Lightspeed.",
         ("General Catalyst", "investsIn", "Mistral AI")),
        ("DeepMind co-founder Mustafa Suleyman now runs Microsoft AI.",
         ("Mustafa Suleyman", "founderOf", "Google DeepMind")),
    ],
)
def test_co_prefixed_words_are_read_as_one_word(text, expected):
    """spaCy splits "co-founded" into co / - / founded and the parse then makes "co" the verb; kg joins them."""
    assert expected in facts(text)


def test_co_prefix_tokens_keep_the_lemma_of_the_word():
    from kg.nlp import load_pipeline

    doc = load_pipeline("en")("She co-founded the lab and co-leads its research.")
    assert [t.lemma_ for t in doc if t.lower_.startswith("co-")] == ["co-found", "co-lead"]


def test_a_participle_describing_a_noun_keeps_its_own_modality():
    text = (
        "Meta held talks to acquire Safe Superintelligence, the startup co-founded by Ilya Sutskever, "
        "but was rebuffed, people familiar with the matter said."
    )
    assert ("Ilya Sutskever", "founderOf", "Safe Superintelligence") in facts(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Databricks bought Quillon, a serverless database start-up, for about $1 billion.",
         ("Databricks", "acquired", "Quillon")),
        ("Synopsys completed its takeover of Ansys, the simulation software maker, in July.",
         ("Synopsys", "acquired", "Ansys")),
    ],
)
def test_an_apposition_headed_by_a_company_noun_makes_the_name_an_organisation(text, expected):
    """The English NER often calls an unknown one-word company a person; "a ... start-up" / "the ... maker"
    after it says otherwise."""
    assert expected in facts(text)


def test_start_up_stays_one_token():
    from kg.nlp import load_pipeline

    doc = load_pipeline("en")("Neon, a database start-up, was sold.")
    assert "start-up" in [t.text for t in doc]


def test_each_coordinated_leader_keeps_his_own_title():
    got = facts("Oracle is led by chief executive Safra Catz and chairman Larry Ellison.")
    assert ("Safra Catz", "ceoOf", "Oracle") in got
    assert ("Larry Ellison", "leads", "Oracle") in got and ("Larry Ellison", "ceoOf", "Oracle") not in got


def test_an_apposition_describes_the_name_before_its_comma_even_when_the_parser_hangs_it_elsewhere():
    text = ("Oracle has been racing to build data centres for OpenAI as part of the Stargate project, "
            "a joint venture with SoftBank and MGX.")
    got = facts(text)
    assert ("MGX", "participatesIn", "Stargate") in got
    assert not any(o == "Oracle" and p == "participatesIn" for _, p, o in got)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Meta relied on capacity rented from CoreWeave.", ("CoreWeave", "suppliesTo", "Meta")),
        ("xAI is building Colossus 2 with chips bought from Nvidia.", ("Nvidia", "suppliesTo", "xAI")),
        ("Nvidia will provide Mistral AI with 18,000 Grace Blackwell chips.", ("Nvidia", "suppliesTo", "Mistral AI")),
    ],
)
def test_supply_through_participles_and_with_phrases(text, expected):
    assert expected in all_triples(text)


def test_an_infinitive_on_a_deal_noun_takes_the_subject_and_the_modality_of_the_deal():
    t = all_triples("AMD struck a deal to supply OpenAI with six gigawatts of Instinct GPUs.")
    assert t[("AMD", "suppliesTo", "OpenAI")].modality == "announced"


def test_an_unknown_name_the_ner_calls_a_place_is_an_organisation_where_only_one_fits():
    """The English NER tags unknown one-word companies as places ("Poolside"); a name no place list knows,
    standing as what is invested in, is an organisation. Real places stay places."""
    t = all_triples("Nvidia invested $1 billion in Poolside last year.")
    assert t[("Nvidia", "investsIn", "Poolside")].object.type == "Organization"
    assert not all_triples("Google invested heavily in Texas last year.")


def test_respectively_pairs_each_investor_with_its_own_amount():
    t = all_triples("Microsoft and Nvidia will invest up to $5 billion and $10 billion respectively in Anthropic.")
    assert t[("Microsoft", "investsIn", "Anthropic")].amount == 5e9
    assert t[("Nvidia", "investsIn", "Anthropic")].amount == 1e10


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Among OpenAI's investors are Microsoft, Thrive Capital and SoftBank.",
         {("Microsoft", "investsIn", "OpenAI"), ("Thrive Capital", "investsIn", "OpenAI")}),
        ("CoreWeave's biggest customers are Microsoft and OpenAI.",
         {("CoreWeave", "suppliesTo", "Microsoft"), ("CoreWeave", "suppliesTo", "OpenAI")}),
    ],
)
def test_lists_after_a_copula_fill_the_role_noun(text, expected):
    assert expected <= facts(text)


def test_a_bare_surname_the_model_left_untagged_is_the_person_named_in_full_earlier():
    t = all_triples("Mustafa Suleyman co-founded DeepMind in 2010. Suleyman left Google in 2022 to start Inflection AI.")
    assert ("Mustafa Suleyman", "founderOf", "Inflection AI") in t
    assert t[("Mustafa Suleyman", "employeeOf", "Google")].modality == "ended"


def test_a_known_given_name_before_an_untagged_surname_makes_a_person():
    assert ("Shane Legg", "employeeOf", "Google DeepMind") in facts("Shane Legg is chief scientist at Google DeepMind.")


def test_a_plural_pronoun_stands_for_every_name_of_the_coordination():
    t = facts("Nscale and Nebius said they would install thousands of Nvidia chips in British data centres.") | {
        k for k, v in all_triples(
            "Nscale and Nebius said they would install thousands of Nvidia chips in British data centres.").items()}
    assert {("Nvidia", "suppliesTo", "Nscale"), ("Nvidia", "suppliesTo", "Nebius")} <= t


@pytest.mark.parametrize(
    "text",
    ["Alphabet announced the merger of its subsidiary Waymo.", "Alphabet's subsidiary Waymo raised money."],
)
def test_a_subsidiary_noun_before_the_name_gives_the_owner(text):
    assert ("Alphabet", "owns", "Waymo") in facts(text)


def test_a_one_word_company_the_model_never_tags_is_found_by_its_repeated_use():
    text = ("ServiceNow agreed to acquire Moveworks for $2.85 billion. Moveworks, founded in 2016, makes an AI "
            "assistant for employees. Its customers include Toyota and Siemens.")
    got = facts(text)
    assert ("ServiceNow", "acquired", "Moveworks") in got
    assert ("Moveworks", "suppliesTo", "Toyota") in got
    assert ("ServiceNow", "suppliesTo", "Toyota") not in got


def test_names_among_a_possessive_predicate_are_not_its_antecedent():
    got = facts("Mistral AI raised money in 2024. Kleiner Perkins and Lightspeed Venture Partners are among its "
                "backers.")
    assert ("Kleiner Perkins", "investsIn", "Mistral AI") in got
    assert ("Lightspeed Venture Partners", "investsIn", "Kleiner Perkins") not in got
    # with no other name to refer to, the possessive refers to none of the listed names
    assert not facts("Kleiner Perkins and Lightspeed Venture Partners are among its backers.")


def test_a_place_before_the_generic_noun_of_a_name_is_its_headquarters():
    assert ("Lambda", "headquarteredIn", "San Jose") in facts("The San Jose company Lambda signed a deal.")


def test_an_infinitive_on_an_adjective_of_the_deal_takes_the_subject_of_the_signing_verb():
    t = all_triples("In September Nebius signed a deal worth up to $19.4 billion to supply Microsoft with GPU capacity.")
    assert ("Nebius", "suppliesTo", "Microsoft") in t


def test_models_trained_on_a_cloud_are_supplied_by_it():
    assert ("CoreWeave", "suppliesTo", "Anthropic") in facts("Anthropic's models are trained on CoreWeave clusters.")


def test_after_working_somewhere_is_a_past_role():
    t = all_triples("Jonathan Ross founded Groq in 2016 after working at Google for a decade.")
    assert ("Jonathan Ross", "founderOf", "Groq") in t


def test_gendered_pronouns_skip_people_whose_given_name_has_the_other_gender():
    text = ("Mira Murati joined OpenAI in 2018. After the board fired chief executive Sam Altman, she was briefly "
            "in charge. In 2025 she founded Thinking Machines Lab.")
    got = facts(text)
    assert ("Mira Murati", "founderOf", "Thinking Machines Lab") in got
    assert ("Sam Altman", "founderOf", "Thinking Machines Lab") not in got


def test_the_possessive_of_an_among_phrase_is_the_subject_not_the_listed_objects():
    got = facts("The bulk of its wafers come from TSMC, the contract manufacturer headquartered in Hsinchu, which "
                "also counts Apple, AMD and Broadcom among its largest customers.")
    assert {("TSMC", "suppliesTo", "Apple"), ("TSMC", "suppliesTo", "Broadcom")} <= got
    assert ("Broadcom", "suppliesTo", "Apple") not in got


def test_an_owner_before_owned_describes_the_organisation_of_a_title():
    got = facts("Thomas Kurian, chief executive of Alphabet-owned Google Cloud, said Japan was growing.")
    assert ("Thomas Kurian", "ceoOf", "Google Cloud") in got
    assert ("Thomas Kurian", "ceoOf", "Alphabet") not in got


def test_a_dateline_is_not_part_of_the_name_after_it():
    labels = {e.label for t in extract_triples("TOKYO - KDDI has signed a strategic partnership with Google Cloud.",
                                                lang="en") for e in (t.subject, t.object)}
    assert "KDDI" in labels and not any("TOKYO" in x for x in labels)


def test_a_role_someone_will_take_is_planned_and_the_based_description_stays_a_fact():
    t = all_triples("Sean Parker will become executive chairman of the London-based startup Stability AI.")
    assert t[("Sean Parker", "leads", "Stability AI")].modality == "planned"
    t = all_triples("Sean Parker will chair the London-based startup Stability AI.")
    assert t[("Stability AI", "headquarteredIn", "London")].modality == "completed"


def test_a_plural_relative_clause_on_a_list_of_names_is_about_all_of_them():
    got = facts("Stability AI was led by Shan Shan Wong and Christian Laforte, who have run the company since March.")
    assert {("Shan Shan Wong", "leads", "Stability AI"), ("Christian Laforte", "leads", "Stability AI")} <= got


def test_coordinated_prepositions_each_take_their_object():
    got = facts("Nvidia invested in Mistral AI and in Poolside.")
    assert {("Nvidia", "investsIn", "Mistral AI"), ("Nvidia", "investsIn", "Poolside")} <= got


def test_the_person_appointed_is_the_object_of_the_appointing_verb():
    got = facts("Stability AI has named Prem Akkaraju, the former chief executive of visual-effects company Weta "
                "Digital, as its new chief executive.")
    assert ("Prem Akkaraju", "ceoOf", "Stability AI") in got


def test_a_full_stop_before_a_capitalised_word_ends_the_sentence_for_the_parser():
    got = facts("iRobot, the maker of the Roomba, was bought by Picea. Nokia, based in Espoo, makes network equipment.")
    assert ("Picea", "acquired", "iRobot") in got
    assert ("Nokia", "acquired", "iRobot") not in got


def test_winning_a_customer_is_a_supply():
    assert ("AMD", "suppliesTo", "Microsoft") in facts("AMD won Microsoft as a client.")
    assert not facts("AMD has won a contract.")


def test_a_deal_declared_dead_is_ended():
    t = all_triples("Amazon's acquisition of iRobot is dead.")
    assert t[("Amazon", "acquired", "iRobot")].modality == "ended"


@pytest.mark.parametrize(
    "text",
    [
        "Google sold Motorola to Lenovo.",
        "Weta Digital was sold to Unity Software in 2021 for $1.6 billion.",
    ],
)
def test_selling_a_company_to_a_buyer_is_the_buyers_acquisition(text):
    got = facts(text)
    assert any(p == "acquired" and s in {"Lenovo", "Unity Software"} for s, p, _ in got)


def test_a_name_described_as_a_company_is_an_organisation_whatever_the_model_said():
    got = all_triples("Prem Akkaraju ran visual-effects company Weta Digital until 2021.")
    # (a role held until a past date is over)
    assert got[("Prem Akkaraju", "leads", "Weta Digital")].modality == "ended"


def test_a_person_the_gazetteer_does_not_know_is_never_made_a_customer():
    got = facts("Kailash Narayanan, who runs Keysight's communications solutions group, will oversee the integration.")
    assert not any(p == "suppliesTo" for _, p, _ in got)


def test_a_short_form_after_the_full_name_is_the_same_company_even_at_a_sentence_start():
    got = facts("Stability AI named a new chief executive. Stability, which competes with Midjourney, raised money.")
    assert ("Midjourney", "competesWith", "Stability AI") in got or ("Stability AI", "competesWith", "Midjourney") in got


def test_a_long_chain_of_pronouns_still_ends_at_the_name():
    text = "Mira Murati joined OpenAI in 2018. " + "She gave a talk. " * 14 + "In 2025 she founded Thinking Machines Lab."
    got = all_triples(text)
    assert ("Mira Murati", "founderOf", "Thinking Machines Lab") in got
    assert not any(s.lower() in {"she", "her"} for s, _, _ in got)


def test_an_object_pronoun_of_a_control_verb_is_not_its_subject():
    got = facts("Permira and the Canada Pension Plan Investment Board, which have been Informatica's largest "
                "shareholders since taking it private in 2015, have agreed to back it.")
    assert ("Canada Pension Plan Investment Board", "investsIn", "Permira") not in got
    assert ("Permira", "investsIn", "Informatica") in got


def test_a_product_competing_with_a_company_is_its_maker_competing():
    got = facts("Salesforce had also explored buying Moveworks. Salesforce, whose Agentforce platform competes "
                "head-on with ServiceNow's agents, declined to comment.")
    assert ("Salesforce", "competesWith", "ServiceNow") in got or ("ServiceNow", "competesWith", "Salesforce") in got
    assert ("Agentforce", "productOf", "Salesforce") in got


def test_making_what_another_company_owns_is_supplying_it():
    assert ("Samsung Electronics", "suppliesTo", "Tesla") in facts(
        "Samsung Electronics has signed a $16.5 billion contract to make Tesla's next-generation AI6 chips.")
    got = facts("Tesla's current AI4 chips are made by TSMC.")
    assert ("TSMC", "suppliesTo", "Tesla") in got
    assert not any(p == "productOf" and o == "TSMC" for _, p, o in got)  # the contract maker is no product owner
    assert ("Micron Technology", "suppliesTo", "AMD") in facts(
        "Micron also supplies memory for AMD's Instinct MI350 accelerators.")


def test_making_ones_own_product_is_no_supply():
    assert not any(p == "suppliesTo" for _, p, _ in facts("Apple makes its own chips for its iPhones."))


def test_spending_on_a_makers_hardware_is_being_supplied_by_it():
    got = all_triples("IREN will spend $5.8 billion on Dell servers to fulfil a contract.")
    assert got[("Dell Technologies", "suppliesTo", "IREN")].modality == "planned"


def test_a_model_code_on_an_offering_noun_is_a_product_of_its_owner():
    got = facts("Samples of Micron's next-generation HBM4 chips are already with customers.")
    assert any("HBM4" in s and p == "productOf" and o == "Micron Technology" for s, p, o in got)
    got = facts("Samples of Acme's next-generation ZX40 chips are already with customers.")
    assert ("ZX40", "productOf", "Acme") in got
    got = facts("DeepSeek, a Hangzhou-based startup whose R1 reasoning model matched OpenAI's o1, fell.")
    assert ("DeepSeek-R1", "productOf", "DeepSeek") in got  # the short code is the gazetteer's product
    # periods, network generations and groups are no products
    assert not any(p == "productOf" for _, p, _ in facts("Apple's Q3 results beat forecasts as its 5G phones sold."))


def test_a_different_model_number_is_a_different_product():
    got = facts("Micron also supplies memory for AMD's Instinct MI350 accelerators.")
    assert not any("MI450" in s for s, _, _ in got)


def test_investors_that_led_or_took_part_without_an_object_joined_the_round_just_named():
    got = facts("Cohere raised $500 million in a new funding round. Radical Ventures and Inovia Capital led, "
                "with Nvidia and AMD chipping in.")
    assert {("Radical Ventures", "investsIn", "Cohere"), ("Inovia Capital", "investsIn", "Cohere"),
            ("Nvidia", "investsIn", "Cohere"), ("AMD", "investsIn", "Cohere")} <= got
    got = facts("Thinking Machines Lab closed a $2 billion seed round. Andreessen Horowitz led it, and Nvidia "
                "and Cisco took part.")
    assert {("Andreessen Horowitz", "investsIn", "Thinking Machines Lab"),
            ("Cisco", "investsIn", "Thinking Machines Lab")} <= got
    # with no round just before, leading is no investment
    assert not any(p == "investsIn" for _, p, _ in facts("Nvidia and AMD led, while Intel lagged."))


def test_a_series_letter_ends_its_sentence():
    got = facts("Black Forest Labs has closed a $300M Series B. Nvidia and General Catalyst participated.")
    assert ("Nvidia", "investsIn", "Black Forest Labs") in got


def test_an_apposition_after_a_list_describes_its_last_name():
    got = facts("Black Forest Labs has closed a $300M Series B. Nvidia, General Catalyst and AMP, the fund run "
                "by Anjney Midha, all participated.")
    assert not any(s == "Anjney Midha" and o == "Nvidia" for s, _, o in got)


def test_the_plural_of_a_known_product_is_that_product_not_a_company():
    got = all_triples("Apple will spend $2.5bn to have Corning make all the cover glass for its iPhones.")
    assert not any(o == "iPhones" or s == "iPhones" for s, _, o in got)
    # "its" here cannot make Corning the maker of the iPhone the gazetteer knows to be Apple's
    assert ("iPhone", "productOf", "Corning") not in got


def test_years_spent_at_a_company_are_a_past_job():
    got = all_triples("John Schulman, who helped found OpenAI and spent a few months at Anthropic, joined the lab.")
    assert got[("John Schulman", "employeeOf", "Anthropic")].modality == "ended"
    # money spent somewhere is no job
    assert not any(p == "employeeOf" for _, p, _ in all_triples("Nvidia spent $900 million at the auction."))


def test_a_job_held_previously_is_over():
    got = all_triples("Arthur Mensch, who previously worked at Google DeepMind, runs Mistral AI.")
    assert got[("Arthur Mensch", "employeeOf", "Google DeepMind")].modality == "ended"
    assert ("Arthur Mensch", "leads", "Mistral AI") in facts(
        "Arthur Mensch, who previously worked at Google DeepMind, runs Mistral AI.")


def test_coordinated_titles_before_a_name_give_both_roles():
    got = facts("ServiceNow chairman and CEO Bill McDermott told reporters on a call.")
    assert {("Bill McDermott", "ceoOf", "ServiceNow"), ("Bill McDermott", "leads", "ServiceNow")} <= got


def test_the_executive_an_appointee_replaces_held_the_title_before():
    got = all_triples("Arm named Rene Haas as chief executive, replacing Simon Segars.")
    assert got[("Simon Segars", "ceoOf", "Arm Holdings")].modality == "ended"
    assert got[("Rene Haas", "ceoOf", "Arm Holdings")].asserted


def test_a_job_in_the_simple_past_is_over_a_present_perfect_one_is_not():
    assert all_triples("Aidan Gomez worked at Google Brain.")[
        ("Aidan Gomez", "employeeOf", "Google Brain")].modality == "ended"
    assert all_triples("Aidan Gomez has worked at Google Brain since 2017.")[
        ("Aidan Gomez", "employeeOf", "Google Brain")].asserted


def test_a_company_named_as_another_companys_possession_is_owned_by_it():
    assert ("Alphabet", "owns", "Google") in facts("Amazon and Alphabet's Google struck deals with Anthropic.")
    assert ("SoftBank Group", "owns", "SoftBank Vision Fund") in facts(
        "The bigger loser is SoftBank, whose Vision Fund has posted heavy losses.")
    # a noun between them says what they are to each other; a company as a modifier owns nothing
    assert not any(p == "owns" for _, p, _ in facts("Like its rival Nvidia, AMD does not make its own chips."))
    assert not any(p == "owns" for _, p, _ in facts("Microsoft's OpenAI stake is worth $100 billion."))


def test_a_place_on_the_noun_in_apposition_to_a_company_is_its_headquarters():
    assert ("Databricks", "headquarteredIn", "San Francisco") in facts(
        "Databricks, the San Francisco data analytics group, bought Neon for about $1 billion.")
    assert ("TensorWave", "headquarteredIn", "Las Vegas") in facts(
        "TensorWave, a Las Vegas startup whose cloud runs only on AMD's accelerators, has also taken investment "
        "from AMD.")
    got = facts("Salesforce agreed to acquire Informatica, the Redwood City, California-based data management "
                "company, for $25 a share.")
    assert any(s == "Informatica" and p == "headquarteredIn" and "Redwood City" in o for s, p, o in got)


def test_a_surname_the_model_took_for_a_company_is_the_person_named_before():
    text = ("Microsoft took on Inflection co-founders Mustafa Suleyman and Karen Simonyan in March. Suleyman, who "
            "earlier co-founded DeepMind, runs Microsoft AI. Inflection, the Palo Alto-based startup, has since "
            "turned to business tools. Its consumer chatbot, Pi, is still available. The company raised $1.3 "
            "billion from investors including Microsoft and Nvidia.")
    got = facts(text)
    assert not any(o == "Suleyman" or o == "Mustafa Suleyman" for _, p, o in got if p in {"investsIn", "owns",
                                                                                           "productOf"})
    assert ("Mustafa Suleyman", "leads", "Microsoft AI") in got


def test_a_title_after_an_unrecognised_company_name_is_not_given_to_the_article_subject():
    got = facts("Amazon invested in the company. X-energy chief executive Clay Sell said the money would help.")
    assert not any(s == "Clay Sell" and o == "Amazon" for s, _, o in got)
    assert ("Andy Jassy", "ceoOf", "Amazon") in facts("Amazon invested. Chief executive Andy Jassy said it would help.")


def test_another_companys_title_does_not_upgrade_a_new_role():
    got = facts("Instacart chief executive Fidji Simo is joining OpenAI to run its applications business.")
    assert ("Fidji Simo", "ceoOf", "Instacart") in got
    assert ("Fidji Simo", "ceoOf", "OpenAI") not in got


def test_a_one_word_name_starting_a_company_named_before_is_that_company():
    text = ("Google signed a deal with Kairos Power. Kairos, which was co-founded in 2016 by its chief executive "
            "Mike Laufer, is building a reactor.")
    got = facts(text)
    assert ("Mike Laufer", "ceoOf", "Kairos Power") in got
    assert ("Mike Laufer", "ceoOf", "Google") not in got


def test_selling_a_stake_is_no_supply():
    got = facts("Intel agreed to sell a 51% stake in Altera, the programmable-chip maker, to Silver Lake.")
    assert not any(p == "suppliesTo" for _, p, _ in got)


def test_a_code_named_drone_is_a_product_not_the_company_that_buys():
    got = facts("Helsing's HX-2 strike drone is in serial production, and this month the company agreed to buy "
                "Grob Aircraft.")
    assert ("HX-2", "productOf", "Helsing") in got
    assert not any(s == "HX-2" and p == "acquired" for s, p, _ in got)


def test_a_reseller_named_as_owner_of_a_known_product_is_not_its_maker():
    got = facts("Oracle will offer Oracle's Gemini models to customers of its cloud.")
    assert ("Gemini", "productOf", "Oracle") not in got
    assert ("Gemini", "productOf", "Google") in facts("Google's Gemini models power the assistant.")


def test_a_from_phrase_the_parser_hung_elsewhere_still_names_the_investors():
    got = facts("Weights & Biases had raised about $250 million before the deal from investors including Insight "
                "Partners, Coatue and Felicis.")
    assert {("Insight Partners", "investsIn", "Weights & Biases"), ("Felicis", "investsIn", "Weights & Biases")} <= got


def test_a_gerund_after_by_or_after_is_done_by_the_verbs_subject_but_not_one_argued_for():
    assert ("Snowflake", "acquired", "Crunchy Data") in facts(
        "Its arch-rival Snowflake answered by agreeing to buy Crunchy Data, a Postgres specialist.")
    got = all_triples("Eddy Cue, who runs Apple's services business, argued internally for acquiring Perplexity.")
    assert not any(s == "Eddy Cue" and p == "acquired" for s, p, _ in got)


def test_competition_with_a_list_pits_the_subject_against_each_not_the_list_against_itself():
    got = facts("Adding software puts CoreWeave in more direct competition with Amazon Web Services and Google Cloud.")
    assert ("Amazon Web Services", "competesWith", "Google Cloud") not in got
    assert ("Amazon Web Services", "competesWith", "CoreWeave") in got or (
        "CoreWeave", "competesWith", "Amazon Web Services") in got


def test_whose_before_a_title_names_the_company_described():
    assert ("Arthur Mensch", "ceoOf", "Mistral AI") in facts(
        "Mistral AI, whose chief executive Arthur Mensch spoke, raised money.")


def test_a_city_written_before_its_region_is_where_the_company_is():
    assert ("CoreWeave", "headquarteredIn", "Livingston") in facts(
        "The Livingston, New Jersey-based company CoreWeave counts Microsoft as its biggest customer.")
    got = facts("Mistral has offices in Paris, London and Berlin.")
    assert not any(o == "Paris" and p == "locatedIn" for _, p, o in got if "London" in o)


def test_a_plural_title_covers_every_name_listed_after_it():
    got = facts("Microsoft took on Inflection co-founders Mustafa Suleyman and Karen Simonyan along with engineers.")
    assert {("Mustafa Suleyman", "founderOf", "Inflection"), ("Karen Simonyan", "founderOf", "Inflection")} <= got
    got = facts("Nvidia CEO Jensen Huang and Lisa Su spoke on stage.")
    assert ("Lisa Su", "ceoOf", "Nvidia") not in got


def test_a_known_product_named_beside_its_maker_is_the_makers():
    got = facts("Now Apple is in early talks with Google about a custom version of Gemini for Siri.")
    assert ("Gemini", "productOf", "Google") in got
    # without the maker in the sentence, the gazetteer alone asserts nothing
    assert not any(p == "productOf" for _, p, _ in facts("Apple is in early talks about a custom version of Gemini."))


def test_a_corporate_suffix_alone_is_never_an_entity():
    got = all_triples("The agreement is between Ormat Nevada, Inc., a wholly-owned subsidiary of Ormat Technologies, "
                      "Inc., and JPM Capital Corporation.")
    assert not any(s.rstrip(".") == "Inc" or o.rstrip(".") == "Inc" for s, _, o in got)


def test_the_startup_is_the_article_startup_not_the_big_company_named_last():
    text = ("Black Forest Labs, the Freiburg-based startup behind the FLUX image models, has raised $300M. "
            "BFL's models are popular. BFL wants to grow its research team. Developers can reach the models "
            "through BFL's own API, and Adobe has built Kontext into Photoshop. Meta has signed a deal to use "
            "the startup's models in its apps.")
    got = all_triples(text)
    assert not any(s == "Adobe" and p == "suppliesTo" and o == "Meta" for s, p, o in got)


def test_a_product_named_as_supplier_stands_for_its_maker():
    got = facts("Its Grok chatbot was trained on Nvidia H100s rented from Oracle.")
    assert not any(s.endswith("H100s") for s, _, _ in got)
    assert any(s == "Nvidia" and p == "suppliesTo" for s, p, _ in got)


def test_a_trailing_function_word_is_no_part_of_a_name():
    got = all_triples("Adobe has built Kontext into Photoshop.")
    assert not any("into" in s or "into" in o for s, _, o in got)


def test_a_role_someone_will_keep_holds_now():
    assert all_triples("Dario Amodei will continue to lead Anthropic.")[("Dario Amodei", "leads", "Anthropic")].asserted
    assert not all_triples("Sam Altman will lead OpenAI Devices.")[("Sam Altman", "leads", "OpenAI Devices")].asserted


@pytest.mark.parametrize("text,expected,absent", [
    # a site named by "called" is a project, placed where the clause puts it (not the place the NER guessed)
    ("Helion is building a fusion plant called Orion in Malaga, Washington.", {("Orion", "locatedIn", "Malaga")},
     set()),
    # a project's own name, and a coded site on a site noun
    ("Enel dropped its Solar Valley Project in Catania.", {("Solar Valley Project", "locatedIn", "Catania")}, set()),
    ("Samsung will make the chips at its S5 fab in Pyeongtaek.", {("S5", "locatedIn", "Pyeongtaek")}, set()),
    # an office places the company, and so does a plant with no name of its own (a named one is placed itself)
    ("Cohere opened an office in Seoul last year.", {("Cohere", "locatedIn", "Seoul")}, set()),
    ("Cohere is building a factory in Austin.", {("Cohere", "locatedIn", "Austin")}, set()),
    # making things somewhere, or a known product in a cluster, places nothing
    ("TSMC makes most of Apple's chips in Taiwan.", set(), {("TSMC", "locatedIn", "Taiwan")}),
    ("Lambda switched on its B200 cluster in Dallas.", set(), {("Nvidia B200", "locatedIn", "Dallas")}),
    # a region in a phrase after the city: the city is where it is
    ("In Tromso, in northern Norway, Nscale has opened the Arctic Data Center.",
     {("Arctic Data Center", "locatedIn", "Tromso")}, {("Arctic Data Center", "locatedIn", "Norway")}),
    # the place said by a relative clause on the site noun
    ("The models were trained on MareNostrum 5, a supercomputer the centre operates in Barcelona.",
     {("MareNostrum 5", "locatedIn", "Barcelona")}, set()),
])
def test_sites_and_offices_are_placed(text, expected, absent):
    got = {k for k, t in all_triples(text).items()}
    assert expected <= got, got
    assert not (absent & got), got


def test_a_site_is_where_it_is_whatever_the_plan():
    t = all_triples("Rapidus will make 2-nanometre chips from 2027 at its IIM-1 plant in Chitose.")
    assert t[("IIM-1", "locatedIn", "Chitose")].modality == "completed"


def test_companies_that_set_up_a_joint_venture_take_part_in_it():
    got = facts("Nscale and Aker have set up Stargate Arctic, a 50/50 joint venture.")
    assert {("Nscale", "participatesIn", "Stargate Arctic"), ("Aker", "participatesIn", "Stargate Arctic")} <= got
    assert not any(p == "founderOf" for _, p, _ in got)
    # a person who sets up a company founds it
    assert ("Sam Altman", "founderOf", "OpenAI") in facts("Sam Altman founded OpenAI, a research lab.")


def test_a_common_noun_given_a_name_stands_for_the_name():
    assert ("OpenAI", "investsIn", "Harvey") in facts("OpenAI backed a startup called Harvey.")
    assert ("SoftBank Group", "participatesIn", "Crystal Land") in set(all_triples(
        "SoftBank set up a venture named Crystal Land."))


def test_a_bare_list_of_customers_belongs_to_the_company_being_discussed():
    got = facts("Cerebras grew fast this year. Among customers are Meta and Perplexity.")
    assert {("Cerebras", "suppliesTo", "Meta"), ("Cerebras", "suppliesTo", "Perplexity")} <= got


def test_a_chairman_named_without_a_company_chairs_the_company_just_discussed():
    assert ("Larry Ellison", "leads", "Oracle") in facts(
        "Oracle named two chief executives. Larry Ellison remains chairman.")


@pytest.mark.parametrize("text,expected,absent", [
    # a generic description the NER cut as a name is no node
    ("Workday said it would buy Sana, a Stockholm-based AI start-up, for about $1.1 billion.",
     {("Sana", "headquarteredIn", "Stockholm")}, {("Workday", "acquired", "AI start-up")}),
    # an investor leading a round leads the round, not the company
    ("Its early backers include Benchmark Capital, which led its first funding round.", set(),
     {("Benchmark Capital", "leads", "Confluent")}),
    # partners in a project take part in it; they are not thereby partners of each other
    ("OpenAI, Oracle and SoftBank are partners in Stargate.", {("Oracle", "participatesIn", "Stargate")},
     {("OpenAI", "partnersWith", "Oracle")}),
    # a share-price move elsewhere in the sentence makes no stake of a takeover
    ("Shares of Marvell Technology rose 8% after the chip designer agreed to buy Celestial AI.",
     {("Marvell Technology", "acquired", "Celestial AI")}, {("Marvell Technology", "investsIn", "Celestial AI")}),
    # a model number after a known product line is one product, still its maker's; a percentage is not
    ("Apple is replacing Qualcomm's modems, starting with the iPhone 16e.", {("iPhone 16e", "productOf", "Apple")},
     set()),
    ("Apple's iPhone 15 percent growth surprised analysts.", {("iPhone", "productOf", "Apple")},
     {("iPhone 15", "productOf", "Apple")}),
    # a bid for a product is no supply
    ("Perplexity offered $34.5 billion for Chrome, Google's browser.", set(), {("Perplexity", "suppliesTo", "Google")}),
])
def test_precision_fixes_from_blind_articles(text, expected, absent):
    got = set(all_triples(text))
    assert expected <= got, got
    assert not (absent & got), got


def test_names_the_ner_misses_or_mistypes():
    # a capitalised word before "AI" in mid-sentence names a company; an all-capital acronym is no person
    got = facts("Naveen Rao left Databricks. His new venture, Unconventional AI, which he runs as chief executive, "
                "raised $475 million in a round led by Andreessen Horowitz.")
    assert {("Andreessen Horowitz", "investsIn", "Unconventional AI"),
            ("Naveen Rao", "ceoOf", "Unconventional AI")} <= got
    got = facts("MosaicML, which he founded with Hanlin Tang and which was backed by Lux Capital and DCVC, grew fast.")
    assert ("DCVC", "investsIn", "MosaicML") in got
    # fields of AI are not companies
    labels = {t.subject.label for t in extract_triples("Nvidia bets on Physical AI, and Generative AI helps Adobe.",
                                                        lang="en")}
    assert not labels & {"Physical AI", "Generative AI"}


def test_the_shared_token_list_follows_the_document():
    from kg.extract.tokens import doc_tokens
    from kg.nlp import load_pipeline

    nlp = load_pipeline("en")
    a, b = nlp("Nvidia bought Mellanox."), nlp("Cisco bought Splunk in 2024.")
    assert [t.text for t in doc_tokens(a)] == [t.text for t in a]
    assert [t.text for t in doc_tokens(b)] == [t.text for t in b]
    assert doc_tokens(a)[0].ent_type_ == a[0].ent_type_


def test_the_cached_sentence_of_a_token_is_spacys_sentence():
    from kg.extract.tokens import sent_of
    from kg.nlp import load_pipeline

    nlp = load_pipeline("en")
    a, b = nlp("Nvidia bought Mellanox. It paid $7bn."), nlp("Cisco bought Splunk in 2024. AMD bought ZT Systems.")
    for doc in (a, b, a):
        assert all(sent_of(t) == t.sent for t in doc)
        assert sent_of(doc[3:5]) == doc[3:5].sent


def test_a_role_held_until_an_event_in_the_past_is_over():
    got = all_triples("Ajei Gopal, who led Synopsys as chief executive until the deal closed, has left.")
    assert got[("Ajei Gopal", "ceoOf", "Synopsys")].modality == "ended"
    assert all_triples("Lisa Su will lead AMD until 2030.")[("Lisa Su", "leads", "AMD")].modality == "planned"


@pytest.mark.parametrize("text,triple,modality", [
    # a job named as someone's most recent or run in the simple past is over
    ("Amar Subramanya, who most recently served as corporate vice president of AI at Microsoft, joins Apple.",
     ("Amar Subramanya", "employeeOf", "Microsoft"), "ended"),
    ("Giannandrea joined Apple from Google, where he ran search and AI.", ("Giannandrea", "leads", "Google"), "ended"),
    # a round an investor led is no past job
    ("Thinking Machines Lab closed a $2 billion seed round. Andreessen Horowitz led it.",
     ("Andreessen Horowitz", "investsIn", "Thinking Machines Lab"), "completed"),
])
def test_past_roles_in_the_simple_past(text, triple, modality):
    assert all_triples(text)[triple].modality == modality


def test_relying_on_a_company_for_sales_makes_it_the_customer():
    got = set(all_triples("SK Hynix relies on Nvidia for the majority of its HBM sales."))
    assert ("SK Hynix", "suppliesTo", "Nvidia") in got and ("Nvidia", "suppliesTo", "SK Hynix") not in got


def test_companies_that_each_signed_a_deal_are_not_partners_of_each_other():
    got = set(all_triples("Sumit Sadana said Microsoft and Meta had both signed multi-year supply agreements."))
    assert ("Meta", "partnersWith", "Microsoft") not in got and ("Microsoft", "partnersWith", "Meta") not in got


def test_a_place_description_prefers_the_article_subject_based_there():
    got = set(all_triples("Thinking Machines Lab was founded by Mira Murati. Murati left OpenAI in 2024. In July the "
                          "San Francisco-based startup closed a $2 billion seed round. Andreessen Horowitz led it."))
    assert ("Andreessen Horowitz", "investsIn", "Thinking Machines Lab") in got
    assert ("Andreessen Horowitz", "investsIn", "OpenAI") not in got


def test_a_surname_described_as_an_investor_stays_the_person_named_in_full():
    # (were "Tan" an organisation, it would be what the article is about and the officer's employer)
    got = facts("Intel named Lip-Bu Tan chief executive in March. Tan, a veteran chip investor, has cut management "
                "layers. Tan told engineers to report to him. Chief financial officer David Zinsner kept his post.")
    assert ("David Zinsner", "employeeOf", "Intel") in got
    assert not any(s == "Tan" or o == "Tan" for s, _, o in got)


def test_a_clause_with_its_own_subject_does_not_take_the_modality_of_the_clause_it_is_coordinated_with():
    # ("sell" ends a holding in "sold its stake"; it says nothing about Confluent's rivalry)
    text = ("Microsoft and Google sell managed Kafka services, and Confluent has been fending off younger rivals "
            "such as Redpanda.")
    got = {(t.subject.label, t.predicate, t.object.label): t for t in extract_triples(text, lang="en")}
    assert got[("Confluent", "competesWith", "Redpanda")].modality == "completed"


def test_names_in_apposition_after_an_owned_offering_noun_are_its_products():
    got = facts("Poolside is growing. Its models, Malibu and Point, are on Bedrock.")
    assert {("Malibu", "productOf", "Poolside"), ("Point", "productOf", "Poolside")} <= got


@pytest.mark.parametrize("text,expected,absent", [
    # a bare title after a fronted phrase with its company
    ("At Intel, chief executive Lip-Bu Tan is taking charge of the AI group.", {("Lip-Bu Tan", "ceoOf", "Intel")},
     set()),
    # the person after a copula: "whose chief executive is X", "its chairman is X"
    ("Tokyo-based Kioxia, whose chief executive is Nobuo Hayasaka, listed its shares.",
     {("Nobuo Hayasaka", "ceoOf", "Kioxia")}, set()),
    ("Rapidus was set up in 2022. Its chief executive is Atsuyoshi Koike; its chairman is Tetsuro Higashi.",
     {("Atsuyoshi Koike", "ceoOf", "Rapidus"), ("Tetsuro Higashi", "leads", "Rapidus")}, set()),
    # "who runs the company as chief executive": the title says which role, not a second "leads"
    ("AirTrunk was founded in 2016 by Robin Khuda, who still runs the company as chief executive.",
     {("Robin Khuda", "ceoOf", "AirTrunk")}, {("Robin Khuda", "leads", "AirTrunk")}),
    # a company bought from its owners: the sellers supply nothing; a majority bought is the company bought
    ("Blackstone agreed to acquire AirTrunk from Macquarie Asset Management.", {("Blackstone", "acquired", "AirTrunk")},
     {("Macquarie Group", "suppliesTo", "Blackstone")}),
    ("Macquarie Asset Management bought a majority of AirTrunk in 2020.",
     {("Macquarie Group", "acquired", "AirTrunk")}, {("AirTrunk", "suppliesTo", "Macquarie Group")}),
    # running a company's unit is leading the company; overseeing its work is not
    ("Mustafa Suleyman now runs Microsoft's consumer AI division.", {("Mustafa Suleyman", "leads", "Microsoft")},
     set()),
    ("Sachin Katti, who oversaw Intel's AI work, joined OpenAI.", set(), {("Sachin Katti", "leads", "Intel")}),
])
def test_blind_set_seven_constructions(text, expected, absent):
    got = facts(text)
    assert expected <= got
    assert not (absent & got)


def test_a_title_in_apposition_to_someone_who_leaves_is_over():
    got = {(t.subject.label, t.predicate, t.object.label): t.modality for t in extract_triples(
        "Sachin Katti, Intel's chief technology officer, left this month to join OpenAI.", lang="en")}
    assert got[("Sachin Katti", "employeeOf", "Intel")] == "ended"
    assert got[("Sachin Katti", "employeeOf", "OpenAI")] == "completed"


@pytest.mark.parametrize("text,expected", [
    # an unknown name described as a startup is an organisation, whatever the model typed it
    ("In August it bought XetHub, a Seattle-based startup; XetHub founder Yucheng Low came over with the team.",
     ("Yucheng Low", "founderOf", "XetHub")),
    # a known place the model typed as a company, where only a place fits
    ("Hugging Face has acquired Pollen Robotics. Pollen, based in Bordeaux, was founded in 2016.",
     ("Pollen Robotics", "headquarteredIn", "Bordeaux")),
    ("Mistral added Nvidia as a shareholder.", ("Nvidia", "investsIn", "Mistral AI")),
])
def test_more_blind_set_seven_constructions(text, expected):
    assert expected in facts(text)


@pytest.mark.parametrize("text,expected,absent", [
    ("Qualcomm is up against Nvidia and AMD, which dominate the market.",
     {("Nvidia", "competesWith", "Qualcomm"), ("AMD", "competesWith", "Qualcomm")}, set()),
    ("Nscale competes for the same hyperscaler contracts as CoreWeave and Nebius.",
     {("CoreWeave", "competesWith", "Nscale"), ("Nebius", "competesWith", "Nscale")}, set()),
    ("Samsung is losing to TSMC in foundry.", {("Samsung Electronics", "competesWith", "TSMC")}, set()),
    ("Marvell competes with Broadcom for custom chip contracts, and both are chasing Nvidia.",
     {("Marvell Technology", "competesWith", "Broadcom"), ("Broadcom", "competesWith", "Nvidia")},
     set()),
    # losing a customer is no rivalry; being partners in something or backers of someone is none either
    ("Intel lost Apple as a customer.", set(), {("Apple", "competesWith", "Intel")}),
    ("Kleiner Perkins, Lightspeed Venture Partners and Iconiq Growth are also among its backers.", set(),
     {("Kleiner Perkins", "competesWith", "Lightspeed Venture Partners")}),
])
def test_competition_idioms(text, expected, absent):
    got = facts(text)
    got |= {(o, p, s) for s, p, o in got if p == "competesWith"}
    assert expected <= got
    assert not (absent & got)


def test_a_surname_the_model_called_a_place_stays_the_person():
    got = facts("Amar Subramanya joins Apple as vice president of AI. Before a brief stint at Microsoft, Subramanya "
                "spent 16 years at Google. Chief operating officer Sabih Khan will divide the rest.")
    assert not any(o == "Subramanya" or o == "Amar Subramanya" for s, p, o in got if p == "employeeOf")


@pytest.mark.parametrize("text,modality", [
    # what a company says it will do, it announces
    ("Cisco said it would buy Splunk.", "announced"),
    # ... unless a plan word says it only intends it, or others say it
    ("Cisco said it plans to buy Splunk.", "planned"),
    ("Analysts said Cisco would buy Splunk.", "planned"),
])
def test_a_company_stating_what_it_will_do_announces_it(text, modality):
    got = {(t.subject.label, t.predicate, t.object.label): t.modality for t in extract_triples(text, lang="en")}
    assert got[("Cisco", "acquired", "Splunk")] == modality


@pytest.mark.parametrize("text,expected,absent", [
    # a social platform is a company, except as the venue of a statement
    ("Suleyman left Google to start Inflection AI with LinkedIn co-founder Reid Hoffman.",
     {("Reid Hoffman", "founderOf", "LinkedIn")}, set()),
    ("Sam Altman wrote on LinkedIn that OpenAI would hire Ian Goodfellow.", set(),
     {("Sam Altman", "employeeOf", "LinkedIn")}),
    # "the X co-founder": a name between a determiner and a title is an organisation
    ("Sean Parker, the Napster co-founder who was Facebook's first president, will become executive chairman.",
     {("Sean Parker", "founderOf", "Napster")}, set()),
])
def test_platforms_and_names_before_titles(text, expected, absent):
    got = facts(text)
    assert expected <= got
    assert not (absent & got)


def test_a_platform_named_as_a_venue_is_no_entity():
    from kg.nlp import load_pipeline

    doc = load_pipeline("en")("Altman wrote on LinkedIn that OpenAI would grow. In a Twitter post, Musk praised xAI.")
    assert not any(e.text in {"LinkedIn", "Twitter"} for e in doc.ents)
    assert "LinkedIn" in [e.text for e in load_pipeline("en")("Reid Hoffman co-founded LinkedIn.").ents]


@pytest.mark.parametrize("text,expected", [
    # a named owner opening an apposition headed by an offering noun ("library", "model")
    ("Pollen's robots were wired into LeRobot, Hugging Face's open-source robotics library.",
     ("LeRobot", "productOf", "Hugging Face")),
    ("The deal covers Gemini, Google's most capable model.", ("Gemini", "productOf", "Google")),
])
def test_products_in_apposition_with_a_named_owner(text, expected):
    assert expected in facts(text)


@pytest.mark.parametrize("text,expected", [
    ("The Ministry of Economy, Trade and Industry (METI) has now committed more than 1.7 trillion yen in subsidies "
     "to Rapidus.", ("Ministry of Economy, Trade and Industry", "supports", "Rapidus")),
    # a chiplet is a supplied good
    ("Samsung Electronics manufactures Tenstorrent's next-generation AI chiplet on its 4-nanometre process.",
     ("Samsung Electronics", "suppliesTo", "Tenstorrent")),
])
def test_subsidies_committed_and_chiplets_made(text, expected):
    assert expected in facts(text)


def test_investors_in_the_round_invest_in_the_company_that_raised_it():
    got = facts("Sakana AI raised $200 million in a Series B round. Investors in the round include Khosla Ventures "
                "and New Enterprise Associates.")
    assert {("Khosla Ventures", "investsIn", "Sakana AI"), ("New Enterprise Associates", "investsIn", "Sakana AI")} <= got
    # with no round named before, the investors are nobody's
    assert not any(p == "investsIn" for _, p, _ in facts("Investors in the round include Khosla Ventures."))


def test_investors_joining_alongside_others_join_the_round():
    got = facts("Nscale raised $1.1 billion in a round led by Aker. Nvidia, Nokia and Dell joined, alongside financial "
                "investors Blue Owl and Fidelity.")
    assert {("Nvidia", "investsIn", "Nscale"), ("Fidelity", "investsIn", "Nscale")} <= got
    # joining something else alongside another is no investment
    assert not any(p == "investsIn" for _, p, _ in facts("Mistral raised money. Nvidia joined the board alongside "
                                                         "Microsoft."))


# ---------------------------------------------------------------- shapes found by the construction battery
@pytest.mark.parametrize("text,expected,absent", [
    # a one-word title describing another noun is no title of its own; a function chief is an officer
    ("Ada Lind, Siemens's chief AI scientist, gave the keynote.", ("Ada Lind", "employeeOf", "Siemens"),
     ("Ada Lind", "leads", "Siemens")),
    ("Omar Diaz, Siemens's finance chief, presented the results.", ("Omar Diaz", "employeeOf", "Siemens"),
     ("Omar Diaz", "leads", "Siemens")),
    # the head of a company's named unit leads the unit
    ("Carla Ruiz, head of Samsung's foundry unit Samsung Foundry, spoke in Seoul.",
     ("Carla Ruiz", "leads", "Samsung Foundry"), ("Carla Ruiz", "leads", "Samsung")),
    # a title the model glued to the name
    ("Siemens confirmed the results on Monday; CFO Ingrid Holm will stay until 2027.",
     ("Ingrid Holm", "employeeOf", "Siemens"), ("CFO Ingrid Holm", "employeeOf", "Siemens")),
])
def test_titles_that_describe_other_nouns_or_units(text, expected, absent):
    got = facts(text)
    assert expected in got
    assert absent not in got


@pytest.mark.parametrize("text,expected", [
    ("Arthur Mensch co-founded Mistral AI and now serves as the company's chief executive.",
     ("Arthur Mensch", "ceoOf", "Mistral AI")),
    ("Aidan Gomez left Google to start Cohere, where he is chief executive.", ("Aidan Gomez", "ceoOf", "Cohere")),
    ("Infineon has confirmed Jochen Hanebeck as chief executive through 2030.",
     ("Jochen Hanebeck", "ceoOf", "Infineon Technologies")),
    ("OpenAI staff heard from Greg Brockman, the company's president and one of its co-founders.",
     ("Greg Brockman", "founderOf", "OpenAI")),
    ("At the helm of Arm since 2022, Rene Haas has pushed the chip designer to sell its own chips.",
     ("Rene Haas", "leads", "Arm Holdings")),
])
def test_roles_through_as_phrases_relatives_and_idioms(text, expected):
    assert expected in facts(text)


def test_a_succession_as_a_title_passes_that_title_not_another():
    got = all_triples("Satya Nadella became chairman of Microsoft in 2021, seven years after he succeeded Steve "
                      "Ballmer as chief executive.")
    assert ("Satya Nadella", "ceoOf", "Microsoft") in got
    assert got[("Steve Ballmer", "ceoOf", "Microsoft")].modality == "ended"
    assert ("Steve Ballmer", "leads", "Microsoft") not in got


@pytest.mark.parametrize("text,expected", [
    ("Paris start-up Dotlane has raised $40 million.", ("Dotlane", "headquarteredIn", "Paris")),
    ("Samsung Catalyst Fund invested in Tel Aviv chip designer NeuroWave.",
     ("NeuroWave", "headquarteredIn", "Tel Aviv")),
    ("MGX, the Abu Dhabi investment fund, backed the deal.", ("MGX", "headquarteredIn", "Abu Dhabi")),
    ("New capital was injected into Lumen Logic by CDP Venture Capital. The Turin company builds vision systems.",
     ("Lumen Logic", "headquarteredIn", "Turin")),
])
def test_a_place_opening_a_company_description_is_its_base(text, expected):
    assert expected in facts(text)


def test_a_place_in_a_prepositional_phrase_is_no_base():
    got = facts("Nvidia opened an office in Paris last year.")
    assert not any(p == "headquarteredIn" for _, p, _ in got)


@pytest.mark.parametrize("text,expected", [
    # a round named by its series letter, led by investors, raised by the subject
    ("Robotics start-up Wayve has closed a $45m Series B co-led by Balderton Capital and Atomico.",
     {("Balderton Capital", "investsIn", "Wayve"), ("Atomico", "investsIn", "Wayve")}),
    ("Aleph Alpha raised $500 million from a group that includes Bosch and SAP.",
     {("Bosch", "investsIn", "Aleph Alpha"), ("SAP", "investsIn", "Aleph Alpha")}),
    ("With money from Sequoia Capital, Paris start-up Dotlane has gathered $220 million.",
     {("Sequoia Capital", "investsIn", "Dotlane")}),
    ("Liang Wenfeng founded DeepSeek in 2023 with money from High-Flyer.", {("High-Flyer", "investsIn", "DeepSeek")}),
    ("Horizon Robotics has lined up Baidu as an anchor investor for its listing.",
     {("Baidu", "investsIn", "Horizon Robotics")}),
])
def test_funding_in_less_common_shapes(text, expected):
    assert expected <= facts(text)


def test_a_series_letter_is_no_entity():
    got = facts("Wayve has closed a $45m Series B co-led by Atomico.")
    assert not any("Series" in s or "Series" in o for s, _, o in got)


@pytest.mark.parametrize("text,expected", [
    ("Analysts now see SK Hynix as Nvidia's main memory supplier.", ("SK Hynix", "suppliesTo", "Nvidia")),
    ("Stability AI has signed up for capacity on Amazon Web Services.",
     ("Amazon Web Services", "suppliesTo", "Stability AI")),
])
def test_supply_read_from_sources_and_as_phrases(text, expected):
    assert expected in facts(text)


def test_a_unit_owned_in_apposition_stays_owned_whatever_the_unit_plans():
    got = all_triples("Volkswagen's software unit Cariad will source its driving chips from Horizon Robotics.")
    assert got[("Volkswagen", "owns", "Cariad")].modality == "completed"
    assert got[("Horizon Robotics", "suppliesTo", "Cariad")].modality == "planned"


@pytest.mark.parametrize("text,expected", [
    ("CapitalG, Alphabet's growth fund, led the round.", ("Alphabet", "owns", "CapitalG")),
    ("Demis Hassabis runs Google DeepMind, Alphabet's artificial-intelligence lab.",
     ("Alphabet", "owns", "Google DeepMind")),
])
def test_a_fund_or_lab_apposed_to_its_owner_is_owned(text, expected):
    assert expected in facts(text)


def test_a_verbs_own_after_phrase_does_not_end_the_role():
    got = all_triples("Kevin Weil joins OpenAI as chief product officer after stints at Instagram and Twitter.")
    assert got[("Kevin Weil", "employeeOf", "OpenAI")].modality == "completed"


def test_a_name_inside_a_description_is_not_what_a_seat_phrase_places():
    got = facts("Snowflake agreed to buy Crunchy Data, a Postgres specialist based in Charleston.")
    assert ("Postgres", "headquarteredIn", "Charleston") not in got


def test_a_title_of_both_a_company_and_its_parent():
    got = facts("Sundar Pichai, chief executive of both Google and its parent company Alphabet, spoke to staff.")
    assert {("Sundar Pichai", "ceoOf", "Google"), ("Sundar Pichai", "ceoOf", "Alphabet")} <= got
    # a second title after "and" keeps its own organisation
    got = facts("Lisa Su, chief executive of AMD and a board member of Cisco, spoke.")
    assert ("Lisa Su", "ceoOf", "Cisco") not in got


def test_the_one_a_new_chief_executive_replaces_held_the_title():
    got = all_triples("Intel named Lip-Bu Tan as chief executive in place of Pat Gelsinger.")
    assert ("Lip-Bu Tan", "ceoOf", "Intel") in got
    assert got[("Pat Gelsinger", "ceoOf", "Intel")].modality == "ended"


def test_a_one_word_name_the_model_calls_a_person_is_a_company_where_only_one_fits():
    got = facts("Superhuman was co-founded in 2014 by Rahul Vohra and Conrad Irwin.")
    assert {("Rahul Vohra", "founderOf", "Superhuman"), ("Conrad Irwin", "founderOf", "Superhuman")} <= got
    # a surname of a person named in full stays the person
    assert not any(o == "Huang" for _, _, o in facts("Jensen Huang spoke. Microsoft invested in Huang."))


def test_a_relative_successor_and_a_title_owner_the_model_called_a_town():
    got = all_triples("\"Cooling is no longer optional,\" said Paulo Ruiz, who succeeded Craig Arnold as Eaton's "
                      "chief executive in June.")
    assert got[("Paulo Ruiz", "ceoOf", "Eaton")].modality == "completed"
    assert got[("Craig Arnold", "ceoOf", "Eaton")].modality == "ended"
    # an honorific keeps a surname a person: no employer read from "Mr Musk's adviser"
    assert not any(p == "employeeOf" for _, p, _ in all_triples("Mr Musk's adviser Jared Birchall declined to "
                                                                 "comment."))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Synthesia raised $180 million in a round led by NEA. New investors Atlassian Ventures and Accel joined "
         "the round, as did existing backers GV, MMC Ventures and FirstMark Capital.",
         {("GV", "investsIn", "Synthesia"), ("MMC Ventures", "investsIn", "Synthesia"),
          ("FirstMark Capital", "investsIn", "Synthesia")}),
        ("Microsoft invested in Mistral AI, as did Nvidia and Salesforce.",
         {("Nvidia", "investsIn", "Mistral AI"), ("Salesforce", "investsIn", "Mistral AI")}),
    ],
)
def test_names_after_as_did_did_what_the_clause_before_says(text, expected):
    assert expected <= facts(text)


def test_as_did_opening_no_clause_of_its_own_copies_nothing():
    got = facts("Microsoft invested in Mistral AI. As did Google, Nvidia bought Run:ai.")
    assert ("Google", "investsIn", "Mistral AI") not in got


def test_an_investment_arm_after_a_company_name_is_its_own_organisation():
    got = facts("Synthesia raised $180 million in a round led by NEA. Atlassian Ventures, WiNG Venture Capital and "
                "Accel joined the round.")
    assert {("Atlassian Ventures", "investsIn", "Synthesia"), ("WiNG Venture Capital", "investsIn", "Synthesia")} <= got
    assert ("Atlassian", "investsIn", "Synthesia") not in got


def test_the_company_a_noun_phrase_is_about_is_not_the_referent_of_a_noun_inside_it():
    got = facts("Qualcomm agreed to buy Alphawave. Shareholders of Alphawave backed Qualcomm's takeover of the "
                "chip designer on Tuesday.")
    assert ("Qualcomm", "acquired", "Qualcomm") not in got


def test_the_place_name_before_a_generic_noun_still_makes_it_a_reference():
    got = facts("Cursor's maker reloads. Anysphere, the San Francisco startup behind the Cursor coding assistant, has "
                "raised $900m at a valuation of $9.9bn. Thrive Capital led the round, with Andreessen Horowitz and "
                "Accel also taking part.")
    assert {("Thrive Capital", "investsIn", "Anysphere"), ("Accel", "investsIn", "Anysphere")} <= got


def test_a_two_word_name_ending_in_a_company_word_is_no_person():
    got = all_triples("Prem Akkaraju, the former chief executive of Weta Digital, joined Stability AI.")
    assert got[("Prem Akkaraju", "ceoOf", "Weta Digital")].modality == "ended"


def test_a_company_word_does_not_unmake_a_person_with_a_known_given_name():
    assert ("Michael Dell", "ceoOf", "Dell Technologies") in facts(
        "Michael Dell, the chief executive of Dell Technologies, spoke on Tuesday.")


def test_a_name_the_parser_labelled_an_adverb_is_still_the_object():
    got = all_triples("Rami Rahim, who ran Juniper, now heads HPE's enlarged networking business.")
    assert got[("Rami Rahim", "leads", "Juniper")].modality == "ended"


def test_a_full_stop_after_an_amount_ends_the_sentence():
    from kg.nlp import load_pipeline

    doc = load_pipeline("en")("Anysphere has raised $900m. Thrive Capital led the round at 9 a.m. on Monday.")
    assert len(list(doc.sents)) == 2
    t = [t for t in extract_triples("General Catalyst invested $900m in Mistral AI. It was big.", lang="en")
         if t.predicate == "investsIn"]
    assert t and t[0].amount == 900_000_000 and t[0].currency == "USD"


def test_a_full_stop_after_a_name_ending_in_a_capital_ends_the_sentence():
    """spaCy keeps "PhysicsX." whole (a period after one capital reads as an initial); kg splits it."""
    from kg.nlp import load_pipeline

    doc = load_pipeline("en")("The biggest round went to PhysicsX. The London company raised $135m from Atomico.")
    assert "PhysicsX" in [t.text for t in doc] and len(list(doc.sents)) == 2
    assert ("Starlink", "productOf", "SpaceX") in facts(
        "Its rival is Starlink, the satellite internet service run by SpaceX. Demand is strong.")
    assert "J." in [t.text for t in load_pipeline("en")("It is run by J. Smith in the U.S. today.")]


def test_losing_ground_to_rivals_such_as_names_them_as_competitors():
    got = facts("iRobot has lost ground to Chinese rivals such as Roborock and Ecovacs.")
    assert {("iRobot", "competesWith", "Roborock"), ("Ecovacs", "competesWith", "iRobot")} <= got


def test_a_future_rivalry_is_stated_as_a_rivalry():
    got = all_triples("Rapidus will compete with TSMC and Samsung Electronics in 2-nanometre chips.")
    assert got[("Rapidus", "competesWith", "TSMC")].modality == "completed"


def test_minority_partners_in_a_joint_venture_take_part_in_it_and_are_not_partners_of_each_other():
    got = facts("METI subsidises Japan Advanced Semiconductor Manufacturing (JASM), the Kumamoto-based joint venture "
                "majority-owned by TSMC, in which Sony, Denso and Toyota are minority partners.")
    assert ("Sony", "participatesIn", "JASM") in got
    assert not any(p == "partnersWith" for _, p, _ in got)
    assert ("Deutsche Telekom", "partnersWith", "Nvidia") in facts("Nvidia and Deutsche Telekom are partners.")


def test_co_buyers_of_a_company_in_one_deal_are_not_partners():
    got = facts("Blackstone and CPP Investments have agreed to acquire AirTrunk from Macquarie Asset Management in a "
                "deal worth more than A$24 billion.")
    assert not any(p == "partnersWith" for _, p, _ in got)


def test_a_fronted_participle_with_by_parsed_as_a_plain_preposition_is_still_passive():
    got = facts("Ek also chairs the board.\n\nFounded in 2021 by Torsten Reil, Gundbert Scherf and Niklas Köhler, "
                "Helsing started out selling software.")
    assert {(p, "founderOf", "Helsing") for p in ("Torsten Reil", "Gundbert Scherf", "Niklas Köhler")} <= got


def test_a_perfect_with_by_is_no_passive():
    assert ("Nvidia", "investsIn", "Mistral AI") in facts("Nvidia has invested by far the most in Mistral AI.")


def test_an_untagged_capitalised_word_between_two_companies_of_a_list_is_one_more():
    got = facts("Helsing has raised 600 million euros in a round led by Prima Materia. Existing backers Lightspeed "
                "Venture Partners, Accel, Plural and General Catalyst also put in money.")
    assert {(x, "investsIn", "Helsing") for x in ("Accel", "Plural", "General Catalyst")} <= got


def test_coordinated_names_before_a_products_noun_are_products():
    got = facts("Spirent, whose Landslide and TestCenter products are used by operators including Verizon and "
                "Vodafone, agreed to the deal.")
    assert {("Landslide", "productOf", "Spirent Communications"),
            ("TestCenter", "productOf", "Spirent Communications")} <= got
    assert not any(s == "Landslide" and p == "suppliesTo" for s, p, _ in got)


def test_a_preposition_repeated_over_a_list_gives_every_name():
    found = facts("Lovable competes with Anysphere, the maker of the Cursor editor, with Replit and with StackBlitz.")
    pairs = {frozenset((s, o)) for s, p, o in found if p == "competesWith"}
    assert {frozenset(("Lovable", x)) for x in ("Anysphere", "Replit", "StackBlitz")} <= pairs


def test_a_name_equated_with_a_possessed_product_noun_is_that_companys_product():
    assert ("Solar", "productOf", "Upstage") in facts(
        "Upstage sells models. Its best-known product is Solar, a family of compact language models.")


def test_a_product_named_after_a_company_is_not_another_companys():
    found = facts("Confluent reported higher sales. Amazon Web Services and Google sell managed Kafka services that "
                  "compete with Confluent Cloud, the company's flagship product.")
    assert not any(s == "Confluent Cloud" and p == "productOf" and o != "Confluent" for s, p, o in found)


def test_a_company_of_a_town_is_the_company_based_there():
    found = facts("He sold Red Lion Controls to HMS Networks of Halmstad, Sweden, for $345m.")
    assert {("HMS Networks", "acquired", "Red Lion Controls"), ("HMS Networks", "headquarteredIn", "Halmstad")} <= found


def test_an_institution_named_with_of_and_a_place_is_one_name():
    assert ents_of("Bank of America and the University of California signed a deal.").get(
        "University of California") == "Organization"


def test_a_second_participle_describes_the_same_noun_as_the_first():
    found = facts("Humain, the new AI company owned by the Public Investment Fund and chaired by Crown Prince "
                  "Mohammed bin Salman, announced an agreement.")
    assert ("Mohammed bin Salman", "leads", "Humain") in found
    assert ("Mohammed bin Salman", "leads", "Public Investment Fund") not in found


@pytest.mark.parametrize(("text", "expected"), [
    ("Krutrim builds models. At home its closest competitor is Sarvam AI, another Bengaluru start-up.",
     ("Krutrim", "competesWith", "Sarvam AI")),
    ("Physical Intelligence builds robot software. Analysts count Tesla among its closest rivals.",
     ("Physical Intelligence", "competesWith", "Tesla")),
])
def test_rivals_named_by_a_copula_or_counted_among_them(text, expected):
    s, p, o = expected
    found = facts(text)
    assert (s, p, o) in found or (o, p, s) in found


def test_the_deal_led_by_an_investor_after_a_raise_is_the_round():
    found = facts("Sierra raised $350 million at a $10 billion valuation. The deal was led by Greenoaks Capital.")
    assert any(s.startswith("Greenoaks") and p == "investsIn" and o == "Sierra" for s, p, o in found)


def test_a_series_letter_stays_with_its_series():
    from kg.nlp import load_pipeline

    doc = load_pipeline("en")("Mistral raised $600 million in a Series B led by General Catalyst.")
    assert "Series B" in [t.text for t in doc]


def test_a_title_set_off_after_a_founders_name_is_that_founders_not_the_next_names():
    found = facts("Quantum Machines builds control systems. The company was founded in 2018 by Itamar Sivan, its "
                  "chief executive, Yonatan Cohen, its chief technology officer, and Nissim Ofek.")
    assert ("Itamar Sivan", "ceoOf", "Quantum Machines") in found
    assert ("Yonatan Cohen", "ceoOf", "Quantum Machines") not in found


def test_a_name_set_off_before_now_and_a_whole_title_is_a_person():
    from kg.nlp import load_pipeline

    doc = load_pipeline("en")("PolyAI was founded in 2017 by Nikola Mrksic, now chief executive, and Shawn Wen.")
    assert {e.text: e.label_ for e in doc.ents}["Nikola Mrksic"] == "Person"


def test_a_company_backed_by_an_investment_from_x_is_x_s_investee():
    found = facts("Twelve Labs was backed in October by a $10 million strategic investment from Nvidia and Intel.")
    assert {("Nvidia", "investsIn", "Twelve Labs"), ("Intel", "investsIn", "Twelve Labs")} <= found


@pytest.mark.parametrize("text", [
    "Twelve Labs competes with giants such as Google and OpenAI.",
    "Twelve Labs competes for such customers with Google and OpenAI.",
])
def test_rivals_listed_as_examples_or_after_a_for_phrase_are_rivals(text):
    rivals = {o if s == "Twelve Labs" else s for s, p, o in facts(text) if p == "competesWith"}
    assert rivals == {"Google", "OpenAI"}


def test_an_unknown_place_before_based_is_a_place():
    assert ("Swisscom", "headquarteredIn", "Bern") in facts(
        "Swisscom, the Bern-based telecoms operator, has partnered with EPFL.")


def test_an_unknown_name_apposed_to_a_company_noun_is_a_company():
    found = facts("Sonatel, the Dakar-based operator controlled by Orange, is one of the group's largest businesses.")
    assert {("Sonatel", "headquarteredIn", "Dakar"), ("Orange", "owns", "Sonatel")} <= found


def test_a_known_name_continued_before_an_apposition_stays_one_name():
    from kg.nlp import load_pipeline

    doc = load_pipeline("en")("Paloma Rheem Holdings will buy Fujitsu General, the air-conditioner maker.")
    assert "Fujitsu General" in {e.text for e in doc.ents}


def test_a_capitalised_title_before_a_hyphenated_name_is_not_part_of_it():
    from kg.nlp import load_pipeline

    doc = load_pipeline("en")("MediaTek makes chips. Founder Ming-Kai Tsai remains chairman.")
    assert {e.text: e.label_ for e in doc.ents}.get("Ming-Kai Tsai") == "Person"


@pytest.mark.parametrize("text", [
    "Sandisk makes memory chips. The main rivals are Samsung Electronics and Micron.",
    "Sandisk makes memory chips. Rivals include Samsung Electronics and Micron.",
])
def test_bare_rivals_are_the_rivals_of_the_company_talked_about(text):
    rivals = {o if s == "Sandisk" else s for s, p, o in facts(text) if p == "competesWith"}
    assert len(rivals) == 2


@pytest.mark.parametrize(("text", "expected"), [
    ("MediaTek, which is chaired by founder Ming-Kai Tsai, makes chips.", ("Ming-Kai Tsai", "founderOf", "MediaTek")),
    ("Cohere is led by chief executive and co-founder Aidan Gomez.", ("Aidan Gomez", "founderOf", "Cohere")),
])
def test_a_title_in_the_agent_of_a_leading_verb_is_at_what_the_verb_leads(text, expected):
    assert expected in facts(text)


def test_a_name_ending_in_an_institution_word_is_no_person_whatever_its_first_word():
    found = facts("Jan Hajic, a computational linguist at Charles University in Prague, coordinates the consortium.")
    assert ("Jan Hajic", "employeeOf", "Charles University") in found


def test_a_plural_title_after_coordinated_people_is_each_ones():
    found = facts("Antoine Bosselut and Martin Jaggi, both professors at EPFL, wrote it.")
    assert {("Antoine Bosselut", "employeeOf", "EPFL"), ("Martin Jaggi", "employeeOf", "EPFL")} <= found


def test_a_place_run_into_an_institution_is_one_name():
    from kg.nlp import load_pipeline

    doc = load_pipeline("en")("Fugaku-LLM was developed by Tokyo Institute of Technology and Fujitsu.")
    assert "Tokyo Institute of Technology" in {e.text for e in doc.ents}


def test_a_name_apposed_to_an_offering_made_by_a_company_is_its_product():
    assert ("Rhea1", "productOf", "SiPearl") in facts("The modules use Rhea1, the processor designed by SiPearl.")


@pytest.mark.parametrize("text", [
    "Stargate was launched in January as a joint venture of OpenAI, SoftBank Group and Oracle.",
    "Stargate is a joint venture of OpenAI, SoftBank Group and Oracle.",
])
def test_the_members_of_a_venture_named_by_of_participate_in_it(text):
    members = {s for s, p, o in facts(text) if p == "participatesIn" and o == "Stargate"}
    assert members == {"OpenAI", "SoftBank Group", "Oracle"}


def test_a_rivalry_a_company_has_stopped_is_over():
    found = all_triples("In practice, Aleph Alpha has stopped competing with OpenAI and Google on foundation models.")
    assert {t.modality for k, t in found.items() if k[1] == "competesWith"} == {"ended"}


def test_a_title_after_a_past_copula_is_a_past_role():
    found = all_triples("David Goeckeler, who had been Western Digital's chief executive before the split, is "
                        "Sandisk's CEO.")
    assert found[("David Goeckeler", "ceoOf", "Western Digital")].modality == "ended"
    assert found[("David Goeckeler", "ceoOf", "Sandisk")].modality == "completed"


def test_an_agent_repeated_after_and_by_is_an_agent_too():
    found = facts("Vantage Data Centers is backed by Boca Raton-based DigitalBridge and by Silver Lake.")
    assert {("DigitalBridge", "investsIn", "Vantage Data Centers"), ("Silver Lake", "investsIn", "Vantage Data Centers")} <= found


@pytest.mark.parametrize(("text", "expected"), [
    ("Meta energy executive Urvi Parekh said the company needed clean electricity.", ("Urvi Parekh", "employeeOf", "Meta")),
    ("Alper Ilkbahar, a senior Sandisk technology executive, has pitched HBF.", ("Alper Ilkbahar", "employeeOf", "Sandisk")),
])
def test_a_company_before_the_field_of_a_title_is_the_titles_company(text, expected):
    assert expected in facts(text)


def test_companies_listed_before_a_plural_rival_noun_compete_with_each_other():
    found = facts("Sandisk and SK Hynix, rivals in the market for NAND flash memory, have signed a memorandum.")
    assert any(p == "competesWith" and {s, o} == {"Sandisk", "SK Hynix"} for s, p, o in found)


@pytest.mark.parametrize(("text", "expected"), [
    ("Frontier, a campus in Shackelford County, Texas, will cost billions.", ("Frontier", "locatedIn", "Shackelford County")),
    ("Vantage Data Centers is to develop Lighthouse, a campus of close to one gigawatt at Port Washington, Wisconsin.",
     ("Lighthouse", "locatedIn", "Port Washington")),
])
def test_a_name_set_off_before_a_site_noun_is_a_site_located_where_the_phrase_says(text, expected):
    assert expected in facts(text)


def test_a_lab_set_off_before_its_description_stays_a_company():
    from kg.nlp import load_pipeline

    doc = load_pipeline("en")("DeepMind, the London lab owned by Google, grew.")
    assert {e.text: e.label_ for e in doc.ents}["DeepMind"] == "Organization"


def test_a_compass_word_is_not_part_of_a_places_name():
    from kg.nlp import load_pipeline

    doc = load_pipeline("en")("The plant in central Illinois is big.")
    assert "Illinois" in {e.text for e in doc.ents}


def test_a_comma_list_of_titles_closed_by_and_reaches_the_organisation():
    assert ("Charles Liang", "founderOf", "Supermicro") in facts(
        '"We grew," said Charles Liang, the founder, president and chief executive of Supermicro.')


def test_a_titles_field_comes_between_it_and_the_place_of_work():
    assert ("Percy Liang", "employeeOf", "Stanford University") in facts(
        "Percy Liang, a professor of computer science at Stanford University, joined.")


def test_a_past_copula_of_a_passive_appointment_is_no_past_role():
    found = all_triples("Jane Doe, who was named Intel's chief executive in March, spoke.")
    assert all(t.modality != "ended" for t in found.values())


def test_a_given_name_the_model_left_out_goes_back_into_the_persons_name():
    found = all_triples("Raghib Hussain, a chip-industry veteran, will become Altera's chief executive.")
    assert ("Raghib Hussain", "ceoOf", "Altera") in found
    assert not any(s == "Hussain" for s, _, _ in found)


def test_a_capitalised_word_of_the_language_before_a_name_stays_out_of_it():
    from kg.nlp import load_pipeline

    doc = load_pipeline("en")("Commissioner Margrethe Vestager questioned Google.")
    assert "Margrethe Vestager" in {e.text for e in doc.ents}


def test_a_company_led_by_a_person_after_its_round_is_no_round_led_by_that_person():
    found = all_triples("Cohere, a Toronto startup, which raised $500 million in its latest round, is led by "
                        "Aidan Gomez.")
    assert ("Aidan Gomez", "investsIn", "Cohere") not in found


def test_a_founder_stays_a_founder_whatever_the_tense():
    found = all_triples("Holz previously co-founded Leap Motion, a maker of hand-tracking sensors.")
    assert found[("Holz", "founderOf", "Leap Motion")].modality == "completed"


def test_a_relative_clause_about_someones_parent_places_the_parent_not_the_company():
    found = all_triples("Naver Cloud, whose parent is based in Seongnam, will use the chips.")
    assert not any(p == "headquarteredIn" for _, p, _ in found)


def test_a_takeover_that_was_to_happen_is_not_a_completed_one():
    found = all_triples("Under terms unveiled in May, Hygon was to take over Sugon through a share swap.")
    assert found[("Hygon", "acquired", "Sugon")].modality != "completed"


def test_a_product_named_before_a_company_noun_is_not_the_company():
    found = all_triples("Tencent's gaming portfolio also includes Riot Games, the League of Legends studio it "
                        "owns outright.")
    assert not any(o == "League of Legends" for _, p, o in found if p == "owns")


def test_its_own_challenger_is_the_possessors_product_not_its_rival():
    found = all_triples("Perplexity launched Comet, its own challenger to Chrome, in July.")
    assert not any({s, o} == {"Perplexity", "Comet"} for s, p, o in found if p == "competesWith")


def test_a_company_launching_something_founds_nothing_but_a_person_launching_a_company_does():
    assert not any(p == "founderOf" for _, p, _ in all_triples("Perplexity launched Comet in July."))
    assert ("Mira Murati", "founderOf", "Thinking Machines Lab") in facts(
        "Mira Murati launched Thinking Machines Lab in February.")


def test_a_name_set_off_by_a_person_noun_is_a_person():
    found = all_triples("Bannon, a chip architect who joined Tesla from Apple in 2016, took charge of Dojo.")
    assert ("Bannon", "employeeOf", "Tesla") in found
    assert not any(p == "participatesIn" for _, p, _ in found)


def test_the_employer_named_before_a_person_noun_is_not_that_person():
    found = all_triples("Igor Babuschkin, a former Google DeepMind researcher who co-founded xAI, spoke.")
    assert ("Igor Babuschkin", "founderOf", "xAI") in found
    assert not any(s == "Google DeepMind" for s, p, _ in found if p == "founderOf")


def test_time_spent_as_a_title_is_a_past_job():
    found = all_triples("The start-up was founded by Arvind Jain, who spent more than a decade as an engineer at "
                        "Google before co-founding Rubrik.")
    assert found[("Arvind Jain", "employeeOf", "Google")].modality == "ended"


def test_a_clause_ending_its_own_object_does_not_end_the_main_fact():
    found = all_triples("Yageo has won control of Shibaura Electronics, ending an eight-month takeover battle.")
    assert found[("Yageo", "acquired", "Shibaura Electronics")].modality == "completed"


def test_a_majority_held_is_ownership_and_a_majority_bought_a_takeover():
    assert ("SMIC", "owns", "SMIC North") in facts("SMIC, which already owns 51% of SMIC North, will buy the rest.")
    found = all_triples("AgiBot will acquire up to 63.62% of Swancor Advanced Materials through a share transfer.")
    assert ("AgiBot", "acquired", "Swancor Advanced Materials") in found
    assert ("SoftBank Group", "investsIn", "OpenAI") in facts("SoftBank took a 10% stake in OpenAI.")


def test_a_one_word_name_a_place_is_the_seat_of_is_a_company():
    assert ("Nidec", "headquarteredIn", "Kyoto") in facts("Kyoto-based Nidec withdrew its offer for Makino.")


def test_backers_of_both_kinds_are_each_read_by_the_trigger_that_fits_them():
    found = facts("Mistral AI is backed by Nvidia and by the French government.")
    assert ("Nvidia", "investsIn", "Mistral AI") in found
    assert ("French government", "supports", "Mistral AI") in found


def test_companies_signing_a_deal_with_a_third_party_are_not_partners_of_each_other():
    assert not any(p == "partnersWith" for _, p, _ in all_triples(
        "Nokia and Ericsson signed a deal with the government."))
    assert ("Ericsson", "partnersWith", "Nokia") in facts("Nokia and Ericsson are partners with a long history.")


def test_money_raised_before_something_else_ended_is_still_raised():
    found = all_triples("Cerebras withdrew its planned IPO after raising 1.1 billion dollars from Fidelity.")
    assert found[("Fidelity", "investsIn", "Cerebras")].modality == "completed"


def test_a_description_set_off_by_a_name_holds_whatever_its_clause_plans():
    found = all_triples("Arm's largest shareholder, SoftBank, is considering selling part of its stake.")
    assert found[("SoftBank Group", "investsIn", "Arm Holdings")].modality == "completed"


def test_a_rejected_takeover_approach_names_its_bidder_and_is_denied():
    found = all_triples("Perplexity rejected a takeover approach from Samsung.")
    assert found[("Samsung Electronics", "acquired", "Perplexity")].modality == "denied"
    assert not any(p == "acquired" for _, p, _ in all_triples("Nvidia rejected an offer from Samsung to supply memory."))


def test_a_one_word_name_after_a_site_preposition_is_a_place_not_a_person():
    # the statistical model reads "Cheongju" as a person
    assert ("M15X", "locatedIn", "Cheongju") in facts(
        "SK Hynix's M15X fab in Cheongju is due to start operating in the fourth quarter.")


def test_offices_a_company_has_place_it_in_each_listed_city():
    found = facts("Synthesia has offices in Amsterdam, Copenhagen and Munich.")
    assert {("Synthesia", "locatedIn", c) for c in ("Amsterdam", "Copenhagen", "Munich")} <= found


def test_an_unnamed_site_places_its_company_and_a_named_site_places_itself():
    found = facts("Intel operates fabs in Arizona and Ohio.")
    assert {("Intel", "locatedIn", "Arizona"), ("Intel", "locatedIn", "Ohio")} <= found
    named = facts("Micron's ID1 fab in Boise is due to open in 2027.")
    assert ("ID1", "locatedIn", "Boise") in named
    assert ("Micron Technology", "locatedIn", "Boise") not in named


def test_a_sum_a_government_pledges_toward_a_companys_plant_supports_the_company():
    assert ("Japanese government", "supports", "Micron Technology") in facts(
        "The Japanese government has pledged ¥536 billion toward Micron's Hiroshima plant.")


def test_a_fine_is_no_public_support():
    assert not any(p == "supports" for _, p, _ in all_triples(
        "The European Commission gave Microsoft a €500 million fine."))


def test_a_one_word_name_the_model_calls_a_person_is_a_company_when_it_has_rivals():
    found = facts("Superhuman's real rivals are Google and Microsoft, whose Gmail and Outlook are getting AI features.")
    assert {("Google", "competesWith", "Superhuman"), ("Microsoft", "competesWith", "Superhuman")} <= found


def test_a_pair_the_parser_reads_as_one_name_modifying_the_other_is_a_list():
    found = facts("SK Hynix makes HBM. It competes in that market with Samsung Electronics and Micron Technology.")
    assert {("Samsung Electronics", "competesWith", "SK Hynix"), ("Micron Technology", "competesWith", "SK Hynix")} <= found


def test_a_repeated_preposition_brings_its_whole_list():
    found = facts("Qualcomm is up against Nvidia and AMD, which dominate the market, and against Google, Amazon and "
                  "Microsoft, which all design their own chips.")
    assert {(x, "competesWith", "Qualcomm") for x in ("Nvidia", "AMD", "Google", "Amazon", "Microsoft")} <= found


def test_customers_a_company_names_are_its_customers():
    found = facts("Together AI says it names Salesforce, Zoom and SK Telecom as customers.")
    assert {("Together AI", "suppliesTo", x) for x in ("Salesforce", "Zoom", "SK Telecom")} <= found


def test_a_relative_clause_on_one_listed_name_describes_that_name_only():
    found = all_triples("Rebellions, which took over Sapeon Korea last year, and FuriosaAI, which turned down a "
                        "takeover offer from Meta, are the country's leading chip startups.")
    assert ("Rebellions", "acquired", "Sapeon Korea") in found
    assert ("FuriosaAI", "acquired", "Sapeon Korea") not in found


def test_a_customer_list_with_a_relative_clause_names_the_customers():
    found = facts("The deal would add Meta to an Oracle customer list that already includes OpenAI and xAI.")
    assert {("Oracle", "suppliesTo", "OpenAI"), ("Oracle", "suppliesTo", "xAI")} <= found


def test_customers_given_as_examples_after_including():
    found = facts("Kioxia raised money, with several of the chipmaker's customers, including Apple and Dell "
                  "Technologies, putting in part of the money.")
    assert {("Kioxia", "suppliesTo", "Apple"), ("Kioxia", "suppliesTo", "Dell Technologies")} <= found


def test_training_models_on_a_companys_chips_makes_it_a_supplier():
    assert ("Nvidia", "suppliesTo", "Black Forest Labs") in facts("Black Forest Labs trains its models on Nvidia GPUs.")
    assert not any(p == "suppliesTo" for _, p, _ in all_triples("Nvidia built its business on gaming."))


def test_an_unknown_name_after_maker_of_is_a_product_even_if_the_model_calls_it_a_person():
    found = facts("Atlassian, the maker of Jira and Confluence, is paying $610 million for The Browser Company.")
    assert ("Jira", "productOf", "Atlassian") in found


def test_a_product_a_company_shows_off_is_its_product():
    found = facts("Both will eventually have to face Tesla, which showed off its two-seat Cybercab in October.")
    assert ("Cybercab", "productOf", "Tesla") in found


def test_building_a_mistyped_name_does_not_make_it_a_product():
    # "build" names sites and machines as often as products: a name the model calls a person stays out
    found = all_triples("It is also designing chips of its own: Bodhi 1, an inference chip for AI models, is due in "
                        "2026, while a general-purpose server processor, Sarv 1, is being built on designs licensed "
                        "from Arm.")
    assert not any(p == "productOf" and s == "Sarv 1" for s, p, _ in found)


def test_a_nationality_before_a_description_places_the_companies_in_that_country():
    found = all_triples("Taiwanese contract manufacturers Foxconn and Wistron will assemble the finished systems.")
    assert {("Foxconn", "headquarteredIn", "Taiwan"), ("Wistron", "headquarteredIn", "Taiwan")} <= set(found)


def test_a_nationality_in_an_apposition_or_a_countrys_possessive_places_the_company():
    found = all_triples("The mirrors come from Carl Zeiss SMT, the German optics company. The memory comes from "
                        "South Korea's SK Hynix.")
    assert ("Carl Zeiss SMT", "headquarteredIn", "Germany") in found
    assert ("SK Hynix", "headquarteredIn", "South Korea") in found


def test_a_countrys_possessive_describes_the_first_listed_name_only():
    found = all_triples("A consortium of Saudi Arabia's Public Investment Fund, Silver Lake and Affinity Partners "
                        "bought the company.")
    assert not any(s in {"Silver Lake", "Affinity Partners"} and p == "headquarteredIn" for s, p, _ in found)


def test_a_stated_city_replaces_the_country_of_a_nationality():
    found = all_triples("The Taiwanese chipmaker TSMC, based in Hsinchu, will build more fabs.")
    assert ("TSMC", "headquarteredIn", "Hsinchu") in found
    assert ("TSMC", "headquarteredIn", "Taiwan") not in found


def test_a_nationality_describing_a_product_places_nothing():
    found = all_triples("Its closest open rival is Swallow, a Japanese model family developed by Tokyo Tech.")
    assert not any(p == "headquarteredIn" and o == "Japan" for _, p, o in found)


def test_a_nationality_on_a_reference_places_nothing():
    # "the Dutch group" is too often resolved to another company of the text to place it
    found = all_triples("ASML said on Monday it would invest. The Dutch group makes lithography scanners.")
    assert ("ASML", "headquarteredIn", "Netherlands") not in found


def test_taking_delivery_of_a_companys_machine_makes_it_a_supplier():
    assert ("ASML", "suppliesTo", "Intel") in facts("Intel took delivery of ASML's first EXE:5000 last December.")
    assert ("Nvidia", "suppliesTo", "Meta") in facts("Meta received its first shipment of Nvidia GB200 systems in March.")


def test_who_took_the_place_of_another_as_chief_executive_takes_the_title():
    found = all_triples("Matt Garman, who took the place of Adam Selipsky as chief executive of AWS in June, said "
                        "customers would choose.")
    assert found[("Matt Garman", "ceoOf", "Amazon Web Services")].modality == "completed"
    assert found[("Adam Selipsky", "ceoOf", "Amazon Web Services")].modality == "ended"


def test_buying_a_sum_of_a_companys_stock_is_an_investment():
    found = all_triples("SoftBank Group agreed to buy $2 billion of Intel common stock.")
    assert found[("SoftBank Group", "investsIn", "Intel")].amount == 2_000_000_000
    assert ("US Department of Defense", "investsIn", "MP Materials") in all_triples(
        "The US Department of Defense agreed to buy $400 million of newly issued preferred stock in MP Materials.")
    assert not any(p == "investsIn" for _, p, _ in all_triples("Apple agreed to buy $500 million of magnets from "
                                                                "MP Materials."))


def test_grants_a_department_finalises_for_a_company_support_it():
    found = facts("The US Commerce Department on Friday finalised up to $4.745 billion in grants for Samsung "
                  "Electronics' US chipmaking expansion.")
    assert ("US Department of Commerce", "supports", "Samsung Electronics") in found
    found = all_triples("The Commerce Department has also signed off on awards for Micron Technology and for SK Hynix.")
    assert {("US Department of Commerce", "supports", x) for x in ("Micron Technology", "SK Hynix")} <= set(found)


def test_a_name_ends_before_a_bracket_it_does_not_close():
    found = all_triples("Aleph Alpha's Series B was led by Innovation Park Artificial Intelligence (Ipai), a campus.")
    assert ("Innovation Park Artificial Intelligence", "investsIn", "Aleph Alpha") in found
    assert not any("(" in s or "(" in o for s, _, o in found)


def test_a_backer_taking_a_slice_of_a_round_does_not_become_the_round():
    found = all_triples("OpenAI raised $6.6 billion in a round led by Thrive Capital. SoftBank committed $500 million, "
                        "and Nvidia took a smaller slice of around $100 million. Khosla Ventures and Fidelity also "
                        "took part.")
    assert {("Khosla Ventures", "investsIn", "OpenAI"), ("Fidelity", "investsIn", "OpenAI")} <= set(found)
    assert not any(o == "Nvidia" and p == "investsIn" for _, p, o in found)


def test_a_product_someone_owns_is_supplied_not_made_by_its_manufacturer():
    found = all_triples("Cerebras sells big chips. Its flagship Wafer Scale Engine 3 is manufactured by TSMC.")
    assert ("TSMC", "suppliesTo", "Cerebras") in found
    assert not any(p == "productOf" and o == "TSMC" for _, p, o in found)
    found = all_triples("In May Xiaomi unveiled XRING O1, its first in-house smartphone processor, manufactured by TSMC.")
    assert not any(p == "productOf" and o == "TSMC" for _, p, o in found)


def test_a_participle_clause_on_a_selling_verb_is_not_an_ended_fact():
    found = all_triples("C3.ai sells AI applications to industry and government, counting Shell among its customers.")
    assert found[("C3.ai", "suppliesTo", "Shell")].modality == "completed"


def test_a_title_taken_through_as_belongs_to_the_company_joined_or_hiring():
    assert all_triples("Mike Krieger joined Anthropic as chief executive in May.")[
        ("Mike Krieger", "ceoOf", "Anthropic")].modality == "completed"
    assert ("Mike Krieger", "ceoOf", "Anthropic") in facts("Anthropic hired Mike Krieger as chief executive.")
    # a title to be taken is planned, not held
    for text in ("Mike Krieger will join Anthropic as chief executive on July 16.",
                 "Mike Krieger will take over as Anthropic's chief executive in July.",
                 "Blue Origin said that Dave Limp would become its chief executive in December.",
                 "Unity Software has picked Matthew Bromberg as its next chief executive."):
        got = {k: t.modality for k, t in all_triples(text).items() if k[1] == "ceoOf"}
        assert set(got.values()) == {"planned"}, text


def test_a_title_held_before_a_past_moment_is_over():
    assert all_triples("Daniel Zhang had been Alibaba's chief executive since 2015.")[
        ("Daniel Zhang", "ceoOf", "Alibaba")].modality == "ended"
    assert all_triples("Daniel Zhang has been Alibaba's chief executive since 2015.")[
        ("Daniel Zhang", "ceoOf", "Alibaba")].modality == "completed"


def extract_documents_mentions(text: str) -> list:
    from kg.extract.pipeline import extract_documents
    from kg.ingest.read import make_document

    return next(extract_documents([make_document("t", text, lang="en")])).mentions


def test_a_capitalised_name_ending_in_a_company_word_is_a_company_the_model_missed():
    got = facts("Stability AI raised money from investors that include Greycroft, Coatue Management and Sound Ventures.")
    assert ("Sound Ventures", "investsIn", "Stability AI") in got
    labels = {m.text for m in extract_documents_mentions("The round drew Ken Griffin, Ares Management and NGP.")}
    assert "Ares Management" in labels
    # company words alone are no name; nor is a chain running on into more capitalised words
    from kg.extract.entities import _company_word_names
    from kg.extract.lexicon import load_lexicon
    from kg.nlp import load_pipeline

    doc = load_pipeline("en").make_doc("Capital Partners, Global Investments and Sound Ventures.")
    for t, pos in zip(doc, ["PROPN", "PROPN", "PUNCT", "PROPN", "PROPN", "CCONJ", "PROPN", "PROPN", "PUNCT"],
                      strict=True):
        t.pos_ = pos
    assert [s.text for s in _company_word_names(doc, [], load_lexicon("en"))] == ["Sound Ventures"]


def test_capitalised_words_between_a_possessive_and_a_product_noun_name_a_product():
    assert ("Gripen", "productOf", "Saab") in facts("Saab is working with the startup on AI for its Gripen fighter jet.")
    assert ("BiCS FLASH", "productOf", "Kioxia") in facts(
        "Kioxia is struggling. Its BiCS FLASH chips are made in plants it operates jointly with Western Digital.")
    # a name run across the possessive is split: the company, then its product
    assert ("Photonic Fabric", "productOf", "Celestial") in facts(
        "Celestial's Photonic Fabric technology is designed to link thousands of AI chips.")
    # no product out of an acronym or a region: "its AI chips", "its Southeast Asian language model"
    got = facts("AI Singapore has released the newest version of its Southeast Asian language model and its AI chips.")
    assert not any(p == "productOf" for _, p, _ in got)


def test_a_deal_walked_away_from_or_pulled_out_of_is_over():
    assert all_triples("Uber has walked away from its $950 million purchase of Foodpanda Taiwan from Delivery Hero.")[
        ("Uber", "acquired", "Foodpanda Taiwan")].modality == "ended"
    # the possessor of "its agreement to acquire" is the one acquiring
    assert all_triples("MaxLinear pulled out of its agreement to acquire Silicon Motion.")[
        ("MaxLinear", "acquired", "Silicon Motion")].modality == "ended"


def test_a_unit_named_after_its_company_is_one_name_owned_by_the_company():
    got = facts("Michelle Johnston Holthaus heads the Intel Products division.")
    assert {("Michelle Johnston Holthaus", "leads", "Intel Products"), ("Intel", "owns", "Intel Products")} <= got
    got = facts("He previously ran IBM Research, the company's research arm.")
    assert ("IBM", "owns", "IBM Research") in got
    # a company followed by a capitalised word and no unit noun stays itself
    texts = {m.text for m in extract_documents_mentions("Rohit Prasad told Amazon Monday that he would leave.")}
    assert "Amazon" in texts and "Amazon Monday" not in texts


def test_a_participle_coordinated_with_a_passive_one_shares_its_noun_and_a_leading_ones_agent():
    got = facts("Mistral AI, founded and run by Arthur Mensch, raised money.")
    assert {("Arthur Mensch", "founderOf", "Mistral AI"), ("Arthur Mensch", "leads", "Mistral AI")} <= got
    got = facts("DeepMind, founded in 2010 and acquired by Google in 2014, is in London.")
    assert any(s == "Google" and p == "acquired" for s, p, _ in got)
    # an agent of another verb is no founder: "founded in 2010 and acquired by Google"
    assert not any(p == "founderOf" for _, p, _ in got)


def test_signing_up_a_customer_is_no_participation():
    got = facts("Intel Foundry has signed up Microsoft and Amazon Web Services as 18A customers.")
    assert ("Intel Foundry", "suppliesTo", "Microsoft") in got
    assert not any(p == "participatesIn" for _, p, _ in got)


@pytest.mark.parametrize("text,absent", [
    # an asset or a unit bought from its owner is a sale, not a supply
    ("Vanguard already runs a plant in Singapore known as Fab 3E, which it bought from GlobalFoundries in 2019.",
     ("GlobalFoundries", "suppliesTo", "Vanguard International Semiconductor")),
    ("Bain Capital led the consortium that bought Toshiba's memory chip unit in 2018.",
     ("Toshiba", "suppliesTo", "Bain Capital")),
    # a priced or commercial agreement is no alliance
    ("Constellation Energy and Meta Platforms have signed a 20-year power purchase agreement.",
     ("Constellation Energy", "partnersWith", "Meta")),
    ("Snowflake said it had signed a $200 million, multi-year agreement with Anthropic.",
     ("Anthropic", "partnersWith", "Snowflake")),
    # partners in a venture take part in it; they are not each other's partners
    ("Infineon is also a partner, with Bosch and NXP, in ESMC, a Dresden joint venture.",
     ("Bosch", "partnersWith", "Infineon Technologies")),
    # "partnership" alone is no supply contract
    ("The French telecoms group Orange has signed a multi-year partnership with OpenAI for its cloud.",
     ("Orange", "suppliesTo", "OpenAI")),
])
def test_sales_and_shared_ventures_are_not_supplies_or_alliances(text, absent):
    got = set(all_triples(text))
    assert absent not in got and (absent[2], absent[1], absent[0]) not in got, got


def test_a_chief_officer_the_title_list_does_not_spell_out_is_an_employee():
    got = facts("Craig Glidden, who has been GM's chief legal and policy officer, will become Cruise's president.")
    assert ("Craig Glidden", "employeeOf", "GM") in got
    assert ("Craig Glidden", "leads", "GM") not in got


def test_an_active_verb_coordinated_with_a_passive_shares_its_subject():
    got = facts("G42 is chaired by Sheikh Tahnoon bin Zayed Al Nahyan and in April received a $1.5 billion "
                "investment from Microsoft.")
    assert ("Microsoft", "investsIn", "G42") in got


def test_a_sum_without_figures_is_money_for_an_investment():
    got = facts("On one side is Microsoft, which has put billions of dollars into OpenAI.")
    assert ("Microsoft", "investsIn", "OpenAI") in got
    assert ("Microsoft", "investsIn", "OpenAI") not in facts("Microsoft has put a lot of effort into OpenAI.")


@pytest.mark.parametrize("text,absent", [
    ("SK Hynix said it had installed a High-NA lithography system at its M16 fab in Icheon.", ("M16", "productOf", "SK Hynix")),
    ("Meta is still fighting an FTC lawsuit over its purchases of Instagram.", ("Instagram", "productOf", "Meta")),
])
def test_a_named_site_or_a_bought_company_is_no_product(text, absent):
    assert absent not in set(all_triples(text))


def test_a_counted_noun_before_a_colon_stands_for_the_names_listed_after_it():
    got = facts("Nvidia bought two start-ups this year: Run:ai, an Israeli software firm, and Deci.")
    assert {("Nvidia", "acquired", "Run:ai"), ("Nvidia", "acquired", "Deci")} <= got


def test_a_bare_surname_is_the_person_a_new_company_of_the_document_is_named_after():
    got = all_triples("Igor Babuschkin, who co-founded xAI in 2023, is leaving to start an investment firm. "
                      "The new outfit, Babuschkin Ventures, will fund safety research. "
                      "Babuschkin arrived at xAI with an unusual pedigree. He spent years as a researcher at DeepMind.")
    assert ("Igor Babuschkin", "employeeOf", "Google DeepMind") in got
    assert not any(s == "Babuschkin Ventures" and p == "employeeOf" for s, p, _ in got)


def test_leading_the_round_was_x_makes_x_the_lead_investor():
    assert ("Thrive Capital", "investsIn", "Anysphere") in facts(
        "Anysphere raised $900m. Leading the round was Thrive Capital, with Accel also joining.")


def test_what_is_built_for_a_named_organisation_is_a_supply():
    got = facts("HPE built the El Capitan supercomputer for the Lawrence Livermore National Laboratory.")
    assert ("Hewlett Packard Enterprise", "suppliesTo", "Lawrence Livermore National Laboratory") in got
    assert ("El Capitan", "productOf", "Hewlett Packard Enterprise") not in got


def test_the_partners_of_a_joint_venture_are_not_partners_of_the_venture():
    got = facts("Arianespace, which is controlled by ArianeGroup, the joint venture of Airbus and Safran, is still "
                "waiting for the debut of its Ariane 6.")
    assert {("Airbus", "participatesIn", "ArianeGroup"), ("Safran", "participatesIn", "ArianeGroup")} <= got
    assert not any(p == "partnersWith" for _, p, _ in got)


def test_a_venture_firm_apposed_to_a_fund_is_the_fund_not_the_person_before_it():
    got = facts("Anthropic has a board. Also on it are Yasmin Razavi of Spark Capital, the venture firm that led one "
                "of Anthropic's early rounds.")
    assert ("Spark Capital", "investsIn", "Anthropic") in got
    assert ("Yasmin Razavi", "investsIn", "Anthropic") not in got


def test_a_country_that_backs_a_company_supports_it():
    assert ("Japan", "supports", "Rapidus") in facts("Rapidus is backed by Japan.")


def test_a_country_s_government_is_the_gazetteer_s_government_of_that_country():
    got = facts("Japan's government approved a further ¥802.5 billion for Rapidus, the chipmaker.")
    assert ("Japanese government", "supports", "Rapidus") in got


def test_public_money_provided_to_a_company_is_support_not_supply():
    got = all_triples("Canada's federal government will provide up to C$240 million to Cohere.")
    assert ("Canadian government", "supports", "Cohere") in got
    assert ("Canadian government", "suppliesTo", "Cohere") not in got


def test_setting_up_a_company_with_people_makes_them_co_founders():
    got = facts("Mustafa Suleyman left DeepMind. In 2022 he set up Inflection AI in Palo Alto with Reid Hoffman and "
                "Karén Simonyan.")
    assert {("Reid Hoffman", "founderOf", "Inflection AI"), ("Karén Simonyan", "founderOf", "Inflection AI")} <= got


def test_a_plural_noun_with_a_relative_clause_before_a_colon_stands_for_the_names_listed():
    got = facts("Reed Hastings has joined Anthropic's board. He joins a board that includes the siblings who "
                "co-founded Anthropic in 2021 after leaving OpenAI: Dario Amodei, the chief executive, and Daniela "
                "Amodei, the president.")
    assert {("Dario Amodei", "founderOf", "Anthropic"), ("Daniela Amodei", "founderOf", "Anthropic")} <= got


def test_a_name_after_a_person_noun_is_never_retyped_a_product():
    got = facts("Its closest rival may be Periodic Labs, founded by former OpenAI researcher Liam Fedus and former "
                "Google DeepMind scientist Ekin Dogus Cubuk, which launched in the autumn.")
    assert ("Ekin Dogus Cubuk", "founderOf", "Periodic Labs") in got
    assert ("Ekin Dogus Cubuk", "productOf", "Google DeepMind") not in got


def test_an_unnamed_joint_venture_with_a_company_makes_partners_a_named_one_does_not():
    assert ("Foxconn", "partnersWith", "Vedanta") in all_triples(
        "Last July Foxconn pulled out of its planned $19.5 billion chip joint venture with Vedanta.")
    got = facts("Sandisk makes most of its chips through Flash Ventures, its long-standing manufacturing joint venture "
                "with Tokyo-based Kioxia.")
    assert ("Kioxia", "partnersWith", "Sandisk") not in got and ("Sandisk", "partnersWith", "Kioxia") not in got


def test_a_title_with_no_company_goes_to_the_company_the_gazetteer_knows_for_the_person():
    got = facts("Microsoft signed a new deal with OpenAI. The old board had fired and then rehired chief executive "
                "Sam Altman, Microsoft said.")
    assert ("Sam Altman", "ceoOf", "OpenAI") in got and ("Sam Altman", "ceoOf", "Microsoft") not in got


def test_a_relative_clause_on_the_first_name_of_a_pair_describes_that_name_alone():
    got = facts("Intel's two main rivals in contract manufacturing, TSMC, which makes processors for Apple and "
                "Nvidia, and Samsung Electronics, remain far ahead in foundry revenue.")
    assert {("TSMC", "suppliesTo", "Apple"), ("TSMC", "suppliesTo", "Nvidia")} <= got
    assert not any(s == "Samsung Electronics" or o == "Samsung Electronics" for s, p, o in got if p == "suppliesTo")


def test_a_possessive_relative_on_an_officer_refers_back_to_its_company():
    got = facts("Amazon built Alexa+ on its own models. Anthropic, whose chief executive Dario Amodei co-founded the "
                "company in 2021, declined to comment.")
    assert ("Dario Amodei", "founderOf", "Anthropic") in got
    assert ("Dario Amodei", "founderOf", "Amazon") not in got


def test_a_possessive_in_an_apposition_is_not_the_name_it_describes():
    got = facts("The order would deepen OpenAI's shift away from Microsoft, its biggest backer, which remains a "
                "major cloud provider.")
    assert ("Microsoft", "investsIn", "OpenAI") in got


@pytest.mark.parametrize("text, expected", [
    ("Amazon has committed $8 billion to Anthropic.", ("Amazon", "investsIn", "Anthropic")),
    ("Amazon has lined up partners including OpenTable, Uber, Ticketmaster and Grubhub.",
     ("Amazon", "partnersWith", "Grubhub")),
    ("The relaunch puts Amazon back in a race against Apple and Google.", ("Amazon", "competesWith", "Google")),
    ("Cohere has positioned itself against OpenAI and Anthropic.", ("Cohere", "competesWith", "OpenAI")),
    ("Fujitsu has signed up Toronto's Cohere to supply the base for a Japanese model.",
     ("Cohere", "suppliesTo", "Fujitsu")),
    ("Fujitsu has signed up Toronto's Cohere to supply the base for a Japanese model.",
     ("Cohere", "headquarteredIn", "Toronto")),
    ("Oracle has agreed to lease the site from Crusoe for 15 years.", ("Crusoe", "suppliesTo", "Oracle")),
    ("To lay the cable, Monroe, Louisiana-based Lumen has secured fibre from Corning.",
     ("Lumen", "headquarteredIn", "Monroe")),
])
def test_session_17_constructions(text, expected):
    assert expected in all_triples(text)


def test_money_committed_to_building_names_no_company():
    assert not any(p == "investsIn" for _, p, _ in all_triples("Microsoft has committed $80 billion to building "
                                                               "data centres this year."))


def test_another_company_s_product_built_into_one_s_own_is_not_one_s_product():
    got = all_triples("IBM said it would build Claude into its software products.")
    assert ("Claude", "productOf", "IBM") not in got


def test_a_newspaper_s_account_is_a_rumour():
    t = all_triples("Oracle plans to rent the computing power to OpenAI, the newspaper said.")
    assert t[("Oracle", "suppliesTo", "OpenAI")].modality == "rumoured"


@pytest.mark.parametrize("text, triple, modality", [
    ("Reed Hastings has joined the board of Anthropic.", ("Reed Hastings", "employeeOf", "Anthropic"), "completed"),
    ("Reid Hoffman sits on Microsoft's board.", ("Reid Hoffman", "employeeOf", "Microsoft"), "completed"),
    ("Reed Hastings left Meta's board in 2019.", ("Reed Hastings", "employeeOf", "Meta"), "ended"),
    ("Lip-Bu Tan sat on SoftBank Group's board until 2022.", ("Lip-Bu Tan", "employeeOf", "SoftBank Group"), "ended"),
    ("The startup hired Joelle Pineau, previously Meta's head of AI research.", ("Joelle Pineau", "leads", "Meta"),
     "ended"),
])
def test_board_seats_and_earlier_titles(text, triple, modality):
    assert all_triples(text)[triple].modality == modality


def test_hosting_a_company_s_computers_is_a_supply():
    got = all_triples("Cipher Mining signed a ten-year agreement to host Fluidstack at Barber Lake.")
    assert ("Cipher Mining", "suppliesTo", "Fluidstack") in got


def test_a_possessive_covers_the_nouns_coordinated_with_its_own():
    got = facts("Anthropic needs compute. Amazon, which has committed $8 billion, is its biggest backer and main "
                "cloud provider.")
    assert {("Amazon", "investsIn", "Anthropic"), ("Amazon", "suppliesTo", "Anthropic")} <= got


@pytest.mark.parametrize("text,triple", [
    ("Anthropic has opened an office in Tokyo, as the San Francisco-based developer tries to win large contracts.",
     ("Anthropic", "locatedIn", "Tokyo")),
    ("Foxconn already uses Nvidia's Omniverse software to run a digital twin of its factory, so that production lines "
     "can be planned in simulation.", ("Nvidia", "suppliesTo", "Foxconn")),
])
def test_a_clause_with_its_own_subject_does_not_change_the_main_fact_s_modality(text, triple):
    assert all_triples(text)[triple].modality == "completed"


def test_customers_signed_up_buy_from_the_company_that_signs_them():
    got = facts("Intel has signed up Microsoft and Amazon Web Services as customers for 18A.")
    assert {("Intel", "suppliesTo", "Microsoft"), ("Intel", "suppliesTo", "Amazon Web Services")} <= got
    assert ("Microsoft", "suppliesTo", "Intel") not in got


def test_companies_signed_up_as_partners_are_not_each_other_s_partners():
    got = facts("Nvidia unveiled NVLink Fusion. MediaTek, Marvell, Fujitsu and Qualcomm signed up as partners on day one.")
    assert not any(p == "partnersWith" for _, p, _ in got)


def test_a_contract_awarded_is_a_supply_not_a_grant():
    got = facts("The Pentagon gave Palantir a $480 million contract.")
    assert ("Palantir", "suppliesTo", "US Department of Defense") in got
    assert ("US Department of Defense", "supports", "Palantir") not in got


def test_a_product_named_after_its_maker_does_not_swallow_the_maker():
    got = facts("The machine was built by Hewlett Packard Enterprise on its Cray EX255a platform. HPE bought Cray "
                "for about $1.3 billion in 2019.")
    assert ("Hewlett Packard Enterprise", "acquired", "Cray") in got


def test_the_object_of_a_city_region_based_phrase_is_the_noun_it_describes():
    text = ("Nvidia will build a new office in Taipei. Jensen Huang, who founded the Santa Clara, California-based "
            "company in 1993, unveiled the project.")
    assert ("Jensen Huang", "founderOf", "Nvidia") in facts(text)
    # a name before a "-based" description of itself is still the object
    assert ("Meta", "acquired", "Runway") in all_triples(
        "Meta held early talks to acquire Runway, the New York-based video-generation start-up.")


def test_two_chief_offices_written_as_one_title():
    got = all_triples("In a memo, Naga Chandrasekaran, chief technology and operations officer of Intel Foundry, said "
                      "construction would be completed later.")
    assert ("Naga Chandrasekaran", "employeeOf", "Intel Foundry") in got


def test_a_city_that_is_home_to_a_company_is_its_seat():
    assert ("HCA Healthcare", "headquarteredIn", "Nashville") in facts(
        "Nashville is already home to HCA Healthcare, the largest hospital operator in the country.")
    # a plant the city is home to seats nobody
    assert not any(p == "headquarteredIn" for _, p, _ in facts("Arizona is home to TSMC's newest fab."))


def test_a_country_s_headquarters_is_no_seat():
    got = facts("Nvidia will build its new Taiwan headquarters in the Beitou-Shilin Technology Park in Taipei.")
    assert ("Nvidia", "headquarteredIn", "Taiwan") not in got
    assert ("Nvidia", "headquarteredIn", "Santa Clara") in facts("Nvidia's Santa Clara headquarters is large.")


def test_the_maker_of_another_company_s_product_supplies_that_company():
    assert ("Foxconn", "suppliesTo", "Apple") in facts("Foxconn is best known as the main assembler of Apple's iPhones.")
    assert not any(p == "suppliesTo" for _, p, _ in facts("OpenAI, the maker of ChatGPT, raised money."))


def test_a_plural_relative_clause_on_a_pair_of_names_describes_both():
    got = facts("Quanta Computer and Wistron, which also build servers for Nvidia, have been adding capacity.")
    assert {("Quanta Computer", "suppliesTo", "Nvidia"), ("Wistron", "suppliesTo", "Nvidia")} <= got


def test_holding_a_stake_is_no_ownership_by_itself():
    got = facts("The mirrors come from Carl Zeiss SMT, the German optics company in which ASML has held a 24.9% stake "
                "since 2016.")
    assert ("ASML", "owns", "Carl Zeiss SMT") not in got
    assert ("Microsoft", "owns", "LinkedIn") in facts("Microsoft owns LinkedIn.")
