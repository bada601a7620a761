"""Who may see and export members' personal data, and anonymization on request.

Personal Data Protection Law 91/2025/QH15 and Decree 356/2025/NĐ-CP (in force since 1/1/2026):
contact details (phone, email, address, date of birth) are shown only to officers (cán bộ) of the
organization that recorded the person — its union administrator, editors and association
secretaries, at that organization or above it within the same union. Platform administrators,
auditors and cluster heads see names and memberships but not contact details. Exporting personal
data needs the separate permission `orgs.export_personal_data` on top of that, and every export is
written to the audit log with who, when and which rows.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from huunghi.core.access import policy_for
from huunghi.core.models import OrgLogEntry
from huunghi.core.roles import Role
from huunghi.core.services import REDACTED

OFFICER_ROLES = frozenset({Role.UNION_ADMIN, Role.UNION_EDITOR, Role.ASSOCIATION_SECRETARY})
CONTACT_FIELDS = ("birth_date", "phone", "email", "address")  # the same as Person.audit_redact
ACTION_EXPORT = "huunghi.export_personal"
ACTION_IMPORT = "huunghi.import"
ACTION_ANONYMIZE = "huunghi.anonymize"
MASK = REDACTED


def _path(target):
    if isinstance(target, str):
        return target
    return target.audit_org_path()


def can_view_contact(user, target):
    """`target`: a scoped record, or the materialized path of the organization owning the data."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if getattr(user, "role", None) not in OFFICER_ROLES or user.organization_id is None:
        return False
    return _path(target).startswith(user.organization.path)


def can_export_personal(user, target):
    return can_view_contact(user, target) and user.has_perm("orgs.export_personal_data")


def log_personal_export(*, user, organization, person_ids, file_format, purpose=""):
    """One audit entry per export: who (user), when (timestamp), which rows (person ids)."""
    log(
        instance=organization,
        action=ACTION_EXPORT,
        user=user,
        data={"format": file_format, "count": len(person_ids), "person_ids": sorted(person_ids), "purpose": purpose},
    )


def anonymized_name(person_id):
    return f"HV-{person_id:06d}"


@transaction.atomic
def anonymize_person(*, person, acting_user):
    """Erase a person's identifying data on request, keeping their memberships so every count on
    every date stays what it was. Past audit entries about the person lose their personal values."""
    from huunghi.orgs.models import Membership, Person

    if acting_user is not None and not (
        can_view_contact(acting_user, person)
        and policy_for(Person).user_has_permission_for_instance(acting_user, "change", person)
    ):
        raise PermissionDenied(_("Only officers of the organization that recorded this person can anonymize them."))
    label = anonymized_name(person.pk)
    person.full_name = label
    person.gender = ""
    person.birth_date = None
    person.phone = ""
    person.email = ""
    person.address = ""
    person.occupation = ""
    person.anonymized_on = timezone.localdate()
    person.save()
    person.consents.update(evidence="", scope="")
    membership_ids = list(Membership.objects.filter(person=person).values_list("pk", flat=True))
    Membership.objects.filter(pk__in=membership_ids).update(note="")
    _scrub_log(Person, [person.pk], label)
    _scrub_log(Membership, membership_ids, label)
    log(instance=person, action=ACTION_ANONYMIZE, user=acting_user, data={})
    return person


def _scrub_log(model, ids, label):
    from django.contrib.contenttypes.models import ContentType

    if not ids:
        return
    content_type = ContentType.objects.get_for_model(model)
    OrgLogEntry.objects.filter(content_type=content_type, object_id__in=[str(i) for i in ids]).update(
        data={}, label=label
    )
