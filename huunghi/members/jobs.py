"""Running import jobs: in the background (django-tasks), with progress every process can read."""

import logging

from django.core.cache import caches
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from .exporter import report_workbook
from .importer import run_import
from .models import ImportJob

logger = logging.getLogger(__name__)
Status = ImportJob.Status


def _key(job_id):
    return f"member-import:{job_id}"


def set_progress(job_id, processed, total, phase):
    caches["progress"].set(_key(job_id), {"processed": processed, "total": total, "phase": phase}, 24 * 3600)


def get_progress(job):
    return caches["progress"].get(_key(job.pk)) or {}


def progress_payload(job):
    progress = get_progress(job)
    total = progress.get("total") or job.summary.get("rows_total") or 0
    processed = min(progress.get("processed", 0), total) if total else 0
    percent = 100 if job.status in {Status.READY, Status.DONE} else (round(100 * processed / total) if total else 0)
    if progress.get("phase") == "write" and job.status == Status.IMPORTING:
        percent = 99  # the transaction is being written
    return {
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "running": job.is_running,
        "processed": processed,
        "total": total,
        "percent": percent,
        "phase": progress.get("phase", ""),
    }


def _finish(job, result, status):
    job.summary = result.summary()
    job.error = result.fatal
    job.status = status
    job.finished_at = timezone.now() if status != Status.READY else None
    report = report_workbook(result, file_name=job.original_name, organization=job.organization)
    job.report.save(f"bao-cao-nhap-{job.pk}.xlsx", ContentFile(report), save=False)
    job.save()


def analyse_job(job_id):
    """Check the file and prepare the preview; nothing is written to the registry."""
    job = ImportJob.objects.select_related("organization", "created_by").get(pk=job_id)
    job.status = Status.ANALYSING
    job.save(update_fields=["status"])
    try:
        with job.file.open("rb") as source:
            result = run_import(
                source,
                organization=job.organization,
                user=job.created_by,
                dry_run=True,
                file_name=job.original_name,
                progress=lambda done, total, phase: set_progress(job.pk, done, total, phase),
            )
    except Exception:
        logger.exception("member import %s: analysis failed", job_id)
        _fail(job)
        return
    job.fingerprint = result.fingerprint
    _finish(job, result, Status.FAILED if result.fatal else Status.READY)


def commit_job(job_id, user_id):
    """Write the confirmed preview in one transaction — or nothing, if anything changed since."""
    job = ImportJob.objects.select_related("organization", "created_by").get(pk=job_id)
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.select_related("organization").get(pk=user_id)
    job.status = Status.IMPORTING
    job.save(update_fields=["status"])
    try:
        with job.file.open("rb") as source:
            result = run_import(
                source,
                organization=job.organization,
                user=user,
                decisions=job.decisions,
                expected_fingerprint=job.fingerprint,
                file_name=job.original_name,
                job_id=job.pk,
                progress=lambda done, total, phase: set_progress(job.pk, done, total, phase),
            )
    except Exception:
        logger.exception("member import %s: writing failed", job_id)
        _fail(job)
        return
    _finish(job, result, Status.DONE if result.written else Status.FAILED)


def _fail(job):
    job.status = Status.FAILED
    job.error = _(
        "An unexpected error stopped the import; nothing was written. The error was logged for the administrators."
    )
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "finished_at"])


@task(backend="background")
def analyse_job_task(job_id):
    analyse_job(job_id)


@task(backend="background")
def commit_job_task(job_id, user_id):
    commit_job(job_id, user_id)


def start_analysis(job):
    set_progress(job.pk, 0, 0, "queued")
    transaction.on_commit(lambda: analyse_job_task.enqueue(job.pk))


def start_commit(job, user):
    job.status = Status.QUEUED_IMPORT
    job.save(update_fields=["status", "decisions"])
    set_progress(job.pk, 0, 0, "queued")
    transaction.on_commit(lambda: commit_job_task.enqueue(job.pk, user.pk))
