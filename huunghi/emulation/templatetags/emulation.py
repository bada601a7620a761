from django import template

from huunghi.emulation.criteria import fmt_points

register = template.Library()


@register.filter
def points(value):
    """Points and figures the Vietnamese way, without trailing zeros: 7,5 · 10 · 1.000.000.000."""
    if value is None or value == "":
        return ""
    text = fmt_points(value)
    whole, _, fraction = text.partition(",")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    grouped = ""
    while len(whole) > 3:
        grouped = "." + whole[-3:] + grouped
        whole = whole[:-3]
    return sign + whole + grouped + ("," + fraction if fraction else "")
