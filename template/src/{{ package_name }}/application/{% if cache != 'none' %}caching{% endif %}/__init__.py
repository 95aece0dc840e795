"""Caching ports and the ``cached`` decorator; adapters live in ``infrastructure.cache``."""
