from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .forms import UserCreationForm, UserEditForm


class UserViewSet(WagtailUserViewSet):
    """Only platform administrators (superusers) manage accounts; the forms add organization and role."""

    def get_form_class(self, for_update=False):
        return UserEditForm if for_update else UserCreationForm
