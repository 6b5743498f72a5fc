"""The SinricPro client on its own, with no Home Assistant: tokens, faults, junk."""

from __future__ import annotations

import aiohttp
import pytest

from custom_components.cloud_bridge.api import (
    AuthError,
    CloudUnreachable,
    CommandRejected,
    RateLimited,
    SinricProClient,
)
from custom_components.cloud_bridge.api.sinricpro.devices import (
    parse_device as parse_sinric,
)
from tests.conftest import (
    SINRICPRO_API_KEY,
)
from tests.simulator.base import Fault
from tests.simulator.sinricpro import SinricProCloud


async def test_sinricpro_token_lifetime(
    session: aiohttp.ClientSession, sinricpro_cloud: SinricProCloud
) -> None:
    """A token about to expire is renewed before the call, not after a 401."""
    sinricpro_cloud.token_lifetime = 60
    client = SinricProClient(session, SINRICPRO_API_KEY, sinricpro_cloud.url)
    await client.async_get_devices()
    await client.async_get_devices()
    assert len(sinricpro_cloud.requests_to("/api/v1/auth")) == 2
    assert client.min_poll_interval({}) == 30


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (Fault(status=500, times=1, path_prefix="/api/v1/auth"), CloudUnreachable),
        (Fault(status=429, times=1, path_prefix="/api/v1/devices"), RateLimited),
        (Fault(status=200, body='{"success": true}', times=1, path_prefix="/api/v1/devices"), CloudUnreachable),
        (Fault(status=200, body='{"success": false, "message": "nope"}', times=1, path_prefix="/api/v1/devices"), CommandRejected),
        (Fault(status=401, times=2, path_prefix="/api/v1/devices"), CloudUnreachable),
    ],
)
async def test_sinricpro_faults(
    session: aiohttp.ClientSession, sinricpro_cloud: SinricProCloud, fault: Fault, error: type[Exception]
) -> None:
    """Each kind of bad answer becomes one of our errors."""
    sinricpro_cloud.inject(fault)
    client = SinricProClient(session, SINRICPRO_API_KEY, sinricpro_cloud.url)
    with pytest.raises(error):
        await client.async_get_devices()


async def test_sinricpro_revoked_key(session: aiohttp.ClientSession, sinricpro_cloud: SinricProCloud) -> None:
    """Only a refused API key is AuthError."""
    sinricpro_cloud.revoke_key()
    with pytest.raises(AuthError):
        await SinricProClient(session, SINRICPRO_API_KEY, sinricpro_cloud.url).async_get_devices()


def test_sinricpro_unmapped_and_junk() -> None:
    """Types we do not map yet and devices without an id give no device."""
    assert parse_sinric({"id": "a", "product": {"code": "sinric.devices.types.LAWN_MOWER"}}) is None
    assert parse_sinric({"product": "SWITCH"}) is None
    switch = parse_sinric({"id": "b", "product": {"code": "sinric.devices.types.SWITCH"}, "powerState": 1})
    assert switch is not None
    assert switch.channels["main"].is_on is None
