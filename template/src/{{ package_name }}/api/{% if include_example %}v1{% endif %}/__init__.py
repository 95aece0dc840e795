"""Version 1 of the public HTTP API."""
