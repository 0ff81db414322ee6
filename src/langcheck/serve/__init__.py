"""`langcheck serve`: a local HTTP check service for record systems, with a paste-and-check page.

Record systems are web applications in other languages; their pre-save hook calls this
service on loopback. The service needs the `serve` extra (FastAPI and uvicorn), so nothing
here is imported by the rest of langcheck, and `langcheck serve` without the extra says which
extra to install.
"""

from __future__ import annotations

EXTRA_HINT = "pip install 'langcheck[serve]'"


def missing_extra() -> str | None:
    """The name of the first missing module the service needs, or None when all are there."""
    import importlib.util

    for name in ("fastapi", "uvicorn"):
        if importlib.util.find_spec(name) is None:
            return name
    return None
