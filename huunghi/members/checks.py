"""System check: no sensitive personal data without a justification and a consent purpose."""

from django.core import checks

# Field names (folded, English or Vietnamese) that would hold sensitive personal data under
# Decree 356/2025/NĐ-CP, art. 2: religion, ethnicity, political views, health, biometrics…
SENSITIVE_NAME_PARTS = (
    "religion", "ton_giao", "ethnic", "dan_toc", "political", "party", "dang_vien", "chinh_tri",
    "health", "suc_khoe", "biometric", "sinh_trac", "criminal", "sexual",
)  # fmt: skip


@checks.register(checks.Tags.models)
def sensitive_fields_check(app_configs=None, **kwargs):
    from huunghi.orgs.choices import ConsentPurpose
    from huunghi.orgs.models import Person

    errors = []
    declared = Person.sensitive_fields
    for field in Person._meta.get_fields():
        name = field.name.lower()
        if any(part in name for part in SENSITIVE_NAME_PARTS) and name not in declared:
            errors.append(
                checks.Error(
                    f"Person.{field.name} looks like sensitive personal data but is not declared in "
                    "Person.sensitive_fields with a justification and a consent purpose.",
                    id="members.E001",
                )
            )
    for name, (justification, purpose) in declared.items():
        if not justification or purpose not in ConsentPurpose.values:
            errors.append(
                checks.Error(
                    f"Person.sensitive_fields[{name!r}] needs a justification and a consent purpose.", id="members.E002"
                )
            )
    return errors
