"""One HTTP round trip that turns transport failures into our own errors."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
import hashlib
import ipaddress
import json
import logging
from typing import Any
from urllib.parse import urlsplit

import aiohttp

from .errors import CloudUnreachable

_LOGGER = logging.getLogger(__name__)

REQUEST_TIMEOUT = aiohttp.ClientTimeout(total=20)


@dataclass(frozen=True, slots=True)
class Response:
    """Status and body of an answer; `data` is None when the body is not JSON."""

    status: int
    data: Any
    text: str
    headers: Mapping[str, str] = field(default_factory=dict)


async def request(
    session: aiohttp.ClientSession,
    method: str,
    url: str,
    *,
    headers: dict[str, str] | None = None,
    params: dict[str, str] | None = None,
    body: Any = None,
    form: dict[str, str] | None = None,
) -> Response:
    """Send one request (a JSON `body` or a `form`); raise CloudUnreachable when no answer came back."""
    data: Any = form if body is None else json.dumps(body, separators=(",", ":"))
    try:
        async with session.request(
            method,
            url,
            headers=headers,
            params=params,
            data=data,
            timeout=REQUEST_TIMEOUT,
        ) as resp:
            text = await resp.text(errors="replace")
            status = resp.status
            # A copy that still looks names up in any case (retry-after).
            answer_headers = resp.headers.copy()
    except TimeoutError as err:
        raise CloudUnreachable("timed out") from err
    except aiohttp.ClientError as err:
        raise CloudUnreachable(type(err).__name__) from err
    try:
        parsed: Any = json.loads(text) if text.strip() else None
    except ValueError:
        # Clouds answer some errors (429, proxies) with HTML: never crash on it.
        _LOGGER.debug(
            "%s %s answered HTTP %s with a non-JSON body",
            method,
            url.split("?")[0],
            status,
        )
        parsed = None
    return Response(status, parsed, text, answer_headers)


def plain_http_allowed(url: str) -> bool:
    """Whether a URL may be used: https always, plain http only to this network.

    Credentials go in every request, so plain http is only for a test server
    or proxy on loopback or a private address, never across the internet.
    """
    parsed = urlsplit(url)
    if parsed.scheme.lower() == "https":
        return True
    if parsed.scheme.lower() != "http" or not parsed.hostname:
        return False
    if parsed.hostname.lower() == "localhost":
        return True
    try:
        address = ipaddress.ip_address(parsed.hostname)
    except ValueError:
        return False
    return address.is_loopback or address.is_private


def fingerprint(*parts: str) -> str:
    """A stable id for an account that never reveals the secret it comes from."""
    digest = hashlib.sha256("\x00".join(parts).encode()).hexdigest()
    return digest[:24]
