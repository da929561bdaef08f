"""Hand-built property graphs for the HTML view tests (the shape of ``kg.export.schema``).

* :func:`ai_business_graph` -- about fifty real AI-business entities with relations, amounts and evidence
  sentences written for these tests (English and Italian), sources that are URLs or corpus paths.
* :func:`generated_graph` -- a deterministic synthetic graph of any size (150 nodes by default, 2,000
  for the scale test) with invented names.
* :func:`hostile_graph` -- labels and sentences full of markup that must be shown, never interpreted.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

import networkx as nx

from kg.export.schema import SYMMETRIC_PREDICATES

BASE = "https://example.org/kg/entity/"

PREDICATE_LABELS: dict[str, tuple[str, str]] = {
    "investsIn": ("invests in", "investe in"),
    "acquired": ("acquired", "ha acquisito"),
    "owns": ("owns", "possiede"),
    "partnersWith": ("partners with", "collabora con"),
    "participatesIn": ("participates in", "partecipa a"),
    "suppliesTo": ("supplies", "fornisce"),
    "competesWith": ("competes with", "compete con"),
    "ceoOf": ("is CEO of", "è amministratore delegato di"),
    "leads": ("leads", "guida"),
    "founderOf": ("founded", "ha fondato"),
    "employeeOf": ("works for", "lavora per"),
    "productOf": ("is made by", "è prodotto da"),
    "headquarteredIn": ("is headquartered in", "ha sede a"),
    "locatedIn": ("is located in", "si trova in"),
    "supports": ("supports", "sostiene"),
}

# doc id -> (source, publication date)
DOCS: dict[str, tuple[str, str]] = {
    "en-0001": ("https://news.example.com/2023/01/23/microsoft-extends-openai-partnership", "2023-01-23"),
    "en-0002": ("https://news.example.com/2023/09/25/amazon-anthropic-stake", "2023-09-25"),
    "en-0003": ("https://news.example.com/2023/10/27/google-backs-anthropic", "2023-10-27"),
    "en-0004": ("https://news.example.com/2024/02/26/mistral-microsoft-deal", "2024-02-26"),
    "en-0005": ("https://news.example.com/2024/03/27/amazon-completes-anthropic-investment", "2024-03-27"),
    "en-0006": ("corpus/en/2024-04-24-nvidia-runai.txt", "2024-04-24"),
    "en-0007": ("https://news.example.com/2024/06/11/mistral-series-b", "2024-06-11"),
    "en-0008": ("https://news.example.com/2024/12/30/nvidia-closes-runai", "2024-12-30"),
    "en-0009": ("https://news.example.com/2025/01/21/stargate-announced", "2025-01-21"),
    "en-0010": ("corpus/en/2025-03-31-openai-funding-round.txt", "2025-03-31"),
    "en-0011": ("https://news.example.com/2024/11/22/amazon-doubles-anthropic", "2024-11-22"),
    "en-0012": ("corpus/en/2024-05-14-chip-supply-chain.txt", "2024-05-14"),
    "en-0013": ("https://news.example.com/2023/07/12/musk-launches-xai", "2023-07-12"),
    "en-0014": ("https://news.example.com/2024/03/19/suleyman-joins-microsoft", "2024-03-19"),
    "en-0015": ("corpus/en/2024-07-02-ai-assistants-race.txt", "2024-07-02"),
    "it-0001": ("https://notizie.example.it/2024/05/21/igenius-nvidia-supercalcolatore", "2024-05-21"),
    "it-0002": ("corpus/it/2024-06-04-fastweb-miia.txt", "2024-06-04"),
    "it-0003": ("https://notizie.example.it/2023/01/24/microsoft-openai-miliardi", "2023-01-24"),
    "it-0004": ("https://notizie.example.it/2025/01/22/stargate-cinquecento-miliardi", "2025-01-22"),
}

# key, label, Italian label, type, QID, aliases
ENTITIES: tuple[tuple[str, str, str, str, str, tuple[str, ...]], ...] = (
    ("openai", "OpenAI", "OpenAI", "Organization", "Q21708200", ("Open AI", "OpenAI Inc.")),
    ("microsoft", "Microsoft", "Microsoft", "Organization", "Q2283", ("Microsoft Corp.", "MSFT")),
    ("nvidia", "Nvidia", "Nvidia", "Organization", "Q182477", ("NVIDIA", "Nvidia Corporation")),
    ("anthropic", "Anthropic", "Anthropic", "Organization", "", ("Anthropic PBC",)),
    ("amazon", "Amazon", "Amazon", "Organization", "Q3884", ("Amazon.com",)),
    ("aws", "Amazon Web Services", "Amazon Web Services", "Organization", "", ("AWS",)),
    ("google", "Google", "Google", "Organization", "Q95", ("Google LLC",)),
    ("alphabet", "Alphabet", "Alphabet", "Organization", "Q20800404", ("Alphabet Inc.",)),
    ("meta", "Meta", "Meta", "Organization", "Q380", ("Meta Platforms", "Facebook")),
    ("mistral-ai", "Mistral AI", "Mistral AI", "Organization", "", ("Mistral",)),
    ("softbank", "SoftBank Group", "SoftBank Group", "Organization", "", ("SoftBank",)),
    ("oracle", "Oracle", "Oracle", "Organization", "Q19900", ("Oracle Corporation",)),
    ("xai", "xAI", "xAI", "Organization", "", ("X.AI Corp",)),
    ("tsmc", "TSMC", "TSMC", "Organization", "", ("Taiwan Semiconductor Manufacturing Company",)),
    ("run-ai", "Run:ai", "Run:ai", "Organization", "", ("Runai",)),
    ("igenius", "iGenius", "iGenius", "Organization", "", ()),
    ("fastweb", "Fastweb", "Fastweb", "Organization", "", ()),
    ("white-house", "White House", "Casa Bianca", "Organization", "", ("the administration",)),
    ("sam-altman", "Sam Altman", "Sam Altman", "Person", "", ("Altman",)),
    ("satya-nadella", "Satya Nadella", "Satya Nadella", "Person", "", ("Nadella",)),
    ("jensen-huang", "Jensen Huang", "Jensen Huang", "Person", "", ("Huang",)),
    ("dario-amodei", "Dario Amodei", "Dario Amodei", "Person", "", ("Amodei",)),
    ("arthur-mensch", "Arthur Mensch", "Arthur Mensch", "Person", "", ("Mensch",)),
    ("mustafa-suleyman", "Mustafa Suleyman", "Mustafa Suleyman", "Person", "", ("Suleyman",)),
    ("elon-musk", "Elon Musk", "Elon Musk", "Person", "Q317521", ("Musk",)),
    ("uljan-sharka", "Uljan Sharka", "Uljan Sharka", "Person", "", ("Sharka",)),
    ("kevin-scott", "Kevin Scott", "Kevin Scott", "Person", "", ()),
    ("chatgpt", "ChatGPT", "ChatGPT", "Product", "", ("Chat GPT",)),
    ("claude", "Claude", "Claude", "Product", "", ()),
    ("azure", "Azure", "Azure", "Product", "", ("Microsoft Azure",)),
    ("gemini", "Gemini", "Gemini", "Product", "", ("Google Gemini",)),
    ("llama", "Llama", "Llama", "Product", "", ("LLaMA",)),
    ("le-chat", "Le Chat", "Le Chat", "Product", "", ()),
    ("h100", "H100", "H100", "Product", "", ("Nvidia H100",)),
    ("miia", "MIIA", "MIIA", "Product", "", ()),
    ("grok", "Grok", "Grok", "Product", "", ()),
    ("stargate", "Stargate", "Stargate", "Project", "", ("Stargate Project", "Progetto Stargate")),
    ("san-francisco", "San Francisco", "San Francisco", "Place", "Q62", ("SF",)),
    ("redmond", "Redmond", "Redmond", "Place", "", ()),
    ("santa-clara", "Santa Clara", "Santa Clara", "Place", "", ()),
    ("mountain-view", "Mountain View", "Mountain View", "Place", "", ()),
    ("seattle", "Seattle", "Seattle", "Place", "", ()),
    ("menlo-park", "Menlo Park", "Menlo Park", "Place", "", ()),
    ("paris", "Paris", "Parigi", "Place", "Q90", ()),
    ("milan", "Milan", "Milano", "Place", "Q490", ()),
    ("united-states", "United States", "Stati Uniti", "Place", "Q30", ("US", "USA")),
    ("france", "France", "Francia", "Place", "Q142", ()),
    ("italy", "Italy", "Italia", "Place", "Q38", ()),
)

#: One relation per unindented line: "subject predicate object | confidence | amount currency | date" ("-" when
#: unknown), followed by its evidence, one indented "doc | sentence" line each. Sentences are written for kg.
RELATIONS_TABLE = """
microsoft investsIn openai | 0.95 | 13e9 USD | 2023-01-23
    en-0001 | Microsoft said it would put several billion more dollars into OpenAI, bringing its total commitment to about $13 billion.
    it-0003 | Microsoft ha confermato un nuovo investimento miliardario in OpenAI, la società che sviluppa ChatGPT.
    en-0010 | Microsoft, already OpenAI's largest backer, also took part in the new round.
amazon investsIn anthropic | 0.93 | 8e9 USD | 2023-09-25
    en-0002 | Amazon agreed to invest up to $4 billion in Anthropic and take a minority stake in the start-up.
    en-0005 | Amazon completed its $4 billion investment in Anthropic on Wednesday.
    en-0011 | Amazon will invest another $4 billion in Anthropic, doubling its bet on the Claude maker to $8 billion.
google investsIn anthropic | 0.88 | 2e9 USD | 2023-10-27
    en-0003 | Google has committed to invest up to $2 billion in Anthropic, the AI company said.
microsoft investsIn mistral-ai | 0.81 | 15e6 EUR | 2024-02-26
    en-0004 | As part of the deal, Microsoft will take a small stake in Mistral AI worth about 15 million euros.
nvidia investsIn mistral-ai | 0.77 | - | 2024-06-11
    en-0007 | Nvidia and Salesforce joined the Series B round that values Mistral AI at close to six billion euros.
softbank investsIn openai | 0.9 | 40e9 USD | 2025-03-31
    en-0010 | SoftBank Group will lead a $40 billion funding round in OpenAI, the largest private raise on record.
nvidia acquired run-ai | 0.92 | 700e6 USD | 2024-04-24
    en-0006 | Nvidia agreed to acquire Run:ai, an Israeli start-up that schedules GPU workloads, for about $700 million.
    en-0008 | Nvidia has completed its acquisition of Run:ai after regulators cleared the deal.
alphabet owns google | 0.97 | - | -
    en-0003 | Google, which is owned by Alphabet, has deepened its ties with Anthropic.
amazon owns aws | 0.96 | - | -
    en-0011 | Amazon Web Services, Amazon's cloud division, becomes Anthropic's primary training partner.
aws suppliesTo anthropic | 0.87 | - | 2024-11-22
    en-0011 | Anthropic will train its largest models on AWS Trainium chips under the expanded agreement.
    en-0005 | Anthropic named AWS its primary cloud provider for mission-critical workloads.
microsoft suppliesTo openai | 0.9 | - | 2023-01-23
    en-0001 | Azure will remain the exclusive cloud provider for OpenAI's research, products and API services.
nvidia suppliesTo openai | 0.84 | - | 2024-05-14
    en-0012 | OpenAI trains its frontier models on clusters of Nvidia H100 accelerators.
nvidia suppliesTo microsoft | 0.8 | - | 2024-05-14
    en-0012 | Microsoft remains one of the largest buyers of Nvidia data-centre GPUs.
tsmc suppliesTo nvidia | 0.86 | - | 2024-05-14
    en-0012 | TSMC manufactures Nvidia's most advanced AI chips at its fabs in Taiwan.
oracle suppliesTo openai | 0.74 | - | 2025-01-21
    en-0009 | Oracle will provide cloud capacity for OpenAI as part of the Stargate build-out.
nvidia suppliesTo igenius | 0.79 | - | 2024-05-21
    it-0001 | iGenius userà migliaia di chip Nvidia per il supercalcolatore Colosseum, in costruzione nel Sud Italia.
nvidia suppliesTo fastweb | 0.72 | - | 2024-06-04
    it-0002 | Fastweb ha addestrato il suo modello linguistico sui sistemi Nvidia DGX installati in Italia.
microsoft partnersWith openai | 0.91 | - | 2023-01-23
    en-0001 | Microsoft and OpenAI announced the third phase of their long-term partnership.
igenius partnersWith nvidia | 0.83 | - | 2024-05-21
    it-0001 | iGenius e Nvidia hanno annunciato una collaborazione per portare in Italia un modello da mille miliardi di parametri.
microsoft partnersWith mistral-ai | 0.86 | - | 2024-02-26
    en-0004 | Mistral AI signed a multi-year partnership with Microsoft to bring its models to Azure.
anthropic competesWith openai | 0.7 | - | 2024-07-02
    en-0015 | Anthropic's Claude competes head-on with OpenAI's ChatGPT for business customers.
google competesWith openai | 0.71 | - | 2024-07-02
    en-0015 | Google is racing OpenAI to put an AI assistant in every phone.
mistral-ai competesWith openai | 0.66 | - | 2024-06-11
    en-0007 | Mistral AI positions itself as Europe's answer to OpenAI.
google competesWith meta | 0.6 | - | 2024-07-02
    en-0015 | Meta and Google compete for developers with rival open and closed model families.
openai participatesIn stargate | 0.9 | - | 2025-01-21
    en-0009 | OpenAI, SoftBank and Oracle unveiled Stargate, a joint venture to build AI data centres in the United States.
    it-0004 | OpenAI, SoftBank e Oracle hanno presentato Stargate, un progetto da 500 miliardi di dollari.
softbank participatesIn stargate | 0.89 | - | 2025-01-21
    en-0009 | SoftBank will take financial responsibility for Stargate, with Masayoshi Son as chairman.
oracle participatesIn stargate | 0.87 | - | 2025-01-21
    en-0009 | Oracle is an initial equity partner in Stargate alongside OpenAI and SoftBank.
white-house supports stargate | 0.68 | - | 2025-01-21
    en-0009 | The project was presented at the White House, which pledged to speed up permits for the sites.
stargate locatedIn united-states | 0.8 | - | -
    it-0004 | I primi centri dati di Stargate sorgeranno negli Stati Uniti, a partire dal Texas.
sam-altman ceoOf openai | 0.97 | - | -
    en-0010 | OpenAI chief executive Sam Altman said the money would fund more compute.
    en-0009 | Sam Altman, who runs OpenAI, spoke alongside Masayoshi Son and Larry Ellison.
satya-nadella ceoOf microsoft | 0.96 | - | -
    en-0001 | Satya Nadella, Microsoft's chief executive, called the partnership a platform shift.
jensen-huang ceoOf nvidia | 0.96 | - | -
    it-0001 | L'amministratore delegato di Nvidia, Jensen Huang, ha definito l'accordo strategico per l'Europa.
jensen-huang founderOf nvidia | 0.88 | - | -
    en-0012 | Jensen Huang, who co-founded Nvidia in 1993, now leads the world's most valuable chipmaker.
dario-amodei ceoOf anthropic | 0.95 | - | -
    en-0002 | Anthropic chief executive Dario Amodei said the deal gives the company the compute it needs.
dario-amodei founderOf anthropic | 0.9 | - | -
    en-0003 | Dario Amodei co-founded Anthropic in 2021 after leaving OpenAI.
arthur-mensch ceoOf mistral-ai | 0.93 | - | -
    en-0007 | Arthur Mensch, Mistral's chief executive, said the funds will go into training larger models.
arthur-mensch founderOf mistral-ai | 0.89 | - | -
    en-0004 | Mistral AI was founded in Paris in 2023 by Arthur Mensch and two former Meta researchers.
mustafa-suleyman leads microsoft | 0.78 | - | 2024-03-19
    en-0014 | Mustafa Suleyman will lead Microsoft AI, a new division that includes Copilot.
kevin-scott employeeOf microsoft | 0.82 | - | -
    en-0001 | Kevin Scott, Microsoft's chief technology officer, oversees the company's work with OpenAI.
elon-musk founderOf xai | 0.94 | - | 2023-07-12
    en-0013 | Elon Musk launched xAI, a new company that aims to understand the true nature of the universe.
uljan-sharka founderOf igenius | 0.85 | - | -
    it-0001 | Uljan Sharka, fondatore di iGenius, ha presentato il progetto a Milano.
uljan-sharka ceoOf igenius | 0.83 | - | -
    it-0001 | Secondo l'amministratore delegato Uljan Sharka, il modello sarà addestrato su dati italiani.
chatgpt productOf openai | 0.97 | - | -
    en-0015 | OpenAI said ChatGPT now has more than 100 million weekly users.
claude productOf anthropic | 0.95 | - | -
    en-0015 | Anthropic released a new version of its Claude assistant for enterprises.
azure productOf microsoft | 0.94 | - | -
    en-0004 | Mistral's models will be available on Microsoft's Azure cloud platform.
gemini productOf google | 0.94 | - | -
    en-0015 | Google rebranded its Bard chatbot as Gemini.
llama productOf meta | 0.92 | - | -
    en-0015 | Meta released its Llama models with openly available weights.
le-chat productOf mistral-ai | 0.9 | - | -
    en-0007 | Mistral AI's chat assistant, Le Chat, is free to use.
h100 productOf nvidia | 0.93 | - | -
    en-0012 | Nvidia's H100 remains the most sought-after AI accelerator.
miia productOf fastweb | 0.88 | - | 2024-06-04
    it-0002 | Fastweb ha presentato MIIA, un modello di intelligenza artificiale addestrato in italiano.
grok productOf xai | 0.9 | - | -
    en-0013 | xAI's first product, the Grok chatbot, was made available to X subscribers.
openai headquarteredIn san-francisco | 0.9 | - | -
    en-0010 | The San Francisco-based company will use the funds to expand Stargate.
anthropic headquarteredIn san-francisco | 0.88 | - | -
    en-0002 | Anthropic, based in San Francisco, was founded by former OpenAI employees.
microsoft headquarteredIn redmond | 0.9 | - | -
    en-0014 | The Redmond, Washington-based company hired most of Inflection's staff.
nvidia headquarteredIn santa-clara | 0.9 | - | -
    en-0006 | Santa Clara-based Nvidia did not disclose the price.
google headquarteredIn mountain-view | 0.86 | - | -
    en-0003 | Mountain View-based Google declined to comment on the size of its stake.
amazon headquarteredIn seattle | 0.86 | - | -
    en-0002 | Seattle-based Amazon will also make Anthropic's models available to AWS customers.
meta headquarteredIn menlo-park | 0.84 | - | -
    en-0015 | Menlo Park-based Meta has bet on open models.
mistral-ai headquarteredIn paris | 0.91 | - | -
    en-0004 | The Paris-based start-up was founded less than a year ago.
igenius headquarteredIn milan | 0.87 | - | -
    it-0001 | La società milanese iGenius lavora da anni sull'intelligenza artificiale per le imprese.
fastweb headquarteredIn milan | 0.8 | - | -
    it-0002 | Fastweb, con sede a Milano, punta sull'intelligenza artificiale sovrana.
san-francisco locatedIn united-states | 0.95 | - | -
    en-0009 | New data centres will be built across the United States, with headquarters in San Francisco.
paris locatedIn france | 0.97 | - | -
    en-0007 | Paris has become the centre of France's AI scene.
milan locatedIn italy | 0.97 | - | -
    it-0002 | Milano resta il principale polo tecnologico d'Italia.
"""

Relation = tuple[str, str, str, float, float | None, str | None, str, tuple[tuple[str, str], ...]]


def parse_relations(table: str) -> list[Relation]:
    """Read a table like :data:`RELATIONS_TABLE` into relation tuples (evidence as (doc, sentence) pairs)."""
    heads: list[tuple[str, str, str, float, float | None, str | None, str]] = []
    evidence: list[list[tuple[str, str]]] = []
    for line in table.strip().splitlines():
        if line.startswith(" "):
            doc, sentence = (part.strip() for part in line.split("|", 1))
            evidence[-1].append((doc, sentence))
            continue
        triple, confidence, amount, date = (part.strip() for part in line.split("|"))
        subject, predicate, obj = triple.split()
        value, currency = amount.split() if amount != "-" else ("", "")
        number = float(value) if value else None
        heads.append(
            (
                subject,
                predicate,
                obj,
                float(confidence),
                number,
                currency or None,
                "" if date == "-" else date,
            )
        )
        evidence.append([])
    return [(*head, tuple(items)) for head, items in zip(heads, evidence, strict=True)]


RELATIONS: tuple[Relation, ...] = tuple(parse_relations(RELATIONS_TABLE))


def new_graph(title: str, source: str = "tests/view_fixtures.py") -> nx.MultiDiGraph:
    """An empty graph with the schema's graph attributes."""
    return nx.MultiDiGraph(title=title, source=source, created="2025-04-01")


def add_entity(
    G: nx.MultiDiGraph,
    key: str,
    label: str,
    type_: str,
    *,
    label_it: str = "",
    qid: str = "",
    aliases: Iterable[str] = (),
) -> str:
    """Add one node; ``docs``/``first_seen``/``last_seen`` are filled in by :func:`finish_nodes`."""
    iri = BASE + key
    G.add_node(
        iri,
        label=label,
        label_it=label_it or label,
        type=type_,
        qid=qid,
        docs=0,
        first_seen="",
        last_seen="",
        aliases=[label, *aliases],
    )
    return iri


def add_relation(
    G: nx.MultiDiGraph,
    subject: str,
    predicate: str,
    obj: str,
    evidence: list[dict],
    *,
    confidence: float,
    amount: float | None = None,
    currency: str | None = None,
    date: str = "",
    published: dict[str, str] | None = None,
) -> None:
    """Add one edge with every schema attribute; symmetric edges go from the smaller IRI."""
    if predicate in SYMMETRIC_PREDICATES and obj < subject:
        subject, obj = obj, subject
    dates = sorted(d for d in ((published or {}).get(item["doc"], "") for item in evidence) if d)
    label_en, label_it = PREDICATE_LABELS.get(predicate, (predicate, predicate))
    G.add_edge(
        subject,
        obj,
        key=predicate,
        predicate=predicate,
        label_en=label_en,
        label_it=label_it,
        directed=predicate not in SYMMETRIC_PREDICATES,
        weight=len(evidence),
        confidence=confidence,
        amount=amount,
        currency=currency if amount is not None else None,
        date=date or (dates[0] if dates else ""),
        first_seen=dates[0] if dates else "",
        last_seen=dates[-1] if dates else "",
        evidence=evidence,
        docs=len({item["doc"] for item in evidence}),
    )


def finish_nodes(G: nx.MultiDiGraph, published: dict[str, str]) -> nx.MultiDiGraph:
    """Set each node's ``docs``, ``first_seen`` and ``last_seen`` from the evidence of its edges."""
    for node in G.nodes:
        docs = {item["doc"] for _, _, data in G.edges(node, data=True) for item in data["evidence"]}
        docs |= {item["doc"] for _, _, data in G.in_edges(node, data=True) for item in data["evidence"]}
        dates = sorted(published[d] for d in docs if published.get(d))
        G.nodes[node].update(
            docs=len(docs), first_seen=dates[0] if dates else "", last_seen=dates[-1] if dates else ""
        )
    return G


def ai_business_graph() -> nx.MultiDiGraph:
    """About fifty real AI-business entities and sixty relations with evidence (written for these tests)."""
    G = new_graph("AI business: investments, supply and leadership")
    for key, label, label_it, type_, qid, aliases in ENTITIES:
        add_entity(G, key, label, type_, label_it=label_it, qid=qid, aliases=aliases)
    published = {doc: date for doc, (_, date) in DOCS.items()}
    for subject, predicate, obj, confidence, amount, currency, date, sentences in RELATIONS:
        evidence = [
            {
                "doc": doc,
                "source": DOCS[doc][0],
                "sentence": sentence,
                "confidence": round(max(0.3, confidence - 0.04 * j), 3),
            }
            for j, (doc, sentence) in enumerate(sentences)
        ]
        add_relation(
            G,
            BASE + subject,
            predicate,
            BASE + obj,
            evidence,
            confidence=confidence,
            amount=amount,
            currency=currency,
            date=date,
            published=published,
        )
    return finish_nodes(G, published)


# ---------------------------------------------------------------- generated graphs


def _words(text: str, sep: str | None = None) -> tuple[str, ...]:
    return tuple(word.strip() for word in text.split(sep))


_SYLLABLES = _words(
    "ar bel cor dyn el fal gal hel ion jun kel lum mer nov or pyx quan rho syn tes ul vec wen xel yar zen ta ri"
)
_ORG_SUFFIXES = _words("AI Labs Systems Cloud Robotics Semiconductors Capital Ventures Networks")
_FIRST = _words(
    "Ada Bruno Chiara Dev Elena Farid Giulia Hiro Ines Jonas Kira Luca Maya Nadia Omar Paola Quinn Rosa Sven Tara"
)
_LAST = _words(
    "Abate Brandt Costa Dubois Esposito Fischer Greco Haddad Ivanova Jensen Kato Lombardi Moreau Novak Okafor"
)
_PRODUCT_WORDS = _words("Nimbus Vertex Quill Atlas Helix Orbit Pulse Lumen Cortex Forge")
#: (English, Italian) city names.
_CITIES = tuple(
    tuple(_words(pair, "="))
    for pair in _words(
        "Milan=Milano; Turin=Torino; Rome=Roma; Bologna=Bologna; Paris=Parigi; Berlin=Berlino; London=Londra;"
        "Munich=Monaco di Baviera; Zurich=Zurigo; Austin=Austin; Toronto=Toronto; Seoul=Seul; Tokyo=Tokyo;"
        "Bangalore=Bangalore; Tel Aviv=Tel Aviv; Amsterdam=Amsterdam",
        ";",
    )
)
_TYPE_SHARES = (
    ("Organization", 0.45),
    ("Person", 0.2),
    ("Product", 0.17),
    ("Project", 0.05),
    ("Place", 0.13),
)

_TEMPLATES = {
    "investsIn": "{s} put {amount} into {o}, according to people familiar with the deal.",
    "acquired": "{s} has agreed to buy {o} for {amount}.",
    "owns": "{o} is a wholly owned subsidiary of {s}.",
    "partnersWith": "{s} and {o} signed a multi-year partnership on AI infrastructure.",
    "participatesIn": "{s} joined the {o} consortium as a founding member.",
    "suppliesTo": "{s} will supply GPUs and cloud capacity to {o}.",
    "competesWith": "{s} competes directly with {o} for enterprise customers.",
    "ceoOf": "{s}, chief executive of {o}, announced the results.",
    "leads": "{s} now heads the AI division of {o}.",
    "founderOf": "{s} founded {o} in a small office five years ago.",
    "employeeOf": "{s}, a senior engineer at {o}, presented the system.",
    "productOf": "{o} launched {s} for business customers.",
    "headquarteredIn": "{s}, based in {o}, expanded its research team.",
    "locatedIn": "{s} lies in {o}.",
    "supports": "{s} pledged public funding for {o}.",
}


class _Namer:
    """Unique invented names, drawn from a seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def unique(self, make) -> str:
        for _ in range(1000):
            name = make()
            if name not in self.used:
                self.used.add(name)
                return name
        raise RuntimeError("name space exhausted")

    def word(self) -> str:
        return "".join(self.rng.choice(_SYLLABLES) for _ in range(self.rng.choice((2, 2, 3)))).capitalize()

    def organization(self) -> str:
        return self.unique(lambda: f"{self.word()} {self.rng.choice(_ORG_SUFFIXES)}")

    def person(self) -> str:
        def make() -> str:
            middle = f" {self.rng.choice('ABCDEFGHJKLMNPRSTVW')}." if self.rng.random() < 0.3 else ""
            return f"{self.rng.choice(_FIRST)}{middle} {self.rng.choice(_LAST)}"

        return self.unique(make)

    def product(self) -> str:
        return self.unique(lambda: f"{self.word()} {self.rng.choice(_PRODUCT_WORDS)}")

    def project(self) -> str:
        return self.unique(lambda: f"Project {self.word()}")

    def place(self) -> tuple[str, str]:
        free = [c for c in _CITIES if c[0] not in self.used]
        if free:
            city = self.rng.choice(free)
            self.used.add(city[0])
            return city
        name = self.unique(lambda: f"{self.word()} {self.rng.choice(('Bay', 'Valley', 'Heights', 'Port'))}")
        return name, name


def _slug(label: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in label.lower()).strip("-")


def _pick(rng: random.Random, pool: list[str], weights: dict[str, int]) -> str:
    """Preferential attachment: nodes with more links are likelier to get another one."""
    return rng.choices(pool, weights=[1 + weights[n] for n in pool], k=1)[0]


def generated_graph(n_nodes: int = 150, seed: int = 7) -> nx.MultiDiGraph:
    """A deterministic synthetic graph of ``n_nodes`` entities with realistic relation patterns.

    Every organisation-level relation is drawn by preferential attachment, so a few hubs emerge;
    people lead or work for organisations, products belong to makers, places sit in a country.
    """
    rng = random.Random(seed)
    namer = _Namer(rng)
    G = new_graph(f"Synthetic AI market ({n_nodes} entities)", source=f"generated_graph(seed={seed})")
    by_type: dict[str, list[str]] = {t: [] for t, _ in _TYPE_SHARES}
    counts = {t: max(1, round(n_nodes * share)) for t, share in _TYPE_SHARES}
    counts["Organization"] += n_nodes - sum(counts.values())
    for type_, count in counts.items():
        for _ in range(count):
            if type_ == "Place":
                label, label_it = namer.place()
            else:
                label = getattr(namer, type_.lower())()
                label_it = label
            aliases = [label.split()[0]] if type_ == "Organization" and rng.random() < 0.4 else []
            qid = f"Q{rng.randint(1000, 9_999_999)}" if rng.random() < 0.3 else ""
            iri = add_entity(G, _slug(label), label, type_, label_it=label_it, qid=qid, aliases=aliases)
            by_type[type_].append(iri)

    published: dict[str, str] = {}
    links = dict.fromkeys(G.nodes, 0)
    orgs, places = by_type["Organization"], by_type["Place"]

    def relate(s: str, predicate: str, o: str) -> None:
        if s == o or G.has_edge(s, o, predicate) or G.has_edge(o, s, predicate):
            return
        amount = (
            float(rng.choice((5, 20, 75, 250, 900, 2500))) * 1e6
            if predicate in ("investsIn", "acquired")
            else None
        )
        evidence = []
        for _ in range(rng.choice((1, 1, 1, 2, 3))):
            doc = f"gen-{len(published):05d}"
            published[doc] = f"202{rng.randint(2, 5)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            sentence = _TEMPLATES[predicate].format(
                s=G.nodes[s]["label"], o=G.nodes[o]["label"], amount=f"${(amount or 0) / 1e6:,.0f} million"
            )
            evidence.append(
                {
                    "doc": doc,
                    "source": f"corpus/generated/{doc}.txt",
                    "sentence": sentence,
                    "confidence": round(rng.uniform(0.55, 0.98), 2),
                }
            )
        add_relation(
            G,
            s,
            predicate,
            o,
            evidence,
            confidence=round(rng.uniform(0.5, 0.97), 2),
            amount=amount,
            currency="USD" if amount else None,
            published=published,
        )
        links[s] += 1
        links[o] += 1

    for org in orgs:
        relate(org, "headquarteredIn", rng.choice(places))
    for _ in range(int(len(orgs) * 1.4)):
        predicate = rng.choice(
            (
                "investsIn",
                "investsIn",
                "suppliesTo",
                "suppliesTo",
                "partnersWith",
                "acquired",
                "competesWith",
                "owns",
            )
        )
        relate(_pick(rng, orgs, links), predicate, _pick(rng, orgs, links))
    for person in by_type["Person"]:
        relate(
            person,
            rng.choice(("ceoOf", "founderOf", "leads", "employeeOf", "employeeOf")),
            _pick(rng, orgs, links),
        )
        if rng.random() < 0.3:
            relate(person, "founderOf", _pick(rng, orgs, links))
    for product in by_type["Product"]:
        relate(product, "productOf", _pick(rng, orgs, links))
    for project in by_type["Project"]:
        for org in rng.sample(orgs, k=min(len(orgs), rng.randint(2, 5))):
            relate(org, "participatesIn", project)
        if rng.random() < 0.5:
            relate(rng.choice(orgs), "supports", project)
    countries = places[: max(1, len(places) // 6)]
    for place in places[len(countries) :]:
        relate(place, "locatedIn", rng.choice(countries))
    return finish_nodes(G, published)


# ---------------------------------------------------------------- hostile input

HOSTILE_LABEL = 'Evil </script><script>window.__pwned = 1</script> & "Co" <b>'
HOSTILE_SENTENCE = 'It said </script><!-- <img src=x onerror="window.__pwned=2"> --> and left \u2028 quietly.'


def hostile_graph() -> nx.MultiDiGraph:
    """Five nodes whose label, aliases, sentence and source try to break out of the page."""
    G = new_graph('Hostile </title><script>window.__pwned = 3</script> "graph"')
    evil = add_entity(G, "evil", HOSTILE_LABEL, "Organization", aliases=["<svg onload=alert(1)>"], qid="Q1")
    good = add_entity(G, "good", "Good Corp", "Organization", qid="Q2")
    person = add_entity(G, "p", "Ann Other", "Person")
    place = add_entity(G, "x", "Nowhere", "Place")
    thing = add_entity(G, "t", "Thing", "Product")
    published = {"d1": "2024-01-01", "d2": "2024-02-02"}
    add_relation(
        G,
        evil,
        "acquired",
        good,
        [
            {
                "doc": "d1",
                "source": "javascript:window.__pwned=4",
                "sentence": HOSTILE_SENTENCE,
                "confidence": 0.9,
            },
            {
                "doc": "d2",
                "source": "https://example.com/a?b=<c>&d='e'",
                "sentence": "Plain sentence.",
                "confidence": 0.5,
            },
        ],
        confidence=0.9,
        amount=float("nan"),
        currency="USD",
        published=published,
    )
    add_relation(
        G,
        person,
        "ceoOf",
        evil,
        [{"doc": "d1", "source": "x", "sentence": "CEO.", "confidence": 0.8}],
        confidence=0.8,
        published=published,
    )
    add_relation(
        G,
        evil,
        "headquarteredIn",
        place,
        [{"doc": "d2", "source": "y", "sentence": "HQ.", "confidence": 0.7}],
        confidence=0.7,
        published=published,
    )
    add_relation(
        G,
        thing,
        "productOf",
        good,
        [{"doc": "d2", "source": "z", "sentence": "Made.", "confidence": 0.7}],
        confidence=0.7,
        published=published,
    )
    return finish_nodes(G, published)
