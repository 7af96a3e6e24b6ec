"""Helpers shared by test areas (one copy of each)."""
