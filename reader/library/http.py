"""Downloading feeds and pages: one HTTP client, deadlines, and errors a person can act on.

httpx does the protocol: connection reuse across the feeds of a refresh,
gzip and deflate asked for and decoded, redirects followed (and reported, so
a feed that moved for good gets its new address). This module adds what a
feed reader needs on top: conditional requests (``If-None-Match``,
``If-Modified-Since``), a deadline for the whole download, headers included
(a server that drips a byte a second cannot hold a refresh: ``deadline``), a size limit, ``Retry-After``,
and one-line errors.
"""

from __future__ import annotations

import email.utils
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import __version__
from ..errors import FetchError
from ..settings.language import _

if TYPE_CHECKING:
    import httpx

MAX_BYTES = 50 * 1024 * 1024
USER_AGENT = f"Sahifa/{__version__} (terminal news reader)"
PERMANENT = (301, 308)


@dataclass
class Response:
    url: str  # where the body came from, after redirects
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes = b""
    moved_to: str = ""  # the new address, when every redirect from the start was permanent (301, 308)
    not_modified: bool = False  # 304: nothing new since the ETag / Last-Modified we sent

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    @property
    def etag(self) -> str:
        return self.headers.get("etag", "")

    @property
    def last_modified(self) -> str:
        return self.headers.get("last-modified", "")


class HttpError(FetchError):
    """A download that failed; ``retry_after`` is the server's wish in seconds (429, 503)."""

    def __init__(self, message: str, status: int = 0, retry_after: float | None = None) -> None:
        from ..text.sanitize import clean_line

        super().__init__(clean_line(message))  # the server's words: no escape sequence reaches a screen
        self.status = status
        self.retry_after = retry_after


class TooLarge(HttpError):
    """A body over the size limit (not downloaded further)."""


def client(timeout: float = 15.0) -> httpx.Client:
    """A client for many downloads (share it across threads: it pools connections)."""
    import httpx

    from .deadline import deadline_transport

    return httpx.Client(
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
        timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        follow_redirects=True,
        max_redirects=10,
        transport=deadline_transport(httpx.Limits(max_connections=32, max_keepalive_connections=16)),
        trust_env=False,  # never a proxy from the environment: addresses are the user's own
    )


def get(http: httpx.Client, url: str, *, etag: str = "", modified: str = "", deadline: float = 30.0,
        accept: str = "*/*", max_bytes: int = MAX_BYTES) -> Response:
    """Download ``url`` within ``deadline`` seconds for the whole answer."""
    import httpx

    from .deadline import within

    headers = {"Accept": accept}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    end = time.monotonic() + deadline
    try:
        with within(end), http.stream("GET", url, headers=headers,
                         timeout=httpx.Timeout(deadline, connect=min(deadline, 10.0))) as response:
            got = Response(str(response.url), response.status_code,
                           {k.lower(): v for k, v in response.headers.items()}, moved_to=_moved(response, url))
            if response.status_code == 304:
                got.not_modified = True
                return got
            if response.status_code >= 400:
                answer = f"{response.status_code} {response.reason_phrase}".rstrip()
                raise HttpError(f"{url}: " + _("the server answered {answer}").format(answer=answer),
                                response.status_code, retry_after(response.headers.get("retry-after")))
            declared = response.headers.get("content-length", "")
            if declared.isascii() and declared.isdigit() and int(declared) > max_bytes:
                raise TooLarge(f"{url}: " + _("larger than {size} MB").format(size=max_bytes // 2**20))
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                chunks.append(chunk)
                size += len(chunk)
                if size > max_bytes:
                    raise TooLarge(f"{url}: " + _("larger than {size} MB").format(size=max_bytes // 2**20))
                if time.monotonic() > end:
                    raise HttpError(f"{url}: " + _("not downloaded within {seconds} s").format(seconds=f"{deadline:g}"))
            got.body = b"".join(chunks)
            return got
    except HttpError:
        raise
    except httpx.TooManyRedirects:
        raise HttpError(f"{url}: " + _("too many redirects")) from None
    except httpx.TimeoutException:
        raise HttpError(f"{url}: " + _("no answer within {seconds} s").format(seconds=f"{deadline:g}")) from None
    except httpx.ConnectError as e:
        raise HttpError(f"{url}: {_connect_reason(e)}") from None
    except httpx.DecodingError:
        raise HttpError(f"{url}: " + _("the server sent a body that cannot be decoded")) from None
    except httpx.InvalidURL:
        raise HttpError(f"{url}: " + _("not a valid address")) from None
    except httpx.UnsupportedProtocol:
        raise HttpError(f"{url}: " + _("only http and https addresses can be fetched")) from None
    except httpx.HTTPError as e:
        raise HttpError(f"{url}: {type(e).__name__}: {e}".rstrip(": ")) from None


def _moved(response: httpx.Response, url: str) -> str:
    """The address to use from now on: where the redirects led, if each was permanent."""
    history = response.history
    if history and all(r.status_code in PERMANENT for r in history):
        return str(response.url)
    return ""


def _connect_reason(e: Exception) -> str:
    text = str(e).lower()
    if "name or service" in text or "nodename" in text or "getaddrinfo" in text or "name resolution" in text:
        return _("cannot find the host (offline, or a wrong address?)")
    if "refused" in text:
        return _("connection refused")
    if "unreachable" in text:
        return _("the network is unreachable (offline?)")
    return _("cannot connect ({error})").format(error=e) if str(e) else _("cannot connect")


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: a number, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def fetch(url: str, timeout: float = 15.0) -> Response:
    """One download with its own client (``sahifa import URL``)."""
    with client(timeout) as http:
        return get(http, url, deadline=timeout)
