"""Search inside Wagtail chooser modals without a search index: an ORM filter over the model's
`chooser_search_fields` (relations allowed), so every chooser has a search box."""

import operator
from functools import reduce

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm


class OrmSearchFilterForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
        required=False,
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        fields = getattr(objects.model, "chooser_search_fields", ())
        if query and fields:
            for word in query.split():
                objects = objects.filter(reduce(operator.or_, (Q(**{f"{f}__icontains": word}) for f in fields)))
            self.is_searching = True
            self.search_query = query
        return objects


class OrmSearchChooseMixin:
    filter_form_class = OrmSearchFilterForm
