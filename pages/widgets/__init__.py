"""Reusable widgets: `show(key=...)` functions that own their session state."""
