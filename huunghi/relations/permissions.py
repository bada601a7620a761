"""Records shared between organizations: visible to every organization taking part, editable by
the owner only."""

from django.db.models import Q

from huunghi.core.access import OrgScopedPermissionPolicy, ancestor_ids, path_in_scope, user_scope_path


class SharedRecordPolicy(OrgScopedPermissionPolicy):
    """For models with `shared_lookups` (many-to-many fields to Organization): a co-host or
    co-organizer sees the record (view), only the owner's subtree changes or deletes it."""

    def scope_filter(self, queryset, user, actions=("view",)):
        scope = user_scope_path(user)
        if scope is None:
            return queryset.none()
        if scope == "" or list(actions) != ["view"]:
            return super().scope_filter(queryset, user, actions)
        shared = Q(organization__path__startswith=scope)
        for lookup in self.model.shared_lookups:
            shared |= Q(**{f"{lookup}__path__startswith": scope})
        ids = queryset.filter(shared).values("pk")
        return queryset.filter(pk__in=ids)

    def instance_in_scope(self, user, action, instance):
        if super().instance_in_scope(user, action, instance):
            return True
        if action != "view" or not instance.pk:
            return False
        scope = user_scope_path(user)
        return any(
            path_in_scope(organization.path, scope)
            for lookup in self.model.shared_lookups
            for organization in getattr(instance, lookup).all()
        )


class UnionSharedPolicy(OrgScopedPermissionPolicy):
    """A registry kept by an organization and used by everyone below it: foreign partners recorded
    by a union are visible (read-only) to its associations and branches, so they link their
    delegations to the same partner instead of recording it again."""

    def scope_filter(self, queryset, user, actions=("view",)):
        scope = user_scope_path(user)
        if scope and list(actions) == ["view"]:
            return queryset.filter(
                Q(organization__path__startswith=scope) | Q(organization_id__in=ancestor_ids(scope) + [_own_id(scope)])
            )
        return super().scope_filter(queryset, user, actions)

    def instance_in_scope(self, user, action, instance):
        scope = user_scope_path(user)
        if action == "view" and scope and scope.startswith(instance.audit_org_path()):
            return True
        return super().instance_in_scope(user, action, instance)


def _own_id(path):
    return int(path.rstrip("/").rsplit("/", 1)[-1])
