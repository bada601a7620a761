"""IATI 2.03 export of aid items (filled in by the IATI export work)."""


def organisation_ref(organization):
    """Stable IATI organisation identifier of a union or association: "VN-LHHN-<SLUG>"."""
    return f"VN-LHHN-{organization.slug.upper()}"
