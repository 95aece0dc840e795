"""Logging, health checks and other signals about the running service."""
