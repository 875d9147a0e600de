"""Domain logic of the Klinik BUM Desa: plain async functions on a session, no GraphQL.

``registry`` (BUM Desa, grades, figures, units), ``experts``, ``consultations``,
``coaching`` and ``statistics``; ``access`` says who may do what.
"""
