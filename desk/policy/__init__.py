"""Policy packs: the parameter schema, packs and dated versions, the TOML loader and framework bounds."""
