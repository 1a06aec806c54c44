"""Adapters for data-processing frameworks. Each imports its framework lazily."""
