"""Permission policy of the organization tree itself."""

from django.db.models import Q

from huunghi.core.access import OrgScopedPermissionPolicy, ancestor_ids, user_scope_path


class OrganizationPermissionPolicy(OrgScopedPermissionPolicy):
    """Like every scoped model, plus: the chain of ancestors above the user's organization is
    visible (read-only), so a union's staff see VUFO → their union; and nobody but the platform
    administrator deletes the organization at the root of their own scope."""

    def scope_filter(self, queryset, user, actions=("view",)):
        scoped = super().scope_filter(queryset, user, actions)
        scope = user_scope_path(user)
        if scope and list(actions) == ["view"]:
            return queryset.filter(Q(path__startswith=scope) | Q(pk__in=ancestor_ids(scope)))
        return scoped

    def instance_in_scope(self, user, action, instance):
        scope = user_scope_path(user)
        path = instance.audit_org_path()
        if action == "view" and scope and scope.startswith(path):
            return True
        if action == "delete" and scope and path == scope:
            return False
        return super().instance_in_scope(user, action, instance)
