"""`mtqa server`: a Language Server for editors (diagnostics, quick fixes, hover).

It needs pygls (the `lsp` extra). Nothing here imports it until the server starts, so the
rest of mtqa never pays for it; library.py is the one module that calls into mtqa.
"""

from __future__ import annotations


def serve() -> None:
    """Run the server over standard input and output until the client says exit."""
    import logging
    import sys

    try:
        from .app import create_server
    except ImportError as exc:
        if (exc.name or "").split(".")[0] in ("pygls", "lsprotocol", "cattrs"):
            from ..errors import MtqaError

            raise MtqaError(
                "the language server needs pygls: pip install 'mtqa[lsp]'"
            ) from None
        raise
    # The protocol owns stdout; the log goes to stderr, which editors show as the server's log.
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="mtqa: %(message)s")
    create_server().start_io()
