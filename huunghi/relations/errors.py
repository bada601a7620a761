"""Validation messages users see; tests assert on these constants."""

from django.utils.translation import gettext_lazy as _

END_BEFORE_START = _("The end date cannot be earlier than the start date (%(start)s).")
SIZE_AT_LEAST_ONE = _("A delegation has at least one person.")
PLACE_REQUIRED = _("Give the place: an administrative unit in Vietnam, or a country abroad.")
PLACE_TWICE = _("Give either a place in Vietnam or a country abroad, not both.")
PLACE_NOT_VALID_ON = _(
    "The administrative unit “%(unit)s” did not exist on %(date)s (it was valid %(validity)s). "
    "Choose the unit as it was on the date of the event."
)
IN_FORCE_BEFORE_SIGNED = _("An agreement cannot be in force before it is signed.")
LIKELY_DUPLICATE = _(
    "This looks like a delegation already recorded: %(other)s. If it is a different delegation, tick "
    "“This is not a duplicate” and save again."
)
