"""Shelly gen1 sensors and buttons as the cloud reports them: flood, smoke, gas, door/window, motion, i3, Button1, add-on."""

from __future__ import annotations

from .devices import REPORTED_AT, REPORTED_AT_TEXT, JsonDict, ShellyDevice, _g1_common


def _asleep(status: JsonDict, percent: int) -> JsonDict:
    status["bat"] = {"value": percent, "voltage": 2.9}
    status["unixtime"] = int(REPORTED_AT)
    status["_updated"] = REPORTED_AT_TEXT
    return status


def gen1_flood(device_id: str, *, name: str = "Shelly Flood") -> ShellyDevice:
    """A Shelly Flood: `flood`, the room's `tmp`, battery; it sleeps between reports."""
    status, settings = _g1_common(device_id, "SHWT-1", name)
    status |= {"flood": False, "tmp": {"value": 19.0, "units": "C", "tC": 19.0, "is_valid": True}}
    settings["sleep_mode"] = {"period": 12, "unit": "h"}
    return ShellyDevice(device_id, "G1", "sensor", "SHWT-1", _asleep(status, 81), settings)


def gen1_smoke(device_id: str, *, name: str = "Shelly Smoke") -> ShellyDevice:
    """A Shelly Smoke: `smoke`, the room's `tmp`, battery."""
    status, settings = _g1_common(device_id, "SHSM-01", name)
    status |= {"smoke": False, "tmp": {"value": 22.0, "units": "C", "tC": 22.0, "is_valid": True}}
    return ShellyDevice(device_id, "G1", "sensor", "SHSM-01", _asleep(status, 90), settings)


def gen1_gas(device_id: str, *, name: str = "Shelly Gas") -> ShellyDevice:
    """A Shelly Gas (mains powered): alarm state and concentration."""
    status, settings = _g1_common(device_id, "SHGS-1", name)
    status["gas_sensor"] = {"sensor_state": "normal", "self_test_state": "completed",
                            "alarm_state": "none"}
    status["concentration"] = {"ppm": 0, "is_valid": True}
    status["valves"] = [{"state": "not_connected"}]
    return ShellyDevice(device_id, "G1", "sensor", "SHGS-1", status, settings)


def gen1_door(device_id: str, *, name: str = "Shelly Door/Window 2") -> ShellyDevice:
    """A Door/Window 2: `sensor.state`, `lux`, `accel` (tilt, vibration), `tmp`, battery."""
    status, settings = _g1_common(device_id, "SHDW-2", name)
    status |= {
        "sensor": {"state": "close", "is_valid": True},
        "lux": {"value": 85, "illumination": "twilight", "is_valid": True},
        "accel": {"tilt": 0, "vibration": 0},
        "tmp": {"value": 21.5, "units": "C", "tC": 21.5, "is_valid": True},
    }
    return ShellyDevice(device_id, "G1", "sensor", "SHDW-2", _asleep(status, 99), settings)


def gen1_motion(device_id: str, *, name: str = "Shelly Motion") -> ShellyDevice:
    """A Shelly Motion: `sensor.motion` and vibration, `lux`, battery."""
    status, settings = _g1_common(device_id, "SHMOS-01", name)
    status |= {
        "sensor": {"motion": False, "vibration": False, "timestamp": int(REPORTED_AT),
                   "active": True, "is_valid": True},
        "lux": {"value": 10, "illumination": "dark", "is_valid": True},
    }
    status = _asleep(status, 75)
    status["charger"] = False
    return ShellyDevice(device_id, "G1", "sensor", "SHMOS-01", status, settings)


def gen1_i3(device_id: str, *, name: str = "Shelly i3") -> ShellyDevice:
    """A Shelly i3: three inputs, the first two push buttons, the third a switch."""
    status, settings = _g1_common(device_id, "SHIX3-1", name)
    status["inputs"] = [{"input": 0, "event": "S", "event_cnt": 4} for _ in range(3)]
    settings["inputs"] = [{"name": None, "btn_type": mode}
                          for mode in ("momentary", "momentary", "toggle")]
    return ShellyDevice(device_id, "G1", "input", "SHIX3-1", status, settings)


def gen1_button(device_id: str, *, name: str = "Shelly Button1") -> ShellyDevice:
    """A Shelly Button1: one button's last press and press count, battery."""
    status, settings = _g1_common(device_id, "SHBTN-2", name)
    status["inputs"] = [{"input": 0, "event": "S", "event_cnt": 7}]
    status = _asleep(status, 100)
    status["charger"] = False
    return ShellyDevice(device_id, "G1", "button", "SHBTN-2", status, settings)


def gen1_addon(device_id: str, *, name: str = "Shelly 1 + add-on") -> ShellyDevice:
    """A Shelly 1 with the temperature add-on: two DS18B20 probes and a DHT22's humidity."""
    status, settings = _g1_common(device_id, "SHSW-1", name)
    status["relays"] = [{"ison": False, "has_timer": False, "source": "input"}]
    status["ext_temperature"] = {"0": {"hwID": "28ff", "tC": 45.5, "tF": 113.9},
                                 "1": {"hwID": "28fe", "tC": 38.0, "tF": 100.4}}
    status["ext_humidity"] = {"0": {"hwID": "dht", "hum": 55.0}}
    settings["relays"] = [{"name": None, "btn_type": "toggle"}]
    return ShellyDevice(device_id, "G1", "relay", "SHSW-1", status, settings)


def press(device: ShellyDevice, index: int = 0, event: str = "S") -> None:
    """Press a gen1 button: the device counts the press and keeps how it was."""
    item = device.status["inputs"][index]
    item["event"] = event
    item["event_cnt"] += 1
