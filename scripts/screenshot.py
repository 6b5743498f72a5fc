"""Screenshot a page of the scripts/develop Home Assistant, logged in as demo, with headless Chromium.

With scripts/develop running, from the repository root:

    .venv/bin/python -m scripts.screenshot docs/images/devices.png

It logs in through the REST API, puts the tokens in the page's localStorage
(`hassTokens`, where the frontend keeps them), opens the page and waits until
the given text is shown. It drives Chromium over the DevTools protocol with
aiohttp from the venv: no Node, no downloaded browser. Not used by scripts/test.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
from collections.abc import AsyncIterator, Callable, Coroutine
import contextlib
import itertools
import json
from pathlib import Path
import shutil
import sys
import tempfile
import time
from typing import Any
import urllib.request

import aiohttp

from scripts.develop_setup import ROOT
from scripts.hass_api import HomeAssistantApi, SetupError, Tokens, client_id, log_in

HA_LOGO = "/static/icons/favicon-192x192.png"
TRANSPARENT_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
]

# Whether `text` is anywhere in the page, shadow roots included (the frontend is all web components).
DEEP_TEXT = """(text) => {
  const seen = (node) => {
    if (node.shadowRoot && seen(node.shadowRoot)) return true;
    for (const child of node.children || []) if (seen(child)) return true;
    return [...(node.childNodes || [])].some(
      (c) => c.nodeType === Node.TEXT_NODE && c.textContent.includes(text));
  };
  return seen(document.documentElement);
}"""


type EventHandler = Callable[[Page, str, dict[str, Any]], Coroutine[Any, Any, None]]


class Page:
    """A Chromium page target over the DevTools protocol."""

    def __init__(
        self,
        socket: aiohttp.ClientWebSocketResponse,
        on_event: EventHandler,
    ) -> None:
        """Use an open websocket to the page; on_event gets every event."""
        self._socket = socket
        self._ids = itertools.count(1)
        self._pending: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._on_event = on_event
        self._tasks: set[asyncio.Task[None]] = set()
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self._socket:
            data = json.loads(message.data)
            if "id" in data:
                future = self._pending.pop(data["id"])
                if "error" in data:
                    future.set_exception(SetupError(str(data["error"])))
                else:
                    future.set_result(data["result"])
            else:
                task = asyncio.create_task(
                    self._on_event(self, data["method"], data.get("params", {}))
                )
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)

    async def close(self) -> None:
        """Stop reading."""
        self._reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._reader

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Call a method and wait for its result."""
        call_id = next(self._ids)
        future = self._pending[call_id] = asyncio.get_running_loop().create_future()
        await self._socket.send_json(
            {"id": call_id, "method": method, "params": params}
        )
        try:
            return await asyncio.wait_for(future, 60)
        except SetupError as err:
            raise SetupError(f"{method}: {err}") from None

    async def evaluate(self, expression: str) -> Any:
        """Evaluate JavaScript in the page (promises awaited)."""
        answer = await self.send(
            "Runtime.evaluate",
            expression=expression,
            awaitPromise=True,
            returnByValue=True,
        )
        if "exceptionDetails" in answer:
            raise SetupError(f"JavaScript failed: {answer['exceptionDetails']}")
        return answer["result"].get("value")

    async def goto(self, url: str) -> None:
        """Navigate and wait until the document has loaded."""
        await self.send("Page.navigate", url=url)
        for _ in range(200):
            if await self.evaluate("document.readyState") == "complete":
                return
            await asyncio.sleep(0.1)
        raise SetupError(f"{url} did not load")


def brand_icons(url: str) -> EventHandler:
    """Answer the frontend's requests to brands.home-assistant.io without the internet.

    Cloud Bridge gets the icon it ships (custom_components/cloud_bridge/brand/, which
    Home Assistant 2026.3 and later serve themselves), or nothing while there is none;
    Home Assistant's own integrations get the Home Assistant logo, as on the real site.
    """
    ours = ROOT / "custom_components" / "cloud_bridge" / "brand" / "icon.png"
    with urllib.request.urlopen(url.rstrip("/") + HA_LOGO, timeout=30) as response:
        ha_logo: bytes = response.read()

    async def on_event(page: Page, method: str, params: dict[str, Any]) -> None:
        if method != "Fetch.requestPaused":
            return
        request_url: str = params["request"]["url"]
        if "/cloud_bridge/" in request_url:
            body = ours.read_bytes() if ours.exists() else TRANSPARENT_PNG
        else:
            body = ha_logo
        await page.send(
            "Fetch.fulfillRequest",
            requestId=params["requestId"],
            responseCode=200,
            responseHeaders=[
                {"name": "Content-Type", "value": "image/png"},
                # The frontend loads brand images with crossorigin="anonymous".
                {"name": "Access-Control-Allow-Origin", "value": "*"},
            ],
            body=base64.b64encode(body).decode(),
        )

    return on_event


async def _devtools_port(profile: Path, browser: asyncio.subprocess.Process) -> int:
    """The port Chromium chose, from the file it writes into its profile."""
    port_file = profile / "DevToolsActivePort"
    for _ in range(300):
        if browser.returncode is not None:
            raise SetupError(f"Chromium exited with status {browser.returncode}")
        with contextlib.suppress(FileNotFoundError, ValueError, IndexError):
            return int(port_file.read_text().splitlines()[0])
        await asyncio.sleep(0.1)
    raise SetupError("Chromium did not open its DevTools port")


def hass_tokens(url: str, tokens: Tokens) -> dict[str, Any]:
    """The tokens as the frontend keeps them in localStorage (`hassTokens`)."""
    return {
        "access_token": tokens.access_token,
        "refresh_token": tokens.refresh_token,
        "expires_in": tokens.expires_in,
        "expires": int(time.time() * 1000) + tokens.expires_in * 1000,
        "token_type": "Bearer",
        "hassUrl": url.rstrip("/"),
        "clientId": client_id(url),
    }


@contextlib.asynccontextmanager
async def logged_in_page(
    url: str,
    tokens: Tokens,
    *,
    chromium: str = "/usr/bin/chromium",
    width: int = 1400,
    height: int = 900,
) -> AsyncIterator[Page]:
    """Start headless Chromium with a fresh profile; a page of `url` logged in with `tokens`.

    The page is on a document of the origin (its manifest): `goto` the page wanted. Chromium
    and its profile are gone when the block ends.
    """
    profile = Path(tempfile.mkdtemp(prefix="cloud-bridge-chromium-"))
    browser: asyncio.subprocess.Process | None = None
    try:
        browser = await asyncio.create_subprocess_exec(
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            "about:blank",
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        port = await _devtools_port(profile, browser)
        async with aiohttp.ClientSession() as session:
            async with session.get(f"http://127.0.0.1:{port}/json/list") as response:
                targets = await response.json()
            target = next(t for t in targets if t["type"] == "page")
            async with session.ws_connect(
                target["webSocketDebuggerUrl"], max_msg_size=0
            ) as socket:
                page = Page(socket, brand_icons(url))
                try:
                    await page.send(
                        "Fetch.enable",
                        patterns=[{"urlPattern": "https://brands.home-assistant.io/*"}],
                    )
                    await page.send(
                        "Emulation.setDeviceMetricsOverride",
                        width=width,
                        height=height,
                        deviceScaleFactor=1,
                        mobile=False,
                    )
                    # Any page of the origin will do to reach its localStorage.
                    await page.goto(url.rstrip("/") + "/manifest.json")
                    stored = json.dumps(hass_tokens(url, tokens))
                    await page.evaluate(
                        f"localStorage.setItem('hassTokens', {json.dumps(stored)})"
                    )
                    yield page
                finally:
                    await page.close()
    finally:
        if browser is not None and browser.returncode is None:
            browser.terminate()
            await browser.wait()
        # Chromium's helper processes may still write into the profile for a moment.
        for _ in range(50):
            shutil.rmtree(profile, ignore_errors=True)
            if not profile.exists():
                break
            await asyncio.sleep(0.1)


async def wait_for_text(page: Page, text: str, seconds: float) -> None:
    """Wait until `text` is shown anywhere in the page, shadow roots included."""
    deadline = time.monotonic() + seconds
    while not await page.evaluate(f"({DEEP_TEXT})({json.dumps(text)})"):
        if time.monotonic() > deadline:
            raise SetupError(f"{text!r} not shown after {seconds} s")
        await asyncio.sleep(0.5)


async def save_png(page: Page, output: Path) -> None:
    """Save what the page shows now as a PNG."""
    shot = await page.send("Page.captureScreenshot", format="png")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(base64.b64decode(shot["data"]))


async def screenshot(args: argparse.Namespace) -> None:
    """Log in, open the page, wait for the text, save the PNG."""
    tokens = log_in(HomeAssistantApi(args.url), args.username, args.password)
    async with logged_in_page(
        args.url, tokens, chromium=args.chromium, width=args.width, height=args.height
    ) as page:
        await page.goto(args.url.rstrip("/") + args.path)
        await wait_for_text(page, args.wait_for, args.timeout)
        await asyncio.sleep(args.settle)  # Let icons and fonts finish.
        await save_png(page, args.output)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.screenshot",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("output", type=Path, help="the PNG to write")
    parser.add_argument("--url", default="http://127.0.0.1:8123")
    parser.add_argument("--path", default="/config/devices/dashboard")
    parser.add_argument(
        "--wait-for", default="Coffee Machine Bot", help="text to wait for"
    )
    parser.add_argument("--username", default="demo")
    parser.add_argument("--password", default="demo")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument(
        "--settle", type=float, default=2.0, help="seconds after the text shows"
    )
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    return parser.parse_args()


def main() -> int:
    """Entry point: 0 on success, 1 with a message on stderr otherwise."""
    args = _arguments()
    try:
        asyncio.run(screenshot(args))
    except (SetupError, OSError, aiohttp.ClientError, TimeoutError) as err:
        print(f"screenshot: {err}", file=sys.stderr)
        return 1
    print(f"Wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
