"""kg: build a provenance-rich knowledge graph of company relationships from English and Italian news.

Python API (see README): ``kg.extract``, ``kg.build``, ``kg.open_store``, ``kg.query``.
"""

__version__ = "0.1.0"

from kg.api import build, extract, open_store, query  # noqa: E402

__all__ = ["__version__", "build", "extract", "open_store", "query"]
