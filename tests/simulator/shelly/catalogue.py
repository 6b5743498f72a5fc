"""Today's Shelly devices as the cloud reports them: gen2-4 components, gen1 sensors, BLU behind a gateway.

Status shapes follow the Shelly part of "Beyond the first documents" in
vendor-notes.md (component names and fields as the devices' own APIs give
them). Sleeping devices carry a fixed report time (`ts`, `_updated`) so
snapshots do not move with the clock.
"""

from __future__ import annotations

from typing import Any

from .devices import (
    REPORTED_AT,
    REPORTED_AT_TEXT,
    JsonDict,
    ShellyDevice,
    _g2_common,
    _g2_switch,
)


def _asleep(status: JsonDict) -> JsonDict:
    status["ts"] = REPORTED_AT
    status["_updated"] = REPORTED_AT_TEXT
    if "sys" in status:
        status["sys"]["unixtime"] = int(REPORTED_AT)
    if "unixtime" in status:
        status["unixtime"] = int(REPORTED_AT)
    return status


def _battery(percent: int, external: bool = False) -> JsonDict:
    return {"id": 0, "battery": {"V": 3.1, "percent": percent}, "external": {"present": external}}


# -- gen2+ lights ---------------------------------------------------------------------------

def cct_light(device_id: str, *, name: str = "Pro RGBWW PM") -> ShellyDevice:
    """A Pro RGBWW PM in CCT profile: two `cct:N` white-temperature lights."""
    status, settings = _g2_common(device_id, name)
    for ch in range(2):
        status[f"cct:{ch}"] = {"id": ch, "source": "init", "output": False, "brightness": 50,
                               "ct": 3000 + 1000 * ch, "apower": 0.0, "voltage": 24.1,
                               "current": 0.0, "aenergy": {"total": 12.5}}
        settings[f"cct:{ch}"] = {"id": ch, "name": ["Desk", "Shelf"][ch],
                                 "ct_range": [2700, 6500]}
    return ShellyDevice(device_id, "G2", "light", "SPDC-0D5PE16EU", status, settings)


def rgbw_light(device_id: str, *, name: str = "Plus RGBW PM") -> ShellyDevice:
    """A Plus RGBW PM in RGBW profile: `rgbw:0` with a white channel."""
    status, settings = _g2_common(device_id, name)
    status["rgbw:0"] = {"id": 0, "source": "init", "output": False, "brightness": 70,
                        "rgb": [255, 120, 0], "white": 40, "apower": 0.0, "voltage": 12.0,
                        "current": 0.0, "aenergy": {"total": 3.2},
                        "temperature": {"tC": 38.5, "tF": 101.3}}
    settings["rgbw:0"] = {"id": 0, "name": None}
    return ShellyDevice(device_id, "G2", "light", "SNDC-0D4P10WW", status, settings)


def white_light(device_id: str, *, name: str = "Dimmer Gen3") -> ShellyDevice:
    """A gen3 dimmer whose `light:0` reports its white temperature (`ct`)."""
    status, settings = _g2_common(device_id, name)
    status["light:0"] = {"id": 0, "source": "init", "output": True, "brightness": 80,
                         "ct": 4000, "temperature": {"tC": 41.0, "tF": 105.8}}
    settings["light:0"] = {"id": 0, "name": None}
    return ShellyDevice(device_id, "G3", "light", "S3DM-0A101WWL", status, settings)


# -- gen2+ meters ---------------------------------------------------------------------------

def three_phase_meter(device_id: str, *, name: str = "Pro 3EM") -> ShellyDevice:
    """A Pro 3EM in three-phase profile: `em:0` per phase and in total, `emdata:0` counters."""
    status, settings = _g2_common(device_id, name)
    em: JsonDict = {"id": 0, "total_act_power": 1234.5, "total_current": 5.6,
                    "total_aprt_power": 1300.0}
    emdata: JsonDict = {"id": 0, "total_act": 45678.9, "total_act_ret": 1234.5}
    for n, phase in enumerate("abc"):
        em |= {f"{phase}_act_power": 400.0 + n * 17.25, f"{phase}_voltage": 230.0 + n,
               f"{phase}_current": 1.8 + n * 0.1, f"{phase}_pf": 0.95 - n * 0.01,
               f"{phase}_freq": 50.0, f"{phase}_aprt_power": 420.0 + n}
        emdata |= {f"{phase}_total_act_energy": 15000.0 + n * 100,
                   f"{phase}_total_act_ret_energy": 400.0 + n * 10}
    status["em:0"], status["emdata:0"] = em, emdata
    settings["em:0"] = {"id": 0, "name": None}
    return ShellyDevice(device_id, "G2", "em", "SPEM-003CEBEU", status, settings)


def circuit_meter(device_id: str, *, name: str = "Pro EM", circuits: int = 2,
                  code: str = "SPEM-002CEBEU50") -> ShellyDevice:
    """A Pro EM (or a Pro 3EM in one-phase profile): `em1:N` and `em1data:N` a circuit."""
    status, settings = _g2_common(device_id, name)
    for ch in range(circuits):
        status[f"em1:{ch}"] = {"id": ch, "act_power": 150.5 + ch, "aprt_power": 160.0,
                               "voltage": 229.8, "current": 0.7, "pf": 0.94, "freq": 50.0}
        status[f"em1data:{ch}"] = {"id": ch, "total_act_energy": 9876.5 + ch,
                                   "total_act_ret_energy": 12.5 * ch}
        settings[f"em1:{ch}"] = {"id": ch, "name": ["Heat pump", "Solar"][ch % 2]}
    return ShellyDevice(device_id, "G2", "em", code, status, settings)


def mini_pm(device_id: str, *, name: str = "PM Mini") -> ShellyDevice:
    """A PM Mini Gen3: `pm1:0` with energy both ways."""
    status, settings = _g2_common(device_id, name)
    status["pm1:0"] = {"id": 0, "voltage": 231.2, "current": 0.25, "apower": 55.5, "freq": 50.0,
                       "aenergy": {"total": 2500.0}, "ret_aenergy": {"total": 750.0}}
    settings["pm1:0"] = {"id": 0, "name": None}
    return ShellyDevice(device_id, "G3", "pm", "S3PM-001PCEU16", status, settings)


# -- gen2+ sensors --------------------------------------------------------------------------

def flood_sensor(device_id: str, *, name: str = "Flood Gen4") -> ShellyDevice:
    """A Flood Gen4: `flood:0` (alarm, mute), battery; it sleeps between reports."""
    status, settings = _g2_common(device_id, name)
    status["flood:0"] = {"id": 0, "alarm": False, "mute": False}
    status["devicepower:0"] = _battery(93)
    status["temperature:0"] = {"id": 0, "tC": 18.5, "tF": 65.3}
    return ShellyDevice(device_id, "G4", "sensor", "S4SN-0071A", _asleep(status), settings)


def smoke_sensor(device_id: str, *, name: str = "Plus Smoke") -> ShellyDevice:
    """A Plus Smoke: `smoke:0` (alarm, mute), battery; it sleeps between reports."""
    status, settings = _g2_common(device_id, name)
    status["smoke:0"] = {"id": 0, "alarm": False, "mute": False}
    status["devicepower:0"] = _battery(88)
    return ShellyDevice(device_id, "G2", "sensor", "SNSN-0031Z", _asleep(status), settings)


def ht_gen3(device_id: str, *, name: str = "H&T Gen3") -> ShellyDevice:
    """An H&T Gen3 on batteries: temperature, humidity, battery; it sleeps between reports."""
    status, settings = _g2_common(device_id, name)
    status["temperature:0"] = {"id": 0, "tC": 20.9, "tF": 69.6}
    status["humidity:0"] = {"id": 0, "rh": 51.0}
    status["devicepower:0"] = _battery(64)
    status["sys"]["wakeup_period"] = 7200  # it reports every 2 h, or on a change
    return ShellyDevice(device_id, "G3", "sensor", "S3SN-0U12A", _asleep(status), settings)


def presence_sensor(device_id: str, *, name: str = "Presence G4") -> ShellyDevice:
    """A Presence Gen4: `presence:0`, two `presencezone:N`, `illuminance:0`."""
    status, settings = _g2_common(device_id, name)
    status["presence:0"] = {"id": 0, "num_objects": 1}
    status["presencezone:200"] = {"id": 200, "value": True, "num_objects": 1}
    status["presencezone:201"] = {"id": 201, "value": False, "num_objects": 0}
    status["illuminance:0"] = {"id": 0, "lux": 312, "illumination": "bright"}
    settings["presencezone:200"] = {"id": 200, "name": "Sofa"}
    settings["presencezone:201"] = {"id": 201, "name": "Desk"}
    return ShellyDevice(device_id, "G4", "sensor", "S4SN-0U61X", status, settings)


def addon_relay(device_id: str, *, name: str = "Boiler") -> ShellyDevice:
    """A Plus 1 with the Sensor Add-on and virtual components, its input a push button.

    Probes `temperature:100/101`, `humidity:100`, `voltmeter:100`; virtual
    `boolean:200`, `number:200`, `text:200`, `enum:200`; and `ledring:0`, a
    component Cloud Bridge does not know.
    """
    status, settings = _g2_common(device_id, name)
    status["switch:0"] = _g2_switch(0)
    status["input:0"] = {"id": 0, "state": None}
    settings["switch:0"] = {"id": 0, "name": None}
    settings["input:0"] = {"id": 0, "name": "Wall button", "type": "button"}
    for n, celsius in enumerate((55.5, 48.0)):
        status[f"temperature:{100 + n}"] = {"id": 100 + n, "tC": celsius, "tF": None}
        settings[f"temperature:{100 + n}"] = {"id": 100 + n, "name": ["Flow", "Return"][n]}
    status["humidity:100"] = {"id": 100, "rh": 62.5}
    status["voltmeter:100"] = {"id": 100, "voltage": 4.82, "xvoltage": None}
    virtual: dict[str, tuple[Any, str]] = {
        "boolean:200": (True, "Away"), "number:200": (21.5, "Setpoint"),
        "text:200": ("hello", "Note"), "enum:200": ("eco", "Mode"),
    }
    for key, (value, label) in virtual.items():
        status[key] = {"id": int(key.split(":")[1]), "value": value}
        settings[key] = {"id": int(key.split(":")[1]), "name": label}
    status["ledring:0"] = {"id": 0, "on": True}
    return ShellyDevice(device_id, "G2", "relay", "SNSW-001X16EU", status, settings)


# -- BLU behind a gateway ------------------------------------------------------------------------

def blu_gateway(device_id: str, *, name: str = "BLU Gateway") -> ShellyDevice:
    """A BLU Gateway: no function of its own beside relaying its BLU devices."""
    status, settings = _g2_common(device_id, name)
    status["ble"] = {}
    return ShellyDevice(device_id, "G2", "gateway", "SNGW-BT01", status, settings)


def _blu(device_id: str, gateway_id: str, code: str, parts: JsonDict, name: str) -> ShellyDevice:
    status: JsonDict = {
        **parts,
        "devicepower:0": {"id": 0, "battery": {"V": None, "percent": 97}},
        # The gateway that heard it last, its id in decimal.
        "reporter": {"id": str(int(gateway_id, 16)), "rssi": -71},
        "packetid:0": {"id": 0, "packetid": 42},
        "_dev_info": {"gen": "GBLE"},
    }
    return ShellyDevice(device_id, "GBLE", "ble", code, _asleep(status), {}, app_name=name)


def blu_door(device_id: str, gateway_id: str, *, name: str = "Garden door") -> ShellyDevice:
    """A BLU Door/Window: open or closed, its rotation, the light level."""
    parts = {"window:0": {"id": 0, "open": False, "rotation": 0},
             "illuminance:0": {"id": 0, "lux": 120}}
    return _blu(device_id, gateway_id, "SBDW-002C", parts, name)


def blu_motion(device_id: str, gateway_id: str, *, name: str = "Hall motion") -> ShellyDevice:
    """A BLU Motion: motion and the light level."""
    parts = {"motion:0": {"id": 0, "motion": False}, "illuminance:0": {"id": 0, "lux": 40}}
    return _blu(device_id, gateway_id, "SBMO-003Z", parts, name)


def blu_ht(device_id: str, gateway_id: str, *, name: str = "Cellar H&T") -> ShellyDevice:
    """A BLU H&T: temperature and humidity."""
    parts = {"temperature:0": {"id": 0, "tC": 12.4}, "humidity:0": {"id": 0, "rh": 71.0}}
    return _blu(device_id, gateway_id, "SBHT-003C", parts, name)


def blu_button(device_id: str, gateway_id: str, *, name: str = "Bedside button") -> ShellyDevice:
    """A BLU Button1: a button whose presses the status keeps no trace of."""
    parts = {"input:0": {"id": 0, "state": None, "percent": None, "errors": []}}
    return _blu(device_id, gateway_id, "SBBT-002C", parts, name)
