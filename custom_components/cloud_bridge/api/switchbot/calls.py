"""SwitchBot's request signing and the answers of its calls: statusCode, quota, errors."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from typing import Any
import uuid

from ..errors import (
    AuthError,
    CloudUnreachable,
    CommandRejected,
    DeviceOffline,
    QuotaError,
    RateLimited,
    Rejection,
)
from ..http import Response

DAILY_QUOTA = {"v1.0": 1000, "v1.1": 10000}

STATUS_OK = 100
OFFLINE_CODES = {161, 171}  # device offline, hub offline
# Body statusCode → why the command was refused (the document's error table).
REJECTIONS = {
    151: Rejection.WRONG_TYPE,
    152: Rejection.NOT_FOUND,
    160: Rejection.UNSUPPORTED,
    190: Rejection.DEVICE_ERROR,
}


def sign(token: str, secret: str) -> dict[str, str]:
    """Headers of a v1.1 request, signed as the document's Python sample does."""
    nonce = str(uuid.uuid4())
    stamp = str(round(time.time() * 1000))
    digest = hmac.new(
        secret.encode(), (token + stamp + nonce).encode(), hashlib.sha256
    ).digest()
    return {
        "Authorization": token,
        "sign": base64.b64encode(digest).decode(),
        "t": stamp,
        "nonce": nonce,
    }


def headers(token: str, secret: str | None, *, with_body: bool) -> dict[str, str]:
    """The headers of one call: signed (v1.1, with a secret) or the token alone (v1.0)."""
    result = sign(token, secret) if secret else {"Authorization": token}
    if with_body:
        result["Content-Type"] = "application/json; charset=utf8"
    return result


def check_reply(resp: Response, *, worked_today: bool) -> dict[str, Any]:
    """The JSON object the cloud answered with; our error for a refused call.

    `worked_today`: whether an earlier call of this UTC day was answered.
    """
    if resp.status == 401:
        # The cloud answers 401 both for a bad token and for a spent quota:
        # credentials that worked earlier today point to the quota.
        if worked_today:
            raise QuotaError("daily call quota spent")
        raise AuthError("token or secret refused")
    if resp.status == 429:
        raise RateLimited("HTTP 429")
    if resp.status != 200 or not isinstance(resp.data, dict):
        raise CloudUnreachable(f"HTTP {resp.status}")
    return resp.data


def read_body(reply: dict[str, Any]) -> Any:
    """The `body` of a statusCode 100 reply; the error its statusCode names otherwise."""
    code = reply.get("statusCode")
    if code == STATUS_OK:
        return reply.get("body")
    message = str(reply.get("message", ""))
    if code in OFFLINE_CODES:
        raise DeviceOffline(message or str(code))
    reason = (
        REJECTIONS.get(code, Rejection.FAILED)
        if isinstance(code, int)
        else Rejection.FAILED
    )
    raise CommandRejected(str(code), message, reason)
