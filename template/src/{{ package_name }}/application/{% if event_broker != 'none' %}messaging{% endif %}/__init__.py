"""Messaging ports: handlers, brokers, dead letters, and the typed event bus built on them."""
