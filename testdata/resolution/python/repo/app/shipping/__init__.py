"""Parcels and customs."""
