from huunghi.core.access import OrgScopedPermissionPolicy, user_scope_path
from huunghi.core.roles import Role


class ReportDraftPolicy(OrgScopedPermissionPolicy):
    """A union's report text: its officers, as any record of the union. A cluster's report text:
    the head of that year writes it (cluster-head accounts included), the deputy and VUFO read it."""

    def user_has_permission(self, user, action):
        if super().user_has_permission(user, action):
            return True
        return action in ("add", "change") and getattr(user, "role", None) == Role.CLUSTER_HEAD

    def instance_in_scope(self, user, action, instance):
        from huunghi.emulation import access

        if instance.cluster_id:
            if action == "view":
                return access.can_view_all_sheets(user, instance.cluster)
            return access.is_head(user, instance.cluster)
        if action != "view" and getattr(user, "role", None) == Role.CLUSTER_HEAD:
            return False  # a read-only account outside its cluster's report
        return super().instance_in_scope(user, action, instance)

    def scope_filter(self, queryset, user, actions=("view",)):
        from huunghi.emulation import access
        from huunghi.emulation.models import EmulationCluster

        if user_scope_path(user) == "":
            return queryset
        own = super().scope_filter(queryset, user, actions).filter(cluster__isnull=True)
        check = access.can_view_all_sheets if list(actions) == ["view"] else access.is_head
        clusters = [c.pk for c in EmulationCluster.objects.all() if check(user, c)]
        return own | queryset.filter(cluster__in=clusters)
