"""Fetching a URL: timeouts, a size limit, and errors a person can act on."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from dataclasses import dataclass

from .. import __version__
from ..errors import FetchError

MAX_BYTES = 50 * 1024 * 1024


@dataclass
class Fetched:
    url: str
    data: bytes
    content_type: str
    etag: str = ""
    modified: str = ""
    not_modified: bool = False


def fetch(url: str, timeout: float = 15.0, etag: str = "", modified: str = "") -> Fetched:
    headers = {"User-Agent": f"Sahifa/{__version__} (terminal news reader)", "Accept": "*/*"}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                raise FetchError(f"{url}: larger than {MAX_BYTES // 2**20} MB")
            return Fetched(response.geturl(), data, response.headers.get("Content-Type", ""),
                           response.headers.get("ETag", ""), response.headers.get("Last-Modified", ""))
    except urllib.error.HTTPError as e:
        if e.code == 304:
            return Fetched(url, b"", "", etag, modified, not_modified=True)
        raise FetchError(f"{url}: the server answered {e.code} {e.reason}") from None
    except urllib.error.URLError as e:
        reason = e.reason
        if isinstance(reason, socket.gaierror):
            raise FetchError(f"{url}: cannot find the host (offline, or a wrong address?)") from None
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise FetchError(f"{url}: no answer within {timeout:.0f} s") from None
        if isinstance(reason, ConnectionRefusedError):
            raise FetchError(f"{url}: connection refused") from None
        if isinstance(reason, OSError) and reason.errno in (101, 113):
            raise FetchError(f"{url}: the network is unreachable (offline?)") from None
        raise FetchError(f"{url}: {reason}") from None
    except TimeoutError:
        raise FetchError(f"{url}: no answer within {timeout:.0f} s") from None
    except ValueError as e:
        raise FetchError(f"{url}: {e}") from None
    except OSError as e:
        raise FetchError(f"{url}: {e.strerror or e}") from None
