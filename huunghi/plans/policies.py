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
        own = super().scope_filter(queryset, user, actions)
        scope = user_scope_path(user)
        if "view" not in actions or not scope:
            return own
        return own | queryset.filter(organization_id__in=ancestor_ids(scope))
