"""CETTAR kernel: configuration, persistence, plugins, regions, events, serving.

The kernel knows nothing of GraphQL and nothing of any particular plugin.
"""

__version__ = "0.1.0"
