"""Shelly device states (gen1 and gen2+ status shapes) turned into neutral devices."""

from __future__ import annotations

from typing import Any

from .model import Channel, Device, Reading, SwitchTraits

DEVICE = "device"  # the channel holding a device's own sensors (H&T, battery)

# gen1 meters[].total counts watt-minutes; emeters[].total and gen2 aenergy are Wh.
WATT_MINUTES_PER_KWH = 60_000
WH_PER_KWH = 1_000


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _name(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _scaled(value: Any, divisor: float) -> float | None:
    number = _num(value)
    return None if number is None else round(number / divisor, 3)


def _gen1_channels(status: dict[str, Any], settings: dict[str, Any]) -> list[Channel]:
    channels: list[Channel] = []
    meters = _list(status.get("meters"))
    emeters = _list(status.get("emeters"))
    names = _list(settings.get("relays"))
    for index, relay in enumerate(_list(status.get("relays"))):
        channel = Channel(
            key=f"relay:{index}",
            index=index,
            name=_name(_dict(names[index]).get("name")) if index < len(names) else None,
            traits=SwitchTraits(),
            is_on=relay.get("ison") if isinstance(relay, dict) else None,
        )
        if index < len(meters) and isinstance(meters[index], dict):
            channel.readings[Reading.POWER] = _num(meters[index].get("power"))
            channel.readings[Reading.ENERGY] = _scaled(
                meters[index].get("total"), WATT_MINUTES_PER_KWH
            )
        channels.append(channel)
    for index, emeter in enumerate(emeters):
        emeter = _dict(emeter)
        channels.append(
            Channel(
                key=f"emeter:{index}",
                index=index,
                readings={
                    Reading.POWER: _num(emeter.get("power")),
                    Reading.VOLTAGE: _num(emeter.get("voltage")),
                    Reading.CURRENT: _num(emeter.get("current")),
                    Reading.ENERGY: _scaled(emeter.get("total"), WH_PER_KWH),
                },
            )
        )
    readings: dict[Reading, float | None] = {}
    if "tmp" in status:
        readings[Reading.TEMPERATURE] = _num(_dict(status["tmp"]).get("tC"))
    if "hum" in status:
        readings[Reading.HUMIDITY] = _num(_dict(status["hum"]).get("value"))
    if "bat" in status:
        readings[Reading.BATTERY] = _num(_dict(status["bat"]).get("value"))
    if readings:
        channels.append(Channel(key=DEVICE, readings=readings))
    return channels


def _gen2_channels(status: dict[str, Any], settings: dict[str, Any]) -> list[Channel]:
    channels: list[Channel] = []
    readings: dict[Reading, float | None] = {}
    for key in sorted(status, key=_component_order):
        component, _, instance = key.partition(":")
        value = _dict(status[key])
        if component == "switch" and instance.isdigit():
            channel = Channel(
                key=key,
                index=int(instance),
                name=_name(_dict(settings.get(key)).get("name")),
                traits=SwitchTraits(),
                is_on=value.get("output")
                if isinstance(value.get("output"), bool)
                else None,
            )
            for reading, field in (
                (Reading.POWER, "apower"),
                (Reading.VOLTAGE, "voltage"),
                (Reading.CURRENT, "current"),
            ):
                if field in value:
                    channel.readings[reading] = _num(value[field])
            if "aenergy" in value:
                channel.readings[Reading.ENERGY] = _scaled(
                    _dict(value["aenergy"]).get("total"), WH_PER_KWH
                )
            channels.append(channel)
        elif component == "temperature" and Reading.TEMPERATURE not in readings:
            readings[Reading.TEMPERATURE] = _num(value.get("tC"))
        elif component == "humidity" and Reading.HUMIDITY not in readings:
            readings[Reading.HUMIDITY] = _num(value.get("rh"))
        elif component == "devicepower":
            readings[Reading.BATTERY] = _num(_dict(value.get("battery")).get("percent"))
    if readings:
        channels.append(Channel(key=DEVICE, readings=readings))
    return channels


def _component_order(key: str) -> tuple[str, int]:
    component, _, instance = key.partition(":")
    return component, int(instance) if instance.isdigit() else -1


def _device_name(gen1: bool, settings: dict[str, Any]) -> str | None:
    if gen1:
        return _name(settings.get("name"))
    return _name(_dict(_dict(settings.get("sys")).get("device")).get("name"))


def parse_device(state: dict[str, Any]) -> Device | None:
    """One entry of the get call's answer; None when it has no id."""
    device_id = state.get("id")
    if not isinstance(device_id, str) or not device_id:
        return None
    code = state.get("code") if isinstance(state.get("code"), str) else None
    gen1 = state.get("gen") == "G1"
    status = _dict(state.get("status"))
    settings = _dict(state.get("settings"))
    channels = (_gen1_channels if gen1 else _gen2_channels)(status, settings)
    return Device(
        id=device_id,
        name=_device_name(gen1, settings) or f"Shelly {code or device_id}",
        model=code or str(state.get("type") or "Shelly"),
        manufacturer="Shelly",
        online=state.get("online") in (1, True),
        channels={channel.key: channel for channel in channels},
    )
