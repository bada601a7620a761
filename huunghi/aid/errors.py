"""Validation messages users see; tests assert on these constants."""

from django.utils.translation import gettext_lazy as _

END_BEFORE_START = _("The end date cannot be earlier than the start date.")
PLACE_NOT_VALID_ON = _(
    "The administrative unit “%(unit)s” did not exist on %(date)s (it was valid %(validity)s). "
    "Choose the unit as it was when the aid was given."
)
DISBURSED_MORE_THAN_COMMITTED = _(
    "More was received (%(disbursed)s) than committed (%(committed)s). If that is right, write the reason here."
)
UNKNOWN_CURRENCY = _("“%(code)s” is not an ISO 4217 currency code (e.g. VND, USD, EUR, JPY).")
AMOUNT_NOT_POSITIVE = _("The amount must be greater than zero.")
TOO_PRECISE = _("%(currency)s has %(places)s decimal places; the amount has more.")
TOO_PRECISE_WHOLE = _("%(currency)s has no smaller unit: write a whole number.")
RATE_REQUIRED = _("Give the rate: how many đồng one %(currency)s was worth.")
RATE_NOT_POSITIVE = _("The rate must be greater than zero.")
RATE_DATE_REQUIRED = _("Give the date of the rate.")
RECIPIENT_TWICE = _("“%(name)s” is listed twice for this scholarship program.")
