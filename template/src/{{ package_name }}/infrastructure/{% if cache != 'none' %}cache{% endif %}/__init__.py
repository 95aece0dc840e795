"""Cache adapters: the in-process LRU cache, the multi-level composition and serialisers."""
