"""The small set of errors the cloud clients raise, whatever the vendor."""

from __future__ import annotations

from enum import StrEnum


class CloudBridgeError(Exception):
    """Base of every error raised by the api package."""


class AuthError(CloudBridgeError):
    """The cloud refused the credentials: the user has to enter new ones."""


class SignInRefused(CloudBridgeError):
    """The separate sign-in that a cloud's push needs was refused or has lapsed.

    The account's own credentials still work: only the push stops.
    """


class QuotaError(CloudBridgeError):
    """The account has spent its call quota for the day."""


class RateLimited(CloudBridgeError):
    """The cloud asked us to slow down; the call may be retried later.

    `retry_after` is the wait in seconds the cloud named, if it named one.
    """

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class CloudUnreachable(CloudBridgeError):
    """The cloud could not be reached or answered with something unusable."""


class NotOffered(CloudBridgeError):
    """The cloud refused a call this account may not use (an older, optional one)."""


class DeviceOffline(CloudBridgeError):
    """The cloud says the device (or the hub in front of it) is offline."""


class Rejection(StrEnum):
    """Why a cloud refused a command, whatever the vendor calls it."""

    UNSUPPORTED = "unsupported"  # the device cannot do this, or not in its mode
    INVALID = "invalid"  # a value or channel the device does not take
    NOT_FOUND = "not_found"  # the cloud no longer knows the device
    WRONG_TYPE = "wrong_type"  # the command is for another kind of device
    DEVICE_ERROR = "device_error"  # the device and the cloud disagree about its state
    FAILED = "failed"  # the device did not carry the command out
    CLOUD_ERROR = "cloud_error"  # a fault inside the cloud


class CommandRejected(CloudBridgeError):
    """The cloud refused a command; `code` is the vendor's own error code."""

    def __init__(
        self,
        code: str,
        message: str = "",
        reason: Rejection = Rejection.FAILED,
    ) -> None:
        super().__init__(f"{code}: {message}" if message else code)
        self.code = code
        self.message = message
        self.reason = reason


class UnknownDevices(CloudBridgeError):
    """The cloud does not know some of the device ids it was given."""

    def __init__(self, device_ids: list[str]) -> None:
        super().__init__(", ".join(device_ids))
        self.device_ids = device_ids
