"""Finding a Shelly account's devices with the older v1 calls the v2 document lacks.

`POST /device/all_status` lists every device the account sees (shared ones
too) with its code; `POST /interface/device/list` gives the names the user
gave them in the app. Both are older calls Shelly may refuse or retire, so
they only offer devices to choose: polling and control stay on the v2 calls.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from ..client import FoundDevice
from ..errors import CloudBridgeError, CloudUnreachable, NotOffered
from ..http import Response
from .fields import as_dict
from .models import MODEL_NAMES

ALL_STATUS = "/device/all_status"
DEVICE_LIST = "/interface/device/list"

# Sends a form to a path of the account's server, in the account's call spacing.
type PostForm = Callable[[str], Awaitable[Response]]


def _data(resp: Response) -> dict[str, Any] | None:
    """The `data` of an `{"isok": true, "data": …}` answer, or None."""
    body = as_dict(resp.data)
    if resp.status != 200 or body.get("isok") is not True:
        return None
    return as_dict(body.get("data"))


def _found(raw_key: str, status: Any) -> tuple[str, str] | None:
    info = as_dict(as_dict(status).get("_dev_info"))
    # The outer key is not always the id the v2 calls take: `_dev_info.id` is.
    given, code = info.get("id"), info.get("code")
    device_id = given if isinstance(given, str) and given else raw_key
    return (device_id, code if isinstance(code, str) else "") if device_id else None


async def async_discover(post: PostForm) -> list[FoundDevice]:
    """Every device of the account, by name (where given) and model, in label order.

    Raises NotOffered when the cloud refuses the listing for this account.
    """
    resp = await post(ALL_STATUS)
    if resp.status >= 500:
        raise CloudUnreachable(f"HTTP {resp.status}")
    data = _data(resp)
    if data is None:
        raise NotOffered(f"device/all_status: HTTP {resp.status}")
    found = [
        pair
        for key, status in as_dict(data.get("devices_status")).items()
        if (pair := _found(key, status)) is not None
    ]
    if not found:
        return []
    # Names are a nicety: without them a device is shown by model and id.
    try:
        names = as_dict((_data(await post(DEVICE_LIST)) or {}).get("devices"))
    except CloudBridgeError:
        names = {}
    devices = []
    for device_id, code in dict(found).items():
        model = MODEL_NAMES.get(code, code or "Shelly")
        given = as_dict(names.get(device_id)).get("name")
        name = given.strip() if isinstance(given, str) and given.strip() else ""
        devices.append(FoundDevice(device_id, name, model))
    return sorted(devices, key=lambda d: (d.label.casefold(), d.id))
