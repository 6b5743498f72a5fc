"""Energy of SinricPro energy sensors: the watt-hours of each powerUsage report, summed per device."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import Device, Reading
from ..values import number
from .media import MAIN


class EnergyTotals:
    """kWh summed from each device's reports since the client started, kept across polls.

    A report names its period by `startTime`; one seen already (the same report
    on the stream and in a read) is not counted twice. The total starts again
    at each start, which Home Assistant's energy statistics take as a meter reset.
    """

    def __init__(self) -> None:
        self._kwh: dict[str, float] = {}
        self._periods: dict[str, Any] = {}

    def add(self, device: Device, report: Mapping[str, Any]) -> None:
        """Count a powerUsage report's `wattHours`, once per period, and show the total."""
        watt_hours = number(report.get("wattHours"))
        start = report.get("startTime")
        counted = self._periods.get(device.id) == start
        if watt_hours is not None and watt_hours >= 0 and start is not None and not counted:
            self._periods[device.id] = start
            self._kwh[device.id] = self._kwh.get(device.id, 0.0) + watt_hours / 1000
        self.show(device)

    def show(self, device: Device) -> None:
        """Put the device's total into its energy reading, where it has one."""
        readings = device.channels[MAIN].readings
        if Reading.ENERGY in readings and device.id in self._kwh:
            readings[Reading.ENERGY] = round(self._kwh[device.id], 6)
