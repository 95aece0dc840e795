"""Task adapters: retrying tasks (stamina), the heap-backed job queue and the in-process worker."""
