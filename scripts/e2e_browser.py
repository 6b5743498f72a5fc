"""The end-to-end checks in headless Chromium: the Add integration dialog and a device page."""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
from pathlib import Path
import time
from typing import Any, cast

from scripts.develop_setup import DEMO_SHELLY_AUTH_KEY
from scripts.e2e_checks import Entity
from scripts.e2e_support import HEIGHT, STEP_TIMEOUT, WIDTH, Failed, Report
from scripts.hass_api import (
    DOMAIN,
    PASSWORD,
    USERNAME,
    HomeAssistantApi,
    HttpError,
    log_in,
)
from scripts.screenshot import Page, logged_in_page, save_png

# -- the browser ----------------------------------------------------------------------

# The visible elements matching a CSS selector whose text (shadow roots included)
# contains `text`, anywhere in the page: [{x, y, width, height, text}].
FIND = """(selector, text) => {
  const deepText = (node) => {
    let out = node.nodeType === Node.TEXT_NODE ? node.textContent : '';
    // The text as rendered: a shadow root instead of the light children, and in it
    // each slot with what is assigned to it (or else its own content).
    const assigned = node.tagName === 'SLOT' ? node.assignedNodes({flatten: true}) : [];
    const shown = node.shadowRoot
      ? [node.shadowRoot]
      : assigned.length ? assigned : node.childNodes || [];
    for (const child of shown) out += deepText(child);
    return out;
  };
  const found = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.matches(selector)) found.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return found
    .map((el) => [el, el.getBoundingClientRect(), deepText(el).replace(/\\s+/g, ' ').trim()])
    .filter(([el, r, t]) => r.width > 0 && r.height > 0 && t.includes(text || ''))
    .map(([el, r, t]) => ({x: r.x, y: r.y, width: r.width, height: r.height, text: t,
                           expanded: el.expanded ?? null, checked: el.checked ?? null}));
}"""


async def find(page: Page, selector: str, text: str = "") -> list[dict[str, Any]]:
    """The visible elements matching the selector and text, shadow roots pierced."""
    found = await page.evaluate(f"({FIND})({json.dumps(selector)}, {json.dumps(text)})")
    return cast(list[dict[str, Any]], found)


async def wait_shown(
    page: Page, selector: str, text: str = "", seconds: float = STEP_TIMEOUT
) -> dict[str, Any]:
    """Wait until such an element is visible and has stopped moving (dialog animations)."""
    deadline = time.monotonic() + seconds
    last: dict[str, Any] | None = None
    while True:
        found = await find(page, selector, text)
        here = found[0] if found else None
        if here is not None and here == last:
            return here
        if time.monotonic() > deadline:
            raise Failed(
                f"no {selector} {'with ' + repr(text) + ' ' if text else ''}"
                f"shown after {seconds:.0f} s"
            )
        last = here
        await asyncio.sleep(0.3)


async def click(page: Page, selector: str, text: str = "") -> None:
    """Click the middle of the element with the mouse, as a user would."""
    box = await wait_shown(page, selector, text)
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    await page.send("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
    for kind in ("mousePressed", "mouseReleased"):
        await page.send(
            "Input.dispatchMouseEvent",
            type=kind,
            x=x,
            y=y,
            button="left",
            clickCount=1,
        )


async def save_dialog(page: Page, title: str, output: Path) -> None:
    """Save the open dialog with the given title and a margin of the page around it."""
    dialog = await wait_shown(page, ".mdc-dialog__surface", title)
    margin = 16
    x, y = max(0, dialog["x"] - margin), max(0, dialog["y"] - margin)
    shot = await page.send(
        "Page.captureScreenshot",
        format="png",
        clip={
            "x": x,
            "y": y,
            "width": min(WIDTH - x, dialog["width"] + 2 * margin),
            "height": min(HEIGHT - y, dialog["height"] + 2 * margin),
            "scale": 1,
        },
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(base64.b64decode(shot["data"]))


# The step of the config flow dialog, as the frontend got it from Home Assistant.
STEP_SHOWN = """(() => {
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.tagName === 'DIALOG-DATA-ENTRY-FLOW' && el._step) return el._step;
      const inner = el.shadowRoot && walk(el.shadowRoot);
      if (inner) return inner;
    }
    return null;
  };
  const step = walk(document);
  return step && {flow_id: step.flow_id, handler: step.handler, step_id: step.step_id};
})()"""


async def _add_integration(page: Page, url: str) -> None:
    """Open Add integration → Cloud Bridge, up to its menu."""
    await page.goto(f"{url}/config/integrations/dashboard")
    await wait_shown(page, "ha-integration-card", "Cloud Bridge", 60)
    await click(page, "ha-fab", "Add integration")
    await click(page, "search-input")
    await page.send("Input.insertText", text="Cloud Bridge")
    await click(page, "ha-integration-list-item", "Cloud Bridge")
    await wait_shown(page, "step-flow-menu", "Which cloud is the account at?")


async def _type(page: Page, label: str, text: str) -> None:
    """Type into the text field labelled so (another's help text may name it too)."""
    await wait_shown(page, "ha-textfield", label)
    field = next(
        f for f in await find(page, "ha-textfield", label) if f["text"].startswith(label)
    )
    x, y = field["x"] + field["width"] / 2, field["y"] + field["height"] / 2
    for kind in ("mousePressed", "mouseReleased"):
        await page.send(
            "Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1
        )
    await page.send("Input.insertText", text=text)


async def shelly_devices_step(
    page: Page, url: str, shelly: str, report: Report, images: Path
) -> None:
    """Shelly Cloud with no ids typed: the next step lists the devices found, all ticked."""
    await _add_integration(page, url)
    await click(page, "mwc-list-item", "Shelly Cloud")
    await wait_shown(page, "step-flow-form", "Shelly Cloud account")
    await _type(page, "Server", shelly)
    await _type(page, "Authorization cloud key", DEMO_SHELLY_AUTH_KEY)
    await click(page, "mwc-button, ha-button, ha-progress-button", "Submit")
    title = "Choose the Shelly devices"
    await wait_shown(page, "step-flow-form", title)
    boxes = await find(page, "ha-checkbox")
    report.check(
        "with no ids typed, the Shelly step lists the devices found, all ticked",
        bool(boxes) and all(box.get("checked") for box in boxes),
        f"boxes: {boxes}",
    )
    await asyncio.sleep(1)
    await save_dialog(page, title, images / "shelly-choose-devices.png")


async def browser_checks(
    args: argparse.Namespace,
    url: str,
    api: HomeAssistantApi,
    device: Entity,
    report: Report,
    shelly: str,
) -> None:
    """Walk the add-integration dialog to the SwitchBot form and Shelly's device list; a device page."""
    tokens = log_in(HomeAssistantApi(url), USERNAME, PASSWORD)
    async with logged_in_page(
        url, tokens, chromium=args.chromium, width=WIDTH, height=HEIGHT
    ) as page:
        await page.goto(f"{url}/config/integrations/dashboard")
        await wait_shown(page, "ha-integration-card", "Cloud Bridge", 60)
        report.check("the integrations page shows the Cloud Bridge card", True)

        await click(page, "ha-fab", "Add integration")
        await click(page, "search-input")
        await page.send("Input.insertText", text="Cloud Bridge")
        await click(page, "ha-integration-list-item", "Cloud Bridge")
        title = "Which cloud is the account at?"
        await wait_shown(page, "step-flow-menu", title)
        options = [
            item["text"] for item in await find(page, "step-flow-menu mwc-list-item")
        ]
        if not options:  # The items sit in the menu step's shadow root.
            options = [item["text"] for item in await find(page, "mwc-list-item")]
        report.check(
            "the menu offers SwitchBot, Shelly Cloud and SinricPro",
            options == ["SwitchBot", "Shelly Cloud", "SinricPro"],
            f"it offers {options}",
        )
        await asyncio.sleep(1)  # Let the icons load.
        await save_dialog(page, title, args.images / "config-flow-menu.png")

        await click(page, "mwc-list-item", "SwitchBot")
        await wait_shown(page, "step-flow-form", "SwitchBot account")
        fields = [f["text"] for f in await find(page, "ha-textfield")]
        report.check(
            "the SwitchBot form asks for Token and Secret key",
            any("Token" in f for f in fields)
            and any("Secret key" in f for f in fields),
            f"its fields: {fields}",
        )
        panels = await find(page, "ha-expansion-panel", "Advanced")
        report.check(
            "the SwitchBot form has a collapsed Advanced section",
            len(panels) == 1 and panels[0]["expanded"] is False,
            f"panels: {panels}",
        )
        # The step the dialog shows, as Home Assistant sent it, and the same flow asked
        # for again through the REST API: the form is the backend's, not a leftover.
        step = await page.evaluate(STEP_SHOWN) or {}
        try:
            again = api.request(
                "GET", f"/api/config/config_entries/flow/{step.get('flow_id')}"
            )
        except HttpError as err:
            again = {"error": str(err)}
        report.check(
            "the dialog shows Home Assistant's switchbot step of a Cloud Bridge flow",
            step.get("handler") == DOMAIN
            and step.get("step_id") == again.get("step_id") == "switchbot",
            f"the dialog shows {step}, the flow is at {again}",
        )
        await asyncio.sleep(1)
        await save_dialog(
            page, "SwitchBot account", args.images / "config-flow-switchbot.png"
        )

        await shelly_devices_step(page, url, shelly, report, args.images)

        await page.goto(f"{url}/config/devices/device/{device.device_id}")
        await wait_shown(page, "ha-card", "Kitchen Counter")
        report.check(f"the device page of {device.name} shows its controls", True)
        # The logbook card lists what the switch checks just did.
        await wait_shown(page, "ha-card", "turned off")
        report.check("its logbook shows the switching", True)
        await asyncio.sleep(2)  # Let icons and fonts finish.
        await save_png(page, args.images / "device-page.png")
