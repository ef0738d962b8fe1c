"""One module per command group. Modules import only click at the top, to keep start-up quick."""
