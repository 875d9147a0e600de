"""The audit trail (Akuntabel): an append-only, hash-chained record of every change."""
