"""Sign-ins that a cloud's push needs beside the account's key, hosted by Home Assistant's OAuth2 helper."""

from __future__ import annotations

from typing import Any, cast

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import config_entry_oauth2_flow
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from yarl import URL

from .api import CLIENTS, Vendor
from .api.client import SignIn
from .const import DOMAIN


def implementation_key(vendor: Vendor) -> str:
    """The name the entry stores its sign-in under (`auth_implementation`)."""
    return f"{DOMAIN}_{vendor}"


class CloudSignIn(config_entry_oauth2_flow.LocalOAuth2Implementation):
    """One cloud's code flow: Home Assistant's state and redirect, the cloud's pages and grants."""

    def __init__(self, hass: HomeAssistant, vendor: Vendor, sign_in: SignIn) -> None:
        # No client secret and no token URL of our own: the cloud's grants say where.
        super().__init__(hass, implementation_key(vendor), "", "", "", "")
        self._sign_in = sign_in

    @property
    def name(self) -> str:
        return self._sign_in.name

    async def async_generate_authorize_url(self, flow_id: str) -> str:
        # Home Assistant makes the signed state and picks the redirect (My
        # Home Assistant where it is set up); the cloud makes the page's URL.
        ours = URL(await super().async_generate_authorize_url(flow_id))
        return self._sign_in.authorize_url(
            ours.query["redirect_uri"], ours.query["state"]
        )

    async def async_resolve_external_data(self, external_data: Any) -> dict[str, Any]:
        code = cast(dict[str, Any], external_data)["code"]
        return await self._sign_in.async_exchange(
            async_get_clientsession(self.hass), str(code)
        )

    async def _async_refresh_token(self, token: dict[str, Any]) -> dict[str, Any]:
        return await self._sign_in.async_refresh(
            async_get_clientsession(self.hass), token
        )


@callback
def async_register_sign_ins(hass: HomeAssistant) -> None:
    """Offer the sign-in of every cloud whose push needs one."""
    for vendor, client in CLIENTS.items():
        if client.sign_in is not None:
            config_entry_oauth2_flow.async_register_implementation(
                hass, DOMAIN, CloudSignIn(hass, vendor, client.sign_in)
            )
