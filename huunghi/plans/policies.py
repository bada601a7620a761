from huunghi.core.access import OrgScopedPermissionPolicy, ancestor_ids, user_scope_path


class DirectivePolicy(OrgScopedPermissionPolicy):
    """Directives: changed inside the user's subtree, read also from the organizations above it
    (a union reads the Party directives VUFO recorded)."""

    def instance_in_scope(self, user, action, instance):
        if super().instance_in_scope(user, action, instance):
            return True
        scope = user_scope_path(user)
        return action == "view" and bool(scope) and instance.organization_id in ancestor_ids(scope)

    def scope_filter(self, queryset, user, actions=("view",)):
        scope = user_scope_path(user)
        if scope is None:
            return queryset.none()
        if scope == "":
            return queryset
        own = queryset.filter(organization__path__startswith=scope)
        if "view" not in actions:
            return own
        return queryset.filter(pk__in=own.values("pk")) | queryset.filter(organization_id__in=ancestor_ids(scope))
