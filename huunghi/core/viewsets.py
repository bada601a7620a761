"""Wagtail snippet viewsets whose every view obeys the organization-scope policy.

Wagtail limits snippets per model only, and a viewset's `get_queryset` filters the listing but not
edit, delete, copy, inspect, history, usage, export or choosers. `ScopedSnippetViewSet` wraps each
view class it builds with `ScopedViewMixin`, so an object outside the user's scope is a 404 on
every URL, and routes every write through `huunghi.core.services`.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.http import Http404
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.views.generic import models as generic_models
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import HistoryView, SnippetViewSet, UsageView

from .access import policy_for, scoped_queryset
from .choosers import OrmSearchChooseMixin
from .services import record_create, record_delete, record_update, snapshot


def _required_action(view):
    if isinstance(view, generic_models.DeleteView):
        return "delete"
    if isinstance(view, generic_models.CopyViewMixin):
        return "add"
    if isinstance(view, generic_models.EditView):
        return "change"
    return "view"


class ScopedViewMixin:
    """Objects are fetched only through the policy: outside the scope they do not exist (404);
    inside the scope but without the right for this view's action, 403."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        model = getattr(self, "model", None)
        if model is not None and isinstance(obj, model) and hasattr(obj, "audit_org_path"):
            user = self.request.user
            policy = policy_for(model)
            if not scoped_queryset(model, user, "view").filter(pk=obj.pk).exists():
                raise Http404
            action = _required_action(self)
            if action != "view" and not policy.user_has_permission_for_instance(user, action, obj):
                raise PermissionDenied
            if isinstance(self, generic_models.EditView) and not hasattr(self, "_audit_before"):
                self._audit_before = snapshot(obj)
        return obj


class ScopedIndexMixin:
    """Rows the user may read but not change (an ancestor organization, a delegation a co-host
    sees) link to their inspect page instead of an edit page that would refuse them."""

    def get_edit_url(self, instance):
        url = super().get_edit_url(instance)
        if url and not policy_for(self.model).user_has_permission_for_instance(self.request.user, "change", instance):
            return None
        return url


class BlankAwareInspectMixin:
    """Empty values read as a dash, not Python's "None"."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return "—" if value is None or value == "" else value


def _form_error(form, error):
    """Put a ValidationError raised while saving (the service's `full_clean`) on the form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.error_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error)


class ValidationAwareSaveMixin:
    """A rule only the model knows (checked by the write service) shows on the form like any
    other error, and nothing is saved — never a server error."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)


class ScopedCreateMixin(ValidationAwareSaveMixin):
    def save_instance(self):
        instance = self.form.save(commit=False)
        return record_create(instance=instance, acting_user=self.request.user, save_related=self.form.save_m2m)


class ScopedEditMixin(ValidationAwareSaveMixin):
    def save_instance(self):
        instance = self.form.save(commit=False)
        self.has_content_changes = self.form.has_changed()
        return record_update(
            instance=instance,
            acting_user=self.request.user,
            before=self._audit_before,
            save_related=self.form.save_m2m,
        )


class ScopedDeleteMixin:
    def delete_action(self):
        record_delete(instance=self.object, acting_user=self.request.user)


class ScopedAdminModelForm(WagtailAdminModelForm):
    """Every choice list of a scoped model offers only what the user may write to (plus the value
    already stored), so a hand-made POST cannot point a record at another tenant."""

    # Field name → the actions a choice needs ("view": any record the user can see), or None for
    # a choice among every record (e.g. co-hosts from other unions).
    scoped_choice_actions = {}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        for name, field in self.fields.items():
            if not isinstance(field, ModelChoiceField):
                continue
            model = field.queryset.model
            if not hasattr(model, "audit_org_path"):
                continue
            actions = self.scoped_choice_actions.get(name, ["add", "change"])
            if actions is None:
                continue
            allowed = policy_for(model).instances_user_has_any_permission_for(for_user, actions)
            current = getattr(self.instance, f"{name}_id", None)
            if current is not None:
                allowed = allowed | model._default_manager.filter(pk=current)
            elif isinstance(field, ModelMultipleChoiceField) and self.instance.pk:
                chosen = getattr(self.instance, name).values("pk")  # keep what is already chosen
                allowed = model._default_manager.filter(Q(pk__in=allowed.values("pk")) | Q(pk__in=chosen))
            field.queryset = allowed


# --- Choosers ----------------------------------------------------------------------------------


class ScopedChooseMixin(OrmSearchChooseMixin):
    def get_object_list(self):
        return policy_for(self.model_class).instances_user_has_any_permission_for(self.request.user, ["add", "change"])


class ScopedChosenMixin:
    def get_object(self, pk):
        return (
            policy_for(self.model_class)
            .instances_user_has_any_permission_for(self.request.user, ["add", "change"])
            .get(pk=pk)
        )


class ScopedChosenMultipleMixin:
    def get_objects(self, pks):
        return (
            policy_for(self.model_class)
            .instances_user_has_any_permission_for(self.request.user, ["add", "change"])
            .filter(pk__in=pks)
        )


_base = SnippetChooserViewSet


class ScopedChooserViewSet(SnippetChooserViewSet):
    choose_view_class = type("ScopedChooseView", (ScopedChooseMixin, _base.choose_view_class), {})
    choose_results_view_class = type(
        "ScopedChooseResultsView", (ScopedChooseMixin, _base.choose_results_view_class), {}
    )
    chosen_view_class = type("ScopedChosenView", (ScopedChosenMixin, _base.chosen_view_class), {})
    chosen_multiple_view_class = type(
        "ScopedChosenMultipleView", (ScopedChosenMultipleMixin, _base.chosen_multiple_view_class), {}
    )


# --- The viewset ------------------------------------------------------------------------------


class ScopedSnippetViewSet(SnippetViewSet):
    """Base for every back-office viewset of an organization-scoped model."""

    chooser_viewset_class = ScopedChooserViewSet
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50
    # Plain ORM search over `search_fields` (it follows relations); Vietnamese folding comes with the search module.
    search_backend_name = None
    list_select_related = ()
    base_form_class = None  # a ScopedAdminModelForm subclass, when a model needs its own

    @property
    def permission_policy(self):
        return policy_for(self.model)

    def get_queryset(self, request):
        queryset = scoped_queryset(self.model, request.user, "view")
        if self.list_select_related:
            queryset = queryset.select_related(*self.list_select_related)
        return queryset

    def get_edit_handler(self):
        panels = getattr(self, "panels", None)
        if panels is None:
            return super().get_edit_handler()
        form_class = self.base_form_class or ScopedAdminModelForm
        return ObjectList(panels, base_form_class=form_class).bind_to_model(self.model)

    def construct_view(self, view_class, **kwargs):
        mixins = [ScopedViewMixin]
        if issubclass(view_class, generic_models.DeleteView):
            mixins.append(ScopedDeleteMixin)
        elif issubclass(view_class, generic_models.EditView):
            mixins.append(ScopedEditMixin)
        elif issubclass(view_class, generic_models.CreateView):
            mixins.append(ScopedCreateMixin)
        elif issubclass(view_class, generic_models.InspectView):
            mixins.append(BlankAwareInspectMixin)
        elif issubclass(view_class, generic_models.IndexView):
            mixins.append(ScopedIndexMixin)
        attrs = {}
        if issubclass(view_class, (HistoryView, UsageView)):
            # Wagtail asks for "change" here; history and usage are reading, which auditors must do.
            attrs = {"permission_required": None, "any_permission_required": ["view"]}
        scoped_class = type(f"Scoped{view_class.__name__}", (*mixins, view_class), attrs)
        return super().construct_view(scoped_class, **kwargs)
