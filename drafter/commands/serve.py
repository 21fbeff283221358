"""`drafter serve`: the project as a web page on this machine (or, asked for, the network).

`serve` binds the address first (port 0: a free one), so that the address it prints, with
its one-time token, is the one the server answers on; then it opens the browser there and
serves until Ctrl-C, which ends it cleanly (uvicorn finishes the requests under way).
"""

from __future__ import annotations

import socket
from dataclasses import dataclass

from drafter import paths
from drafter.errors import DrafterError, readable
from drafter.i18n import _
from drafter.serve.security import Guard, is_loopback, new_token


@dataclass(frozen=True)
class Bound:
    sock: socket.socket
    guard: Guard


def bind(host: str, port: int, token: str | None = None) -> Bound:
    """A listening socket on host:port (0: any free port), and the guard for that address."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise DrafterError(_("cannot serve on {host}, port {port} ({reason})").format(
            host=host, port=port, reason=readable(exc)),
            hint=_("Give another port with --port, or leave it out for a free one.")) from exc
    sock.listen(128)
    extra = (socket.gethostname(), socket.getfqdn()) if not is_loopback(host) else ()
    return Bound(sock, Guard(token or new_token(), host, sock.getsockname()[1], extra_hosts=extra))


def serve(project: paths.Project, bound: Bound, language: str) -> None:
    """Serve the project on the bound socket until Ctrl-C (or SIGTERM), its pages in `language`."""
    import uvicorn

    from drafter.serve.app import make_app

    config = uvicorn.Config(make_app(project, bound.guard, language), log_level="warning", access_log=False,
                            server_header=False, date_header=False)
    uvicorn.Server(config).run(sockets=[bound.sock])
