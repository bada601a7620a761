"""Validation messages users see; tests assert on these constants."""

from django.utils.translation import gettext_lazy as _

PARENT_REQUIRED = _("Choose the organization this one belongs to.")
PARENT_KIND_NOT_ALLOWED = _("A %(kind)s cannot be placed under a %(parent_kind)s.")
PARENT_CYCLE = _("An organization cannot be placed under itself or under one of its own sub-organizations.")
NATIONAL_HAS_PARENT = _("The national union is the root of the tree and has no parent organization.")
PARTNER_COUNTRY_REQUIRED = _("A friendship association needs its partner country.")
ADMIN_UNIT_REQUIRED = _("A branch must be placed in an administrative unit.")
ADMIN_UNIT_NOT_VALID_ON = _(
    "The administrative unit “%(unit)s” did not exist on %(date)s (it was valid %(validity)s). "
    "Choose a unit that existed on the founding date."
)
DISSOLVED_BEFORE_FOUNDED = _("The dissolution date cannot be earlier than the founding date.")
JOINED_BEFORE_FOUNDED = _("The member cannot join on %(joined)s: “%(organization)s” was founded on %(founded)s.")
LEFT_BEFORE_JOINED = _("The leaving date cannot be earlier than the joining date.")
END_BEFORE_START = _("The end date cannot be earlier than the start date.")
HEADCOUNT_NEGATIVE = _("The number of members cannot be negative.")
HEADCOUNT_BEFORE_FOUNDED = _("The headcount date is earlier than the founding date of the organization (%(date)s).")
MEETING_OUTSIDE_TERM = _("The meeting date lies outside the term (%(start)s – %(end)s).")
PERSON_OTHER_TENANT = _("This person is recorded by another organization and cannot be used here.")
SLUG_TAKEN = _("Another organization already uses this slug.")
PHONE_INVALID = _("“%(value)s” is not a phone number. Write it like 0912 345 678 or +84 912 345 678.")
WITHDRAWN_BEFORE_GIVEN = _("The withdrawal date cannot be earlier than the date the consent was given.")
