"""What every vendor client offers the Home Assistant layer."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping

from .commands import Command
from .model import Channel, Device, Vendor


class CloudClient(ABC):
    """One account at one cloud: list its devices and send them commands."""

    vendor: Vendor

    @property
    @abstractmethod
    def account_id(self) -> str:
        """A stable id for the account that never contains a secret."""

    @abstractmethod
    async def async_get_devices(self) -> dict[str, Device]:
        """Fetch every device of the account with its current state."""

    @abstractmethod
    async def async_execute(
        self, device: Device, channel: Channel, command: Command
    ) -> None:
        """Send one command; return once the cloud has accepted it."""

    @abstractmethod
    def min_poll_interval(self, devices: Mapping[str, Device]) -> float:
        """The shortest poll interval (s) that keeps within the cloud's limits."""

    def default_poll_interval(self, devices: Mapping[str, Device]) -> float:
        """The poll interval (s) used unless the user chooses another."""
        return self.min_poll_interval(devices)
