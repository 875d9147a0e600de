"""Domain events: an outbox written with the change, delivered at least once."""

from core.events.dispatcher import Dispatcher, Event, EventHandler
from core.events.outbox import emit

__all__ = ["Dispatcher", "Event", "EventHandler", "emit"]
