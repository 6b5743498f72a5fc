"""The simulated Shelly Cloud: the v2 get/set calls, the older v1 calls, one call a second."""

from .cloud import ShellyCloud

__all__ = ["ShellyCloud"]
