"""Writers of every list the office keeps: one module per list, each with add/update/remove functions that
take a connection and a dict of fields as typed (command line or spreadsheet row), check every field, report
every problem at once, and write inside the caller's transaction, returning the row and a 'summary' (run one
through promo.db.change, or many inside one promo.db.write for an import)."""
