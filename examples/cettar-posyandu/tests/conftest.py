"""The fixtures (``gql``, ``cettar_app``, ``cettar_runtime``, ``cettar_settings``) come from
the ``cettar`` pytest plugin, installed with CETTAR itself: nothing to define here."""
