"""Exchanging every list with Excel/WPS: reading workbooks and CSVs, header aliases, per-list adapters, export."""
