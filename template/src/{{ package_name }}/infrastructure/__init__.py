"""Adapters that implement the application ports, one package per concern."""
