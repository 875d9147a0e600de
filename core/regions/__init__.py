"""Regions (province to desa/kelurahan) and agencies (OPD): the core domain."""
