"""Loading and querying administrative units from the `vietnamadminunits` package (MIT).

Only the package's bundled data files are read; its converter (which can call an online geocoder)
is never used.
"""

import json
from collections import defaultdict
from pathlib import Path

import vietnamadminunits
from django.db import transaction

from .choices import AdminLevel, Generation
from .models import LEGACY_VALID_TO, REFORM_DATE, AdminUnit, AdminUnitSuccession

DATA_DIR = Path(vietnamadminunits.__file__).parent / "data"
UPDATE_FIELDS = ["unit_type", "name", "short_name", "key", "parent", "valid_from", "valid_to"]


def _rows(table):
    import sqlite3

    with sqlite3.connect(f"file:{DATA_DIR / 'dataset.db'}?mode=ro", uri=True) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(f"SELECT * FROM [{table}]")]  # noqa: S608 - fixed table names


def _province_type(full_name):
    return "Thành phố" if full_name.startswith("Thành phố") else "Tỉnh"


def _upsert(units):
    AdminUnit.objects.bulk_create(
        units,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["generation", "level", "code"],
        update_fields=UPDATE_FIELDS,
    )


def _ids(generation, level):
    return dict(AdminUnit.objects.filter(generation=generation, level=level).values_list("code", "id"))


def _provinces(rows, dates):
    by_code = {r["provinceCode"]: r for r in rows}
    return [
        AdminUnit(
            code=code,
            level=AdminLevel.PROVINCE,
            unit_type=_province_type(r["province"]),
            name=r["province"],
            short_name=r["provinceShort"],
            key=r["provinceKey"],
            **dates,
        )
        for code, r in by_code.items()
    ]


def _communes(rows, dates, *, parent_ids, parent_code, key):
    return [
        AdminUnit(
            code=r["wardCode"],
            level=AdminLevel.COMMUNE,
            unit_type=r["wardType"],
            name=r["ward"],
            short_name=r["wardShort"],
            key=key(r),
            parent_id=parent_ids[r[parent_code]],
            **dates,
        )
        for r in rows
        if r["wardCode"]  # island districts (Bạch Long Vĩ, Cồn Cỏ, …) have no communes
    ]


def load_admin_units():
    """Create or update both generations and their successor links. Idempotent. Returns counts."""
    legacy = _rows("admin_units_legacy")
    current = _rows("admin_units")
    converter = json.loads((DATA_DIR / "converter_2025.json").read_text(encoding="utf-8"))
    old = dict(generation=Generation.LEGACY, valid_from=None, valid_to=LEGACY_VALID_TO)
    new = dict(generation=Generation.Y2025, valid_from=REFORM_DATE, valid_to=None)

    with transaction.atomic():
        # Pre-reform: provinces → districts → communes.
        _upsert(_provinces(legacy, old))
        province_ids = _ids(Generation.LEGACY, AdminLevel.PROVINCE)
        districts = {r["districtCode"]: r for r in legacy}
        _upsert(
            [
                AdminUnit(
                    code=code,
                    level=AdminLevel.DISTRICT,
                    unit_type=r["districtType"],
                    name=r["district"],
                    short_name=r["districtShort"],
                    key=f"{r['provinceKey']}_{r['districtKey']}",
                    parent_id=province_ids[r["provinceCode"]],
                    **old,
                )
                for code, r in districts.items()
            ]
        )
        _upsert(
            _communes(
                legacy,
                old,
                parent_ids=_ids(Generation.LEGACY, AdminLevel.DISTRICT),
                parent_code="districtCode",
                key=lambda r: f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey']}",
            )
        )

        # From 1/7/2025: provinces → communes (no district level).
        _upsert(_provinces(current, new))
        _upsert(
            _communes(
                current,
                new,
                parent_ids=_ids(Generation.Y2025, AdminLevel.PROVINCE),
                parent_code="provinceCode",
                key=lambda r: f"{r['provinceKey']}_{r['wardKey']}",
            )
        )
        links = _succession_links(converter)
        AdminUnitSuccession.objects.bulk_create(links, batch_size=2000, ignore_conflicts=True)

    return {
        "legacy": AdminUnit.objects.filter(generation=Generation.LEGACY).count(),
        "2025": AdminUnit.objects.filter(generation=Generation.Y2025).count(),
        "successions": AdminUnitSuccession.objects.count(),
    }


def _succession_links(converter):
    key_to_id = {
        (generation, key): pk for generation, key, pk in AdminUnit.objects.values_list("generation", "key", "id")
    }

    def old(key):
        return key_to_id.get((Generation.LEGACY, key))

    def new(key):
        return key_to_id.get((Generation.Y2025, key))

    pairs = {}  # (predecessor, successor) → is_default

    for new_key, old_keys in converter["DICT_PROVINCE"].items():
        for old_key in old_keys:
            if old(old_key) and new(new_key):
                pairs[(old(old_key), new(new_key))] = True

    for new_province, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, old_keys in wards.items():
            successor = new(f"{new_province}_{new_ward}")
            for old_key in old_keys:
                if old(old_key) and successor:
                    pairs.setdefault((old(old_key), successor), True)

    for new_province, divided in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, targets in divided.items():
            for target in targets:
                successor = new(f"{new_province}_{target['newWardKey']}")
                if old(old_key) and successor:
                    pairs[(old(old_key), successor)] = bool(target["isDefaultNewWard"])

    # A district was abolished: its successor is the 2025 province that took over its communes.
    commune_parent = dict(
        AdminUnit.objects.filter(generation=Generation.LEGACY, level=AdminLevel.COMMUNE).values_list("id", "parent_id")
    )
    new_province_of = dict(
        AdminUnit.objects.filter(generation=Generation.Y2025, level=AdminLevel.COMMUNE).values_list("id", "parent_id")
    )
    district_targets = defaultdict(lambda: defaultdict(int))
    for (pred, succ), _default in pairs.items():
        if pred in commune_parent and succ in new_province_of:
            district_targets[commune_parent[pred]][new_province_of[succ]] += 1
    for district, provinces in district_targets.items():
        main = max(provinces, key=provinces.get)
        for province in provinces:
            pairs[(district, province)] = province == main

    return [AdminUnitSuccession(predecessor_id=p, successor_id=s, is_default=d) for (p, s), d in pairs.items()]


def unit_now(unit):
    """What a unit is today: itself if still valid, else its default successor (following links)."""
    seen = set()
    while unit.valid_to is not None and unit.pk not in seen:
        seen.add(unit.pk)
        link = unit.succession_links.select_related("successor").order_by("-is_default", "id").first()
        if link is None:
            break
        unit = link.successor
    return unit
