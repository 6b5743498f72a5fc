"""What every vendor client offers the Home Assistant layer."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar, Protocol, Self

import aiohttp

from .commands import Command
from .errors import CommandRejected
from .features import DeferredCommand, Passcode, PushEvent, Scene
from .model import Channel, Device, Vendor


class Setting(StrEnum):
    """What a user gives to reach an account, by the name a client reads it under."""

    API_TOKEN = "api_token"
    API_SECRET = "api_secret"
    API_KEY = "api_key"
    AUTH_KEY = "auth_key"
    HOST = "host"
    BASE_URL = "base_url"
    DEVICE_IDS = "device_ids"
    # The token of a push sign-in (OAuth), where the user signed in.
    SIGN_IN_TOKEN = "token"


@dataclass(frozen=True, slots=True)
class FoundDevice:
    """A device the cloud found on the account, for the user to choose."""

    id: str
    name: str  # as given in the vendor's app; "" when none was
    model: str

    @property
    def label(self) -> str:
        """How a list shows it: by name and model, or by model and id."""
        return (
            f"{self.name} ({self.model})" if self.name else f"{self.model} ({self.id})"
        )


# An account's settings by `Setting` name, as the user gave them.
type Settings = Mapping[str, Any]


class StreamListener(Protocol):
    """Whom a client's event stream reports to."""

    def stream_devices(self) -> Mapping[str, Device]:
        """The snapshot that stream events change in place."""

    def stream_event(self, event: PushEvent) -> None:
        """An event changed the snapshot, or happened on a channel."""

    def stream_connected(self, connected: bool) -> None:
        """The stream is up (changes arrive) or down (changes may be missed)."""

    async def stream_token(self, *, renew: bool = False) -> Mapping[str, Any]:
        """The token of the sign-in a stream needs apart from the account's key.

        Valid for a while yet (renewed first if it is about to lapse, or at
        once with `renew`); `expires_at` says until when (epoch seconds).
        Raises SignInRefused when it cannot be renewed.
        """


class SignIn(ABC):
    """The OAuth code flow a cloud's push needs beside the account's own key.

    Home Assistant hosts the flow (login page, redirect, stored token); the
    cloud says where to send the user and how to turn a code into a token.
    """

    name: ClassVar[str]

    @abstractmethod
    def authorize_url(self, redirect_uri: str, state: str) -> str:
        """The cloud's login page, which sends the user back with a code."""

    @abstractmethod
    async def async_exchange(
        self, session: aiohttp.ClientSession, code: str
    ) -> dict[str, Any]:
        """The token for a code (`access_token`, `expires_in`, …).

        Raises SignInRefused for a code the cloud refuses.
        """

    @abstractmethod
    async def async_refresh(
        self, session: aiohttp.ClientSession, token: Mapping[str, Any]
    ) -> dict[str, Any]:
        """A renewed token; raises SignInRefused when renewal is refused."""


class CloudClient(ABC):
    """One account at one cloud: list its devices and send them commands."""

    vendor: Vendor
    # The addresses a client uses unless told otherwise, by the placeholder
    # names its form's texts give them (e.g. "Leave empty to use {default_url}").
    default_addresses: ClassVar[Mapping[str, str]] = {}

    @classmethod
    @abstractmethod
    def from_settings(cls, session: aiohttp.ClientSession, settings: Settings) -> Self:
        """The client of the account that `settings` (by `Setting` name) describe."""

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

    async def async_validate(self) -> None:
        """Check the settings with the cloud; raise what is wrong with them."""
        await self.async_get_devices()

    @property
    def missing_devices(self) -> list[str]:
        """Devices the user named that the cloud no longer knows."""
        return []

    # Whether the user names the account's devices (setting `device_ids`):
    # True for a cloud whose API cannot list an account's devices.
    chooses_devices: ClassVar[bool] = False

    async def async_discover(self, *, waited_for: bool = True) -> list[FoundDevice]:
        """The devices the cloud can find for the user to choose from; [] when none.

        A listing nobody waits for (a background check) yields its call slots
        to polls and commands. Raises NotOffered when the cloud refuses to list
        them for this account.
        """
        return []

    def take_events(self) -> list[PushEvent]:
        """What the last poll saw happen (button presses counted by the device)."""
        return []

    @abstractmethod
    def min_poll_interval(self, devices: Mapping[str, Device]) -> float:
        """The shortest poll interval (s) that keeps within the cloud's limits."""

    def default_poll_interval(self, devices: Mapping[str, Device]) -> float:
        """The poll interval (s) used unless the user chooses another."""
        return self.min_poll_interval(devices)

    # Changes the last poll found in fields that the cloud pushes, which no
    # push had announced: a webhook that is registered yet never reached.
    unpushed_changes: int = 0

    # -- what only some clouds offer; the defaults say "not here" ---------------

    async def async_get_scenes(self) -> list[Scene]:
        """The scenes the user can run from Home Assistant."""
        return []

    async def async_activate_scene(self, scene_id: str) -> None:
        """Run a scene; return once the cloud has accepted it."""
        raise CommandRejected("unsupported", "this cloud has no scenes")

    async def async_send_deferred(
        self, device: Device, channel: Channel, command: DeferredCommand
    ) -> str:
        """Send a command whose outcome arrives later; return the cloud's id for it."""
        raise CommandRejected("unsupported", type(command).__name__)

    def passcodes(self, device_id: str) -> list[Passcode]:
        """The passcodes of a keypad, as of the last device list."""
        return []

    @property
    def supports_webhook(self) -> bool:
        """Whether the cloud can push changes to a webhook URL we give it."""
        return False

    async def async_webhook_urls(self) -> list[str]:
        """The URLs the cloud pushes this account's events to now."""
        return []

    async def async_set_webhook(self, url: str) -> None:
        """Have the cloud push this account's events to `url`."""
        raise CommandRejected("unsupported", "this cloud has no webhook")

    async def async_delete_webhook(self, url: str) -> None:
        """Stop the cloud pushing to `url`."""
        raise CommandRejected("unsupported", "this cloud has no webhook")

    def apply_webhook(
        self, payload: Any, devices: Mapping[str, Device]
    ) -> PushEvent | None:
        """Read one pushed event (parsed JSON of any shape) into `devices`.

        Returns what changed, or None for an event that means nothing here.
        Never raises on a malformed event.
        """
        return None

    @property
    def supports_stream(self) -> bool:
        """Whether the cloud pushes changes on an event stream we hold open."""
        return False

    # The sign-in the cloud's stream needs beside the account's key; None
    # when the key is enough (or the cloud has no stream).
    sign_in: ClassVar[SignIn | None] = None

    @property
    def push_covers_all(self) -> bool:
        """Whether pushes reach every device, so that polls may slow down for all."""
        return True

    async def async_run_stream(self, listener: StreamListener) -> None:
        """Hold the event stream open, reconnecting, until cancelled.

        Raises AuthError once the cloud refuses the credentials themselves.
        """
        raise CommandRejected("unsupported", "this cloud has no event stream")

    @property
    def confirm_timeout(self) -> float | None:
        """Seconds within which the outcome of an accepted command is pushed.

        None when the cloud's acceptance is the outcome.
        """
        return None

    @property
    def reread_after_command(self) -> float | None:
        """Seconds after an accepted command to read its device again.

        For readings the command changes that nothing pushes (a plug's power
        once it is on); None when the next poll is soon enough.
        """
        return None

    async def async_reread(self, device_ids: Collection[str]) -> dict[str, Device]:
        """Read these devices again; those the cloud no longer lists are left out.

        This default reads the whole account: a cloud that can read a few
        devices for less says how.
        """
        devices = await self.async_get_devices()
        return {d: devices[d] for d in device_ids if d in devices}

    def diagnostics(self) -> dict[str, Any]:
        """What a bug report needs beside the device snapshot (never a secret)."""
        return {}
