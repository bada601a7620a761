"""Strings of Django's time-since helper that Django's own Vietnamese catalog leaves untranslated;
Wagtail's history and listings show them ("23 phút trước"). Marked here so makemessages keeps them."""

from django.utils.translation import ngettext_lazy

TIMESINCE_STRINGS = (
    ngettext_lazy("%(num)d year", "%(num)d years", "num"),
    ngettext_lazy("%(num)d month", "%(num)d months", "num"),
    ngettext_lazy("%(num)d week", "%(num)d weeks", "num"),
    ngettext_lazy("%(num)d day", "%(num)d days", "num"),
    ngettext_lazy("%(num)d hour", "%(num)d hours", "num"),
    ngettext_lazy("%(num)d minute", "%(num)d minutes", "num"),
)
