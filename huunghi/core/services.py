"""The write boundary for organization-scoped records.

Every create, change and delete — from a back-office form, a command or the demo loader — goes
through `record_create` / `record_update` / `record_delete`: permission check by the one policy,
`full_clean()`, one transaction, and an audit entry with the changed fields.
"""

import contextlib
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .access import policy_for

ACTION_CREATE = "huunghi.create"
ACTION_EDIT = "huunghi.edit"
ACTION_DELETE = "huunghi.delete"


def _display(instance, field):
    value = getattr(instance, field.attname if not field.is_relation else field.name, None)
    if value is None or value == "":
        return ""
    if isinstance(value, (list, tuple)):  # e.g. several countries
        return ", ".join(getattr(v, "name", str(v)) for v in value)
    if hasattr(value, "code") and hasattr(value, "name"):  # a django-countries Country
        return str(value.name or "")
    if field.choices and field.flatchoices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, models.Model):
        return str(value)
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)


REDACTED = "•••"


def snapshot(instance):
    """Display values of the concrete, editable fields — what the audit log compares. Fields in
    the model's `audit_redact` (personal contact details) are kept as a digest: the log says that
    they changed, never what they were."""
    redact = getattr(instance, "audit_redact", ())
    values = {}
    for field in instance._meta.concrete_fields:
        if not field.editable or field.primary_key or field.name in getattr(instance, "audit_exclude", ()):
            continue
        value = _display(instance, field)
        if field.name in redact and value:
            value = REDACTED + hashlib.sha256(value.encode()).hexdigest()[:16]
        values[field.name] = value
    return values


def diff_snapshots(before, after, model):
    changes = []
    for name, new in after.items():
        old = before.get(name, "")
        if old != new:
            field = model._meta.get_field(name)
            if name in getattr(model, "audit_redact", ()):
                old, new = old[: len(REDACTED)], new[: len(REDACTED)]
            changes.append({"field": name, "label": str(field.verbose_name), "old": old, "new": new})
    return changes


def _check(acting_user, action, instance):
    if acting_user is None:
        return  # system actions (migrations, demo loader with --system) are logged without a user
    if not policy_for(type(instance)).user_has_permission_for_instance(acting_user, action, instance):
        raise PermissionDenied(_("You do not have permission to change records of this organization."))


def record_create(*, instance, acting_user, save_related=None):
    """Validate, permission-check, save and log a new record. `save_related` saves m2m data."""
    _check(acting_user, "add", instance)
    instance.full_clean()
    with transaction.atomic():
        instance.save()
        if save_related:
            save_related()
        _after_save(instance)
        log(
            instance=instance,
            action=ACTION_CREATE,
            user=acting_user,
            content_changed=True,
            data={"changes": diff_snapshots({}, snapshot(instance), type(instance))},
        )
    return instance


def record_update(*, instance, acting_user, before, save_related=None):
    """Save changes to an existing record. `before` is `snapshot()` taken before the edit. Both the
    stored record and the changed one must lie in the user's scope: nobody pulls another tenant's
    record into their own subtree, nor pushes one of theirs out of it."""
    stored = type(instance)._default_manager.get(pk=instance.pk)
    _check(acting_user, "change", stored)
    _check(acting_user, "change", instance)
    instance.full_clean()
    with transaction.atomic():
        instance.save()
        if save_related:
            save_related()
        _after_save(instance)
        changes = diff_snapshots(before, snapshot(instance), type(instance))
        log(
            instance=instance,
            action=ACTION_EDIT,
            user=acting_user,
            content_changed=bool(changes),
            data={"changes": changes},
        )
    return instance


def record_delete(*, instance, acting_user):
    _check(acting_user, "delete", type(instance)._default_manager.get(pk=instance.pk))
    with transaction.atomic():
        log(instance=instance, action=ACTION_DELETE, user=acting_user, deleted=True)
        instance.delete()


def _after_save(instance):
    hook = getattr(instance, "after_audited_save", None)
    if hook:
        hook()


def record_ensure(model, *, lookup, values, acting_user):
    """Create the record identified by `lookup`, or bring an existing one up to `values`.

    Idempotent: running it twice changes nothing the second time (and logs nothing).
    """
    instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        return record_create(instance=model(**lookup, **values), acting_user=acting_user)
    before = snapshot(instance)
    for name, value in values.items():
        setattr(instance, name, value)
    # Normalize (names, phones) as saving would, so equal data compares equal; an invalid value is
    # reported by record_update's full_clean.
    with contextlib.suppress(ValidationError):
        instance.clean()
    if snapshot(instance) == before:
        return instance
    return record_update(instance=instance, acting_user=acting_user, before=before)
