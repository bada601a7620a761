"""IATI 2.03 export of aid items (`iati-activities`), and its validation.

One `iati-activity` per aid item of an organization's subtree that has a money movement in the
year or is under way in it. Each activity is a complete record (every transaction of the item, not
only those of the year), because IATI consumers keep one version of an activity per identifier.

The export is aggregate: no scholarship recipients, no transaction notes, no contacts.

Every code written is checked against the shipped code lists (`data/codelists`); `validate()`
checks a file against the 2.03 XSD (`data/iati-activities-schema.xsd`, which includes
`iati-common.xsd` and imports `xml.xsd` from the same folder) and the code lists again.
"""

import datetime
import threading
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.db.models import Prefetch, Q
from django.utils import timezone
from lxml import etree

from . import money
from .codelists import codelist

IATI_VERSION = "2.03"
SCHEMA = Path(__file__).parent / "data" / "iati-activities-schema.xsd"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANGUAGE = "vi"
RECIPIENT_COUNTRY = "VN"
SECTOR_VOCABULARY = "1"  # OECD DAC CRS purpose codes, 5 digits

# A friendship union, association or branch is a national non-governmental organization.
UNION_ORGANISATION_TYPE = "22"  # National NGO

# Foreign partner kind (relations.choices.PartnerKind) → IATI OrganisationType.
PARTNER_ORGANISATION_TYPES = {
    "state": "10",  # Government (a state body; the code list's 11 would need national vs local)
    "party": "90",  # Other: a political party is neither government nor NGO in the code list
    "peoples_org": "22",  # National NGO: a friendship society works in its own country
    "ngo": "21",  # International NGO
    "diplomatic": "10",  # Government: an embassy or consulate represents its government
    "international": "40",  # Multilateral
    "business": "71",  # Private Sector in Provider Country (72 when the partner is in Vietnam)
    "overseas_vietnamese": "22",  # National NGO: an association registered in its host country
    "education": "80",  # Academic, Training and Research
    "other": "90",  # Other
}
BUSINESS_IN_RECIPIENT_COUNTRY = "72"  # Private Sector in Aid Recipient Country

ROLE_FUNDING = "1"
ROLE_IMPLEMENTING = "4"

# aid.models.TransactionKind → IATI TransactionType (the union reports money it receives).
TRANSACTION_TYPES = {
    "pledge": "13",  # Incoming Pledge
    "commitment": "11",  # Incoming Commitment
    "disbursement": "1",  # Incoming Funds
}

DATE_PLANNED_START, DATE_ACTUAL_START, DATE_PLANNED_END, DATE_ACTUAL_END = "1", "2", "3", "4"
DESCRIPTION_GENERAL, DESCRIPTION_TARGET_GROUPS, DESCRIPTION_OTHER = "1", "3", "4"
STATUS_PIPELINE = "1"
STATUSES_ENDED = {"3", "4", "5"}  # Finalisation, Closed, Cancelled: an end date is the actual one
STATUSES_OPEN = {"1", "2", "3", "6"}  # without an end date, still under way


def organisation_ref(organization):
    """Stable IATI organisation identifier of a union or association: "VN-LHHN-<SLUG>"."""
    return f"VN-LHHN-{organization.slug.upper()}"


# --- code lists ---------------------------------------------------------------------------------


def check_code(list_name, code):
    """`code` itself, or ValueError when the shipped code list `list_name` does not contain it."""
    code = "" if code is None else str(code)
    if code not in codelist(list_name):
        raise ValueError(f"{list_name} code {code!r} is not in the IATI code list {list_name}.xml")
    return code


def partner_organisation_type(partner):
    if partner.kind == "business" and partner.country and partner.country.code == RECIPIENT_COUNTRY:
        return BUSINESS_IN_RECIPIENT_COUNTRY
    return PARTNER_ORGANISATION_TYPES.get(partner.kind, "90")


# --- export -------------------------------------------------------------------------------------


def activities_for(organization, year):
    """Aid items of the organization's subtree with a money movement in `year` or under way in it.

    Under way: started by the end of the year and not ended before it; an item without an end date
    counts while its status is open (pipeline, implementation, finalisation, suspended), and in
    its start year whatever the status.
    """
    from .models import AidItem, AidPlace, AidTransaction

    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    moved = AidTransaction.objects.filter(date__range=(first, last)).values("aid_id")
    under_way = (
        Q(starts_on__range=(first, last))
        | Q(starts_on__lte=last, ends_on__gte=first)
        | Q(starts_on__lte=last, ends_on__isnull=True, status__in=STATUSES_OPEN)
    )
    return (
        AidItem.objects.filter(organization__path__startswith=organization.path)
        .filter(Q(pk__in=moved) | under_way)
        .select_related("organization")
        .prefetch_related(
            "donors",
            Prefetch(
                "places",
                queryset=AidPlace.objects.select_related("admin_unit__parent__parent").order_by("sort_order", "pk"),
                to_attr="exported_places",
            ),
            Prefetch(
                "transactions",
                queryset=AidTransaction.objects.select_related("donor").order_by("date", "sort_order", "pk"),
                to_attr="exported_transactions",
            ),
        )
        .order_by("pk")
    )


def export_activities(organization, year, *, generated_at=None):
    """The `iati-activities` document (UTF-8 bytes) of the organization's aid items for `year`.

    Raises ValueError when a record holds a code that is not in the shipped code lists.
    """
    generated_at = generated_at or timezone.now()
    root = etree.Element(
        "iati-activities",
        {"version": IATI_VERSION, "generated-datetime": _datetime(generated_at)},
    )
    today = timezone.localdate(generated_at) if timezone.is_aware(generated_at) else generated_at.date()
    for item in activities_for(organization, year):
        root.append(_activity(item, organization, today))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _datetime(moment):
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment.astimezone(datetime.UTC).replace(microsecond=0).isoformat()


def _sub(parent, tag, attributes=None, text=None):
    element = etree.SubElement(parent, tag, {k: v for k, v in (attributes or {}).items() if v not in (None, "")})
    if text is not None:
        element.text = text
    return element


def _narrative(parent, text, lang=None):
    return _sub(parent, "narrative", {XML_LANG: lang} if lang else None, text)


def _organisation_narratives(parent, organization):
    _narrative(parent, organization.name, LANGUAGE)
    if organization.name_en:
        _narrative(parent, organization.name_en, "en")


def _activity(item, reporter, today):
    attributes = {
        XML_LANG: check_code("Language", LANGUAGE),
        "default-currency": check_code("Currency", money.VND),
    }
    if item.kind == "emergency":
        attributes["humanitarian"] = "1"
    activity = etree.Element("iati-activity", attributes)
    _sub(activity, "iati-identifier", text=item.iati_identifier)

    reporting = _sub(
        activity,
        "reporting-org",
        {"ref": organisation_ref(reporter), "type": check_code("OrganisationType", UNION_ORGANISATION_TYPE)},
    )
    _organisation_narratives(reporting, reporter)

    _narrative(_sub(activity, "title"), item.title, LANGUAGE)
    general = _sub(activity, "description", {"type": check_code("DescriptionType", DESCRIPTION_GENERAL)})
    _narrative(general, (item.description or "").strip() or item.title, LANGUAGE)
    if item.beneficiaries.strip() or item.beneficiary_count:
        text = item.beneficiaries.strip()
        if item.beneficiary_count:
            text = f"{text} ({item.beneficiary_count})" if text else str(item.beneficiary_count)
        target = _sub(activity, "description", {"type": check_code("DescriptionType", DESCRIPTION_TARGET_GROUPS)})
        _narrative(target, text, LANGUAGE)
    if item.decision_number.strip():
        parts = [f"Quyết định số {item.decision_number.strip()}"]
        if item.decision_date:
            parts.append(f"ngày {item.decision_date:%d/%m/%Y}")
        if item.decision_authority.strip():
            parts.append(f"của {item.decision_authority.strip()}")
        other = _sub(activity, "description", {"type": check_code("DescriptionType", DESCRIPTION_OTHER)})
        _narrative(other, " ".join(parts), LANGUAGE)

    funding = check_code("OrganisationRole", ROLE_FUNDING)
    for partner in sorted(item.donors.all(), key=lambda partner: partner.pk):
        org = _sub(
            activity,
            "participating-org",
            {"role": funding, "type": check_code("OrganisationType", partner_organisation_type(partner))},
        )
        _narrative(org, partner.name)
    if item.domestic_donors.strip():
        _narrative(_sub(activity, "participating-org", {"role": funding}), item.domestic_donors.strip(), LANGUAGE)
    implementing = _sub(
        activity,
        "participating-org",
        {
            "ref": organisation_ref(item.organization),
            "role": check_code("OrganisationRole", ROLE_IMPLEMENTING),
            "type": check_code("OrganisationType", UNION_ORGANISATION_TYPE),
        },
    )
    _organisation_narratives(implementing, item.organization)

    _sub(activity, "activity-status", {"code": check_code("ActivityStatus", item.status)})
    for date_type, day in _activity_dates(item, today):
        _sub(
            activity, "activity-date", {"type": check_code("ActivityDateType", date_type), "iso-date": day.isoformat()}
        )

    _sub(activity, "recipient-country", {"code": check_code("Country", RECIPIENT_COUNTRY), "percentage": "100"})
    for place in item.exported_places:
        _narrative(_sub(_sub(activity, "location"), "name"), _place_name(place.admin_unit), LANGUAGE)
    _sub(
        activity,
        "sector",
        {"vocabulary": check_code("SectorVocabulary", SECTOR_VOCABULARY), "code": check_code("Sector", item.sector)},
    )

    for transaction in item.exported_transactions:
        activity.append(_transaction(transaction, item))
    return activity


def _activity_dates(item, today):
    """Start: actual once started (planned for pipeline items or a future date). End: actual only
    for a finished, closed or cancelled item whose end date has passed, otherwise planned."""
    started = item.starts_on <= today and item.status != STATUS_PIPELINE
    dates = [(DATE_ACTUAL_START if started else DATE_PLANNED_START, item.starts_on)]
    if item.ends_on:
        ended = item.ends_on <= today and item.status in STATUSES_ENDED
        dates.append((DATE_ACTUAL_END if ended else DATE_PLANNED_END, item.ends_on))
    return dates


def _place_name(unit):
    names, current, seen = [], unit, set()
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        names.append(current.name)
        current = current.parent
    return ", ".join(names)


def format_amount(amount, currency):
    """A Decimal as plain digits (never an exponent), at the currency's minor unit when exact."""
    value = Decimal(amount)
    minor_digits = money.exponent(currency)
    exact = value.quantize(Decimal(1).scaleb(-minor_digits))
    if exact == value:
        value = exact
    return f"{value:f}"


def _transaction(transaction, item):
    element = etree.Element("transaction")
    _sub(element, "transaction-type", {"code": check_code("TransactionType", TRANSACTION_TYPES.get(transaction.kind))})
    _sub(element, "transaction-date", {"iso-date": transaction.date.isoformat()})
    currency = check_code("Currency", transaction.currency)
    value_date = transaction.rate_date or transaction.date
    _sub(
        element,
        "value",
        {"currency": currency, "value-date": value_date.isoformat()},
        format_amount(transaction.amount, currency),
    )
    if transaction.donor is not None:
        provider = _sub(
            element,
            "provider-org",
            {"type": check_code("OrganisationType", partner_organisation_type(transaction.donor))},
        )
        _narrative(provider, transaction.donor.name)
    receiver = _sub(
        element,
        "receiver-org",
        {
            "ref": organisation_ref(item.organization),
            "type": check_code("OrganisationType", UNION_ORGANISATION_TYPE),
        },
    )
    _organisation_narratives(receiver, item.organization)
    return element


# --- validation ---------------------------------------------------------------------------------

_schema_lock = threading.Lock()


@cache
def _schema():
    """The 2.03 activity schema, loaded once; its include and import resolve in `data/`."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(SCHEMA), parser))


# (XPath, code list): every code the export can write, and the list it must come from.
CODE_CHECKS = [
    ("//iati-activity/@default-currency", "Currency"),
    ("//value/@currency", "Currency"),
    ("//@xml:lang", "Language"),
    ("//reporting-org/@type", "OrganisationType"),
    ("//participating-org/@type", "OrganisationType"),
    ("//provider-org/@type", "OrganisationType"),
    ("//receiver-org/@type", "OrganisationType"),
    ("//participating-org/@role", "OrganisationRole"),
    ("//iati-activity/description/@type", "DescriptionType"),
    ("//activity-status/@code", "ActivityStatus"),
    ("//activity-date/@type", "ActivityDateType"),
    ("//recipient-country/@code", "Country"),
    ("//sector/@vocabulary", "SectorVocabulary"),
    ("//sector[not(@vocabulary) or @vocabulary='1']/@code", "Sector"),
    ("//transaction-type/@code", "TransactionType"),
]


def validate(xml_bytes):
    """Problems of an IATI activity file as readable strings; an empty list means valid.

    Checks the XML against the 2.03 XSD, then the codes against the shipped code lists, the
    version, unique identifiers and the currency of every value.
    """
    parser = etree.XMLParser(no_network=True, resolve_entities=False, huge_tree=False)
    try:
        document = etree.fromstring(xml_bytes, parser)
    except etree.XMLSyntaxError as exc:
        return [f"not well-formed XML: {exc}"]

    errors = []
    schema = _schema()
    with _schema_lock:
        if not schema.validate(document):
            errors += [f"line {entry.line}: {entry.message}" for entry in schema.error_log]

    if document.tag != "iati-activities" or document.get("version") != IATI_VERSION:
        errors.append(f'the root must be <iati-activities version="{IATI_VERSION}">')
    for xpath, list_name in CODE_CHECKS:
        codes = codelist(list_name)
        for attribute in document.xpath(xpath):
            if str(attribute) not in codes:
                element = attribute.getparent()
                errors.append(
                    f"line {element.sourceline}: <{element.tag}> {attribute.attrname}={str(attribute)!r} "
                    f"is not in the code list {list_name}"
                )

    if document.tag == "iati-activities" and document.find("iati-activity") is None:
        errors.append("the file has no iati-activity (no aid item moved money or was under way in the year)")
    seen = set()
    for activity in document.iter("iati-activity"):
        identifier = (activity.findtext("iati-identifier") or "").strip()
        if not identifier:
            errors.append(f"line {activity.sourceline}: an activity without an iati-identifier")
        elif identifier in seen:
            errors.append(f"line {activity.sourceline}: the identifier {identifier} appears twice")
        seen.add(identifier)
        if not activity.get("default-currency"):
            for value in activity.iter("value"):
                if not value.get("currency"):
                    errors.append(f"line {value.sourceline}: a value without currency and no default-currency")
    return errors


def summary(xml_bytes):
    """(activities, transactions) counted in an export."""
    document = etree.fromstring(xml_bytes, etree.XMLParser(no_network=True, resolve_entities=False))
    return len(document.findall("iati-activity")), len(document.findall("iati-activity/transaction"))
