"""Benchmarks of rendered services; run them through nox, never from the test suite."""
