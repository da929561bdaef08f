"""Bad input, through the real command line (``python -m kg.cli``), as a user running kg would meet it.

Every case of docs/bad-input.md has a test here. The contract: one line naming the file and the problem
(no traceback unless ``--debug``), the other documents still processed, a summary at the end, exit code
0 when all went well, 1 when some documents failed, 2 for a usage error; and a failing document never
touches what is already in the store.

The refused and the accepted inputs are each built in one ``kg build`` run (a module fixture), and each
case is checked by its own test; the small fixtures come from tests/fixtures/bad_input/generate.py, the
big or platform-dependent ones (50 MB files, links, FIFOs, odd file names) are made here in tmp dirs.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from pyoxigraph import Literal, RdfFormat, Store

from kg.graph.store import OxigraphStore, StoreError
from kg.ingest.clean import clean_text
from kg.ingest.decode import DecodeError, decode_bytes
from kg.ingest.read import IngestError, iter_documents

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "bad_input"
ROOT = Path(__file__).resolve().parents[1]
# XML 1.0 Char production: what GEXF and GraphML files may contain.
XML_TEXT = re.compile(r"^[\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*$")
KG = "https://w3id.org/kg/ontology#"
DCT = "http://purl.org/dc/terms/"


def kg(
    *args: str, env: dict[str, str] | None = None, stdin: bytes | None = None, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m kg.cli ARGS`` and capture its output as text."""
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    full_env.pop("KG_STORE", None)
    proc = subprocess.run(
        [sys.executable, "-m", "kg.cli", *args],
        input=stdin,
        capture_output=True,
        env=full_env,
        timeout=timeout,
        cwd=ROOT,
    )
    return subprocess.CompletedProcess(
        proc.args,
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def snapshot(store: Path) -> frozenset[str]:
    """Every quad of an on-disk store, as N-Quads text."""
    s = Store.read_only(str(store))
    try:
        return frozenset(str(q) for q in s)
    finally:
        del s


def ceo_of_amd(store: Path) -> list[str]:
    s = Store.read_only(str(store))
    rows = s.query(
        "SELECT DISTINCT ?n WHERE { GRAPH ?g { ?p <https://w3id.org/kg/ontology#ceoOf> "
        "<https://w3id.org/kg/id/entity/amd> ; <http://www.w3.org/2000/01/rdf-schema#label> ?n } }"
    )
    return sorted(r["n"].value for r in rows)


@pytest.fixture(scope="module")
def baseline_store(tmp_path_factory) -> Path:
    """A store built from two good articles (what failing input must never touch)."""
    path = tmp_path_factory.mktemp("baseline") / "store"
    res = kg("build", str(FIXTURES / "baseline"), "--store", str(path), "-q")
    assert res.returncode == 0, res.stderr
    return path


# ---------------------------------------------------------------------------------------------- refused
@dataclass(frozen=True)
class Refusal:
    """An input kg must refuse: ``where`` is how the error line names it, ``message`` a regex of the rest."""

    where: str
    message: str


MAX_CHARS_HINT = r"; set KG_MAX_CHARS to raise it\)"
REFUSED = [
    Refusal("empty.txt", r"empty document \(no text after cleaning\)"),
    Refusal("whitespace-only.txt", r"empty document \(no text after cleaning\)"),
    Refusal("pdf-named-txt.txt", r"binary content \(a PDF file\), not text"),
    Refusal("png-named-txt.txt", r"binary content \(a PNG image\), not text"),
    Refusal("zip-named-txt.txt", r"binary content \(a ZIP archive \(or Office document\)\), not text"),
    Refusal("archive.zip", r"binary content \(a ZIP archive \(or Office document\)\), not text"),
    Refusal("nul-bytes.txt", r"binary content \(NUL bytes\), not text"),
    Refusal("random-binary.txt", r"binary content \(\d+ control characters in the first 3000\), not text"),
    Refusal("invalid-utf16.txt", r"invalid utf-16 text \(unexpected end of data at byte 42\)"),
    Refusal("markup-only.html", r"no article text found in the HTML page"),
    Refusal("scripts-only.txt", r"empty document \(no text after cleaning\)"),
    Refusal("digits-only.txt", r"no readable text"),
    Refusal("bad-lines.jsonl:1", r"malformed JSON \(Expecting ',' delimiter at column 44\)"),
    Refusal("bad-lines.jsonl:2", r'missing or non-string "text" field'),
    Refusal("bad-lines.jsonl:3", r'missing or non-string "text" field'),
    Refusal("bad-lines.jsonl:4", r'missing or non-string "text" field'),
    Refusal("bad-lines.jsonl:5", r"each line must be a JSON object"),
    Refusal("bad-lines.jsonl:6", r"each line must be a JSON object"),
    Refusal("bad-lines.jsonl:7", r'"id" must be a string or a number'),
    Refusal("bad-lines.jsonl:8", r'"id" must be a string or a number'),
    Refusal("bad-lines.jsonl:9", r'"id" is empty'),
    Refusal("bad-lines.jsonl:10", r"empty document \(no text after cleaning\)"),
    Refusal("bad-lines.jsonl:11", r"duplicate id 'dup' \(first occurrence kept\)"),
    Refusal("bad-lines.jsonl:12", r"unsupported language 'fr' \(kg reads en, it\)"),
    Refusal("bad-lines.jsonl:13", r"malformed JSON \(nested too deeply\)"),
    Refusal("bad-lines.jsonl:14", r"binary content \(NUL bytes\), not text"),
    # made at test time
    Refusal(
        "huge-article.txt",
        r"too large: 52,428,800 bytes \(limit 8,000,004 bytes for an article of at most "
        r"2,000,000 characters" + MAX_CHARS_HINT,
    ),
    Refusal(
        "huge-page.html",
        r"too large: 20,000,000 bytes \(limit 16,000,000 bytes for a web page" + MAX_CHARS_HINT,
    ),
    Refusal("broken-link.txt", r"broken symbolic link \(its target does not exist\)"),
    Refusal("self-loop.txt", r"cannot read \(Too many levels of symbolic links\)"),
    Refusal("fifo.txt", r"not a regular file \(a FIFO, socket or device\), skipped"),
    Refusal(
        "[bold]looks-like-markup[/bold].md".replace("/", "_"), r"empty document \(no text after cleaning\)"
    ),
    Refusal("caf\\xe9-latin1-name.txt", r"empty document \(no text after cleaning\)"),
    Refusal("does-not-exist.txt", r"no such file or directory"),
    Refusal("empty-dir", r"directory holds no \.txt/\.md/\.html/\.jsonl files"),
]


@dataclass
class Run:
    """One ``kg build`` run over a corpus directory, with the store before and after."""

    corpus: Path
    result: subprocess.CompletedProcess[str]
    store: Path
    before: frozenset[str] = frozenset()
    after: frozenset[str] = frozenset()

    def where(self, name: str) -> str:
        return f"{self.corpus}/{name}"


def _make_refused_corpus(corpus: Path) -> None:
    shutil.copytree(FIXTURES / "refused", corpus)
    with open(corpus / "huge-article.txt", "wb") as fh:  # sparse: costs no disk and no time
        fh.truncate(50 * 1024 * 1024)
    with open(corpus / "huge-page.html", "wb") as fh:
        fh.truncate(20_000_000)
    (corpus / "broken-link.txt").symlink_to(corpus / "gone.txt")
    (corpus / "self-loop.txt").symlink_to(corpus / "self-loop.txt")
    os.mkfifo(corpus / "fifo.txt")
    (corpus / "[bold]looks-like-markup[_bold].md").write_bytes(b"")
    (corpus / os.fsdecode(b"caf\xe9-latin1-name.txt")).write_bytes(b"\n")
    (corpus / "empty-dir").mkdir()


@pytest.fixture(scope="module")
def refused_run(tmp_path_factory, baseline_store) -> Run:
    """Every refused input in one build, over a copy of the baseline store."""
    tmp = tmp_path_factory.mktemp("refused")
    corpus = tmp / "corpus"
    _make_refused_corpus(corpus)
    store = tmp / "store"
    shutil.copytree(baseline_store, store)
    before = snapshot(store)
    extra = [str(corpus / name) for name in ("archive.zip", "does-not-exist.txt", "empty-dir")]
    result = kg("build", str(corpus), *extra, "--store", str(store), "-q")
    return Run(corpus, result, store, before, snapshot(store))


@pytest.mark.parametrize("case", REFUSED, ids=[c.where for c in REFUSED])
def test_refused_input_gets_one_line_naming_the_file_and_the_problem(refused_run, case):
    prefix = f"failed {refused_run.where(case.where)}: "
    found = [line for line in lines(refused_run.result.stderr) if line.startswith(prefix)]
    assert len(found) == 1, refused_run.result.stderr
    assert re.fullmatch(case.message, found[0][len(prefix) :]), found[0]


def test_a_run_with_only_bad_input_prints_only_failures_and_a_summary_and_exits_1(refused_run):
    res = refused_run.result
    assert res.returncode == 1
    assert "Traceback" not in res.stderr
    assert all(line.startswith("failed ") for line in lines(res.stderr)), res.stderr
    assert len(lines(res.stderr)) == len(REFUSED)
    summary = " ".join(lines(res.stdout))  # Rich wraps it at 80 columns when stdout is not a terminal
    assert summary.startswith(f"documents: 0 added, 0 updated, 0 unchanged, {len(REFUSED)} failed;")


def test_failing_documents_leave_the_store_exactly_as_it_was(refused_run, baseline_store):
    assert refused_run.before, "the baseline store is empty"
    assert refused_run.after == refused_run.before
    assert ceo_of_amd(refused_run.store) == ceo_of_amd(baseline_store) == ["Lisa Su"]


# ---------------------------------------------------------------------------------------------- accepted
@dataclass(frozen=True)
class Accepted:
    """An input kg must read: ``where`` names its source, ``title`` is the title it must end up with."""

    where: str
    title: str | None


ACCEPTED = [
    Accepted("latin1.txt", "Società e caffè"),
    Accepted("cp1252.txt", 'Microsoft\'s €10bn bet - "OpenAI"'),
    Accepted("utf8-bom.txt", "BOM8 chips and clouds"),
    Accepted("utf16le-bom.txt", "UTF16LE chips and clouds"),
    Accepted("utf16be-bom.txt", "UTF16BE chips and clouds"),
    Accepted("utf16le-no-bom.txt", "Bomless chips and clouds"),
    Accepted("utf32-bom.txt", "UTF32 chips and clouds"),
    Accepted("mostly-utf8.txt", "Chips, clouds and caffè"),
    Accepted("no-punctuation.txt", None),
    Accepted("names-other-scripts.txt", "Names from many scripts: Müller, Брин, 孙正义"),
    Accepted("emoji-and-controls.txt", "Rockets \U0001f680 and robots \U0001f916"),
    Accepted("quirks.jsonl:1", "Line separator"),
    Accepted("quirks.jsonl:2", "Lone \ufffd surrogate"),
    Accepted("quirks.jsonl:3", "Control title"),
    Accepted("quirks.jsonl:4", None),
    Accepted("loop/inside-a-loop.txt", "Inside a loop"),
    Accepted("caf\\xe9-good.txt", "Caffè name"),
]


def _make_accepted_corpus(corpus: Path) -> None:
    shutil.copytree(FIXTURES / "accepted", corpus)
    loop = corpus / "loop"
    loop.mkdir()
    (loop / "inside-a-loop.txt").write_text(
        "Inside a loop\nPublished: 2025-02-01\n\nTSMC supplies chips to Nvidia.\n"
    )
    (loop / "again").symlink_to("..")  # loop/again/loop/again/... never ends if followed naively
    (loop / "same-file.txt").symlink_to("inside-a-loop.txt")  # the same article twice: read once
    (corpus / os.fsdecode(b"caf\xe9-good.txt")).write_text(
        "Caffè name\nPublished: 2025-02-02\n\nJensen Huang is the chief executive of Nvidia.\n"
    )


@pytest.fixture(scope="module")
def accepted_run(tmp_path_factory) -> Run:
    tmp = tmp_path_factory.mktemp("accepted")
    corpus = tmp / "corpus"
    _make_accepted_corpus(corpus)
    store = tmp / "store"
    result = kg("build", str(corpus), "--store", str(store), "-q")
    return Run(corpus, result, store, after=snapshot(store))


def _documents(run: Run) -> dict[str, list[str | None]]:
    """dcterms:source of each stored document -> its titles (None for none)."""
    s = Store.read_only(str(run.store))
    rows = s.query(
        f"SELECT ?src ?t WHERE {{ GRAPH ?d {{ ?d a <{KG}Document> ; <{DCT}source> ?src "
        f"OPTIONAL {{ ?d <{DCT}title> ?t }} }} }}"
    )
    docs: dict[str, list[str | None]] = {}
    for r in rows:
        docs.setdefault(r["src"].value, []).append(r["t"].value if r["t"] is not None else None)
    return docs


@pytest.mark.parametrize("case", ACCEPTED, ids=[c.where for c in ACCEPTED])
def test_accepted_input_is_read_once_with_the_documented_decoding(accepted_run, case):
    docs = _documents(accepted_run)
    source = accepted_run.where(case.where)
    if case.where == "quirks.jsonl:3":
        source = "https://news.example/ab"  # the record's URL, control characters removed
    assert docs.get(source) == [case.title], sorted(docs)


def test_a_run_with_only_readable_input_reports_nothing_and_exits_0(accepted_run):
    res = accepted_run.result
    assert res.returncode == 0, res.stderr
    assert not lines(res.stderr)
    summary = " ".join(lines(res.stdout))
    assert summary.startswith(f"documents: {len(ACCEPTED)} added, 0 updated, 0 unchanged, 0 failed;")


def test_names_in_other_scripts_keep_their_letters(accepted_run):
    s = Store.read_only(str(accepted_run.store))
    labels = {
        r["l"].value
        for r in s.query(
            "SELECT DISTINCT ?l WHERE { GRAPH ?g { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l } }"
        )
    }
    assert {"Jürgen Müller", "Сергей Брин", "François Dupont", "Lisa Su"} <= labels


def test_no_control_character_or_lone_surrogate_reaches_the_store(accepted_run):
    s = Store.read_only(str(accepted_run.store))
    literals = [q.object.value for q in s if isinstance(q.object, Literal)]
    assert literals
    assert [v for v in literals if not XML_TEXT.match(v)] == []


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_xml_exports_of_unusual_names_still_parse(accepted_run, tmp_path, fmt):
    out = tmp_path / f"graph.{fmt}"
    res = kg("export", "--format", fmt, "-o", str(out), "--store", str(accepted_run.store))
    assert res.returncode == 0, res.stderr
    text = ET.tostring(ET.parse(out).getroot(), encoding="unicode")
    assert "Сергей Брин" in text and "Jürgen Müller" in text


def test_csv_export_of_unusual_names_reads_back(accepted_run, tmp_path):
    res = kg("export", "--format", "csv", "-o", str(tmp_path / "csv"), "--store", str(accepted_run.store))
    assert res.returncode == 0, res.stderr
    names = set()
    for f in (tmp_path / "csv").glob("*.csv"):
        with f.open(encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                names.update(row)
    assert {"Сергей Брин", "Jürgen Müller"} <= names


# ---------------------------------------------------------------------------------------------- limits
def test_the_character_limit_is_named_and_settable_and_the_next_line_still_runs(tmp_path):
    (tmp_path / "long.txt").write_text("Lisa Su is the chief executive of AMD. " * 30)
    line_limit = 4 * 300 + 4 + 65_536
    big = '{"id": "big", "text": "' + "x" * (line_limit + 10) + '"}\n'
    good = '{"id": "ok", "text": "Lisa Su is the chief executive of AMD."}\n'
    (tmp_path / "big.jsonl").write_text(big + good)
    res = kg("extract", str(tmp_path / "long.txt"), str(tmp_path / "big.jsonl"), env={"KG_MAX_CHARS": "300"})
    assert res.returncode == 1
    assert lines(res.stderr) == [
        f"skipped {tmp_path}/long.txt: too large: 1,170 characters (limit 300; set KG_MAX_CHARS to raise it)",
        f"skipped {tmp_path}/big.jsonl:1: too large: over the limit of {line_limit:,} bytes for a JSONL line "
        "(set KG_MAX_CHARS to raise it)",
    ]
    assert '"doc": "ok"' in res.stdout


def test_an_invalid_kg_max_chars_is_ignored_with_a_warning(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    res = kg("extract", str(tmp_path / "empty.txt"), env={"KG_MAX_CHARS": "lots"})
    assert lines(res.stderr) == [
        "kg: ignoring KG_MAX_CHARS='lots' (not a positive whole number); using 2,000,000",
        f"skipped {tmp_path}/empty.txt: empty document (no text after cleaning)",
    ]
    assert res.returncode == 1


def test_pathological_markup_is_cleaned_in_linear_time():
    """Unclosed comments and scripts, endless words, thousands of short lines: no quadratic blow-up."""
    n = 400_000
    shapes = {
        "unclosed comments": "<!--" * (n // 4),
        "unclosed scripts": "<script>" * (n // 8),
        "one endless word": "x" * n,
        "base64 blob": "data:image/png;base64," + "QUJD" * (n // 4),
        "short headings": "Heading line\n" * (n // 13),
        "open tags": ("<a " + "x" * 390) * (n // 393),
    }
    for name, text in shapes.items():
        started = time.perf_counter()
        clean_text(text)
        elapsed = time.perf_counter() - started
        assert elapsed < 20, f"{name}: {elapsed:.1f} s for {len(text):,} characters"


# ---------------------------------------------------------------------------------------------- permissions, stdin
def test_unreadable_files_and_directories_are_reported_or_read_as_root_would(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Lisa Su is the chief executive of AMD.\n")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text("Jensen Huang is the chief executive of Nvidia.\n")
    secret.chmod(0)
    locked.chmod(0)
    try:
        res = kg("extract", str(secret), str(locked))
    finally:
        secret.chmod(0o644)
        locked.chmod(0o755)
    if os.geteuid() == 0:  # root reads anything: both articles are extracted like any other
        assert res.returncode == 0, res.stderr
        assert '"subject": "Lisa Su"' in res.stdout and '"subject": "Jensen Huang"' in res.stdout
    else:
        assert res.returncode == 1
        assert lines(res.stderr) == [
            f"skipped {secret}: permission denied",
            f"skipped {locked}: cannot list directory (Permission denied)",
        ]


def test_a_jsonl_corpus_on_standard_input_reports_bad_lines_and_reads_the_others():
    data = b'{"id": "a", "text": "Lisa Su is the chief executive of AMD."}\n{broken\n\n{"id": "c"}\n'
    res = kg("extract", "-", stdin=data)
    assert res.returncode == 1
    assert lines(res.stderr) == [
        "skipped <stdin>:2: malformed JSON (Expecting property name enclosed in double quotes at column 2)",
        'skipped <stdin>:4: missing or non-string "text" field',
    ]
    assert '"doc": "a"' in res.stdout


# ---------------------------------------------------------------------------------------------- usage errors
def _usage_cases(tmp: Path, store: Path) -> dict[str, tuple[list[str], str]]:
    (tmp / "a-file").write_text("not a store")
    (tmp / "corpus").mkdir()
    (tmp / "corpus" / "article.txt").write_text("Lisa Su is the chief executive of AMD.")
    s = str(store)
    q = "SELECT ?x WHERE { }"
    return {
        "malformed SPARQL": (["query", "SELEC", "--store", s], r"error: malformed SPARQL: .+"),
        "an update is not a query": (
            ["query", "DELETE WHERE { ?s ?p ?o }", "--store", s],
            r"error: malformed SPARQL: .+",
        ),
        "missing query file": (
            ["query", "--file", str(tmp / "nope.rq"), "--store", s],
            rf"error: {tmp}/nope.rq: .*no such query file",
        ),
        "IRI parameter with '>' inside": (
            ["query", q, "-p", "x=<http://ex.org/a>b>", "--store", s],
            r"error: invalid IRI '<http://ex\.org/a>b>'",
        ),
        "IRI parameter with braces": (
            ["query", q, "-p", "x=<http://ex.org/{ ?s ?p ?o }>", "--store", s],
            r"error: invalid IRI .+",
        ),
        "datatype that is not an IRI": (
            ["query", q, "-p", 'x="1"^^<a b> } UNION {', "--store", s],
            r"error: .+",
        ),
        "parameter name that is not a variable": (
            ["query", q, "-p", "x} UNION {?s=1", "--store", s],
            r"error: parameter name .+ is not a SPARQL variable name",
        ),
        "store that is a file": (
            ["build", str(tmp / "corpus"), "--store", str(tmp / "a-file")],
            rf"error: {tmp}/a-file: is a file, not a kg store directory",
        ),
        "store directory holding other files": (
            ["build", str(tmp / "corpus"), "--store", str(tmp / "corpus")],
            rf"error: {tmp}/corpus: not a kg store .+",
        ),
        "no store to read": (
            ["stats", "--store", str(tmp / "none")],
            rf"error: {tmp}/none: no kg store here.*",
        ),
        "damaged store": (
            ["stats", "--store", str(_damaged_copy(store, tmp / "damaged"))],
            rf"error: {tmp}/damaged: the store is damaged \(Corruption: .+\); rebuild it in a new "
            "directory",
        ),
    }


def _damaged_copy(store: Path, target: Path) -> Path:
    shutil.copytree(store, target)
    (target / "CURRENT").write_text("garbage\n")
    return target


USAGE = [
    "malformed SPARQL",
    "an update is not a query",
    "missing query file",
    "IRI parameter with '>' inside",
    "IRI parameter with braces",
    "datatype that is not an IRI",
    "parameter name that is not a variable",
    "store that is a file",
    "store directory holding other files",
    "no store to read",
    "damaged store",
]


@pytest.mark.parametrize("case", USAGE)
def test_usage_errors_are_one_line_and_exit_2_and_change_nothing(tmp_path, baseline_store, case):
    before = snapshot(baseline_store)
    args, message = _usage_cases(tmp_path, baseline_store)[case]
    corpus_before = sorted(p.name for p in (tmp_path / "corpus").iterdir())
    res = kg(*args)
    assert res.returncode == 2, res.stderr
    assert len(lines(res.stderr)) == 1, res.stderr
    assert re.fullmatch(message, lines(res.stderr)[0]), res.stderr
    assert snapshot(baseline_store) == before
    assert sorted(p.name for p in (tmp_path / "corpus").iterdir()) == corpus_before  # nothing written there


def test_an_unknown_option_is_a_usage_error():
    res = kg("build", "--frobnicate")
    assert res.returncode == 2
    assert "No such option" in res.stderr and "Traceback" not in res.stderr


def test_debug_shows_the_traceback_that_is_otherwise_hidden(baseline_store):
    plain = kg("query", "SELEC", "--store", str(baseline_store))
    debug = kg("--debug", "query", "SELEC", "--store", str(baseline_store))
    assert plain.returncode == debug.returncode == 2
    assert "Traceback" not in plain.stderr
    assert "Traceback" in debug.stderr


def test_parameters_that_look_like_sparql_are_bound_as_one_literal_each(baseline_store):
    values = {
        "a": '" } UNION { ?s ?p ?o } #',
        "b": "x' } ; DROP ALL ; SELECT * WHERE { '",
        "c": "<http://ex.org/a> } UNION { ?s ?p ?o }",
        "d": '"x"@en } UNION {',
        "e": "kg:a>b",
        "f": "line one\n} UNION {\nline two",
        "g": "Сергей Брин 🚀 & <b>",
    }
    before = snapshot(baseline_store)
    args = ["query", f"SELECT {' '.join('?' + k for k in values)} WHERE {{ }}", "--format", "json"]
    for k, v in values.items():
        args += ["--param", f"{k}={v}"]
    res = kg(*args, "--store", str(baseline_store))
    assert res.returncode == 0, res.stderr
    (row,) = json.loads(res.stdout)["results"]["bindings"]
    assert {k: (b["type"], b["value"]) for k, b in row.items()} == {
        k: ("literal", v) for k, v in values.items()
    }
    assert snapshot(baseline_store) == before


def test_an_unexpected_error_is_one_line_and_exit_1_and_debug_shows_the_traceback(tmp_path):
    script = tmp_path / "boom.py"
    script.write_text(
        "from kg.cli import _App, main\n"
        "app = _App()\n"
        "app.callback()(main)\n"
        "@app.command()\n"
        "def boom() -> None:\n"
        "    raise RuntimeError('disk on fire')\n"
        "@app.command()\n"
        "def calm() -> None:\n"
        "    pass\n"
        "app()\n"
    )
    plain = subprocess.run([sys.executable, str(script), "boom"], capture_output=True, text=True, cwd=ROOT)
    debug = subprocess.run(
        [sys.executable, str(script), "--debug", "boom"], capture_output=True, text=True, cwd=ROOT
    )
    assert plain.returncode == 1
    assert lines(plain.stderr) == [
        "error: RuntimeError: disk on fire (unexpected: this is a bug in kg; run with --debug for the traceback)"
    ]
    assert debug.returncode == 1 and "disk on fire" in debug.stderr and "Traceback" in debug.stderr


SIGNATURES = {
    b"%PDF-1.4\n": "a PDF file",
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff\xe0": "a JPEG image",
    b"GIF89a": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or Office document)",
    b"\x1f\x8b\x08": "a gzip archive",
    b"BZh91AY&SY": "a bzip2 archive",
    b"\xfd7zXZ\x00": "an xz archive",
    b"7z\xbc\xaf\x27\x1c": "a 7z archive",
    b"\x28\xb5\x2f\xfd": "a zstd archive",
    b"\x7fELF\x02": "an executable",
    b"MZ\x90\x00": "a Windows executable",
    b"RIFF\x24\x00\x00\x00WAVE": "a RIFF media file",
    b"ID3\x04\x00": "an MP3 file",
    b"OggS\x00": "an Ogg media file",
    b"fLaC\x00": "a FLAC audio file",
    b"\xd0\xcf\x11\xe0": "an old Office document",
    b"SQLite format 3\x00": "an SQLite database",
}


@pytest.mark.parametrize("magic", SIGNATURES, ids=list(SIGNATURES.values()))
def test_binary_files_are_named_by_their_signature(magic):
    with pytest.raises(DecodeError, match=re.escape(f"binary content ({SIGNATURES[magic]}), not text")):
        decode_bytes(magic + b"Cisco bought Splunk. " * 3)


@pytest.mark.parametrize(
    "start", ["RIFF raff", "ID3 tags", "GIF8 is a name", "BZh no", "OggS? no", "MZ is ok"]
)
def test_text_that_merely_begins_like_a_signature_is_read(start):
    assert decode_bytes(f"{start}: Cisco bought Splunk.".encode())[0].startswith(start)


def test_malformed_rdf_is_refused_whole_with_its_position_and_the_store_is_unchanged():
    store = OxigraphStore(None)
    store.load(b"<http://ex.org/a> <http://ex.org/b> <http://ex.org/c> .", RdfFormat.TURTLE)
    bad = b'<http://ex.org/a> <http://ex.org/b> <http://ex.org/d> .\n<http://ex.org/a> <http://ex.org/b> "open .\n'
    with pytest.raises(
        StoreError, match=r"malformed Turtle data, nothing loaded \(Parser error .*line 2.+\)"
    ):
        store.load(bad, RdfFormat.TURTLE)
    assert len(store) == 1


def test_a_utf16_jsonl_corpus_is_read_line_by_line(tmp_path):
    path = tmp_path / "wide.jsonl"
    body = '{"id": "a", "text": "Società: Lisa Su is the chief executive of AMD."}\n{"id": "b"}\n'
    path.write_bytes(body.encode("utf-16"))
    doc, error = list(iter_documents([str(path)]))
    assert doc.id == "a" and doc.text.startswith("Società")
    assert isinstance(error, IngestError) and str(error) == f'{path}:2: missing or non-string "text" field'


def test_standard_input_is_never_read_beyond_the_limit():
    res = kg("extract", "-", stdin=b"Cisco bought Splunk. " * 1_000_000, env={"KG_MAX_CHARS": "1000"})
    assert res.returncode == 1
    assert lines(res.stderr) == [
        "skipped <stdin>: too large: over the limit of 8,000 bytes for one document on standard input "
        "(set KG_MAX_CHARS to raise it)"
    ]
