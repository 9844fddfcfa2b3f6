"""The input spec: the pydantic model, the YAML loader, carry-forward, the starter, and indicator tables."""
