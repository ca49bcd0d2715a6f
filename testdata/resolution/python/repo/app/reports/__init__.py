"""Summaries for accounting."""
