"""Identity: citizens and officers, their accounts, and validation of their identity data."""
