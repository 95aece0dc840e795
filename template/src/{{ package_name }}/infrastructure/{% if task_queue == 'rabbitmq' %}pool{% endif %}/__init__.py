"""A generic async pool for resources that have no pool of their own."""
