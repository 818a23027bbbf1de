"""The desk database schema as numbered SQL migrations, applied in order on open."""
