"""Messages users see when a plan or directive is refused (constants, so tests assert on them)."""

from django.utils.translation import gettext_lazy as _

DIRECTIVE_NUMBER_SHAPE = _(
    "Write the number and symbol as on the document, e.g. 12-CT/TW (Party documents) or 30/2020/NĐ-CP."
)
UNIT_MISMATCH = _("The unit “%(unit)s” does not measure “%(measure)s”. Choose one of: %(allowed)s.")
NEGATIVE_TARGET = _("A target cannot be negative.")
PLAN_YEAR_TAKEN = _("This organization already has a plan for %(year)s.")
ADOPTED_AFTER_YEAR = _("A plan for %(year)s cannot be adopted after that year.")
