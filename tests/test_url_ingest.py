"""`kg extract URL` fetches a news page from a (local) web server and reduces it to the article."""

from __future__ import annotations

import http.server
import threading

from kg.ingest.read import IngestError, iter_documents

PAGE = (
    b"<html><head><title>Cisco completes Splunk deal</title>"
    b"<meta property='article:published_time' content='2024-03-18'></head><body><nav>Home | Markets</nav>"
    b"<article><h1>Cisco completes Splunk deal</h1><p>Cisco has completed its acquisition of Splunk for "
    b"$28 billion, the networking company said on Monday, closing one of the largest software deals of the "
    b"year.</p></article><footer>Cookie settings</footer></body></html>"
)


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server API
        if self.path == "/news/splunk.html":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(PAGE)
        else:
            self.send_error(404)

    def log_message(self, *args: object) -> None:
        pass


def test_url_is_fetched_and_reduced_to_the_article_then_extracted():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        doc, missing = list(iter_documents([f"{base}/news/splunk.html", f"{base}/nope.html"]))
    finally:
        server.shutdown()
    assert not isinstance(doc, IngestError)
    assert doc.title == "Cisco completes Splunk deal" and doc.published == "2024-03-18"
    assert "Cookie" not in doc.text and "acquisition of Splunk" in doc.text
    assert isinstance(missing, IngestError) and "cannot fetch" in missing.message

    from kg.extract.pipeline import extract_documents

    (res,) = list(extract_documents([doc]))
    assert ("cisco", "acquired", "splunk") in {t.key() for t in res.triples}
