"""Each union's public site (Wagtail multi-site): <slug>.localhost, and 127.0.0.1 for VUFO; its
pages, its moderation workflow and its English translation."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import ContactPage, NewsIndexPage, OrganizationIndexPage, UnionHomePage

DEV_PORT = 8000

# Editors (biên tập viên) write and submit; approvers (người duyệt tin) also publish.
EDITOR_PERMISSIONS = ("add_page", "change_page", "lock_page")
APPROVER_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")


@transaction.atomic
def union_site_ensure(*, organization, default=False):
    """Create (or keep) the home page and the Wagtail site of a union. Idempotent."""
    home = UnionHomePage.objects.filter(organization=organization, locale__language_code="vi").first()
    if home is None:
        home = UnionHomePage.objects.filter(organization=organization).first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=UnionHomePage(title=organization.name, slug=organization.slug, organization=organization)
        )
    hostname = "127.0.0.1" if default else f"{organization.slug}.localhost"
    site = Site.objects.filter(root_page=home).first() or Site(root_page=home)
    if default:
        # The site Wagtail's first migration made (its "Welcome" page) gives way to VUFO's.
        Site.objects.filter(is_default_site=True).exclude(pk=site.pk).update(is_default_site=False)
        Page.objects.filter(depth=2, content_type__model="page", title__startswith="Welcome").delete()
    site.hostname = hostname
    site.port = DEV_PORT
    site.site_name = organization.short_name or organization.name
    site.is_default_site = default
    site.save()
    return site


def _child_ensure(parent, model, **values):
    page = parent.get_children().type(model).first()
    if page is not None:
        return page.specific
    return parent.add_child(instance=model(**values))


@transaction.atomic
def union_portal_ensure(*, organization):
    """The standard pages under a union's home: news, organization pages, contact. Idempotent."""
    home = UnionHomePage.objects.get(organization=organization, locale__language_code="vi")
    news = _child_ensure(home, NewsIndexPage, title="Tin tức", slug="tin-tuc")
    organizations = _child_ensure(home, OrganizationIndexPage, title="Cơ cấu tổ chức", slug="to-chuc")
    contact = _child_ensure(home, ContactPage, title="Liên hệ", slug="lien-he")
    return home, news, organizations, contact


@transaction.atomic
def union_workflow_ensure(*, organization):
    """Wagtail's moderation for a union's site: an editors' group that writes and submits, an
    approvers' group that publishes, and the workflow "editor submits → approver publishes" on the
    union's home page (and so every page under it, in every locale). Returns (editors, approvers)."""
    homes = list(UnionHomePage.objects.filter(organization=organization))
    name = organization.short_name or organization.name
    editors, _ = Group.objects.get_or_create(name=f"Biên tập tin: {name}"[:150])
    approvers, _ = Group.objects.get_or_create(name=f"Duyệt tin: {name}"[:150])
    for group, codenames in ((editors, EDITOR_PERMISSIONS), (approvers, APPROVER_PERMISSIONS)):
        group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
        for home in homes:
            for codename in codenames:
                permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
                GroupPagePermission.objects.get_or_create(group=group, page=home, permission=permission)
    workflow, _ = Workflow.objects.get_or_create(name=f"Duyệt tin: {name}"[:255])
    task = GroupApprovalTask.objects.filter(name=f"Duyệt tin: {name}"[:255]).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=f"Duyệt tin: {name}"[:255])
    task.groups.set([approvers])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for home in homes:
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return editors, approvers


def locale_ensure(language_code):
    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    return locale


@transaction.atomic
def page_translation_ensure(*, page, language_code="en", **values):
    """The translation of `page` into a locale (its parents are copied first, as Wagtail needs),
    with the given field values; saved as a draft revision and left unpublished when new."""
    locale = locale_ensure(language_code)
    translated = page.get_translation_or_none(locale)
    if translated is None:
        translated = page.copy_for_translation(locale, copy_parents=True, alias=False)
    translated = translated.specific
    for name, value in values.items():
        setattr(translated, name, value)
    translated.save_revision()
    return translated


@transaction.atomic
def category_ensure(*, slug, name, language_code="vi", translation_of=None):
    """A news category in a locale (the English one shares the Vietnamese one's translation key)."""
    from .models import NewsCategory

    locale = locale_ensure(language_code)
    category = NewsCategory.objects.filter(slug=slug, locale=locale).first()
    if category is None:
        category = NewsCategory(slug=slug, locale=locale)
        if translation_of is not None:
            category.translation_key = translation_of.translation_key
    category.name = name
    category.save()
    return category


@transaction.atomic
def article_save(
    *,
    news_index,
    slug,
    title,
    lead="",
    body=(),
    author="",
    date=None,
    category=None,
    tags=(),
    delegations=(),
    events=(),
    import_notes="",
    publish=False,
    acting_user=None,
):
    """Create or update the article `slug` under a news index, as a new revision; publish it when
    asked (otherwise it stays a draft for the union's moderation workflow). `body` is a list of
    (block type, value) pairs of `ArticleBodyBlock`."""
    from django.utils import timezone

    from .models import NewsArticlePage

    page = news_index.get_children().filter(slug=slug).specific().first()
    values = {
        "title": title,
        "lead": lead,
        "body": list(body),
        "author": author,
        "date": date or timezone.now(),
        "category": category,
        "import_notes": import_notes,
    }
    if page is None:
        page = NewsArticlePage(slug=slug, live=False, owner=acting_user, **values)
        news_index.add_child(instance=page)
    else:
        for name, value in values.items():
            setattr(page, name, value)
    page.tags.set(list(tags))
    page.delegations.set(list(delegations))
    page.events.set(list(events))
    revision = page.save_revision(user=acting_user, log_action=True)
    if publish:
        revision.publish(user=acting_user)
    return NewsArticlePage.objects.get(pk=page.pk)
