"""Bulk delete from a listing, for organization-scoped snippets.

Wagtail's snippet bulk delete fetches the ids of the URL from the whole table and checks a model
permission only: its confirmation page would name another tenant's records, and its delete is
not audited. This replacement fetches through the policy (an id outside the scope is a 404),
checks the right per record and deletes through `record_delete`.
"""

from django.db import transaction
from django.http import Http404
from django.utils.functional import classproperty
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import get_snippet_models

from .access import OrgScopedMixin, policy_for, scoped_queryset
from .services import record_delete


class ScopedDeleteBulkAction(DeleteBulkAction):
    @classproperty
    def models(cls):
        return [model for model in get_snippet_models() if issubclass(model, OrgScopedMixin)]

    def get_actionable_objects(self):
        # Asked again after the delete (Wagtail's after-hooks): answer from the first look-up.
        if not hasattr(self, "_scoped_objects"):
            self._scoped_objects = self._scoped_lookup()
        return self._scoped_objects

    def _scoped_lookup(self):
        user = self.request.user
        visible = scoped_queryset(self.model, user, "view")
        ids = self.request.GET.getlist("id")
        if "all" in ids:
            found = list(visible)
        else:
            found = list(visible.filter(pk__in=ids))
            if not ids or len(found) != len(set(ids)):
                raise Http404
        policy = policy_for(self.model)
        allowed = [obj for obj in found if policy.user_has_permission_for_instance(user, "delete", obj)]
        denied = [obj for obj in found if obj not in allowed]
        return allowed, {"items_with_no_access": denied}

    def check_perm(self, obj):
        return policy_for(self.model).user_has_permission_for_instance(self.request.user, "delete", obj)

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        with transaction.atomic():
            for obj in objects:
                record_delete(instance=obj, acting_user=user)
        return len(objects), 0
