"""HTTP fetching that a news site and our own network can trust.

Every request goes through ``Fetcher.get``, which

* allows only http/https and refuses hosts that resolve to loopback, private,
  link-local, multicast or reserved addresses (every redirect hop is checked, and
  the socket connects to the address that was checked, so DNS cannot be swapped in
  between), unless the host is on the ``NEWS_ETL_ALLOW_HOSTS`` list;
* keeps a minimum delay between two requests to one host;
* reuses a host's connections (HTTP keep-alive) instead of a TCP handshake per page:
  a connection is pinned to the address that was vetted for it, goes back to the
  pool only after a complete, well-framed response, and a request on a reused
  connection that the server had meanwhile closed is sent once more on a new one;
* bounds connect and read time, the total time of a fetch, the number of redirects
  and the body size (counted while streaming, and again after decompression, so a
  gzip bomb is stopped early);
* raises ``FetchError`` subclasses that say whether a retry could help.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from news_etl.config import Settings
from news_etl.watchdog import Alarm, SocketWatchdog

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PAGE_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("xml", "rss", "atom", "json", "text/plain", "text/html", "application/octet-stream")
ALLOWED_TYPES = {"page": PAGE_TYPES, "feed": FEED_TYPES, "robots": ("text/plain",)}
ACCEPT = {
    "feed": "application/rss+xml, application/atom+xml, application/xml;q=0.9, application/feed+json;q=0.8, */*;q=0.5",
    "page": "text/html, application/xhtml+xml;q=0.9, */*;q=0.1",
    "robots": "text/plain",
}
MAX_INLINE_RETRY_AFTER_S = 30.0
CHUNK = 64 * 1024
# What a server's silent close of an idle keep-alive connection looks like to the next request.
STALE_CONNECTION_ERRORS = (http.client.RemoteDisconnected, http.client.BadStatusLine, BrokenPipeError,
                           ConnectionResetError, ConnectionAbortedError)


class FetchError(Exception):
    """A fetch that produced no usable body. ``retryable`` says whether trying later can help."""

    retryable = False

    @property
    def error_class(self) -> str:
        return type(self).__name__


class BlockedURLError(FetchError):
    """The URL's scheme or address is not one we may fetch."""


class TooLargeError(FetchError):
    """The body exceeded the size limit (before or after decompression)."""


class UnsupportedContentError(FetchError):
    """The server answered with a content type we do not process."""


class RedirectError(FetchError):
    """Too many redirects, a redirect loop, or a redirect without a target."""


class RobotsDisallowedError(FetchError):
    """The site's robots.txt does not allow our user agent to fetch this URL."""


class HTTPStatusError(FetchError):
    """The server answered with an error status."""

    def __init__(self, status: int, url: str, retry_after: float | None = None) -> None:
        super().__init__(f"HTTP {status} for {url}")
        self.url = url
        self.status = status
        self.retry_after = retry_after
        self.retryable = status == 429 or status >= 500


class NetworkError(FetchError):
    """The network failed: DNS, connect, TLS, timeout or a broken transfer."""

    def __init__(self, message: str, retryable: bool = True) -> None:
        super().__init__(message)
        self.retryable = retryable


@dataclass(frozen=True, slots=True)
class FetchResult:
    """A completed HTTP exchange (2xx or 304) with the decoded body bytes."""

    url: str
    final_url: str
    status: int
    headers: Mapping[str, str]
    body: bytes
    elapsed_ms: int
    wire_bytes: int

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")

    @property
    def charset(self) -> str | None:
        for part in (self.content_type or "").split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'")[:40]
        return None


class Fetcher:
    """A polite, guarded HTTP client; one instance is shared by a stage's threads."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._host_slots: dict[str, threading.Semaphore] = {}
        self._next_slot: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | bool] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._idle: dict[tuple[str, str, int, str], list[_PinnedConnection]] = {}
        self._guard = threading.Lock()
        self._watchdog = SocketWatchdog()

    def close(self) -> None:
        """Close the idle kept-alive connections (the fetcher stays usable: it opens new ones)."""
        with self._guard:
            idle, self._idle = self._idle, {}
        for connections in idle.values():
            for conn in connections:
                conn.close()

    def get(
        self, url: str, *, kind: str = "page", headers: Mapping[str, str] | None = None
    ) -> FetchResult:
        """GET ``url`` (``kind`` is ``page``, ``feed`` or ``robots``) following redirects within the limits.

        Returns 2xx and 304 answers; raises ``FetchError`` for everything else. A 429 or
        503 whose ``Retry-After`` fits in the time budget is waited out and tried once
        more; either way the host gets no further request from us before that time.
        """
        try:
            return self._get(url, kind, headers)
        except HTTPStatusError as exc:
            host = (urlsplit(exc.url).hostname or "").lower()
            if exc.retry_after is not None:
                self._defer_host(host, exc.retry_after)
            if exc.retryable and exc.retry_after is not None and exc.retry_after <= MAX_INLINE_RETRY_AFTER_S:
                return self._get(url, kind, headers)
            raise

    def robots_allows(self, url: str) -> bool:
        """Whether the site's robots.txt lets our user agent fetch ``url`` (cached per site).

        As RFC 9309 says: a robots.txt that is missing (4xx) allows everything; one that
        cannot be read (5xx, network error) disallows everything for now.
        """
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}".lower()
        with self._guard:
            site_lock = self._robots_locks.setdefault(site, threading.Lock())
        with site_lock:  # one download per site, however many threads ask at once
            cached = self._robots.get(site)
            if cached is None:
                cached = self._robots[site] = self._load_robots(site)
        if isinstance(cached, bool):
            return cached
        return cached.can_fetch(self._settings.user_agent, url)

    def _load_robots(self, site: str) -> RobotFileParser | bool:
        try:
            result = self._get(f"{site}/robots.txt", "robots", None)
        except HTTPStatusError as exc:
            return 400 <= exc.status < 500
        except BlockedURLError:
            raise  # the site itself is off limits: say so, not "robots"
        except FetchError:
            return False
        parser = RobotFileParser()
        parser.parse(result.body.decode("utf-8", errors="replace").splitlines())
        return parser

    def _get(self, url: str, kind: str, headers: Mapping[str, str] | None) -> FetchResult:
        s = self._settings
        started = time.monotonic()
        deadline = started + s.fetch_budget_s
        seen: set[str] = set()
        current = url
        wire = 0
        for _hop in range(s.max_redirects + 1):
            if current in seen:
                raise RedirectError(f"redirect loop at {current}")
            seen.add(current)
            status, resp_headers, body, hop_bytes = self._exchange(current, kind, headers or {}, deadline)
            wire += hop_bytes
            if status in REDIRECT_STATUSES:
                location = resp_headers.get("location")
                if not location:
                    raise RedirectError(f"HTTP {status} without Location at {current}")
                current = urljoin(current, location.strip())
                continue
            if status == 304 or 200 <= status < 300:
                if status != 304:
                    _check_type(resp_headers.get("content-type"), kind, current)
                return FetchResult(
                    url=url,
                    final_url=current,
                    status=status,
                    headers=resp_headers,
                    body=body,
                    elapsed_ms=int((time.monotonic() - started) * 1000),
                    wire_bytes=wire,
                )
            raise HTTPStatusError(status, current, _retry_after(resp_headers.get("retry-after")))
        raise RedirectError(f"more than {s.max_redirects} redirects from {url}")

    # -- one request/response -------------------------------------------------------------
    def _exchange(
        self, url: str, kind: str, extra: Mapping[str, str], deadline: float
    ) -> tuple[int, dict[str, str], bytes, int]:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise BlockedURLError(f"scheme {scheme or '(none)'!r} is not allowed: {url[:200]}")
        host = (parts.hostname or "").lower()
        if not host:
            raise BlockedURLError(f"no host in {url[:200]}")
        try:
            port = parts.port or (443 if scheme == "https" else 80)
        except ValueError:
            raise BlockedURLError(f"bad port in {url[:200]}") from None
        address = self._resolve(host, port)
        with self._host_slot(host):
            self._wait_turn(host)
            return self._request(url, scheme, host, port, address, parts, kind, extra, deadline)

    def _request(self, url: str, scheme: str, host: str, port: int, address: str, parts: Any, kind: str,
                 extra: Mapping[str, str], deadline: float) -> tuple[int, dict[str, str], bytes, int]:
        key = (scheme, host, port, address)
        conn = self._take_idle(key)
        if conn is not None:
            try:
                return self._exchange_on(conn, key, host, parts, kind, extra, deadline)
            except _StaleConnection:
                pass  # the server closed it while idle: the request never reached it, so send it again
        conn = _PinnedConnection(scheme, host, port, address, self._settings.connect_timeout_s)
        try:
            return self._exchange_on(conn, key, host, parts, kind, extra, deadline)
        except _StaleConnection as exc:
            raise NetworkError(f"{type(exc.__cause__).__name__} from {host}: {exc.__cause__}") from None

    def _exchange_on(self, conn: _PinnedConnection, key: tuple[str, str, int, str], host: str, parts: Any,
                     kind: str, extra: Mapping[str, str], deadline: float) -> tuple[int, dict[str, str], bytes, int]:
        """One request and response on ``conn``; the connection is kept for reuse only after a
        complete response the server did not ask to close, and closed otherwise."""
        s = self._settings
        reused = conn.sock is not None
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request_headers = {
            "User-Agent": s.user_agent,
            "Accept": ACCEPT[kind],
            "Accept-Encoding": "gzip, deflate",
            "Accept-Language": "en",
            **extra,
        }
        alarm: Alarm | None = None
        keep = answered = False
        try:
            conn.timeout = min(s.connect_timeout_s, max(0.05, deadline - time.monotonic()))
            if reused:
                conn.sock.settimeout(conn.timeout)
            conn.request("GET", path, headers=request_headers)
            sock = conn.sock  # getresponse() may detach it from conn when the server closes
            sock.settimeout(min(s.read_timeout_s, max(0.05, deadline - time.monotonic())))
            # Per-read timeouts cannot stop a server that trickles its headers a byte at a
            # time; the watchdog shuts the socket down when the fetch's budget is spent.
            alarm = self._watchdog.arm(sock, deadline)
            resp = conn.getresponse()
            answered = True
            headers = {k.lower(): v for k, v in resp.getheaders()}
            if resp.status in REDIRECT_STATUSES or resp.status == 304 or resp.status >= 300:
                return resp.status, headers, b"", 0
            body, wire = _read_body(resp, sock, headers, s.max_body_bytes, s.read_timeout_s, deadline)
            if alarm.fired:  # the watchdog's shutdown looks like a normal end of the body
                raise NetworkError(f"fetch exceeded its time budget of {s.fetch_budget_s:g}s")
            # Reusable only when the body was read to its framed end (http.client leaves a
            # response whose Content-Length ran out open until it is closed here).
            keep = not resp.will_close and (resp.isclosed() or resp.length == 0)
            resp.close()
            return resp.status, headers, body, wire
        except FetchError:
            raise
        except STALE_CONNECTION_ERRORS as exc:
            if reused and not answered and not (alarm and alarm.fired):
                raise _StaleConnection() from exc  # no answer began: the server had dropped the idle connection
            if time.monotonic() >= deadline - 0.05:
                raise NetworkError(f"fetch exceeded its time budget of {s.fetch_budget_s:g}s") from None
            raise NetworkError(f"{type(exc).__name__} from {host}: {exc}") from None
        except TimeoutError:
            if time.monotonic() >= deadline - 0.05:
                raise NetworkError(f"fetch exceeded its time budget of {s.fetch_budget_s:g}s") from None
            raise NetworkError(f"timed out talking to {host}") from None
        except ssl.SSLError as exc:
            raise NetworkError(f"TLS error with {host}: {exc}", retryable=False) from None
        except (OSError, http.client.HTTPException) as exc:
            if time.monotonic() >= deadline - 0.05:
                raise NetworkError(f"fetch exceeded its time budget of {s.fetch_budget_s:g}s") from None
            raise NetworkError(f"{type(exc).__name__} from {host}: {exc}") from None
        finally:
            if alarm is not None:
                self._watchdog.disarm(alarm)  # a fired alarm is done with the socket before anyone reuses it
            if keep and not (alarm and alarm.fired):
                self._put_idle(key, conn)
            else:
                conn.close()

    def _take_idle(self, key: tuple[str, str, int, str]) -> _PinnedConnection | None:
        with self._guard:
            idle = self._idle.get(key)
            return idle.pop() if idle else None

    def _put_idle(self, key: tuple[str, str, int, str], conn: _PinnedConnection) -> None:
        """Keep ``conn`` for the host's next request; at most as many as may be in flight to it."""
        with self._guard:
            idle = self._idle.setdefault(key, [])
            if len(idle) < self._settings.host_concurrency:
                idle.append(conn)
                return
        conn.close()

    def _resolve(self, host: str, port: int) -> str:
        """The address to connect to, after checking every address the name resolves to."""
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            # A name that does not exist will not exist on retry; a resolver hiccup might.
            retryable = exc.errno in (socket.EAI_AGAIN,)
            raise NetworkError(f"cannot resolve {host}: {exc.strerror}", retryable=retryable) from None
        addresses = [info[4][0] for info in infos]
        if host not in self._settings.allow_hosts:
            for address in addresses:
                if not _is_public(address):
                    raise BlockedURLError(f"{host} resolves to non-public address {address}")
        return addresses[0]

    def _host_slot(self, host: str) -> threading.Semaphore:
        """At most ``NEWS_ETL_HOST_CONCURRENCY`` requests in flight to one host."""
        with self._guard:
            slot = self._host_slots.get(host)
            if slot is None:
                slot = self._host_slots[host] = threading.Semaphore(self._settings.host_concurrency)
            return slot

    def _defer_host(self, host: str, seconds: float) -> None:
        """No request to ``host`` before ``seconds`` from now (a server asked us to wait)."""
        with self._guard:
            self._next_slot[host] = max(self._next_slot.get(host, 0.0), time.monotonic() + seconds)

    def _wait_turn(self, host: str) -> None:
        """Sleep until ``host`` may be contacted again; reserve the next slot atomically."""
        delay = self._settings.host_delay_s
        with self._guard:
            now = time.monotonic()
            slot = max(now, self._next_slot.get(host, 0.0))
            self._next_slot[host] = slot + delay
        if slot > now:
            time.sleep(slot - now)


class _StaleConnection(Exception):
    """A reused keep-alive connection turned out closed by the server before it answered."""


class _PinnedConnection(http.client.HTTPConnection):
    """An HTTP(S) connection to an already vetted IP address, keeping the Host name for TLS/SNI."""

    def __init__(self, scheme: str, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._scheme = scheme
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), timeout=self.timeout)
        if self._scheme == "https":
            sock = ssl.create_default_context().wrap_socket(sock, server_hostname=self.host)
        self.sock = sock


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _check_type(content_type: str | None, kind: str, url: str) -> None:
    if not content_type:
        return  # no claim: let the parser sniff it
    mime = content_type.split(";", 1)[0].strip().lower()
    allowed = ALLOWED_TYPES[kind]
    if not any(token in mime for token in allowed):
        raise UnsupportedContentError(f"content type {mime!r} is not a {kind}: {url[:200]}")


def _read_body(
    resp: http.client.HTTPResponse,
    sock: socket.socket,
    headers: Mapping[str, str],
    limit: int,
    read_timeout: float,
    deadline: float,
) -> tuple[bytes, int]:
    """Stream the body, decompressing as it comes, and stop at the size or time limit."""
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLargeError(f"declared body of {declared} bytes exceeds {limit}")
    encoding = headers.get("content-encoding", "identity").strip().lower()
    decoder = _decoder(encoding)
    out = bytearray()
    wire = 0
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise NetworkError("fetch exceeded its time budget")
        sock.settimeout(min(read_timeout, remaining))
        chunk = resp.read1(CHUNK)
        if not chunk:
            break
        wire += len(chunk)
        if wire > limit:
            raise TooLargeError(f"body exceeds {limit} bytes")
        if decoder is None:
            out += chunk
        else:
            out += decoder.decompress(chunk, limit + 1 - len(out))
            if len(out) > limit or decoder.unconsumed_tail:
                raise TooLargeError(f"decompressed body exceeds {limit} bytes")
    if declared.isdigit() and wire < int(declared):  # the connection closed early: never keep half a page
        raise NetworkError(f"truncated response: connection closed after {wire} of {declared} bytes")
    if decoder is not None:
        out += decoder.flush()
        if len(out) > limit:
            raise TooLargeError(f"decompressed body exceeds {limit} bytes")
    return bytes(out), wire


def _decoder(encoding: str) -> zlib._Decompress | None:  # type: ignore[name-defined]
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj(zlib.MAX_WBITS)
    raise UnsupportedContentError(f"content encoding {encoding!r} is not supported")


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
