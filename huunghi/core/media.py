"""Photos and documents per union: a Wagtail collection for each union and a group whose
members add, choose and change the images and documents of that collection only — Wagtail's own
collection permissions keep one union's media out of another's reach."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission

MEDIA_PERMISSIONS = (
    ("wagtailimages", ("add_image", "choose_image", "change_image")),
    ("wagtaildocs", ("add_document", "choose_document", "change_document")),
)


def union_media_ensure(union):
    """(collection, group) of a union's media; idempotent."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=union.name).first() or root.add_child(name=union.name)
    group, _ = Group.objects.get_or_create(name=f"Ảnh và tài liệu: {union.name}"[:150])
    for app_label, codenames in MEDIA_PERMISSIONS:
        for codename in codenames:
            permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
            GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)
    return collection, group
