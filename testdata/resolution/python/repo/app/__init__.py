"""A shop: billing, shipping and reports."""
