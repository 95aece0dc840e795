"""The domain model: entities, value objects and domain events. Imports the kernel only."""
