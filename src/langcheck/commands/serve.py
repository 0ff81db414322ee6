"""`langcheck serve`: the local HTTP check service and its paste-and-check page.

Binds to loopback unless told otherwise, because case records must not cross a network by
accident. FastAPI and uvicorn come from the `serve` extra; without it the command says which
extra to install and exits 2. The Checker is configured here exactly as for `langcheck check`.
"""

from __future__ import annotations

import ipaddress
import os
import sys
from pathlib import Path
from typing import Any

import typer

from langcheck.commands import options
from langcheck.commands.options import error_line, split_values


def is_loopback(host: str) -> bool:
    """True for addresses only this computer can reach (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def log_config(access_log: bool) -> dict[str, Any]:
    """uvicorn's logging, with its access log replaced by ours (no query strings, no text)."""
    handler = {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
        "handlers": {"stderr": handler},
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            "uvicorn.error": {"level": "INFO"},
            "uvicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
            "langcheck.serve.access": {"handlers": ["stderr"], "propagate": False,
                                       "level": "INFO" if access_log else "WARNING"},
        },
    }


def serve(
    host: str = typer.Option("127.0.0.1", "--host",
                             help="Address to bind. The default is reachable from this "
                             "computer only."),
    port: int = typer.Option(8080, "--port", min=0, max=65535, help="Port to listen on."),
    workers: int = typer.Option(1, "--workers", min=1,
                                help="Worker processes; each has its own warm Checker."),
    max_body: int = typer.Option(1_000_000, "--max-body", min=1,
                                 help="Largest request body in bytes; larger gets 413."),
    budget_ms: float = typer.Option(200.0, "--budget-ms", min=0.0,
                                    help="Time budget per request; when it is spent the "
                                    "findings so far are returned with complete=false."),
    select: list[str] | None = options.SELECT,
    ignore: list[str] | None = options.IGNORE,
    config: Path | None = options.CONFIG,
    access_log: bool = typer.Option(True, "--access-log/--no-access-log",
                                    help="Log method, path, status, sizes and timings "
                                    "(never record text)."),
) -> None:
    """Run the local HTTP check service (POST /v1/check) and the paste-and-check page (/)."""
    from langcheck.serve import EXTRA_HINT, missing_extra

    missing = missing_extra()
    if missing:
        error_line(f"`langcheck serve` needs the serve extra ({missing} is not installed): "
                   f"{EXTRA_HINT}")
        raise typer.Exit(2)
    import uvicorn

    from langcheck.errors import LangcheckError, LexiconError
    from langcheck.serve.app import build_checker, create_app
    from langcheck.serve.limits import SETTINGS_ENV, Settings
    from langcheck.serve.settings import apply_project_config

    settings = Settings(max_body=max_body, budget_ms=budget_ms,
                        select=split_values(select), ignore=split_values(ignore))
    try:
        settings = apply_project_config(settings, config)
        checker = build_checker(settings) if workers == 1 else None
        if checker is None:  # validate the selection once here; workers build their own
            from langcheck.checker import Checker

            Checker(select=settings.select or None, ignore=settings.ignore or None,
                    severity=settings.severity or None, extend_lexicon=settings.extend_lexicon)
    except LexiconError as exc:  # names its own file and line
        error_line(str(exc))
        raise typer.Exit(2) from None
    except LangcheckError as exc:
        where = settings.config_path
        error_line(f"{where}: {exc}" if where and where not in str(exc) else str(exc))
        raise typer.Exit(2) from None

    from langcheck.serve.workers import reserve_port, reuseport_available, run_workers

    reserved = None
    if workers > 1 and reuseport_available():
        try:
            reserved = reserve_port(host, port)
        except OSError as exc:
            error_line(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
            raise typer.Exit(2) from None
        port = reserved.getsockname()[1]
    url_host = f"[{host}]" if ":" in host else host
    where = ("loopback only: reachable from this computer only" if is_loopback(host) else
             "NOT loopback: reachable from other machines, and record text would cross the "
             "network unencrypted")
    configured = f"; configuration {settings.config_path}" if settings.config_path else ""
    sys.stderr.write(f"langcheck serve: listening on http://{url_host}:{port} ({where}); "
                     f"page at /, API at /v1/check, OpenAPI at /openapi.json; "
                     f"{workers} worker(s){configured}\n")
    sys.stderr.flush()
    options: dict[str, Any] = {"access_log": False, "log_config": log_config(access_log),
                               "server_header": False}
    if workers == 1:
        uvicorn.run(create_app(settings, checker=checker), host=host, port=port, **options)
    elif reserved is not None:
        try:
            run_workers(settings, host, port, workers, options)
        finally:
            reserved.close()
    else:  # no SO_REUSEPORT (Windows): uvicorn's shared-socket workers
        os.environ[SETTINGS_ENV] = settings.to_json()
        uvicorn.run("langcheck.serve.app:create_app_from_env", factory=True, workers=workers,
                    host=host, port=port, **options)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
