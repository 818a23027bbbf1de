"""Data shipped with the desk (policy packs, fonts, demo data), found through importlib.resources."""
