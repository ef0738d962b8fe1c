"""promo serve: the catalogue in a browser through Datasette (the optional extra promo[web])."""
