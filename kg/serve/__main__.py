"""``python -m kg.serve``: the ``kg serve`` command on its own (same options)."""

import typer

from kg.serve.app import serve_command


def main() -> None:
    """Run ``serve_command`` as a one-command Typer application."""
    typer.run(serve_command)


if __name__ == "__main__":
    main()
