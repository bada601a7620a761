"""Calendar and statistics of foreign relations, in the back office."""

import calendar
import datetime
from urllib.parse import urlencode

from django import forms
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from huunghi.core.access import policy_for, scoped_queryset, user_scope_path
from huunghi.orgs.models import Organization

from .choices import Direction
from .models import Delegation, Event
from .stats import IN, OUT, relations_stats, year_range

DELEGATION_LIST = "wagtailsnippets_relations_delegation:list"
EVENT_LIST = "wagtailsnippets_relations_event:list"


class PeriodForm(forms.Form):
    organization = forms.ModelChoiceField(queryset=Organization.objects.none(), label=gettext_lazy("Organization"))
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=1950, max_value=2100)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # The user's own subtree: ancestors are readable, but their totals are not the user's to see.
        scope = user_scope_path(user) or ""
        self.fields["organization"].queryset = Organization.objects.filter(path__startswith=scope).order_by("path")


class RelationsViewMixin(WagtailAdminTemplateMixin):
    """Back-office report pages: one organization of the user's subtree and a year."""

    permission_model = Delegation

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def dispatch(self, request, *args, **kwargs):
        if not policy_for(self.permission_model).user_has_permission(request.user, "view"):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def period(self):
        """(form, organization, year) from the query; by default the user's organization, this year."""
        user = self.request.user
        data = self.request.GET.copy()
        if not data.get("organization"):
            default = user.organization if user.organization_id else Organization.objects.order_by("path").first()
            data["organization"] = default.pk
        data.setdefault("year", timezone.localdate().year)
        form = PeriodForm(data, user=user)
        if not form.is_valid():
            if "organization" in form.errors:
                raise Http404  # an organization outside the user's scope
            data["year"] = timezone.localdate().year
            form = PeriodForm(data, user=user)
            form.is_valid()
        return form, form.cleaned_data["organization"], form.cleaned_data["year"]


def _list_url(name, **params):
    return reverse(name) + "?" + urlencode({k: v for k, v in params.items() if v not in (None, "")})


class StatsView(RelationsViewMixin, TemplateView):
    template_name = "relations/stats.html"
    header_icon = "table"

    def get_page_title(self):
        return _("Foreign relations statistics")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, organization, year = self.period()
        start, end = year_range(year)
        stats = relations_stats(organization=organization, start=start, end=end)
        base = {"organization": organization.pk, "year": year}

        def delegations(**params):
            return _list_url(DELEGATION_LIST, **base, **params)

        context.update(
            form=form,
            organization=organization,
            year=year,
            stats=stats,
            summary=[
                (_("Delegations received"), stats.delegations[IN], delegations(direction=IN)),
                (_("Delegations sent"), stats.delegations[OUT], delegations(direction=OUT)),
                (_("People received"), stats.people[IN], delegations(direction=IN)),
                (_("People sent"), stats.people[OUT], delegations(direction=OUT)),
                (_("Events"), stats.events_total, _list_url(EVENT_LIST, **base)),
            ],
            levels=[
                (label, n_in, n_out, delegations(level=level, direction=IN), delegations(level=level, direction=OUT))
                for level, label, n_in, n_out in stats.level_rows()
                if n_in or n_out
            ],
            countries=[
                (name, n_in, n_out, delegations(country=code, direction=IN), delegations(country=code, direction=OUT))
                for code, name, n_in, n_out in stats.country_rows()
            ],
            months=[
                (
                    month,
                    n_in,
                    n_out,
                    n_events,
                    delegations(month=month, direction=IN),
                    delegations(month=month, direction=OUT),
                    _list_url(EVENT_LIST, **base, month=month),
                )
                for _year, month, n_in, n_out, n_events in stats.month_rows()
            ],
            events=[
                (label, count, _list_url(EVENT_LIST, **base, kind=kind))
                for kind, label, count in stats.event_rows()
                if count
            ],
        )
        return context


class CalendarView(RelationsViewMixin, TemplateView):
    template_name = "relations/calendar.html"
    header_icon = "calendar"

    def get_page_title(self):
        return _("Foreign relations calendar")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        try:
            year = int(self.request.GET.get("year") or today.year)
            month = int(self.request.GET.get("month") or today.month)
            first = datetime.date(year, month, 1)
        except ValueError:
            raise Http404 from None
        last = first.replace(day=calendar.monthrange(year, month)[1])
        user = self.request.user
        delegations = list(
            scoped_queryset(Delegation, user).filter(starts_on__lte=last, ends_on__gte=first).order_by("starts_on")
        )
        events = list(
            scoped_queryset(Event, user).filter(starts_on__lte=last, ends_on__gte=first).order_by("starts_on")
        )
        policies = {Delegation: policy_for(Delegation), Event: policy_for(Event)}
        items = []
        for record in delegations + events:
            model = type(record)
            editable = policies[model].user_has_permission_for_instance(user, "change", record)
            action = "edit" if editable else "inspect"
            items.append(
                {
                    "record": record,
                    "kind": record.direction if model is Delegation else "event",
                    "url": reverse(f"wagtailsnippets_relations_{model._meta.model_name}:{action}", args=[record.pk]),
                }
            )
        weeks = []
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
            weeks.append(
                [
                    {
                        "day": day,
                        "in_month": day.month == month,
                        "today": day == today,
                        "items": [i for i in items if i["record"].starts_on <= day <= i["record"].ends_on],
                    }
                    for day in week
                ]
            )
        previous = (first - datetime.timedelta(days=1)).replace(day=1)
        following = last + datetime.timedelta(days=1)
        context.update(
            first=first,
            weeks=weeks,
            items=items,
            previous={"year": previous.year, "month": previous.month},
            following={"year": following.year, "month": following.month},
            weekdays=[_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")],
            list_url=_list_url(DELEGATION_LIST, year=year, month=month),
            Direction=Direction,
        )
        return context
