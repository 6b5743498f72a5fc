"""SwitchBot's physical device types: every `deviceType` of the device list and its profile.

One profile per `deviceType` of the device list. A profile builds the device's
channel, reads a status body or a webhook `context` into it (the two share
field names, except `power`/`powerState`), and encodes neutral commands as
the document's command table gives them. The profiles live with their family
(sensors, switches, covers, locks, lights, appliances, keypads); this table
joins them.
"""

from __future__ import annotations

from .appliances import CIRCULATOR_FAN, HUMIDIFIER, SMART_FAN, VACUUM
from .covers import COVERS
from .keypad import KEYPAD
from .lights import LIGHTS
from .locks import LOCKS
from .profile import Profile
from .sensors import SENSORS
from .switches import SWITCHES

PROFILES: dict[str, Profile] = {
    **SWITCHES,
    **COVERS,
    **LOCKS,
    **SENSORS,
    **LIGHTS,
    "Humidifier": HUMIDIFIER,
    "Battery Circulator Fan": CIRCULATOR_FAN,
    "Smart Fan": SMART_FAN,
    "Robot Vacuum Cleaner S1": VACUUM,
    "Robot Vacuum Cleaner S1 Plus": VACUUM,
    "Keypad": KEYPAD,
    "Keypad Touch": KEYPAD,
}
HUB_TYPES = {"Hub", "Hub Plus", "Hub Mini"}

# Device types the list spells otherwise than the product is called; the rest
# are the product's name already ("Bot", "Hub 2", "Plug Mini (US)").
PRODUCT_NAMES = {
    "Curtain3": "Curtain 3",
    "MeterPlus": "Meter Plus",
    "WoIOSensor": "Outdoor Meter",
}

# Webhook `deviceType` names → device-list names (vendor notes and the webhook table).
WEBHOOK_TYPES = {
    "WoHand": "Bot",
    "WoCurtain": "Curtain",
    "WoCurtain3": "Curtain3",
    "WoPresence": "Motion Sensor",
    "WoContact": "Contact Sensor",
    "WoLock": "Smart Lock",
    "WoCamera": "Indoor Cam",
    "WoPanTiltCam": "Pan/Tilt Cam",
    "WoBulb": "Color Bulb",
    "WoStrip": "Strip Light",
    "WoPlugUS": "Plug Mini (US)",
    "WoPlugJP": "Plug Mini (JP)",
    "WoMeter": "Meter",
    "WoMeterPlus": "MeterPlus",
    "WoIOSensor": "WoIOSensor",
    "WoCeiling": "Ceiling Light",
    "WoCeilingPro": "Ceiling Light Pro",
    "WoHub2": "Hub 2",
    "WoFan2": "Battery Circulator Fan",
    "WoSweeper": "Robot Vacuum Cleaner S1",
    "WoSweeperPlus": "Robot Vacuum Cleaner S1 Plus",
    "WoKeypad": "Keypad",
    "WoKeypadTouch": "Keypad Touch",
}
