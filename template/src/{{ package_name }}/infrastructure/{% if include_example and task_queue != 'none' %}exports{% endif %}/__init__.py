"""Export adapters: CSV files on the local disk for the catalogue export job."""
