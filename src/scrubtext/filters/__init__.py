"""Filter families, one module each. The registry (``scrubtext.registry``) lists them."""
