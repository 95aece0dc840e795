"""In-process messaging: the topic broker with retries and dead letters, and its wiring."""
