"""The example bounded context: a product catalog (entity, status and domain events)."""
