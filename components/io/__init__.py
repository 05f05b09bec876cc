"""Files in and out: the Parquet/CSV store, ACLED/UCDP importers, article proposals, table export."""
