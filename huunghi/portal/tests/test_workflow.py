"""Each union's moderation: the editor submits, the union's approver publishes; scheduled publishing."""

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from huunghi.portal.models import NewsArticlePage

from . import factories

pytestmark = pytest.mark.django_db
HOST = "nghe-an.localhost"


def test_editor_submits_and_the_union_approver_publishes(client, demo_user):
    editor, approver, other = demo_user("nghean.editor"), demo_user("nghean.admin"), demo_user("thanhhoa.admin")
    page = factories.article(title="Bài của biên tập viên", publish=False, page_slug="bai-bien-tap")
    assert not page.permissions_for_user(editor).can_publish()
    assert page.permissions_for_user(editor).can_edit()
    assert not page.permissions_for_user(other).can_edit()

    workflow = page.get_workflow()
    assert workflow is not None and workflow.name.startswith("Duyệt tin")
    state = workflow.start(page, editor)
    assert page.permissions_for_user(approver).can_publish()
    task_state = state.current_task_state
    assert task_state.task.specific.user_can_access_editor(page, approver)
    assert not task_state.task.specific.get_actions(page, editor)  # not the editor's decision
    task_state.task.specific.on_action(task_state, approver, "approve")
    page.refresh_from_db()
    assert page.live
    assert "Bài của biên tập viên" in client.get("/tin-tuc/", HTTP_HOST=HOST).content.decode()


def test_editor_opens_the_article_editor_in_the_admin(client, demo_user):
    page = factories.article(title="Bài mở trong trang quản trị", publish=False, page_slug="bai-quan-tri")
    client.force_login(demo_user("nghean.editor"))
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert "Gửi duyệt" in response.content.decode() or "submit" in response.content.decode().lower()
    client.force_login(demo_user("thanhhoa.admin"))
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code in (302, 403)


def test_scheduled_publishing(client):
    page = factories.article(title="Bài hẹn giờ đăng", publish=False, page_slug="bai-hen-gio")
    page.go_live_at = timezone.now() + datetime.timedelta(hours=2)
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    assert not page.live
    assert "Bài hẹn giờ đăng" not in client.get("/tin-tuc/", HTTP_HOST=HOST).content.decode()
    call_command("publish_scheduled", verbosity=0)
    assert not NewsArticlePage.objects.get(pk=page.pk).live  # not yet
    later = timezone.now() + datetime.timedelta(hours=3)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled", verbosity=0)  # what cron runs every few minutes
    assert NewsArticlePage.objects.get(pk=page.pk).live
    assert "Bài hẹn giờ đăng" in client.get("/tin-tuc/", HTTP_HOST=HOST).content.decode()
