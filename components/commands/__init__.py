"""Command-line programs that span the layers (their stable ``python -m`` entry points are shims)."""
