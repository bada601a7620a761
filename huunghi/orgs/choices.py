from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgKind(models.TextChoices):
    NATIONAL_UNION = "national_union", _("National union (VUFO)")
    PROVINCIAL_UNION = "provincial_union", _("Provincial union")
    ASSOCIATION = "association", _("Friendship association")
    BRANCH = "branch", _("Branch")
    OTHER_MEMBER = "other_member", _("Other member organization")


# Which kinds may sit directly under which (cha → con).
ALLOWED_PARENT_KINDS = {
    OrgKind.NATIONAL_UNION: set(),
    OrgKind.PROVINCIAL_UNION: {OrgKind.NATIONAL_UNION},
    OrgKind.ASSOCIATION: {OrgKind.NATIONAL_UNION, OrgKind.PROVINCIAL_UNION},
    OrgKind.BRANCH: {OrgKind.ASSOCIATION, OrgKind.PROVINCIAL_UNION, OrgKind.BRANCH},
    OrgKind.OTHER_MEMBER: {OrgKind.NATIONAL_UNION, OrgKind.PROVINCIAL_UNION, OrgKind.ASSOCIATION},
}


class PositionTitle(models.TextChoices):
    PRESIDENT = "president", _("President")
    STANDING_VICE_PRESIDENT = "standing_vice_president", _("Standing vice president")
    VICE_PRESIDENT = "vice_president", _("Vice president")
    SECRETARY_GENERAL = "secretary_general", _("Secretary general")
    STANDING_COMMITTEE_MEMBER = "standing_committee_member", _("Member of the standing committee")
    EXECUTIVE_COMMITTEE_MEMBER = "executive_committee_member", _("Member of the executive committee")
    BRANCH_HEAD = "branch_head", _("Branch head")
    OFFICER = "officer", _("Officer")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")
    MOVED = "moved", _("Moved away")
    DECEASED = "deceased", _("Deceased")


class ConsentPurpose(models.TextChoices):
    MEMBERSHIP = "membership", _("Membership records")
    CONTACT = "contact", _("Contacting the member")
    MEMBER_CARD = "member_card", _("Member card and its verification page")
    PHOTOS = "photos", _("Photos and names on the public portal")
    SHARING = "sharing", _("Sharing with the parent union and partners")
