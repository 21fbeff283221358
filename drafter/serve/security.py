"""Who may use the page, and what every response says to the browser.

The page is served on 127.0.0.1 unless the person asks for another address; in both cases it
is opened with a one-time token, printed by `drafter serve` in the address it opens. The first
request that carries the token is answered with a session cookie (HttpOnly, SameSite=Strict)
and sent on to the same page without the token, so that it does not stay in the history.

Every request is checked here before a page sees it:

- the Host header must be the address the server was started on (a web site that points its
  own name at 127.0.0.1, DNS rebinding, is refused);
- the session cookie (or the token) must be there;
- a request that changes something (POST) must come from the page itself (Origin) and carry
  the form's CSRF token; its body may not be larger than `MAX_UPLOAD` bytes.

Every response carries a strict Content-Security-Policy: no inline script, nothing from
another site, no framing.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from dataclasses import dataclass, field
from types import MappingProxyType
from urllib.parse import urlsplit

#: The largest request body the page accepts: an answer or a question document, with room.
MAX_UPLOAD = 20 * 1024 * 1024
SESSION_COOKIE = "drafter_session"
CSRF_FIELD = "csrf"
TOKEN_PARAMETER = "token"

#: Sent with every response: the page's own files only, no inline script, no framing.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")
HEADERS = MappingProxyType({
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    # same-origin, not no-referrer: under no-referrer a browser sends 'Origin: null' with a form,
    # and the page's own changes could not be told from another site's
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
})

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


def is_loopback(host: str) -> bool:
    """Whether `host` (a name or an address) is this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def new_token() -> str:
    return secrets.token_urlsafe(24)


@dataclass(frozen=True)
class Guard:
    """The server's secrets and the addresses it answers to."""

    token: str
    host: str  # what --host said (127.0.0.1 by default)
    port: int
    extra_hosts: tuple[str, ...] = field(default=())  # other names the server is reached by (with --host)

    @property
    def network(self) -> bool:
        """Served to other machines, not this one only."""
        return not is_loopback(self.host)

    def _derive(self, purpose: str) -> str:
        return hmac.new(self.token.encode(), purpose.encode(), hashlib.sha256).hexdigest()

    @property
    def session(self) -> str:
        """The session cookie's value: derived from the token, useless without it."""
        return self._derive("session")

    @property
    def csrf(self) -> str:
        """The CSRF token every form carries."""
        return self._derive("csrf")

    def allowed_hosts(self) -> set[str]:
        names = set(LOOPBACK_NAMES) if not self.network else {self.host}
        names |= set(self.extra_hosts)
        if ":" in self.host and not self.host.startswith("["):  # an IPv6 address
            names.add(f"[{self.host}]")
        return {f"{name}:{self.port}" for name in names} | ({name for name in names} if self.port == 80 else set())

    def host_ok(self, host_header: str | None) -> bool:
        return bool(host_header) and host_header.lower() in self.allowed_hosts()

    def origin_ok(self, origin: str | None, host_header: str | None) -> bool:
        """A change comes from the page itself: its Origin is this server (the Host it was sent to)."""
        if not origin or not host_header:
            return False
        parts = urlsplit(origin)
        return parts.scheme == "http" and parts.netloc.lower() == host_header.lower() and self.host_ok(parts.netloc)

    def session_ok(self, cookie: str | None) -> bool:
        return cookie is not None and hmac.compare_digest(cookie, self.session)

    def token_ok(self, token: str | None) -> bool:
        return token is not None and hmac.compare_digest(token, self.token)

    def csrf_ok(self, value: str | None) -> bool:
        return value is not None and hmac.compare_digest(value, self.csrf)

    def address(self) -> str:
        """The address to open, with the token."""
        host = "127.0.0.1" if self.host in ("127.0.0.1", "0.0.0.0", "::") and not self.network else self.host
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{self.port}/?{TOKEN_PARAMETER}={self.token}"
