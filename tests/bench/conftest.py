"""Fixtures of the benchmark and load scenarios: Home Assistant as it runs in a home.

Only `scripts/bench` and `scripts/load` run the modules here; the test suite
collects none of them (they are not test_*.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
import logging

import aiohttp
from homeassistant.core import HomeAssistant
import pytest


@pytest.fixture(autouse=True)
def enable_event_loop_debug(event_loop: asyncio.AbstractEventLoop) -> None:
    """Run the loop as Home Assistant does, not in asyncio's (much slower) debug mode."""
    event_loop.set_debug(False)


@pytest.fixture(autouse=True)
def production_log_level(hass: HomeAssistant) -> None:
    """Log at WARNING, Home Assistant's default: the test plugin's INFO costs CPU."""
    logging.getLogger().setLevel(logging.WARNING)


@pytest.fixture(autouse=True)
def fast_switchbot_polls() -> None:
    """Override the test suite's: a benchmark measures SwitchBot's real 0.5 s spacing."""


@pytest.fixture
def expected_lingering_tasks() -> bool:
    """An event stream's reader may still be closing when a scenario ends."""
    return True


@pytest.fixture
def expected_lingering_timers() -> bool:
    """Keep-alive timers of the simulators' connections may outlive a scenario."""
    return True


@pytest.fixture
async def no_unclosed_responses() -> AsyncIterator[list[aiohttp.ClientResponse]]:
    """Not here: the suite's check of every response would be in the figures."""
    return []
