"""promo: an investment-promotion (招商引资) catalogue for zone management committees."""

__version__ = "0.1.0"
