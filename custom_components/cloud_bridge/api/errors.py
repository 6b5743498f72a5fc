"""The small set of errors the cloud clients raise, whatever the vendor."""

from __future__ import annotations


class CloudBridgeError(Exception):
    """Base of every error raised by the api package."""


class AuthError(CloudBridgeError):
    """The cloud refused the credentials: the user has to enter new ones."""


class QuotaError(CloudBridgeError):
    """The account has spent its call quota for the day."""


class RateLimited(CloudBridgeError):
    """The cloud asked us to slow down; the call may be retried later."""


class CloudUnreachable(CloudBridgeError):
    """The cloud could not be reached or answered with something unusable."""


class DeviceOffline(CloudBridgeError):
    """The cloud says the device (or the hub in front of it) is offline."""


class CommandRejected(CloudBridgeError):
    """The cloud refused a command; `code` is the vendor's own error code."""

    def __init__(self, code: str, message: str = "") -> None:
        super().__init__(f"{code}: {message}" if message else code)
        self.code = code
        self.message = message


class UnknownDevices(CloudBridgeError):
    """The cloud does not know some of the device ids it was given."""

    def __init__(self, device_ids: list[str]) -> None:
        super().__init__(", ".join(device_ids))
        self.device_ids = device_ids
