"""The `desk` command line: thin wrappers over the core, one module per command group."""
