"""SinricPro REST API and event stream: the client, its type table, actions and events."""

from .client import SinricProClient

__all__ = ["SinricProClient"]
