from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerKind(models.TextChoices):
    STATE = "state", _("State body or local government")
    PARTY = "party", _("Political party")
    PEOPLES_ORG = "peoples_org", _("People's organization / friendship society")
    NGO = "ngo", _("Non-governmental organization")
    DIPLOMATIC = "diplomatic", _("Embassy or consulate")
    INTERNATIONAL = "international", _("International organization")
    BUSINESS = "business", _("Business")
    OVERSEAS_VIETNAMESE = "overseas_vietnamese", _("Overseas Vietnamese association")
    EDUCATION = "education", _("University or school")
    OTHER = "other", _("Other")


class Direction(models.TextChoices):
    INCOMING = "incoming", _("Received (incoming delegation)")
    OUTGOING = "outgoing", _("Sent (outgoing delegation)")


class Level(models.TextChoices):
    STATE = "state", _("State")
    PARTY = "party", _("Party")
    PEOPLES_ORG = "peoples_org", _("People's organization")
    NGO = "ngo", _("NGO")
    BUSINESS = "business", _("Business")
    OVERSEAS_VIETNAMESE = "overseas_vietnamese", _("Overseas Vietnamese")


class EventKind(models.TextChoices):
    CONFERENCE = "conference", _("Conference or seminar")
    COMMEMORATION = "commemoration", _("Commemoration or anniversary")
    SIGNING = "signing", _("Signing ceremony")
    CULTURAL = "cultural", _("Cultural exchange")
    EXECUTIVE_MEETING = "executive_meeting", _("Executive committee meeting")
    OTHER = "other", _("Other")


class AgreementStatus(models.TextChoices):
    NEGOTIATING = "negotiating", _("Being negotiated")
    IN_FORCE = "in_force", _("In force")
    EXPIRED = "expired", _("Expired")
    TERMINATED = "terminated", _("Terminated")
