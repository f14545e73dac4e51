"""Which other registries the user allowed downloads from, remembered per host in the
`trusted_registries` setting: space-separated entries, `host` (HTTPS) or `http://host`
(plain HTTP, agreed to after a warning)."""

from __future__ import annotations

from desktop.services.settings_store import SettingsStore

KEY = "trusted_registries"


def _entries(settings: SettingsStore) -> dict[str, bool]:
    out: dict[str, bool] = {}
    for item in str(settings.get(KEY) or "").split():
        plain = item.lower().startswith("http://")
        host = item.split("://", 1)[-1].strip("/").lower()
        if host:
            out[host] = plain
    return out


def trust_of(settings: SettingsStore, host: str) -> tuple[bool, bool]:
    """(allowed, plain HTTP allowed) for ``host``."""
    entries = _entries(settings)
    key = host.lower()
    return key in entries, entries.get(key, False)


def remember(settings: SettingsStore, host: str, *, allowed: bool, insecure: bool) -> None:
    """Store the user's choice for ``host`` (forget it when not allowed)."""
    entries = _entries(settings)
    key = host.lower()
    if allowed:
        entries[key] = insecure
    else:
        entries.pop(key, None)
    text = " ".join(f"http://{h}" if plain else h for h, plain in sorted(entries.items()))
    if text != str(settings.get(KEY) or ""):
        settings.set(KEY, text)
