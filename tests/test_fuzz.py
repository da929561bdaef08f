"""Property-based tests: the functions that see raw web text never fail, whatever the text.

Each property runs over at least 1,000 generated examples, derandomised (the same examples on every
run) and without a deadline, so the suite is deterministic on a busy CI machine.
"""

from __future__ import annotations

import codecs
import html
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyoxigraph import Literal

from kg.graph.namespaces import XSD
from kg.graph.store import OxigraphStore
from kg.ingest.clean import clean_text
from kg.ingest.decode import DecodeError, decode_bytes
from kg.ingest.read import make_document
from kg.models import ENTITY_TYPES
from kg.query import QueryError, parse_param
from kg.resolve.normalize import normalize_name, slugify
from kg.resolve.resolver import Resolver

FUZZ = settings(
    max_examples=1000, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
SLUG = re.compile(r"^[a-z0-9-]+$")
# XML 1.0 Char production (what GEXF/GraphML exports may contain).
XML_CHAR = re.compile(r"^[\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*$")
NUMERIC = {XSD + "integer", XSD + "decimal"}
ENTITY_AT = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

# Any code point, lone surrogates and controls included.
ANY_CHAR = st.characters(exclude_categories=())
# Pieces of real web debris, so that the generated texts exercise every cleaning step.
DEBRIS = [
    "<p>",
    "</p>",
    "<b>",
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    "<!--",
    "-->",
    "<",
    ">",
    "<a href='x'>",
    "&amp;",
    "&lt;b&gt;",
    "&#233;",
    "&#x41;",
    "&eacute;",
    "&#0;",
    "&#x81;",
    "&",
    ";",
    'class="wp-image-1"',
    "https://example.com/a?b=c",
    "www.example.it",
    "photo.jpg",
    "img/nvidia-h100.png?w=300",
    "\r\n",
    "\r",
    "\n",
    "\n\n\n",
    "\t",
    "  ",
    "\u00a0",
    "\u200b",
    "\ufeff",
    "\u2028",
    "“",
    "’",
    "—",
    "1, 5 miliardi",
    "$ 10",
    "€",
    "Nvidia",
    "Mistral AI",
    "è",
    "Ü",
    "Сбер",
    "阿里巴巴",
    "🚀",
    "\x00",
    "\x1b",
    "\x7f",
    "\x85",
    "\ud800",
    "\udfff",
    ".",
    ",",
    "Heading",
    "Published: 2025-01-02",
]
TEXTS = st.one_of(
    st.text(ANY_CHAR, max_size=300),
    st.lists(st.one_of(st.sampled_from(DEBRIS), st.text(ANY_CHAR, max_size=4)), max_size=40).map("".join),
)


def _copied_or_from_entity(raw: str, offset: int, ch: str) -> bool:
    """True when ``ch`` is ``raw[offset]``, or was decoded from the HTML entity that starts there."""
    if raw[offset] == ch:
        return True
    m = ENTITY_AT.match(raw, offset)
    return m is not None and ch in html.unescape(m.group(0))


@FUZZ
@given(TEXTS)
def test_clean_text_never_raises_and_every_kept_character_maps_back_to_itself(raw):
    cleaned = clean_text(raw)
    assert len(cleaned.offsets) == len(cleaned.text)
    assert all(0 <= o < len(raw) for o in cleaned.offsets)
    assert all(a <= b for a, b in zip(cleaned.offsets, cleaned.offsets[1:], strict=False))
    for ch, offset in zip(cleaned.text, cleaned.offsets, strict=True):
        if ch.isalnum():
            assert _copied_or_from_entity(raw, offset, ch), (ch, offset, raw)


@FUZZ
@given(TEXTS)
def test_cleaned_text_is_valid_in_xml_and_in_utf8(raw):
    text = clean_text(raw).text
    assert XML_CHAR.match(text)
    text.encode("utf-8")  # no lone surrogate left


@FUZZ
@given(TEXTS, st.data())
def test_document_spans_map_back_to_the_original_text(raw, data):
    doc = make_document("d", raw, lang="en")
    words = [m.span() for m in re.finditer(r"\w+", doc.text)]
    if not words:
        return
    i = data.draw(st.integers(0, len(words) - 1))
    j = data.draw(st.integers(i, len(words) - 1))
    start, end = words[i][0], words[j][1]
    s, e = doc.original_span(start, end)
    original = doc.raw if doc.raw is not None else doc.text
    assert 0 <= s < e <= len(original)
    assert _copied_or_from_entity(original, s, doc.text[start])
    last = doc.offsets[end - 1] if doc.offsets else end - 1
    assert e == last + 1
    assert _copied_or_from_entity(original, last, doc.text[end - 1])


@FUZZ
@given(st.text(ANY_CHAR, max_size=80))
def test_normalize_name_and_slugify_never_raise_and_slugs_are_iri_safe(name):
    assert isinstance(normalize_name(name), str)
    assert isinstance(normalize_name(name, strip_suffixes=False), str)
    slug = slugify(name)
    assert SLUG.match(slug), slug
    assert slugify(slug) == slug


@pytest.fixture(scope="module")
def resolver():
    return Resolver()


@FUZZ
@given(
    name=st.one_of(
        st.text(ANY_CHAR, max_size=60), st.sampled_from(["Nvidia", "Mistral", "AWS", "the", "'s"])
    ),
    type_=st.sampled_from(ENTITY_TYPES),
    earlier=st.text(ANY_CHAR, max_size=30),
)
def test_the_resolver_never_raises_and_always_gives_an_iri_safe_key(resolver, name, type_, earlier):
    first = resolver.resolve(earlier, type_)
    doc_names = {normalize_name(earlier): first.entity}
    res = resolver.resolve(name, type_, doc_names=doc_names)
    assert SLUG.match(res.entity.key), res.entity.key
    assert res.entity.type in ENTITY_TYPES
    assert res.step in {"override", "gazetteer", "document", "fuzzy", "corpus"}


BOMS = [
    codecs.BOM_UTF8,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
    codecs.BOM_UTF32_LE,
    codecs.BOM_UTF32_BE,
    b"",
]
MAGIC = [b"%PDF-", b"\x89PNG", b"PK\x03\x04", b"\x1f\x8b", b"RIFF", b"ID3", b"GIF89a", b""]
BYTES = st.one_of(
    st.binary(max_size=400),
    st.tuples(st.sampled_from(BOMS + MAGIC), st.binary(max_size=200)).map(b"".join),
    st.tuples(
        st.text(ANY_CHAR, max_size=100), st.sampled_from(["utf-16-le", "utf-16-be", "utf-32", "cp1252"])
    ).map(lambda t: t[0].encode(t[1], "surrogatepass") if "utf" in t[1] else t[0].encode(t[1], "replace")),
)


@FUZZ
@given(BYTES)
def test_decode_bytes_raises_nothing_but_decode_error(data):
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as exc:
        assert str(exc)
        return
    assert isinstance(text, str) and encoding


@FUZZ
@given(st.text(st.characters(exclude_categories=("Cs", "Cc")) | st.sampled_from("\t\n\r"), max_size=40))
def test_utf8_text_decodes_to_itself(text):
    data = text.encode("utf-8")
    try:
        decoded, _ = decode_bytes(data)
    except DecodeError:
        assert data.startswith((b"%PDF-", b"GIF8", b"SQLite format 3")), (
            data
        )  # a text that begins like a file
        return
    assert decoded == text.removeprefix("\ufeff")


@pytest.fixture(scope="module")
def memory_store():
    return OxigraphStore(None)


INJECTIONS = st.one_of(
    st.text(ANY_CHAR.filter(lambda c: not 0xD800 <= ord(c) <= 0xDFFF), max_size=40),
    st.lists(
        st.sampled_from(
            [
                '"',
                "'",
                "<",
                ">",
                "{",
                "}",
                " UNION ",
                "} ; DROP ALL ; {",
                "?s ?p ?o",
                "#",
                "\n",
                "\\",
                "^^",
                "@en",
                "kg:",
                "http://x/",
                "true",
                "1",
                ".5",
                "SELECT",
                "\x00",
            ]
        ),
        max_size=12,
    ).map("".join),
)


@FUZZ
@given(INJECTIONS)
def test_a_query_parameter_is_one_rdf_term_or_refused(memory_store, value):
    try:
        _name, term = parse_param(f"x={value}")
    except (QueryError, ValueError):
        return  # refused: the query is not run
    rows = list(memory_store.query("SELECT ?x WHERE { }", {"x": term}))
    assert len(rows) == 1
    got = rows[0]["x"]
    if isinstance(term, Literal) and term.datatype.value in NUMERIC:
        assert got.datatype == term.datatype and float(got.value) == float(term.value)  # "00" reads as "0"
    else:
        assert got == term
