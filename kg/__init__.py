"""kg: build a provenance-rich knowledge graph of company relationships from English and Italian news.

Python API (see README): ``kg.extract_triples``, ``kg.build``, ``kg.open_store``, ``kg.sparql``
(the names differ from the subpackages ``kg.extract`` and ``kg.query`` on purpose).
"""

__version__ = "0.1.0"

from kg.api import build, extract_triples, open_store, sparql  # noqa: E402

__all__ = ["__version__", "build", "extract_triples", "open_store", "sparql"]
