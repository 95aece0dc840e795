"""Redis adapters: the shared cache, rate limiters, token store and pub/sub on one pool."""
