"""The guarded fetcher against a real loopback server: limits, redirects, address guard."""

from __future__ import annotations

import gzip
import time

import pytest
from http_server import respond, serve
from news_etl.config import load_settings
from news_etl.fetch import (
    BlockedURLError,
    Fetcher,
    HTTPStatusError,
    NetworkError,
    RedirectError,
    TooLargeError,
    UnsupportedContentError,
)

HTML = b"<html><body><p>hello</p></body></html>"


def fetcher(**env: str) -> Fetcher:
    base = {"NEWS_ETL_ALLOW_HOSTS": "127.0.0.1", "NEWS_ETL_HOST_DELAY_S": "0", "NEWS_ETL_MAX_BODY_BYTES": "65536"}
    return Fetcher(load_settings(base | env))


def test_fetches_page_and_sends_user_agent():
    with serve({"/a": respond(200, HTML, {"Content-Type": "text/html; charset=windows-1252"})}) as base:
        result = fetcher().get(f"{base}/a")
    assert result.status == 200 and result.body == HTML
    assert result.charset == "windows-1252"


def test_user_agent_and_conditional_headers_are_sent():
    seen: list[dict[str, str]] = []

    def not_modified(handler):
        seen.append(dict(handler.headers))
        respond(304)(handler)

    with serve({"/f": not_modified}) as base:
        result = fetcher(NEWS_ETL_USER_AGENT="test-agent/1 (+https://example.org/bot)").get(
            f"{base}/f", kind="feed", headers={"If-None-Match": '"v1"'})
    assert result.status == 304 and result.body == b""
    assert seen[0]["User-Agent"] == "test-agent/1 (+https://example.org/bot)"
    assert seen[0]["If-None-Match"] == '"v1"'
    assert "gzip" in seen[0]["Accept-Encoding"]


def test_loopback_is_refused_without_allow_list():
    with serve({"/a": respond(200, HTML)}) as base:
        with pytest.raises(BlockedURLError, match="non-public"):
            fetcher(NEWS_ETL_ALLOW_HOSTS="").get(f"{base}/a")


def test_redirect_to_a_private_host_is_refused_at_the_hop():
    redirect = respond(302, headers={"Location": "http://localhost:9/secret"})
    with serve({"/r": redirect}) as base, pytest.raises(BlockedURLError, match="localhost"):
        fetcher().get(f"{base}/r")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://x/"])
def test_only_http_and_https(url):
    with pytest.raises(BlockedURLError):
        fetcher().get(url)


def test_redirect_loop_and_too_many_redirects():
    loop = {"/a": respond(302, headers={"Location": "/b"}), "/b": respond(302, headers={"Location": "/a"})}
    with serve(loop) as base:
        with pytest.raises(RedirectError, match="loop"):
            fetcher().get(f"{base}/a")
    chain = {f"/{i}": respond(301, headers={"Location": f"/{i + 1}"}) for i in range(10)}
    with serve(chain) as base, pytest.raises(RedirectError, match="more than 2"):
        fetcher(NEWS_ETL_MAX_REDIRECTS="2").get(f"{base}/0")


def test_body_over_the_limit_and_gzip_bomb_are_refused():
    big = b"x" * 200_000
    bomb = gzip.compress(b"\0" * 50_000_000)  # 50 MB of zeros in ~50 KB
    routes = {
        "/big": respond(200, big, {"Content-Type": "text/html"}),
        "/bomb": respond(200, bomb, {"Content-Type": "text/html", "Content-Encoding": "gzip"}),
    }
    with serve(routes) as base:
        with pytest.raises(TooLargeError):
            fetcher().get(f"{base}/big")
        with pytest.raises(TooLargeError, match="decompressed"):
            fetcher().get(f"{base}/bomb")


def test_gzip_body_is_decoded():
    with serve({"/z": respond(200, gzip.compress(HTML), {"Content-Type": "text/html",
                                                        "Content-Encoding": "gzip"})}) as base:
        assert fetcher().get(f"{base}/z").body == HTML


def test_content_type_and_status_errors():
    routes = {
        "/pdf": respond(200, b"%PDF", {"Content-Type": "application/pdf"}),
        "/gone": respond(404, b"no"),
        "/busy": respond(503, b"later", {"Retry-After": "7"}),
    }
    with serve(routes) as base:
        with pytest.raises(UnsupportedContentError):
            fetcher().get(f"{base}/pdf")
        with pytest.raises(HTTPStatusError) as gone:
            fetcher().get(f"{base}/gone")
        assert gone.value.status == 404 and not gone.value.retryable
        with pytest.raises(HTTPStatusError) as busy:
            fetcher().get(f"{base}/busy")
        assert busy.value.retryable and busy.value.retry_after == 7


def _trickle_body(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    for _ in range(50):
        handler.wfile.write(b"x")
        handler.wfile.flush()
        time.sleep(0.1)


def _trickle_headers(handler):
    handler.wfile.write(b"HTTP/1.1 200 OK\r\n")
    for n in range(50):
        handler.wfile.write(f"X-Slow-{n}: y\r\n".encode())
        handler.wfile.flush()
        time.sleep(0.1)


@pytest.mark.parametrize("trickle", [_trickle_body, _trickle_headers], ids=["body", "headers"])
def test_trickling_server_is_cut_off_by_the_time_budget(trickle):
    with serve({"/slow": trickle}) as base:
        started = time.monotonic()
        with pytest.raises(NetworkError, match="budget"):
            fetcher(NEWS_ETL_FETCH_BUDGET_S="1").get(f"{base}/slow")
        assert time.monotonic() - started < 2.5


def test_unknown_host_is_a_permanent_network_error():
    with pytest.raises(NetworkError) as err:
        fetcher().get("https://no-such-host.invalid/feed")
    assert not err.value.retryable


def test_per_host_delay_spaces_requests():
    with serve({"/a": respond(200, HTML, {"Content-Type": "text/html"})}) as base:
        f = fetcher(NEWS_ETL_HOST_DELAY_S="0.3")
        started = time.monotonic()
        for _ in range(3):
            f.get(f"{base}/a")
        assert time.monotonic() - started >= 0.6


def test_robots_txt_is_respected_and_cached():
    hits: list[str] = []

    def robots(handler):
        hits.append("robots")
        respond(200, b"User-agent: *\nDisallow: /private/\n", {"Content-Type": "text/plain"})(handler)

    page = respond(200, HTML, {"Content-Type": "text/html"})
    with serve({"/robots.txt": robots, "/private/a": page, "/public/a": page}) as base:
        f = fetcher()
        assert f.robots_allows(f"{base}/public/a")
        assert not f.robots_allows(f"{base}/private/a")
        assert hits == ["robots"]
    with serve({}) as base:  # no robots.txt (404): everything allowed
        assert fetcher().robots_allows(f"{base}/anything")
    with serve({"/robots.txt": respond(503)}) as base:  # unreadable: nothing allowed for now
        assert not fetcher().robots_allows(f"{base}/anything")


def test_429_with_short_retry_after_is_waited_out_once():
    calls: list[float] = []

    def limited(handler):
        calls.append(time.monotonic())
        if len(calls) == 1:
            respond(429, b"slow down", {"Retry-After": "1"})(handler)
        else:
            respond(200, HTML, {"Content-Type": "text/html"})(handler)

    with serve({"/a": limited}) as base:
        result = fetcher().get(f"{base}/a")
    assert result.status == 200 and len(calls) == 2
    assert calls[1] - calls[0] >= 0.9


def test_429_with_long_retry_after_is_raised_as_retryable():
    with serve({"/a": respond(429, b"", {"Retry-After": "3600"})}) as base, pytest.raises(HTTPStatusError) as err:
        fetcher().get(f"{base}/a")
    assert err.value.retryable and err.value.retry_after == 3600


def test_a_hosts_connection_is_reused_between_requests():
    peers: list[tuple[str, int]] = []

    def page(handler):
        peers.append(handler.client_address)
        respond(200, HTML, {"Content-Type": "text/html"})(handler)

    with serve({"/a": page, "/gone": respond(404, b"no")}, keep_alive=True) as base:
        f = fetcher()
        for _ in range(3):
            assert f.get(f"{base}/a").body == HTML
        with pytest.raises(HTTPStatusError):
            f.get(f"{base}/gone")  # an unread error body: that connection is not kept
        assert f.get(f"{base}/a").body == HTML
        f.close()
    assert len(set(peers[:3])) == 1, "three requests in a row should share one connection"
    assert peers[3] != peers[0], "after the error the connection was dropped, so a new one is opened"


def test_a_connection_the_server_closed_while_idle_is_replaced():
    peers: list[tuple[str, int]] = []

    def page_then_hang_up(handler):
        peers.append(handler.client_address)
        respond(200, HTML, {"Content-Type": "text/html"})(handler)
        handler.close_connection = True  # closes after answering, without saying so in the headers

    with serve({"/a": page_then_hang_up}, keep_alive=True) as base:
        f = fetcher()
        assert f.get(f"{base}/a").body == HTML
        time.sleep(0.2)  # the server's close reaches the idle connection
        assert f.get(f"{base}/a").body == HTML
    assert len(peers) == 2 and peers[0] != peers[1]
