"""Built-in plugins. Each sub-package is one plugin, built only on the public plugin API."""
