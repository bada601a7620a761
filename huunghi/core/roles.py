"""Roles (vai trò) of back-office users and what each may do inside its organization subtree."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PLATFORM_ADMIN = "platform_admin", _("Platform administrator (VUFO)")
    UNION_ADMIN = "union_admin", _("Union administrator")
    UNION_EDITOR = "union_editor", _("Union editor")
    ASSOCIATION_SECRETARY = "association_secretary", _("Association secretary")
    CLUSTER_HEAD = "cluster_head", _("Emulation cluster head")
    AUDITOR = "auditor", _("Read-only auditor")


READ = frozenset({"view"})
WRITE = frozenset({"view", "add", "change"})
FULL = frozenset({"view", "add", "change", "delete"})

# Actions on registry records, inside the user's organization subtree.
ROLE_ACTIONS = {
    Role.PLATFORM_ADMIN: FULL,
    Role.UNION_ADMIN: FULL,
    Role.UNION_EDITOR: WRITE,
    Role.ASSOCIATION_SECRETARY: FULL,
    Role.CLUSTER_HEAD: READ,
    Role.AUDITOR: READ,
}
