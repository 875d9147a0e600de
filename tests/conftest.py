"""The project's own tests use the public test kit (the ``cettar`` pytest plugin)."""
