"""Prefect flows: thin wiring of storymine's library functions."""
