"""SwitchBot's physical device types: every `deviceType` of the device list and its profile.

One profile per `deviceType` of the device list. A profile builds the device's
channel, reads a status body or a webhook `context` into it (the two share
field names, except `power`/`powerState`), and encodes neutral commands as
the document's command table gives them. The profiles live with their family
(sensors, switches, covers, locks, lights, appliances, keypads); this table
joins them.
"""

from __future__ import annotations

from .covers import COVERS
from .displays import DISPLAYS
from .fans import FANS
from .humidifiers import HUMIDIFIERS
from .keypad import KEYPAD
from .lights import LIGHTS
from .locks import LOCKS
from .profile import Profile
from .radiators import RADIATORS
from .sensors import SENSORS
from .switches import SWITCHES
from .vacuums import VACUUMS

PROFILES: dict[str, Profile] = {
    **SWITCHES,
    **COVERS,
    **LOCKS,
    **SENSORS,
    **LIGHTS,
    **FANS,
    **HUMIDIFIERS,
    **VACUUMS,
    **RADIATORS,
    **DISPLAYS,
    "Keypad": KEYPAD,
    "Keypad Touch": KEYPAD,
    "Keypad Vision": KEYPAD,
    "Keypad Vision Pro": KEYPAD,
}
# Hubs without sensors of their own: a device entry, parent of those behind it.
HUB_TYPES = {"Hub", "Hub Plus", "Hub Mini", "AI Hub"}

# Device types the list spells otherwise than the product is called; the rest
# are the product's name already ("Bot", "Hub 2", "Plug Mini (US)").
PRODUCT_NAMES = {
    "Curtain3": "Curtain 3",
    "MeterPlus": "Meter Plus",
    "WoIOSensor": "Outdoor Meter",
    "MeterPro": "Meter Pro",
    "MeterPro(CO2)": "Meter Pro CO2",
    "WeatherStation": "Weather Station",
    "Water Detector": "Water Leak Detector",
    "Smart Lock Pro Wifi": "Lock Pro (Matter)",
    "Smart Lock Ultra": "Lock Ultra",
    "Humidifier2": "Evaporative Humidifier",
    "K10+": "Mini Robot Vacuum K10+",
    "K10+ Pro": "Mini Robot Vacuum K10+ Pro",
    "Robot Vacuum Cleaner K10+ Pro Combo": "K10+ Pro Combo",
    "Robot Vacuum Cleaner S10": "Floor Cleaning Robot S10",
    "Robot Vacuum Cleaner S20": "Floor Cleaning Robot S20",
    "Robot Vacuum Cleaner K11+": "Robot Vacuum K11+",
    "Robot Vacuum Cleaner K20 Plus Pro": "K20+ Pro",
}

# Webhook `deviceType` names → device-list names: the document's webhook table
# and the spellings its samples and real events use. An event for a listed
# device is read with that device's own profile whatever it is called here;
# this names the type of an event from a device the list does not hold yet.
WEBHOOK_TYPES = {
    "WoHand": "Bot",
    "WoCurtain": "Curtain",
    "WoCurtain3": "Curtain3",
    "WoPresence": "Motion Sensor",
    "WoContact": "Contact Sensor",
    "WoLock": "Smart Lock",
    "WoLockPro": "Smart Lock Pro",
    "WoLock Pro Matter Enabled": "Smart Lock Pro Wifi",
    "WoLockProWifi": "Smart Lock Pro Wifi",
    "WoLockLite": "Lock Lite",
    "Lock Lite": "Lock Lite",
    "Smart Lock Ultra": "Smart Lock Ultra",
    "Lock Ultra": "Lock Ultra",
    "Lock Vision": "Lock Vision",
    "W1141000": "Lock Vision",
    "Lock Vision Pro": "Lock Vision Pro",
    "W1141001": "Lock Vision Pro",
    "WoCamera": "Indoor Cam",
    "WoPanTiltCam": "Pan/Tilt Cam",
    "WoBulb": "Color Bulb",
    "WoStrip": "Strip Light",
    "WoPlugUS": "Plug Mini (US)",
    "WoPlugJP": "Plug Mini (JP)",
    "WoPlugEU": "Plug Mini (EU)",
    "Plug Mini (EU)": "Plug Mini (EU)",
    "WoMeter": "Meter",
    "WoMeterPlus": "MeterPlus",
    "WoIOSensor": "WoIOSensor",
    "MeterPro": "MeterPro",
    "MeterPro(CO2)": "MeterPro(CO2)",
    "WeatherStation": "WeatherStation",
    "WoCeiling": "Ceiling Light",
    "WoCeilingPro": "Ceiling Light Pro",
    "WoHub2": "Hub 2",
    "WoHub3": "Hub 3",
    "Hub 3": "Hub 3",
    "WoFan2": "Battery Circulator Fan",
    "Standing Fan": "Standing Circulator Fan",
    "WoSweeper": "Robot Vacuum Cleaner S1",
    "WoSweeperPlus": "Robot Vacuum Cleaner S1 Plus",
    "WoSweeperMini": "K10+",
    "WoSweeperMiniPro": "K10+ Pro",
    "Robot Vacuum Cleaner K10+ Pro Combo": "Robot Vacuum Cleaner K10+ Pro Combo",
    "Robot Vacuum Cleaner S10": "Robot Vacuum Cleaner S10",
    "Robot Vacuum Cleaner S20": "Robot Vacuum Cleaner S20",
    "Robot Vacuum Cleaner s20": "Robot Vacuum Cleaner S20",
    "Robot Vacuum Cleaner K11 Plus": "Robot Vacuum Cleaner K11+",
    "Robot Vacuum Cleaner K20+ Pro": "Robot Vacuum Cleaner K20 Plus Pro",
    "K20+ Pro": "Robot Vacuum Cleaner K20 Plus Pro",
    "WoKeypad": "Keypad",
    "WoKeypadTouch": "Keypad Touch",
    "Keypad Vision": "Keypad Vision",
    "Keypad Vision Pro": "Keypad Vision Pro",
    "Water Detector": "Water Detector",
    "Presence Sensor": "Presence Sensor",
    "Humidifier2": "Humidifier2",
    "Air Purifier VOC": "Air Purifier VOC",
    "Air Purifier Table VOC": "Air Purifier Table VOC",
    "Air Purifier PM2.5": "Air Purifier PM2.5",
    "Air Purifier Table PM2.5": "Air Purifier Table PM2.5",
    "WoRollerShade": "Roller Shade",
    "Relay Switch 1PM": "Relay Switch 1PM",
    "Relay Switch 1": "Relay Switch 1",
    "Relay Switch 2PM": "Relay Switch 2PM",
    "Garage Door Opener": "Garage Door Opener",
    "Floor Lamp": "Floor Lamp",
    "Strip Light 3": "Strip Light 3",
    "RGBICWW Strip Light": "RGBICWW Strip Light",
    "RGBICWW Floor Lamp": "RGBICWW Floor Lamp",
    "RGBIC Neon Rope Light": "RGBIC Neon Rope Light",
    "RGBIC Neon Wire Rope Light": "RGBIC Neon Wire Rope Light",
    "Candle Warmer Lamp": "Candle Warmer Lamp",
    "Smart Radiator Thermostat": "Smart Radiator Thermostat",
    "Video Doorbell": "Video Doorbell",
    "climate Panel": "Home Climate Panel",
    "AI Art Frame": "AI Art Frame",
}
