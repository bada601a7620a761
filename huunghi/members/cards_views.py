"""Member cards: the back-office page that prints them and the public page their QR code opens."""

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from huunghi.core.access import scoped_queryset
from huunghi.orgs.models import Organization

from . import privacy
from .cards import card_memberships, card_validity, cards_pdf, membership_from_token, org_line

ICON = "tag"
PURPOSE = "member_cards"
# WeasyPrint takes about 0.05 s a card: 400 cards (40 pages) stay well inside a request's time.
MAX_CARDS = 400


def is_officer(user):
    """Officers (cán bộ) of an organization: the only roles that may print cards."""
    return (
        user.is_authenticated
        and getattr(user, "role", None) in privacy.OFFICER_ROLES
        and getattr(user, "organization_id", None) is not None
    )


# --- Public verification page ------------------------------------------------------------------


@never_cache
def verify_card(request, token):
    """What the QR code on a card opens: the member's name, organization and whether the card is
    valid today — nothing else (no card number, contact details or dates)."""
    membership = membership_from_token(token)
    if membership is None:
        raise Http404
    today = timezone.localdate()
    anonymized = membership.person.anonymized_on is not None
    line = org_line(membership.organization)
    context = {
        "name": "" if anonymized else membership.person.full_name,
        "organization": membership.organization,
        "union": line.union if line.union != membership.organization else None,
        "valid": card_validity(membership, today),
        "today": today.strftime("%d/%m/%Y"),
    }
    response = render(request, "members/cards/verify.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


# --- Back office: print cards ------------------------------------------------------------------


class OrganizationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return "\u2003" * max(obj.depth - self.top_depth, 0) + obj.name


class MemberCardsForm(forms.Form):
    organization = OrganizationChoiceField(
        queryset=Organization.objects.none(),
        label=gettext_lazy("Organization"),
        help_text=gettext_lazy("Cards are printed for the members of this organization and of its branches."),
    )
    only_active = forms.BooleanField(
        label=gettext_lazy("Only members active today"),
        help_text=gettext_lazy("Leave out members who have left, moved away, died or are inactive."),
        required=False,
        initial=True,
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        field.queryset = organizations
        field.top_depth = min((o.depth for o in organizations), default=1)


class MemberCardsView(WagtailAdminTemplateMixin, FormView):
    """Choose an organization, get a PDF of its members' cards. Only officers of the organization
    that owns the members may print (403 otherwise); an organization outside the user's scope does
    not exist for them (404). Every PDF is written to the audit log as a personal-data export."""

    template_name = "members/cards/print.html"
    form_class = MemberCardsForm
    page_title = gettext_lazy("Print member cards")
    header_icon = ICON

    def dispatch(self, request, *args, **kwargs):
        if not is_officer(request.user):
            return self.forbidden()
        return super().dispatch(request, *args, **kwargs)

    def forbidden(self):
        context = {
            "page_title": self.page_title,
            "header_title": self.page_title,
            "header_icon": ICON,
            "breadcrumbs_items": self.get_breadcrumbs_items(),
        }
        return TemplateResponse(self.request, "members/cards/forbidden.html", context, status=403)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def organizations(self):
        user = self.request.user
        return (
            scoped_queryset(Organization, user, "view")
            .filter(path__startswith=user.organization.path, dissolved_on__isnull=True)
            .order_by("path")
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organizations": self.organizations()}

    def get_initial(self):
        return {**super().get_initial(), "organization": self.request.user.organization_id}

    def post(self, request, *args, **kwargs):
        organization = self._chosen_organization(request.POST.get("organization"))
        if organization is not None and not privacy.can_view_contact(request.user, organization):
            return self.forbidden()
        return super().post(request, *args, **kwargs)

    def _chosen_organization(self, value):
        if not value:
            return None  # the form says the field is required
        try:
            pk = int(value)
        except ValueError:
            raise Http404 from None
        organization = scoped_queryset(Organization, self.request.user, "view").filter(pk=pk).first()
        if organization is None:
            raise Http404
        return organization

    def form_valid(self, form):
        organization = form.cleaned_data["organization"]
        only_active = form.cleaned_data["only_active"]
        memberships = list(card_memberships(organization, only_active=only_active))
        if not memberships:
            if only_active:
                message = _("Nobody in %(organization)s who is a member today has a member card number.")
            else:
                message = _("Nobody in %(organization)s has a member card number.")
            form.add_error(None, message % {"organization": organization.name})
            return self.form_invalid(form)
        if len(memberships) > MAX_CARDS:
            message = _(
                "%(organization)s has %(count)s members with a card number; one file holds at most %(max)s cards. "
                "Print the cards of its branches one by one."
            )
            form.add_error(
                None, message % {"organization": organization.name, "count": len(memberships), "max": MAX_CARDS}
            )
            return self.form_invalid(form)
        pdf = cards_pdf(memberships, request=self.request)
        privacy.log_personal_export(
            user=self.request.user,
            organization=organization,
            person_ids={m.person_id for m in memberships},
            file_format="pdf",
            purpose=PURPOSE,
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="the-hoi-vien-{organization.slug}.pdf"'
        response["Cache-Control"] = "no-store"
        return response
