"""The simulated SinricPro cloud: auth, devices, actions and the event stream."""

from .cloud import SinricProCloud

__all__ = ["SinricProCloud"]
