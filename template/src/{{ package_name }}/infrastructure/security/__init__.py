"""Security adapters: API-key authentication, rate limiters and authenticated encryption."""
