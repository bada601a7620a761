"""The organization registry: unions, associations, branches, their terms, officers and members."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from huunghi.core.access import OrgScopedMixin, ancestor_ids
from huunghi.core.models import AdminUnit
from huunghi.core.text import PhoneError, fold, normalize_phone, tidy_name

from . import errors
from .choices import ALLOWED_PARENT_KINDS, ConsentPurpose, Gender, MembershipStatus, OrgKind, PositionTitle
from .permissions import OrganizationPermissionPolicy

PATH_SEGMENT_WIDTH = 7  # "0000042/" per level; five levels fit in 40 characters


def _fmt(day):
    return day.strftime("%d/%m/%Y") if day else "…"


class Organization(OrgScopedMixin, models.Model):
    """An organization of the network (tổ chức): VUFO (Liên hiệp các tổ chức hữu nghị Việt Nam),
    a provincial union (Liên hiệp các tổ chức hữu nghị tỉnh), a bilateral friendship association
    (hội hữu nghị Việt – X), a branch (chi hội) or another member organization.

    `path` is the materialized path of ids from the root ("0000001/0000005/"): the subtree of an
    organization is every record whose path starts with its path. Only `organization_*` services
    set it.
    """

    chooser_search_fields = ("name", "short_name", "slug")

    org_path_lookup = "path"
    permission_policy_class = OrganizationPermissionPolicy

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    name_en = models.CharField(_("English name"), max_length=255, blank=True)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("Short address name, Latin letters without diacritics, e.g. nghe-an."),
        error_messages={"unique": errors.SLUG_TAKEN},
    )
    kind = models.CharField(_("kind"), max_length=30, choices=OrgKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("tree path"), max_length=255, blank=True, db_index=True, editable=False)
    partner_country = CountryField(_("partner country"), blank=True)
    admin_unit = models.ForeignKey(
        AdminUnit,
        verbose_name=_("administrative unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    founded_on = models.DateField(_("founding date"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolution date"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        help_text=_("The organization that took over after a merger."),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    audit_exclude = ("path",)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["path"]

    def __str__(self):
        return self.name

    @property
    def depth(self):
        return self.path.count("/") if self.path else 0

    def own_segment(self):
        return f"{self.pk:0{PATH_SEGMENT_WIDTH}d}/" if self.pk else ""

    def computed_path(self):
        parent_path = self.parent.computed_path() if self.parent_id else ""
        return parent_path + self.own_segment()

    def audit_org_path(self):
        """Path as it will be after saving (a new or moved organization takes its parent's prefix)."""
        return self.computed_path()

    def ancestors(self):
        ids = ancestor_ids(self.path)
        by_id = Organization.objects.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]

    def clean(self):
        super().clean()
        field_errors = {}
        if self.kind == OrgKind.NATIONAL_UNION:
            if self.parent_id:
                field_errors["parent"] = errors.NATIONAL_HAS_PARENT
        elif not self.parent_id:
            field_errors["parent"] = errors.PARENT_REQUIRED
        else:
            parent = self.parent
            if parent.kind not in ALLOWED_PARENT_KINDS.get(self.kind, set()):
                field_errors["parent"] = errors.PARENT_KIND_NOT_ALLOWED % {
                    "kind": OrgKind(self.kind).label,
                    "parent_kind": OrgKind(parent.kind).label,
                }
            if self.pk and self._is_ancestor_or_self(parent):
                field_errors["parent"] = errors.PARENT_CYCLE
        if self.kind == OrgKind.ASSOCIATION and not self.partner_country:
            field_errors["partner_country"] = errors.PARTNER_COUNTRY_REQUIRED
        if self.kind == OrgKind.BRANCH and not self.admin_unit_id:
            field_errors["admin_unit"] = errors.ADMIN_UNIT_REQUIRED
        if self.admin_unit_id and self.founded_on and not self.admin_unit.is_valid_on(self.founded_on):
            field_errors["admin_unit"] = errors.ADMIN_UNIT_NOT_VALID_ON % {
                "unit": self.admin_unit.name,
                "date": _fmt(self.founded_on),
                "validity": self.admin_unit.validity_text(),
            }
        if self.founded_on and self.dissolved_on and self.dissolved_on < self.founded_on:
            field_errors["dissolved_on"] = errors.DISSOLVED_BEFORE_FOUNDED
        if field_errors:
            raise ValidationError(field_errors)

    def _is_ancestor_or_self(self, candidate):
        """True if `candidate` is this organization or lies below it (walks up, so it holds even
        before paths are recomputed)."""
        seen = set()
        node = candidate
        while node is not None and node.pk not in seen:
            if node.pk == self.pk:
                return True
            seen.add(node.pk)
            node = node.parent
        return False

    def after_audited_save(self):
        """Recompute the materialized path of this organization and of its whole subtree."""
        new_path = self.computed_path()
        if new_path == self.path:
            return
        old_path = self.path
        if old_path:  # moved: member counts above its old and its new place change
            from .tallies import mark_changed

            mark_changed([self.pk, *ancestor_ids(old_path)[-1:]])
        Organization.objects.filter(pk=self.pk).update(path=new_path)
        self.path = new_path
        if old_path:
            for child in Organization.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                child_path = new_path + child.path[len(old_path) :]
                Organization.objects.filter(pk=child.pk).update(path=child_path)


class Congress(OrgScopedMixin, models.Model):
    """A congress (đại hội) of an organization; it opens a term."""

    chooser_search_fields = ("organization__name", "place")

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="congresses"
    )
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    held_on = models.DateField(_("date held"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        verbose_name = _("congress")
        verbose_name_plural = _("congresses")
        ordering = ["organization__path", "number"]
        constraints = [models.UniqueConstraint(fields=["organization", "number"], name="congress_unique_number")]

    def __str__(self):
        return _("Congress no. %(number)s, %(organization)s") % {
            "number": self.number,
            "organization": self.organization,
        }


class Term(OrgScopedMixin, models.Model):
    """A term (nhiệm kỳ) of an organization's leadership."""

    chooser_search_fields = ("organization__name",)

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="terms"
    )
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    congress = models.ForeignKey(
        Congress, verbose_name=_("congress"), null=True, blank=True, on_delete=models.SET_NULL, related_name="terms"
    )
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["organization__path", "number"]
        constraints = [models.UniqueConstraint(fields=["organization", "number"], name="term_unique_number")]

    def __str__(self):
        return _("Term %(number)s (%(start)s – %(end)s), %(organization)s") % {
            "number": self.number,
            "start": self.starts_on.year if self.starts_on else "…",
            "end": self.ends_on.year if self.ends_on else "…",
            "organization": self.organization,
        }

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": errors.END_BEFORE_START})


class ExecutiveMeeting(OrgScopedMixin, models.Model):
    """A conference of the executive committee (hội nghị Ban chấp hành), numbered within a term."""

    chooser_search_fields = ("term__organization__name", "place")

    org_path_lookup = "term__organization__path"

    term = models.ForeignKey(Term, verbose_name=_("term"), on_delete=models.CASCADE, related_name="meetings")
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    held_on = models.DateField(_("date held"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    agenda = models.TextField(_("agenda and conclusions"), blank=True)

    class Meta:
        verbose_name = _("executive committee meeting")
        verbose_name_plural = _("executive committee meetings")
        ordering = ["term__organization__path", "-held_on"]
        constraints = [models.UniqueConstraint(fields=["term", "number"], name="meeting_unique_number")]

    def __str__(self):
        return _("Executive committee meeting no. %(number)s, term %(term)s, %(organization)s") % {
            "number": self.number,
            "term": self.term.number,
            "organization": self.term.organization,
        }

    def clean(self):
        super().clean()
        term = self.term if self.term_id else None
        if (
            term
            and self.held_on
            and not (term.starts_on <= self.held_on and (term.ends_on is None or self.held_on <= term.ends_on))
        ):
            raise ValidationError(
                {"held_on": errors.MEETING_OUTSIDE_TERM % {"start": _fmt(term.starts_on), "end": _fmt(term.ends_on)}}
            )


class Person(OrgScopedMixin, ClusterableModel):
    """A person (cá nhân) known to the network: member, officer or both. Personal data belongs to the
    organization that recorded it: contact details are shown only to its officers (see
    `huunghi.members.privacy`).

    Sensitive personal data (dữ liệu cá nhân nhạy cảm: religion, ethnicity, political affiliation…)
    is not kept. A field of that kind may only be added with an entry in `sensitive_fields`
    (field name → justification and the consent purpose that covers it); a system check refuses
    any other (see `huunghi.members.checks`).
    """

    chooser_search_fields = ("full_name",)
    audit_exclude = ("name_folded",)
    audit_redact = ("birth_date", "phone", "email", "address")  # the log says they changed, not to what
    sensitive_fields = {}

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    full_name = models.CharField(_("full name"), max_length=200)
    name_folded = models.CharField(max_length=200, editable=False, db_index=True, default="")
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    occupation = models.CharField(_("occupation / workplace"), max_length=255, blank=True)
    anonymized_on = models.DateField(_("anonymized on"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]
        permissions = [("export_personal_data", _("Can export members' personal data"))]

    def __str__(self):
        # The name only: lists, choosers and audit labels are read by people who may not see the
        # date of birth (see huunghi.members.privacy).
        return self.full_name

    def clean(self):
        super().clean()
        self.full_name = tidy_name(self.full_name)
        try:
            self.phone = normalize_phone(self.phone)
        except PhoneError:
            raise ValidationError({"phone": errors.PHONE_INVALID % {"value": self.phone}}) from None

    def save(self, *args, **kwargs):
        self.full_name = tidy_name(self.full_name)
        self.name_folded = fold(self.full_name)
        super().save(*args, **kwargs)


class Consent(models.Model):
    """A member's consent (sự đồng ý) to one purpose of processing their personal data, as the
    Personal Data Protection Law 91/2025/QH15 and Decree 356/2025/NĐ-CP require: given on a date,
    for a stated scope, withdrawable."""

    person = ParentalKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=30, choices=ConsentPurpose.choices)
    scope = models.CharField(
        _("scope"), max_length=255, blank=True, help_text=_("Which data, for what use, shared with whom.")
    )
    given_on = models.DateField(_("date given"))
    evidence = models.CharField(
        _("evidence"), max_length=255, blank=True, help_text=_("E.g. signed form no. 12, kept at the branch office.")
    )
    withdrawn_on = models.DateField(_("date withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["purpose", "-given_on"]

    def __str__(self):
        return f"{self.get_purpose_display()} ({_fmt(self.given_on)})"

    def clean(self):
        super().clean()
        if self.given_on and self.withdrawn_on and self.withdrawn_on < self.given_on:
            raise ValidationError({"withdrawn_on": errors.WITHDRAWN_BEFORE_GIVEN})

    def active_on(self, day):
        return self.given_on <= day and (self.withdrawn_on is None or self.withdrawn_on > day)


class Position(OrgScopedMixin, models.Model):
    """A person's role in an organization (chức vụ): president, vice president, committee member…"""

    chooser_search_fields = ("person__full_name", "organization__name")

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="positions"
    )
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="positions")
    title = models.CharField(_("position"), max_length=40, choices=PositionTitle.choices)
    title_detail = models.CharField(
        _("other offices"),
        max_length=255,
        blank=True,
        help_text=_("E.g. Standing Deputy Secretary of the provincial Party Committee."),
    )
    term = models.ForeignKey(
        Term, verbose_name=_("term"), null=True, blank=True, on_delete=models.SET_NULL, related_name="positions"
    )
    starts_on = models.DateField(_("start date"), null=True, blank=True)
    ends_on = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["organization__path", "title"]

    def __str__(self):
        return f"{self.get_title_display()}: {self.person.full_name} — {self.organization}"

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": errors.END_BEFORE_START})
        _check_same_line(self)


class Membership(OrgScopedMixin, ClusterableModel):
    """Membership (hội viên) of a known person in an organization, usually a branch.

    A member counts on a day when they had joined, had not left, and their latest status change
    (`MembershipStatusChange`) on or before that day, if any, is "active"."""

    chooser_search_fields = ("person__full_name", "organization__name", "card_number")

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="memberships")
    joined_on = models.DateField(_("joining date"))
    left_on = models.DateField(_("leaving date"), null=True, blank=True)
    card_number = models.CharField(_("member card number"), max_length=40, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["organization__path", "person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "person", "joined_on"], name="membership_unique"),
        ]

    def __str__(self):
        return f"{self.person.full_name} — {self.organization}"

    def clean(self):
        super().clean()
        organization = self.organization if self.organization_id else None
        if organization and self.joined_on and organization.founded_on and self.joined_on < organization.founded_on:
            raise ValidationError(
                {
                    "joined_on": errors.JOINED_BEFORE_FOUNDED
                    % {
                        "joined": _fmt(self.joined_on),
                        "organization": organization.name,
                        "founded": _fmt(organization.founded_on),
                    }
                }
            )
        if self.joined_on and self.left_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": errors.LEFT_BEFORE_JOINED})
        _check_same_line(self)


class HeadcountReport(OrgScopedMixin, models.Model):
    """A reported number of members (số hội viên báo cáo) on a date, with its source.

    Unions often know only "7,000 members". A report counts the members attached directly to the
    organization — not those of its sub-organizations, which report for themselves — and includes
    the individually recorded members there (see `selectors.member_count`).
    """

    chooser_search_fields = ("organization__name", "source")

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="headcounts"
    )
    as_of = models.DateField(_("as of"))
    count = models.PositiveIntegerField(_("number of members"))
    source = models.CharField(
        _("source"), max_length=255, help_text=_("Where the number comes from: report, decision, congress document…")
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("headcount report")
        verbose_name_plural = _("headcount reports")
        ordering = ["organization__path", "-as_of"]
        constraints = [models.UniqueConstraint(fields=["organization", "as_of"], name="headcount_unique_date")]

    def __str__(self):
        return _("%(organization)s: %(count)s members on %(date)s") % {
            "organization": self.organization,
            "count": f"{self.count:,}".replace(",", "."),
            "date": _fmt(self.as_of),
        }

    def clean(self):
        super().clean()
        organization = self.organization if self.organization_id else None
        if organization and organization.founded_on and self.as_of and self.as_of < organization.founded_on:
            raise ValidationError({"as_of": errors.HEADCOUNT_BEFORE_FOUNDED % {"date": _fmt(organization.founded_on)}})


class MembershipStatusChange(models.Model):
    """A change of a member's status (trạng thái sinh hoạt): active, inactive, moved away, deceased."""

    membership = ParentalKey(
        Membership, verbose_name=_("member"), on_delete=models.CASCADE, related_name="status_changes"
    )
    status = models.CharField(_("status"), max_length=20, choices=MembershipStatus.choices)
    effective_on = models.DateField(_("effective date"))
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["effective_on"]
        constraints = [
            models.UniqueConstraint(fields=["membership", "effective_on"], name="membership_status_one_per_day"),
        ]

    def __str__(self):
        return f"{self.get_status_display()} ({_fmt(self.effective_on)})"


def _check_same_line(record):
    """The person must be recorded by the organization, one of its ancestors or descendants —
    never by an unrelated tenant."""
    if not (record.person_id and record.organization_id):
        return
    a, b = record.person.organization.path, record.organization.path
    if not (a.startswith(b) or b.startswith(a)):
        raise ValidationError({"person": errors.PERSON_OTHER_TENANT})


class MemberTally(models.Model):
    """A stored member count (số hội viên) of an organization's subtree on a date, as
    `selectors.member_counts` computes it. It is used while `stamp` (the database clock read
    before counting) is later than every `MemberTallyMark` of the subtree (see `tallies`)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    on = models.DateField()
    stamp = models.BigIntegerField()  # microseconds since the epoch
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "on"], name="member_tally_one_per_day")]

    def __str__(self):
        return f"{self.organization_id} {self.on}: {self.count}"


class MemberTallyMark(models.Model):
    """When something a member count depends on last changed at one organization: its memberships,
    their status changes, its headcount reports, its place in the tree. A plain id, not a foreign
    key: the mark of an organization being deleted is written while it goes."""

    organization_id = models.BigIntegerField(primary_key=True)
    changed = models.BigIntegerField()  # microseconds since the epoch

    def __str__(self):
        return f"{self.organization_id} changed at {self.changed}"
