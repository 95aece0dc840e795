"""Framework-free building blocks shared by every layer: results, errors, protocols."""
