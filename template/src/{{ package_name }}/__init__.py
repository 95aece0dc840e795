"""The service: its layers, its settings, its composition root and its command line."""
