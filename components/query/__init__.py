"""Selections and aggregations: the filter value, its fields, the DuckDB engine, the compiled queries."""
