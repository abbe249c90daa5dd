"""Output formats: one module per format; `records` chooses among them."""
