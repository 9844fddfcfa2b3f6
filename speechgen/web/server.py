"""Running the workbench under uvicorn: in the foreground (``speechgen serve``) or in a thread
(the browser test, the load benchmark, the screenshot script)."""
from __future__ import annotations

import contextlib
import inspect
import os
import socket
import threading
import time
from typing import Iterator

import uvicorn

from speechgen.core.cache import default_dir

from speechgen.errors import InputError
from speechgen.web.app import create_app
from speechgen.web.config import ENV_CONFIG, ServerConfig


def bind(host: str, port: int) -> socket.socket:
    """A listening socket (port 0: any free port); a Chinese error when the port is taken."""
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        sock.close()
        raise InputError(f"无法在 {host}:{port} 上启动（{exc.strerror or exc}）：端口可能已被占用，可用 --port 换一个") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def server(config: ServerConfig) -> uvicorn.Server:
    app = create_app(config)
    return uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, server_header=False))


def run(config: ServerConfig, sock: socket.socket, *, workers: int = 1) -> None:
    """Serve until Ctrl+C; with several *workers*, each is a process of its own (rendering is CPU work).

    The workbench keeps its caches apart from the command line's (``…/speechgen/web``) unless
    ``SPEECHGEN_CACHE_DIR`` says otherwise; worker processes inherit the setting."""
    os.environ.setdefault("SPEECHGEN_CACHE_DIR", str(default_dir() / "web"))
    if workers <= 1:
        server(config).run(sockets=[sock])
        return
    from uvicorn.supervisors import Multiprocess

    os.environ[ENV_CONFIG] = config.to_json()  # inherited by the worker processes
    worker_config = uvicorn.Config("speechgen.web.app:from_environment", factory=True, workers=workers,
                                   log_level="warning", access_log=False, server_header=False)
    if "target" in inspect.signature(Multiprocess).parameters:  # uvicorn before 0.36
        Multiprocess(worker_config, target=uvicorn.Server(worker_config).run, sockets=[sock]).run()
    else:
        Multiprocess(worker_config, sockets=[sock]).run()


@contextlib.contextmanager
def running(config: ServerConfig, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve in a background thread; yields the base address (``http://127.0.0.1:PORT``)."""
    sock = bind(host, port)
    srv = server(config)
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield f"http://{host}:{sock.getsockname()[1]}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
        sock.close()
