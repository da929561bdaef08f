"""Ingestion: reading sources, decoding, cleaning web debris with traceable offsets, language detection."""

from __future__ import annotations

import json

import pytest

from kg.ingest.clean import clean_text
from kg.ingest.decode import DecodeError, decode_bytes
from kg.ingest.lang import detect_language
from kg.ingest.read import IngestError, iter_documents, make_document


def test_cleaning_removes_html_images_urls_and_keeps_offsets():
    raw = (
        "nvidia-h100.jpgNvidia ha investito $ 1, 5 miliardi in <strong>Mistral AI</strong> "
        'class="wp-image-12" https://www.example.it/tech/ oggi &amp; domani.'
    )
    c = clean_text(raw)
    assert (
        "jpg" not in c.text
        and "<strong>" not in c.text
        and "wp-image" not in c.text
        and "https" not in c.text
    )
    assert "$1,5 miliardi" in c.text
    assert "&" in c.text and "&amp;" not in c.text
    for i, ch in enumerate(c.text):
        if ch.isalnum():
            assert raw[c.offsets[i]] == ch


def test_headline_gets_a_full_stop_so_it_does_not_run_into_the_body():
    c = clean_text("Nvidia buys Run:ai\nNvidia has bought Run:ai.")
    assert c.text.startswith("Nvidia buys Run:ai.\n")


@pytest.mark.parametrize(("raw", "first_line", "rest"), [
    ("ENERGIA & DATA CENTERBloom Energy, intesa con Brookfield.", "ENERGIA & DATA CENTER", "Bloom Energy, intesa"),
    ("TECNOLOGIA | STARTUPTranslated, l'azienda romana, cresce.", "TECNOLOGIA | STARTUP", "Translated, l'azienda"),
])
def test_a_heading_in_capitals_glued_to_the_first_word_is_split_from_it(raw, first_line, rest):
    c = clean_text(raw)
    head, _, body = c.text.partition("\n")
    assert head.rstrip(".") == first_line and body.startswith(rest)
    assert all(raw[c.offsets[i]] == ch for i, ch in enumerate(c.text) if ch.isalnum())


@pytest.mark.parametrize(("raw", "cleaned"), [
    ("Cloud & GPU - 15/05/2025TensorWave chiude una Serie A", "Cloud & GPU - 15/05/2025 TensorWave chiude una Serie A"),
    ("Nel 2025Nvidia ha investito", "Nel 2025 Nvidia ha investito"),
    ("4Paradigm e 3Com e B2025X", "4Paradigm e 3Com e B2025X"),
])
def test_a_date_glued_to_the_name_after_it_is_parted_from_it(raw, cleaned):
    assert clean_text(raw).text == cleaned


@pytest.mark.parametrize("text", ["IBM and AMD agreed.", "NVIDIA GeForce cards.", "The CEOs met.", "SAP SuccessFactors"])
def test_capitals_before_a_space_or_a_plural_s_are_no_glued_heading(text):
    assert clean_text(text).text == text


def test_document_span_maps_back_to_the_original_text():
    raw = "<p>Cisco bought <b>Splunk</b>.</p>"
    doc = make_document("d", raw, lang="en")
    i = doc.text.index("Splunk")
    s, e = doc.original_span(i, i + len("Splunk"))
    assert raw[s:e] == "Splunk"


def test_decoding_fallbacks_and_binary_refusal():
    assert decode_bytes("città".encode("cp1252"))[0] == "città"
    assert decode_bytes("\ufeffciao".encode("utf-16"))[0].endswith("ciao")
    for blob in (b"%PDF-1.7 ...", b"\x89PNG\r\n", b"abc\x00def"):
        try:
            decode_bytes(blob)
        except DecodeError:
            continue
        raise AssertionError("binary accepted")


def test_language_detection_is_restricted_to_english_and_italian():
    assert detect_language("Nvidia ha acquisito la società israeliana per 700 milioni di dollari.") == "it"
    assert detect_language("Nvidia has acquired the Israeli company for 700 million dollars.") == "en"


def test_jsonl_corpus_reports_bad_lines_and_keeps_the_good_ones(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "text": "Cisco bought Splunk.", "lang": "en"}),
                "{not json",
                json.dumps({"id": "b"}),
                json.dumps({"id": "a", "text": "duplicate"}),
                json.dumps({"id": 7, "text": "Nvidia ha acquisito Run:ai.", "published": "2024-12-30"}),
            ]
        ),
        encoding="utf-8",
    )
    items = list(iter_documents([str(p)]))
    docs = [x for x in items if not isinstance(x, IngestError)]
    errors = [x for x in items if isinstance(x, IngestError)]
    assert [d.id for d in docs] == ["a", "7"]
    assert docs[1].lang == "it" and docs[1].published == "2024-12-30"
    assert [e.source for e in errors] == [f"{p}:2", f"{p}:3", f"{p}:4"]


def test_directory_with_symlink_loop_and_missing_path(tmp_path):
    (tmp_path / "a.txt").write_text("Cisco bought Splunk.", encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path)
    items = list(iter_documents([str(tmp_path), str(tmp_path / "missing.txt")]))
    assert sum(not isinstance(x, IngestError) for x in items) == 1
    assert isinstance(items[-1], IngestError) and "no such file" in items[-1].message


def test_html_page_is_reduced_to_the_article(tmp_path):
    page = (
        "<html><head><title>Nvidia buys Run:ai</title></head><body><nav>Home | Tech | Sport</nav>"
        "<article><h1>Nvidia buys Run:ai</h1><p>Nvidia has completed its acquisition of Run:ai, an Israeli "
        "startup that makes software for GPU orchestration, the company said on Monday.</p></article>"
        "<script>var tracking = 1;</script><footer>Copyright</footer></body></html>"
    )
    p = tmp_path / "a.html"
    p.write_text(page, encoding="utf-8")
    (doc,) = list(iter_documents([str(p)]))
    assert doc.title == "Nvidia buys Run:ai"
    assert "tracking" not in doc.text and "Copyright" not in doc.text
    assert "acquisition of Run:ai" in doc.text


@pytest.mark.parametrize(
    ("raw", "kept", "dropped"),
    [
        ("I chip di AMDimmagine_02.jpg sono arrivati.", "AMD", "immagine"),
        ("Accordo con Nvidiafoto.png per i server.", "Nvidia", "foto"),
        ("Il logo Googlelogo-2024.svg compare ovunque.", "Google", "logo-2024"),
    ],
)
def test_a_name_glued_in_front_of_an_image_file_name_survives_cleaning(raw, kept, dropped):
    c = clean_text(raw)
    assert kept in c.text.split() and dropped not in c.text
    start = c.text.index(kept)
    assert raw[c.offsets[start] : c.offsets[start] + len(kept)] == kept


def test_image_file_names_with_separators_are_dropped_whole():
    c = clean_text("Ecco Sam_Altman_OpenAI.jpg e nvidia-h100.jpg nel testo.")
    assert "Sam" not in c.text and "nvidia" not in c.text


def test_navigation_and_tag_lines_are_blanked_with_offsets_kept():
    raw = "STARTUP | DIFESA\nHelsing raccoglie 600 milioni.\nArgomenti: Difesa · Startup · Intelligenza artificiale\n"
    cleaned = clean_text(raw)
    assert cleaned.text == "Helsing raccoglie 600 milioni."
    assert raw[cleaned.offsets[0]] == "H"


def test_a_headline_with_a_bar_is_no_navigation_line():
    assert "iPhone" in clean_text("Apple | Il nuovo iPhone costa di più e arriva a settembre\nTesto").text
