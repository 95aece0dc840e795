"""Use cases, their ports and DTOs. Imports the domain and the kernel only."""
