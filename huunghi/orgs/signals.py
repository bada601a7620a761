"""Keeps stored member counts honest (see `tallies`): every save or delete of what a count depends
on marks the organization where it happened."""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from .models import HeadcountReport, Membership, MembershipStatusChange, Organization
from .tallies import mark_changed


@receiver(pre_save, sender=Membership)
@receiver(pre_save, sender=HeadcountReport)
def _moved_record(sender, instance, **kwargs):
    """A record moved to another organization: the one it leaves changes too."""
    if instance.pk:
        before = sender.objects.filter(pk=instance.pk).values_list("organization_id", flat=True).first()
        if before and before != instance.organization_id:
            mark_changed([before])


@receiver(post_save, sender=Membership)
@receiver(post_delete, sender=Membership)
@receiver(post_save, sender=HeadcountReport)
@receiver(post_delete, sender=HeadcountReport)
def _record_changed(sender, instance, **kwargs):
    mark_changed([instance.organization_id])


@receiver(post_save, sender=MembershipStatusChange)
@receiver(post_delete, sender=MembershipStatusChange)
def _status_changed(sender, instance, **kwargs):
    # By id: when its membership is being deleted too, the membership marks its organization.
    organization = Membership.objects.filter(pk=instance.membership_id).values_list("organization_id", flat=True)
    mark_changed(organization)


@receiver(pre_delete, sender=Organization)
def _organization_deleted(sender, instance, **kwargs):
    mark_changed([instance.parent_id])
