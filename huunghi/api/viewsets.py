"""Back office › Settings › Integration tokens: issue (the key is shown once), list, revoke.

Under the scoped machinery: an officer sees and manages the tokens of their organization subtree
only, issues tokens only for organizations they may write to, and every change is audited."""

from django import forms
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import CreateView

from huunghi.core.viewsets import ScopedAdminModelForm, ScopedSnippetViewSet

from .models import IntegrationToken
from .services import token_prepare


class IntegrationTokenForm(ScopedAdminModelForm):
    revoke = forms.BooleanField(
        label=_("Revoke this token"),
        required=False,
        help_text=_("The token stops working at once. This cannot be undone: issue a new token instead."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.plain_key = None
        if self.instance.pk is None:
            self.fields.pop("revoke", None)
            return
        for name in ("organization", "scope"):  # a token's reach is fixed: issue another one instead
            if name in self.fields:
                self.fields[name].disabled = True
        if self.instance.revoked_at is not None and "revoke" in self.fields:
            self.fields["revoke"].initial = True
            self.fields["revoke"].disabled = True

    def save(self, commit=True):
        token = super().save(commit=False)
        if token.pk is None:
            self.plain_key = token_prepare(token=token, acting_user=self.for_user)
        elif self.cleaned_data.get("revoke") and token.revoked_at is None:
            token.revoked_at = timezone.now()
        if commit:
            token.save()
        return token


class TokenCreateView(CreateView):
    """After saving, the page shows the key once instead of going back to the list."""

    def save_action(self):
        key = getattr(self.form, "plain_key", None)
        if not key:
            return super().save_action()
        context = self.get_context_data(form=self.form)
        context.update(token=self.object, key=key, index_url=self.get_success_url())
        response = TemplateResponse(self.request, "api/token_created.html", context)
        add_never_cache_headers(response)
        return response


class IntegrationTokenViewSet(ScopedSnippetViewSet):
    model = IntegrationToken
    base_form_class = IntegrationTokenForm
    add_view_class = TokenCreateView
    icon = "key"
    menu_label = _("Integration tokens")
    menu_order = 900
    add_to_settings_menu = True
    url_prefix = "api/tokens"
    list_display = ["name", "organization", "prefix", "scope", "created_by", "created_at", "last_used_at",
                    "status_label"]  # fmt: skip
    list_select_related = ("organization", "created_by")
    search_fields = ["name", "prefix"]
    inspect_view_fields = ["name", "organization", "scope", "prefix", "created_by", "created_at", "expires_on",
                           "last_used_at", "revoked_at"]  # fmt: skip
    panels = [
        FieldPanel("organization"),
        FieldPanel("name"),
        FieldPanel("scope"),
        FieldPanel("expires_on"),
        FieldPanel("revoke"),
    ]
