"""Typed observability: metrics, spans, structured log entries."""
