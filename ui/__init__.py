"""The counter program: PySide6 widgets that call the core (desk/) and compute no rule themselves."""
