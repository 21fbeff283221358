"""One GET from the web, bounded in time and size, for intake's open-data records and documents.

A server can be slow, broken or hostile; whatever it does, a fetch ends, within its limits:

- An overall deadline for the whole fetch (attempts and redirects included): every connect,
  read and write waits at most until the deadline, so a server that sends a byte a second
  (each read in time, the whole never) is given up on at the deadline too. Each single wait
  has its own, shorter timeout.
- At most `MAX_REDIRECTS` redirects, to http or https addresses only: a redirect loop ends.
- The body is counted as it arrives, on the wire and again after decoding (gzip, deflate):
  a Content-Length above the limit is refused before reading, and a small compressed body
  that would inflate beyond the limit (a gzip bomb) is stopped while inflating. A body whose
  compression is damaged is refused.

It uses httpcore (httpx's own engine), which lets a network backend set every wait; a proxy
set for the system (HTTP_PROXY/HTTPS_PROXY, or Windows' settings) is used as the browser
would. Failures are `FetchError`s whose text says why, for a person.
"""

from __future__ import annotations

import ssl
import time
import urllib.parse
import urllib.request
import zlib
from dataclasses import dataclass

import httpcore

from drafter import __version__
from drafter.i18n import _

MAX_REDIRECTS = 5
_REDIRECTS = (301, 302, 303, 307, 308)
#: The encodings drafter asks for and can decode while counting.
_ACCEPT_ENCODING = b"gzip, deflate"


def size(count: int) -> str:
    """A number of bytes as a person reads it: '10 MB', '256 KB'."""
    return f"{count // (1024 * 1024)} MB" if count >= 1024 * 1024 else f"{max(1, count // 1024)} KB"


class FetchError(Exception):
    """A GET that gave no usable answer; str() says why, for a person."""


class InvalidAddress(FetchError):
    """The address is no http or https address that can be fetched."""


class Unreachable(FetchError):
    """No answer: no connection, no answer in time, or a server error every attempt."""


class Refused(FetchError):
    """The server answered with an error the request itself caused (HTTP 4xx)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class Redirects(FetchError):
    """The server sends the request on and on (more than MAX_REDIRECTS redirects)."""


class TooLarge(FetchError):
    """The body is larger than the limit (as sent, or once decoded)."""


class Damaged(FetchError):
    """The body cannot be read as sent: damaged compression, an encoding drafter cannot read."""


@dataclass(frozen=True)
class Limits:
    """How long and how much: `timeout` for each connect, read or write; `deadline` for the
    whole fetch; `attempts` when the connection fails or the server answers 5xx; `size` in
    bytes, on the wire and decoded."""

    size: int
    timeout: float = 15.0
    deadline: float = 60.0
    attempts: int = 3


class _OutOfTime(Exception):
    pass


def _left(deadline: float, timeout: float | None) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise _OutOfTime
    return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    """A connection whose every read and write ends by the deadline."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: float) -> None:
        self._stream, self._deadline = stream, deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _left(self._deadline, timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _left(self._deadline, timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _Stream(self._stream.start_tls(ssl_context, server_hostname, _left(self._deadline, timeout)),
                       self._deadline)

    def get_extra_info(self, info: str):
        return self._stream.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    """httpcore's own network backend, with the deadline on every connection it makes."""

    def __init__(self, deadline: float) -> None:
        self._backend, self._deadline = httpcore.SyncBackend(), deadline

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        return _Stream(self._backend.connect_tcp(host, port, _left(self._deadline, timeout), local_address,
                                                 socket_options), self._deadline)

    def connect_unix_socket(self, path, timeout=None, socket_options=None):
        return _Stream(self._backend.connect_unix_socket(path, _left(self._deadline, timeout), socket_options),
                       self._deadline)

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(min(seconds, _left(self._deadline, None)))


def _address(url: str) -> httpcore.URL:
    """url as httpcore takes it (a host with accents in its IDNA form); InvalidAddress when it
    is no http or https address."""
    invalid = InvalidAddress(_("{url} is not a web address that can be fetched").format(url=repr(url)))
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
        host = parts.hostname.encode("idna") if parts.hostname else b""
    except (ValueError, UnicodeError) as exc:
        raise invalid from exc
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise invalid
    target = urllib.parse.quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    if parts.query:
        target += "?" + urllib.parse.quote(parts.query, safe="/%:@!$&'()*+,;=-._~?")
    return httpcore.URL(scheme=parts.scheme.lower().encode(), host=host, port=port, target=target.encode("ascii"))


def _ssl_context() -> ssl.SSLContext:
    context = httpcore.default_ssl_context()  # certifi's authorities, as httpx has them
    context.load_default_certs()  # and the system's own (a company's authority on Windows)
    return context


def _pool(url: str, deadline: float, context: ssl.SSLContext) -> httpcore.ConnectionPool:
    """A connection pool for url: through the system's proxy for it, if there is one."""
    backend = _Backend(deadline)
    parts = urllib.parse.urlsplit(url)
    proxy = urllib.request.getproxies().get(parts.scheme.lower())
    if proxy and not urllib.request.proxy_bypass(parts.hostname or ""):
        proxied = urllib.parse.urlsplit(proxy if "://" in proxy else f"http://{proxy}")
        auth = (urllib.parse.unquote(proxied.username), urllib.parse.unquote(proxied.password or "")) \
            if proxied.username else None
        bare = proxied._replace(netloc=proxied.hostname + (f":{proxied.port}" if proxied.port else ""))
        return httpcore.HTTPProxy(proxy_url=urllib.parse.urlunsplit(bare), proxy_auth=auth, ssl_context=context,
                                  network_backend=backend, max_connections=1)
    return httpcore.ConnectionPool(ssl_context=context, network_backend=backend, max_connections=1)


_GZIP = 16 + zlib.MAX_WBITS


class _Decoder:
    """A body's bytes decoded as they arrive, never more than `limit` bytes at any time: the
    inflater is asked for at most what the limit leaves, so a bomb stops at the limit."""

    def __init__(self, encoding: str, limit: int) -> None:
        if encoding not in ("", "identity", "gzip", "x-gzip", "deflate"):
            raise Damaged(_("the server sent its answer encoded as {encoding}, which drafter cannot read")
                          .format(encoding=repr(encoding)))
        self.limit, self.size, self.parts = limit, 0, []
        self.gzip, self.deflate = encoding in ("gzip", "x-gzip"), encoding == "deflate"
        self._inflate = zlib.decompressobj(_GZIP) if self.gzip else None

    def _keep(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.limit:
            raise TooLarge(_("it unpacks to more than {size}").format(size=size(self.limit)))
        self.parts.append(data)

    def feed(self, data: bytes) -> None:
        if not (self.gzip or self.deflate):
            self._keep(data)
            return
        if self._inflate is None:  # deflate: zlib-wrapped by the standard, raw from some servers
            wrapped = len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] * 256 + data[1]) % 31 == 0
            self._inflate = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        try:
            while data:
                if self._inflate.eof:
                    if not self.gzip:
                        raise Damaged(_("it goes on after the end of its compressed body"))
                    self._inflate = zlib.decompressobj(_GZIP)  # a gzip body may hold several members
                self._keep(self._inflate.decompress(data, self.limit - self.size + 1))
                data = self._inflate.unused_data if self._inflate.eof else self._inflate.unconsumed_tail
        except zlib.error as exc:
            raise Damaged(_("its compression is damaged")) from exc

    def body(self) -> bytes:
        if self._inflate is not None and not self._inflate.eof:
            raise Damaged(_("its compressed body ends before its end"))
        return b"".join(self.parts)


def get(url: str, limits: Limits, *, accept: str = "*/*") -> bytes:
    """The body of a GET of url, within limits (this module's docstring). FetchError otherwise."""
    deadline = time.monotonic() + limits.deadline
    address = _address(url)
    context = _ssl_context()
    last = ""
    for attempt in range(limits.attempts):
        if attempt:
            time.sleep(min(0.5 * attempt, max(0.0, deadline - time.monotonic())))
        try:
            status, body = _follow(url, address, limits, accept, deadline, context)
        except _OutOfTime as exc:
            raise Unreachable(_("it did not answer in full within {seconds:g} seconds").format(
                seconds=limits.deadline)) from exc
        except httpcore.TimeoutException:
            last = _("no answer within {seconds:g} seconds").format(seconds=limits.timeout)
            continue
        except (httpcore.NetworkError, httpcore.RemoteProtocolError, OSError) as exc:
            last = _reason(exc)
            continue
        if status >= 500:
            last = _("it answered with an error (HTTP {status})").format(status=status)
            continue
        return body
    raise Unreachable(last)


def _follow(url: str, address: httpcore.URL, limits: Limits, accept: str, deadline: float,
            context: ssl.SSLContext) -> tuple[int, bytes]:
    """One attempt: the request, and the redirects after it."""
    for _redirect in range(MAX_REDIRECTS + 1):
        with _pool(url, deadline, context) as pool:
            headers = [(b"Accept", accept.encode("ascii")), (b"Accept-Encoding", _ACCEPT_ENCODING),
                       (b"User-Agent", f"drafter/{__version__}".encode("ascii"))]
            timeout = {"connect": limits.timeout, "read": limits.timeout, "write": limits.timeout,
                       "pool": limits.timeout}
            with pool.stream(b"GET", address, headers=headers, extensions={"timeout": timeout}) as response:
                fields = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in response.headers}
                if response.status in _REDIRECTS and fields.get("location"):
                    url = urllib.parse.urljoin(url, fields["location"].strip())
                    address = _address(url)
                    continue
                if response.status >= 500:
                    return response.status, b""
                if response.status >= 400:
                    raise Refused(_("HTTP {status}").format(status=response.status), response.status)
                return response.status, _body(response, fields, limits.size)
    raise Redirects(_("it sends drafter from address to address (more than {count} redirects)").format(
        count=MAX_REDIRECTS))


def _body(response: httpcore.Response, fields: dict[str, str], limit: int) -> bytes:
    declared = fields.get("content-length", "").strip()
    if declared.isascii() and declared.isdigit() and len(declared) < 20 and int(declared) > limit:
        raise TooLarge(_("it is {size}").format(size=size(int(declared))))
    decoder = _Decoder(fields.get("content-encoding", "").strip().lower(), limit)
    wire = 0
    for chunk in response.iter_stream():
        wire += len(chunk)
        if wire > limit:
            raise TooLarge(_("it is larger than {size}").format(size=size(limit)))
        decoder.feed(chunk)
    return decoder.body()


def _reason(exc: Exception) -> str:
    text = str(exc)
    lowered = text.lower()
    if "refused" in lowered:
        return _("the connection was refused")
    if "name or service" in lowered or "resolve" in lowered or "nodename" in lowered or "getaddrinfo" in lowered:
        return _("its address cannot be found")
    if "certificate" in lowered:
        return _("its certificate cannot be verified (behind a company proxy, ask IT which certificate it uses)")
    if isinstance(exc, httpcore.RemoteProtocolError):
        return _("it broke off its answer or answered in a way that is not HTTP")
    return _("the connection failed ({reason})").format(reason=text or _("no reason given"))
