"""Helpers shared by the template tests (no test lives here)."""
