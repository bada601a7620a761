from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huunghi.emulation.models import EmulationCluster

from . import selectors
from .models import Scope


class ReportForm(forms.Form):
    """Which report: a union and year, a cluster, or the country and year."""

    scope = forms.ChoiceField(label=_("Report on"), choices=Scope.choices, initial=Scope.UNION)
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=None, required=False)
    cluster = forms.ModelChoiceField(
        label=_("Emulation cluster"), queryset=None, required=False, help_text=_("Only for a cluster report.")
    )
    year = forms.IntegerField(label=_("Year"), min_value=1950, max_value=2100, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["organization"].queryset = selectors.report_organizations(user)
        clusters = selectors.report_clusters(user)
        self.fields["cluster"].queryset = EmulationCluster.objects.filter(pk__in=[c.pk for c in clusters]).order_by(
            "-year", "number"
        )
        scopes = [(Scope.UNION, Scope.UNION.label)]
        if clusters:
            scopes.append((Scope.CLUSTER, Scope.CLUSTER.label))
        if selectors.can_make_national(user):
            scopes.append((Scope.NATIONAL, Scope.NATIONAL.label))
        self.fields["scope"].choices = scopes

    def clean(self):
        cleaned = super().clean()
        scope = cleaned.get("scope")
        if scope == Scope.CLUSTER:
            if not cleaned.get("cluster"):
                self.add_error("cluster", selectors.NO_CLUSTER)
            return cleaned
        if not cleaned.get("year"):
            cleaned["year"] = timezone.localdate().year - 1  # the year under review
        if scope == Scope.UNION and not cleaned.get("organization"):
            self.add_error("organization", selectors.NO_SUCH_ORGANIZATION)
        return cleaned

    def report_args(self):
        data = self.cleaned_data
        if data["scope"] == Scope.CLUSTER:
            return {"scope": Scope.CLUSTER, "cluster": data["cluster"]}
        if data["scope"] == Scope.NATIONAL:
            return {"scope": Scope.NATIONAL, "year": data["year"]}
        return {"scope": Scope.UNION, "organization": data["organization"], "year": data["year"]}
