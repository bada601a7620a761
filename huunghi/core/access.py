"""The one organization-scope permission policy.

Every back-office view, listing, filter choice, chooser, export and service asks this module.
A user sees and changes records whose organization lies in the subtree of the user's own
organization (identified by its materialized `path`); the role says which actions are allowed.
The platform administrator (and a Django superuser) sees everything.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from .roles import ROLE_ACTIONS, Role


def user_scope_path(user):
    """The organization path prefix the user may reach; "" means everything, None means nothing."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser or getattr(user, "role", None) == Role.PLATFORM_ADMIN:
        return ""
    organization = getattr(user, "organization", None)
    if organization is None or not getattr(user, "role", None):
        return None
    return organization.path


def user_actions(user):
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return ROLE_ACTIONS[Role.PLATFORM_ADMIN]
    return ROLE_ACTIONS.get(getattr(user, "role", None), frozenset())


def ancestor_ids(path):
    """Ids of the organizations above the one whose materialized path this is."""
    return [int(segment) for segment in path.split("/") if segment][:-1]


def path_in_scope(path, scope):
    return scope is not None and path is not None and path.startswith(scope)


class OrgScopedPermissionPolicy(BasePermissionPolicy):
    """Wagtail permission policy for models that implement `OrgScopedMixin`."""

    def user_has_permission(self, user, action):
        return action in user_actions(user) and user_scope_path(user) is not None

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return self.instance_in_scope(user, action, instance)

    def instance_in_scope(self, user, action, instance):
        return path_in_scope(instance.audit_org_path(), user_scope_path(user))

    def instances_user_has_any_permission_for(self, user, actions):
        allowed = [a for a in actions if self.user_has_permission(user, a)]
        if not allowed:
            return self.model._default_manager.none()
        return self.scope_filter(self.model._default_manager.all(), user, allowed)

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

    def scope_filter(self, queryset, user, actions=("view",)):
        scope = user_scope_path(user)
        if scope is None:
            return queryset.none()
        if scope == "":
            return queryset
        return queryset.filter(**{f"{self.model.org_path_lookup}__startswith": scope})

    def users_with_any_permission(self, actions):
        roles = [role for role, allowed in ROLE_ACTIONS.items() if set(actions) & allowed]
        return get_user_model().objects.filter(is_active=True).filter(Q(is_superuser=True) | Q(role__in=roles))

    def users_with_any_permission_for_instance(self, actions, instance):
        path = instance.audit_org_path()
        return [
            user
            for user in self.users_with_any_permission(actions).select_related("organization")
            if path_in_scope(path, user_scope_path(user))
        ]


class OrgScopedMixin:
    """A model whose records belong to one organization of the tree.

    `org_path_lookup` names the ORM path from the model to `Organization.path`.
    """

    org_path_lookup = "organization__path"

    def audit_org_path(self):
        value = self
        for part in self.org_path_lookup.split("__"):
            value = getattr(value, part, None)
            if value is None:
                return ""
        return value


def policy_for(model):
    """The policy object for a scoped model (one per model, shared by views, forms and services)."""
    policy = _policies.get(model)
    if policy is None:
        policy_class = getattr(model, "permission_policy_class", OrgScopedPermissionPolicy)
        policy = _policies[model] = policy_class(model)
    return policy


_policies = {}


def scoped_queryset(model, user, action="view"):
    """Records of `model` the user may perform `action` on — the one filter every list uses."""
    return policy_for(model).instances_user_has_permission_for(user, action)
