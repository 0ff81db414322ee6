"""Worker processes that share the port through SO_REUSEPORT, one listening socket each.

uvicorn's own `--workers` shares one listening socket between processes. A record system
keeps a pool of keep-alive connections, and with a shared socket the process that wakes
first accepts most of a burst of new connections and keeps them: measured with 32 clients
on 2 workers, 22-26 connections landed on one process and p99 latency tripled. With
SO_REUSEPORT every worker listens on its own socket and the kernel spreads connections
across them. The parent binds the port first (without listening) so that a busy port is
reported at once and port 0 resolves to one port for every worker.
"""

from __future__ import annotations

import multiprocessing as mp
import signal
import socket
import sys
from typing import Any

from langcheck.serve.limits import Settings


def reuseport_available() -> bool:
    return hasattr(socket, "SO_REUSEPORT") and sys.platform != "win32"


def _socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host.strip("[]"), port))
    return sock


def _worker(settings_json: str, host: str, port: int, options: dict[str, Any]) -> None:
    import uvicorn

    from langcheck.serve.app import create_app

    sock = _socket(host, port)
    sock.listen(2048)
    app = create_app(Settings.from_json(settings_json))
    server = uvicorn.Server(uvicorn.Config(app, **options))
    server.run(sockets=[sock])


def reserve_port(host: str, port: int) -> socket.socket:
    """Bind (not listen) so the port is ours and known; raises OSError if it is taken."""
    return _socket(host, port)


def run_workers(settings: Settings, host: str, port: int, workers: int,
                options: dict[str, Any]) -> None:
    """Start `workers` processes on `host:port` and wait; SIGINT/SIGTERM stop them all."""
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=_worker, args=(settings.to_json(), host, port, options),
                         name=f"langcheck-serve-{i}") for i in range(workers)]
    for p in procs:
        p.start()

    def stop(signum: int, frame: Any) -> None:
        for p in procs:
            if p.is_alive():
                p.terminate()

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        for p in procs:
            p.join()
    finally:
        for p in procs:
            p.join(timeout=10)
            if p.is_alive():
                p.kill()
