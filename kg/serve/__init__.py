"""``kg serve``: a read-only SPARQL 1.1 endpoint over a kg store, with an offline query page."""

from kg.serve.app import ServeError, SparqlServer, serve_command

__all__ = ["ServeError", "SparqlServer", "serve_command"]
