"""Shelly device records and state shapes (G1 and G2+) used by the Shelly cloud simulator."""

from __future__ import annotations

from dataclasses import dataclass, field
import time
from typing import Any

JsonDict = dict[str, Any]
# The last report of sleeping devices (2025-12-07 09:33:20 UTC): fixed, so
# snapshots do not move with the clock.
REPORTED_AT = 1765100000.0
REPORTED_AT_TEXT = "2025-12-07 09:33:20"


class ShellyError(Exception):
    """A refused control command: HTTP status plus the document's error string."""

    def __init__(self, status: int, error: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message


def bad_request(message: str) -> ShellyError:
    """The document's 400 BAD_REQUEST."""
    return ShellyError(400, "BAD_REQUEST", message)


@dataclass
class ShellyDevice:
    """One device as the cloud keeps it: identity, last known status and settings."""

    id: str
    gen: str
    type: str
    code: str
    status: JsonDict
    settings: JsonDict = field(default_factory=dict)
    online: bool = True
    # Watts drawn per channel while on, so turning a channel back on restores a load.
    loads: dict[int, float] = field(default_factory=dict)
    # The name given in the app where the settings have none (BLU devices).
    app_name: str = ""

    @property
    def name(self) -> str:
        """The name the app shows (and /interface/device/list gives)."""
        given = self.settings.get("name") if self.is_gen1 else (
            self.settings.get("sys", {}).get("device", {}).get("name"))
        return given if isinstance(given, str) and given else self.app_name

    @property
    def is_gen1(self) -> bool:
        """G1 devices use list-shaped status (relays[]); G2+ use "switch:N" keys."""
        return self.gen == "G1"

    def state(self) -> JsonDict:
        """The basic properties every device state carries."""
        return {
            "id": self.id,
            "type": self.type,
            "code": self.code,
            "gen": self.gen,
            "online": 1 if self.online else 0,
        }


def _mac(device_id: str) -> str:
    return device_id.upper()


def _g1_common(device_id: str, code: str, name: str) -> tuple[JsonDict, JsonDict]:
    status: JsonDict = {
        "wifi_sta": {"connected": True, "ssid": "demo", "ip": "192.168.1.50", "rssi": -58},
        "cloud": {"enabled": True, "connected": True},
        "mac": _mac(device_id),
        "uptime": 86400,
        "unixtime": int(time.time()),
        "has_update": False,
    }
    settings: JsonDict = {
        "device": {"type": code, "mac": _mac(device_id), "hostname": f"shelly-{device_id}"},
        "name": name,
        "fw": "20230913-112003/v1.14.0-gcb84623",
    }
    return status, settings


def _g2_common(device_id: str, name: str) -> tuple[JsonDict, JsonDict]:
    status: JsonDict = {
        "sys": {"mac": _mac(device_id), "restart_required": False, "uptime": 86400,
                "unixtime": int(time.time())},
        "cloud": {"connected": True},
        "wifi": {"sta_ip": "192.168.1.60", "status": "got ip", "ssid": "demo", "rssi": -55},
    }
    settings: JsonDict = {
        "sys": {"device": {"name": name, "mac": _mac(device_id), "fw_id": "1.4.4"}},
    }
    return status, settings


def gen1_relay(
    device_id: str,
    *,
    code: str = "SHSW-PM",
    name: str = "Shelly 1PM",
    relays: int = 1,
    meters: bool = True,
    channel_names: list[str] | None = None,
    loads: list[float] | None = None,
) -> ShellyDevice:
    """A G1 relay (Shelly 1PM, Shelly 2.5 in relay mode, Plug S...)."""
    status, settings = _g1_common(device_id, code, name)
    status["relays"] = [
        {"ison": False, "has_timer": False, "timer_remaining": 0, "source": "input"}
        for _ in range(relays)
    ]
    if meters:
        # G1 meters count energy in watt-minutes.
        status["meters"] = [
            {"power": 0.0, "is_valid": True, "total": 90000 * (ch + 1)} for ch in range(relays)
        ]
    status["temperature"] = 41.2
    status["tmp"] = {"tC": 41.2, "tF": 106.2, "is_valid": True}
    names = channel_names or []
    settings["relays"] = [
        {"name": names[ch] if ch < len(names) else None, "default_state": "off"}
        for ch in range(relays)
    ]
    if relays > 1:
        settings["mode"] = "relay"
    return ShellyDevice(
        device_id, "G1", "relay", code, status, settings,
        loads=dict(enumerate(loads or [0.0] * relays)),
    )


def gen1_roller(device_id: str, *, code: str = "SHSW-25", name: str = "Shelly 2.5") -> ShellyDevice:
    """A G1 Shelly 2.5 in roller mode (``rollers[]``)."""
    status, settings = _g1_common(device_id, code, name)
    status["rollers"] = [{
        "state": "stop", "power": 0.0, "is_valid": True, "safety_switch": False,
        "overtemperature": False, "stop_reason": "normal", "last_direction": "open",
        "current_pos": 50, "calibrating": False, "positioning": True,
    }]
    status["meters"] = [{"power": 0.0, "is_valid": True, "total": 1200} for _ in range(2)]
    settings["mode"] = "roller"
    settings["rollers"] = [{"maxtime": 20.0, "default_state": "stop", "positioning": True}]
    return ShellyDevice(device_id, "G1", "roller", code, status, settings)


def gen1_rgbw2(device_id: str, *, name: str = "Shelly RGBW2") -> ShellyDevice:
    """A G1 Shelly RGBW2 in colour mode (``lights[]``)."""
    status, settings = _g1_common(device_id, "SHRGBW2", name)
    status["lights"] = [{
        "ison": False, "source": "cloud", "mode": "color", "red": 255, "green": 180,
        "blue": 90, "white": 0, "gain": 80, "brightness": 80, "effect": 0,
        "has_timer": False, "timer_remaining": 0,
    }]
    status["meters"] = [{"power": 0.0, "is_valid": True}]
    settings["mode"] = "color"
    settings["lights"] = [{"name": None, "default_state": "off"}]
    return ShellyDevice(device_id, "G1", "light", "SHRGBW2", status, settings)


def _g2_switch(ch: int) -> JsonDict:
    return {
        "id": ch, "source": "init", "output": False, "apower": 0.0, "voltage": 230.4,
        "freq": 50.0, "current": 0.0, "pf": 0.0,
        "aenergy": {"total": 1520.25 * (ch + 1), "by_minute": [0.0, 0.0, 0.0],
                    "minute_ts": int(time.time())},
        "temperature": {"tC": 44.1, "tF": 111.4},
    }


def gen2_switch(
    device_id: str,
    *,
    code: str = "SNSW-102P16EU",
    name: str = "Shelly Plus 2PM",
    channels: int = 2,
    channel_names: list[str] | None = None,
    loads: list[float] | None = None,
) -> ShellyDevice:
    """A G2 relay with ``switch:N`` components (Plus 2PM, Plus 1PM, Plus Plug S...)."""
    status, settings = _g2_common(device_id, name)
    names = channel_names or []
    for ch in range(channels):
        status[f"switch:{ch}"] = _g2_switch(ch)
        settings[f"switch:{ch}"] = {
            "id": ch, "name": names[ch] if ch < len(names) else None,
            "in_mode": "follow", "initial_state": "match_input",
        }
    return ShellyDevice(
        device_id, "G2", "relay", code, status, settings,
        loads=dict(enumerate(loads or [0.0] * channels)),
    )


def gen2_cover(
    device_id: str,
    *,
    code: str = "SNSW-102P16EU",
    name: str = "Shelly Plus 2PM (cover)",
    calibrated: bool = True,
) -> ShellyDevice:
    """A G2 device in cover mode (``cover:0``); uncalibrated covers report no position."""
    status, settings = _g2_common(device_id, name)
    status["cover:0"] = {
        "id": 0, "source": "init", "state": "stopped", "apower": 0.0, "voltage": 230.1,
        "current": 0.0, "pf": 0.0, "freq": 50.0, "aenergy": {"total": 310.5},
        "current_pos": 40 if calibrated else None, "pos_control": calibrated,
        "temperature": {"tC": 40.2, "tF": 104.4},
    }
    settings["cover:0"] = {"id": 0, "name": name, "maxtime_open": 30.0, "maxtime_close": 30.0}
    return ShellyDevice(device_id, "G2", "cover", code, status, settings)


def gen2_light(device_id: str, *, code: str = "SNDM-0013US", name: str = "Dimmer") -> ShellyDevice:
    """A G2 dimmer with ``light:0`` (Plus Wall Dimmer)."""
    status, settings = _g2_common(device_id, name)
    status["light:0"] = {"id": 0, "source": "init", "output": False, "brightness": 60}
    settings["light:0"] = {"id": 0, "name": name, "initial_state": "restore_last"}
    return ShellyDevice(device_id, "G2", "light", code, status, settings)


def gen2_ht(device_id: str, *, code: str = "SNSN-0013A", name: str = "Plus H&T") -> ShellyDevice:
    """A G2 Plus H&T: ``temperature:0``, ``humidity:0``, ``devicepower:0``."""
    status, settings = _g2_common(device_id, name)
    status["temperature:0"] = {"id": 0, "tC": 21.6, "tF": 70.9}
    status["humidity:0"] = {"id": 0, "rh": 47.2}
    status["devicepower:0"] = {
        "id": 0, "battery": {"V": 5.9, "percent": 78}, "external": {"present": False},
    }
    status["ts"] = REPORTED_AT
    settings["temperature:0"] = {"id": 0, "name": None, "report_thr_C": 0.5}
    settings["humidity:0"] = {"id": 0, "name": None, "report_thr": 5.0}
    return ShellyDevice(device_id, "G2", "sensor", code, status, settings)


# -- control: each function applies one command to one channel or raises ShellyError --

def _channel_list(device: ShellyDevice, key: str, channel: int) -> JsonDict:
    items = device.status.get(key)
    if not isinstance(items, list) or not items:
        raise ShellyError(400, "DEVICE_INVALID_MODE", f"Device has no {key}")
    if not 0 <= channel < len(items):
        raise ShellyError(400, "DEVICE_INVALID_CHANNEL", f"Invalid channel {channel}")
    item: JsonDict = items[channel]
    return item


def _component(device: ShellyDevice, kinds: tuple[str, ...], channel: int) -> JsonDict:
    present = [k for k in device.status if k.split(":")[0] in kinds]
    if not present:
        raise ShellyError(400, "DEVICE_INVALID_MODE", f"Device has no {'/'.join(kinds)}")
    for kind in kinds:
        item = device.status.get(f"{kind}:{channel}")
        if isinstance(item, dict):
            return item
    raise ShellyError(400, "DEVICE_INVALID_CHANNEL", f"Invalid channel {channel}")


def set_switch(device: ShellyDevice, channel: int, on: bool) -> None:
    """Set one relay/switch output."""
    load = device.loads.get(channel, 0.0) if on else 0.0
    if device.is_gen1:
        relay = _channel_list(device, "relays", channel)
        relay["ison"] = on
        relay["source"] = "cloud"
        meters = device.status.get("meters")
        if isinstance(meters, list) and channel < len(meters):
            meters[channel]["power"] = load
        return
    switch = _component(device, ("switch",), channel)
    switch["output"] = on
    switch["source"] = "cloud"
    switch["apower"] = load
    switch["current"] = round(load / float(switch.get("voltage") or 230.0), 3)


def set_cover(device: ShellyDevice, channel: int, position: str | int) -> None:
    """Move a roller/cover; motion is instant, so the final state is reported."""
    if device.is_gen1:
        roller = _channel_list(device, "rollers", channel)
        targets = {"open": 100, "close": 0}
        if isinstance(position, int):
            roller["current_pos"] = position
        elif position in targets:
            roller["current_pos"] = targets[position]
            roller["last_direction"] = position
        roller["state"] = "stop"
        roller["source"] = "cloud"
        return
    cover = _component(device, ("cover",), channel)
    if isinstance(position, int):
        if not cover.get("pos_control"):
            raise ShellyError(400, "DEVICE_FAILED_COMMAND", "Cover is not calibrated")
        cover["current_pos"] = position
        cover["state"] = "open" if position == 100 else "closed" if position == 0 else "stopped"
    elif position == "stop":
        cover["state"] = "stopped"
    else:
        cover["state"] = "open" if position == "open" else "closed"
        if cover.get("pos_control"):
            cover["current_pos"] = 100 if position == "open" else 0
    cover["source"] = "cloud"


LIGHT_FIELDS = ("brightness", "red", "green", "blue", "white", "gain", "temperature")


def set_light(device: ShellyDevice, channel: int, command: JsonDict) -> None:
    """Apply on/brightness/colour to one light channel."""
    if device.is_gen1:
        light = _channel_list(device, "lights", channel)
        light.update({k: command[k] for k in LIGHT_FIELDS if k in command})
        # G1 colour-mode lights dim through "gain"; keep both in step.
        if light.get("mode") == "color" and "brightness" in command and "gain" not in command:
            light["gain"] = command["brightness"]
        if "on" in command:
            light["ison"] = command["on"]
        light["source"] = "cloud"
        return
    light = _component(device, ("light", "rgb", "rgbw", "cct"), channel)
    if "temperature" in command:
        if "ct" not in light:
            raise ShellyError(400, "DEVICE_INVALID_MODE", "Light has no white temperature")
        light["ct"] = command["temperature"]
    if "on" in command:
        light["output"] = command["on"]
    if "brightness" in command:
        light["brightness"] = command["brightness"]
    if "rgb" in light:
        rgb = list(light["rgb"])
        for index, key in enumerate(("red", "green", "blue")):
            if key in command:
                rgb[index] = command[key]
        light["rgb"] = rgb
    if "white" in command and "white" in light:
        light["white"] = command["white"]
    light["source"] = "cloud"
