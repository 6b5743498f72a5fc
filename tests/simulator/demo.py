"""Demo accounts for the three simulated clouds (stable fake ids and obviously fake keys)."""

from __future__ import annotations

from .shelly import ShellyCloud
from .shelly.devices import gen1_relay, gen2_ht, gen2_switch
from .sinricpro import SinricProCloud
from .switchbot import SwitchBotCloud

DEMO_SWITCHBOT_TOKEN = "demo-switchbot-token"
DEMO_SWITCHBOT_SECRET = "demo-switchbot-secret"
DEMO_SHELLY_AUTH_KEY = "demo-shelly-auth-key"
DEMO_SINRICPRO_API_KEY = "demo-sinricpro-api-key"

HUB_MINI = "D1A2B3C4D5E6"
HUB_2 = "D1A2B3C4D5E7"

SHELLY_1PM = "a1b2c3d4e5f1"
SHELLY_25 = "a1b2c3d4e5f2"
SHELLY_PLUS_2PM = "a1b2c3d4e5f3"
SHELLY_PLUG_S = "a1b2c3d4e5f4"
SHELLY_HT = "a1b2c3d4e5f5"
DEMO_SHELLY_DEVICE_IDS = [SHELLY_1PM, SHELLY_25, SHELLY_PLUS_2PM, SHELLY_PLUG_S, SHELLY_HT]


def populate_switchbot(cloud: SwitchBotCloud) -> None:
    """A typical SwitchBot home: two hubs, plugs, sensors, a curtain, a lock, IR remotes."""
    cloud.add_device(HUB_MINI, "Hub Mini", "Hub Mini Living Room")
    cloud.add_device(
        HUB_2, "Hub 2", "Hub 2 Bedroom",
        status={"temperature": 21.4, "humidity": 52, "lightLevel": 9},
    )
    cloud.add_device("C1A2B3C4D5E1", "Bot", "Coffee Machine Bot", hub_id=HUB_MINI)
    cloud.add_device("C1A2B3C4D5E2", "Plug", "Desk Plug", status={"power": "on"})
    cloud.add_device("C1A2B3C4D5E3", "Plug Mini (US)", "TV Plug Mini")
    cloud.add_device(
        "C1A2B3C4D5E4", "Plug Mini (JP)", "Kettle Plug Mini",
        status={"power": "off", "voltage": 100.6, "weight": 0.0, "electricCurrent": 0.0},
    )
    cloud.add_device(
        "C1A2B3C4D5E5", "Meter", "Kitchen Meter", hub_id=HUB_MINI,
        status={"temperature": 23.1, "humidity": 41, "battery": 88},
    )
    cloud.add_device(
        "C1A2B3C4D5E6", "MeterPlus", "Nursery Meter Plus", hub_id=HUB_2,
        status={"temperature": 22.4, "humidity": 50, "battery": 97},
    )
    cloud.add_device(
        "C1A2B3C4D5E7", "WoIOSensor", "Balcony Outdoor Meter", hub_id=HUB_2,
        status={"temperature": 9.8, "humidity": 71, "battery": 64},
    )
    cloud.add_device(
        "C1A2B3C4D5E8", "Curtain", "Living Room Curtain", hub_id=HUB_MINI,
        status={"slidePosition": 100},
    )
    cloud.add_device("C1A2B3C4D5E9", "Color Bulb", "Reading Lamp", status={"power": "on"})
    cloud.add_device("C1A2B3C4D5EA", "Smart Lock", "Front Door", hub_id=HUB_2)
    cloud.add_device("C1A2B3C4D5EB", "Motion Sensor", "Hallway Motion", hub_id=HUB_MINI)
    cloud.add_device("C1A2B3C4D5EC", "Contact Sensor", "Back Door Contact", hub_id=HUB_2)
    cloud.add_remote("02-202401011200-11", "TV", "Living Room TV", HUB_MINI)
    cloud.add_remote("02-202401011200-12", "Air Conditioner", "Bedroom AC", HUB_2)
    cloud.add_scene("T02-202401011300-01", "Good Night")
    cloud.add_scene("T02-202401011300-02", "Leaving Home")


def populate_shelly(cloud: ShellyCloud) -> None:
    """Gen1 1PM and 2.5 relays, a Plus 2PM with named channels, a Plus Plug S, an H&T."""
    cloud.add(gen1_relay(SHELLY_1PM, code="SHSW-PM", name="Garden Pump", loads=[450.0]))
    cloud.add(
        gen1_relay(
            SHELLY_25, code="SHSW-25", name="Hallway 2.5", relays=2,
            channel_names=["Hallway Ceiling", "Hallway Spots"], loads=[35.0, 20.0],
        )
    )
    cloud.add(
        gen2_switch(
            SHELLY_PLUS_2PM, name="Kitchen Plus 2PM",
            channel_names=["Kitchen Ceiling", "Kitchen Counter"], loads=[60.0, 24.0],
        )
    )
    cloud.add(
        gen2_switch(
            SHELLY_PLUG_S, code="SNPL-00112EU", name="Washing Machine", channels=1,
            channel_names=["Washing Machine"], loads=[1850.0],
        )
    )
    cloud.add(gen2_ht(SHELLY_HT, name="Bathroom H&T"))


def populate_sinricpro(cloud: SinricProCloud) -> None:
    """One device of each common type."""
    cloud.add_device("65a1b2c3d4e5f60718293a01", "SWITCH", "Fan Switch")
    cloud.add_device("65a1b2c3d4e5f60718293a02", "LIGHT", "Desk Light", powerState="On")
    cloud.add_device(
        "65a1b2c3d4e5f60718293a03", "TEMPERATURESENSOR", "Attic Sensor",
        temperature=27.3, humidity=38.0,
    )
    cloud.add_device("65a1b2c3d4e5f60718293a04", "BLIND", "Office Blind", rangeValue=60)
    cloud.add_device("65a1b2c3d4e5f60718293a05", "SMARTLOCK", "Garage Lock")
    cloud.add_device("65a1b2c3d4e5f60718293a06", "CONTACT_SENSOR", "Window Contact")
