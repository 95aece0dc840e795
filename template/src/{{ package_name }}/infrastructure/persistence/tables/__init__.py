"""Table models; every module here is imported by ``metadata.load_tables``."""
