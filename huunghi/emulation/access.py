"""Who may do what in emulation — the one cross-tenant place of the platform.

- VUFO (platform administrators) sets up clusters, criteria and award forms and sees everything;
  VUFO's auditors read everything.
- The cluster head of a year is a union, not a person: its administrators and its
  "cluster head" accounts review and score the sheets of that cluster's members for that year,
  and nothing of another year or cluster. The deputy head reads them.
- A member union's administrators and editors fill in its own self-assessment and answer; its
  users see their own sheet, and the ranking once the head has made the results final.
"""

from django.db.models import Q

from huunghi.core.access import OrgScopedPermissionPolicy, user_actions, user_scope_path
from huunghi.core.roles import Role

HEAD_ROLES = {Role.UNION_ADMIN, Role.CLUSTER_HEAD}
MEMBER_WRITE_ROLES = {Role.UNION_ADMIN, Role.UNION_EDITOR}
MEMBER_READ_ROLES = {Role.UNION_ADMIN, Role.UNION_EDITOR, Role.CLUSTER_HEAD, Role.AUDITOR}


def is_platform(user):
    return user_scope_path(user) == "" and "delete" in user_actions(user)


def is_overseer(user):
    """Reads every cluster: VUFO's administrators and auditors (whose scope is the whole tree)."""
    scope = user_scope_path(user)
    if scope is None:
        return False
    return scope == "" or (scope.count("/") == 1 and _role(user) in MEMBER_READ_ROLES)


def _role(user):
    return getattr(user, "role", None)


def _union_id(user):
    return getattr(user, "organization_id", None) if user_scope_path(user) else None


def is_head(user, cluster):
    return is_platform(user) or (_union_id(user) == cluster.head_id and _role(user) in HEAD_ROLES)


def is_deputy(user, cluster):
    return (
        cluster.deputy_head_id is not None
        and _union_id(user) == cluster.deputy_head_id
        and (_role(user) in MEMBER_READ_ROLES)
    )


def _member_ids(cluster):
    """The cluster's member unions, read once per cluster object while a page is built."""
    if not hasattr(cluster, "_access_member_ids"):
        cluster._access_member_ids = cluster.member_ids()
    return cluster._access_member_ids


def is_member(user, cluster):
    return _union_id(user) in _member_ids(cluster) and _role(user) in MEMBER_READ_ROLES


def can_view_cluster(user, cluster):
    return is_overseer(user) or is_head(user, cluster) or is_deputy(user, cluster) or is_member(user, cluster)


def can_view_all_sheets(user, cluster):
    return is_overseer(user) or is_head(user, cluster) or is_deputy(user, cluster)


def can_view_sheet(user, sheet):
    if can_view_all_sheets(user, sheet.cluster):
        return True
    return _union_id(user) == sheet.organization_id and _role(user) in MEMBER_READ_ROLES


def can_self_assess(user, sheet):
    """The member union's own officers (VUFO too, on a union's behalf)."""
    return is_platform(user) or (_union_id(user) == sheet.organization_id and _role(user) in MEMBER_WRITE_ROLES)


def can_view_ranking(user, cluster):
    return can_view_all_sheets(user, cluster) or (cluster.is_final and is_member(user, cluster))


def visible_clusters(user, queryset):
    if is_overseer(user):
        return queryset
    union = _union_id(user)
    if union is None or _role(user) not in MEMBER_READ_ROLES:
        return queryset.none()
    return queryset.filter(Q(head_id=union) | Q(deputy_head_id=union) | Q(members__organization_id=union)).distinct()


def visible_sheets(user, queryset):
    if is_overseer(user):
        return queryset
    union = _union_id(user)
    if union is None or _role(user) not in MEMBER_READ_ROLES:
        return queryset.none()
    return queryset.filter(
        Q(cluster__head_id=union) | Q(cluster__deputy_head_id=union) | Q(organization_id=union)
    ).distinct()


class ClusterPolicy(OrgScopedPermissionPolicy):
    """Clusters and criteria sets are set up by VUFO; members, heads and deputies read theirs."""

    def user_has_permission(self, user, action):
        if action == "view":
            return (
                user_scope_path(user) is not None
                and _role(user) in MEMBER_READ_ROLES | {Role.PLATFORM_ADMIN}
                or (bool(getattr(user, "is_superuser", False)))
            )
        return is_platform(user)

    def instance_in_scope(self, user, action, instance):
        if action == "view":
            return self.scope_filter(type(instance)._default_manager.all(), user).filter(pk=instance.pk).exists()
        return is_platform(user)

    def scope_filter(self, queryset, user, actions=("view",)):
        if list(actions) != ["view"]:
            return queryset if is_platform(user) else queryset.none()
        if self.model.__name__ == "CriteriaSet":
            if is_overseer(user):
                return queryset
            from .models import EmulationCluster

            clusters = visible_clusters(user, EmulationCluster.objects.all())
            return queryset.filter(pk__in=clusters.values("criteria_set_id"))
        return visible_clusters(user, queryset)


class SheetPolicy(OrgScopedPermissionPolicy):
    """Score sheets and their entries: read per `can_view_sheet`; change by the member's officers
    or the cluster head (which fields, and when, the services decide)."""

    def user_has_permission(self, user, action):
        return action in {"view", "change"} and user_scope_path(user) is not None

    def _sheet(self, instance):
        return getattr(instance, "sheet", instance)

    def instance_in_scope(self, user, action, instance):
        sheet = self._sheet(instance)
        if action == "view":
            return can_view_sheet(user, sheet)
        if action == "change":
            return can_self_assess(user, sheet) or is_head(user, sheet.cluster)
        return is_platform(user)

    def scope_filter(self, queryset, user, actions=("view",)):
        if self.model.__name__ == "ScoreEntry":
            from .models import ScoreSheet

            return queryset.filter(sheet__in=visible_sheets(user, ScoreSheet.objects.all()))
        return visible_sheets(user, queryset)


class ProposalPolicy(OrgScopedPermissionPolicy):
    """Award proposals of a cluster belong to its head for the year (who drafts and edits them)
    and are read by VUFO; a union's own proposals follow the organization scope."""

    def user_has_permission(self, user, action):
        if super().user_has_permission(user, action):
            return True
        return _role(user) == Role.CLUSTER_HEAD and action in {"view", "add", "change", "delete"}

    def instance_in_scope(self, user, action, instance):
        cluster = instance.cluster if instance.cluster_id else None
        if cluster is not None:
            if action == "view":
                return can_view_all_sheets(user, cluster) or (cluster.is_final and is_member(user, cluster))
            return is_head(user, cluster) and not _role(user) == Role.AUDITOR
        return _role(user) != Role.CLUSTER_HEAD and super().instance_in_scope(user, action, instance)

    def scope_filter(self, queryset, user, actions=("view",)):
        own = super().scope_filter(queryset, user, actions).filter(cluster__isnull=True)
        if _role(user) == Role.CLUSTER_HEAD:
            own = queryset.none()
        if is_overseer(user):
            return queryset if list(actions) == ["view"] or is_platform(user) else own
        union = _union_id(user)
        if union is None:
            return own
        if list(actions) == ["view"]:
            from .models import EmulationCluster

            clusters = visible_clusters(user, EmulationCluster.objects.all())
            readable = (
                Q(cluster__head_id=union)
                | Q(cluster__deputy_head_id=union)
                | Q(cluster__in=clusters.filter(finalized_at__isnull=False))
            )
        else:
            readable = Q(cluster__head_id=union) if _role(user) in HEAD_ROLES else Q(pk__in=[])
        ids = queryset.filter(cluster__isnull=False).filter(readable).values("pk")
        return queryset.filter(Q(pk__in=own.values("pk")) | Q(pk__in=ids))


class ReferencePolicy(OrgScopedPermissionPolicy):
    """Reference data (award forms, the basic salary): every back-office user reads it, VUFO edits it."""

    def user_has_permission(self, user, action):
        if action == "view":
            return user_scope_path(user) is not None and "view" in user_actions(user)
        return is_platform(user)

    def instance_in_scope(self, user, action, instance):
        return action == "view" or is_platform(user)

    def scope_filter(self, queryset, user, actions=("view",)):
        if list(actions) == ["view"] or is_platform(user):
            return queryset if user_scope_path(user) is not None else queryset.none()
        return queryset.none()
