"""The plan dashboard (theo dõi thực hiện kế hoạch): progress against each target of the year's
plan, the headline figures against last year, and charts drawn on the server as inline SVG (no
script, no CDN), every figure and bar a link to the records behind it."""

from decimal import Decimal
from urllib.parse import urlencode

import pygal
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from pygal.style import Style

from huunghi.aid.models import AidKind
from huunghi.core.access import policy_for
from huunghi.core.templatetags.vn import group_thousands
from huunghi.emulation.choices import Measure
from huunghi.relations.choices import Direction
from huunghi.relations.views import RelationsViewMixin

from .models import YearPlan
from .selectors import Status, elapsed_share, plan_for, plan_progress, records_url, year_figures

IN, OUT = Direction.INCOMING, Direction.OUTGOING
DELEGATION_LIST = "wagtailsnippets_relations_delegation:list"
EVENT_LIST = "wagtailsnippets_relations_event:list"
AID_LIST = "wagtailsnippets_aid_aiditem:list"

# The headline figures, in the order of the annual report.
HEADLINE = [
    Measure.DELEGATIONS_IN,
    Measure.DELEGATIONS_OUT,
    Measure.EVENTS,
    Measure.AGREEMENTS,
    Measure.AID_VND,
    Measure.NEW_BRANCHES,
    Measure.NEW_MEMBERS,
]

# What the user reads (constants, so tests assert on them).
STATUS_LABELS = {
    Status.REACHED: gettext_lazy("Reached"),
    Status.ON_TRACK: gettext_lazy("On track"),
    Status.BEHIND: gettext_lazy("Behind"),
}
NO_PLAN = gettext_lazy(
    "No plan has been recorded for %(name)s in %(year)s: there are no targets to measure progress against. "
    "The figures below are still counted from the records."
)

# Colours of the admin's palette, told apart by more than hue: each series is also named in the
# legend, its values are printed on the bars and repeated in the table under the chart.
STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#262626",
    foreground_strong="#262626",
    foreground_subtle="#949494",
    font_family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=12,
    legend_font_size=13,
    title_font_size=15,
    colors=("#007d7e", "#e98035", "#6e56cf", "#b3b3b3"),
    opacity="1",
    opacity_hover=".75",
)


def _list_url(name, **params):
    return reverse(name) + "?" + urlencode({k: v for k, v in params.items() if v not in (None, "")})


def _number(value):
    """1500000000 → "1.500.000.000", 1.5 → "1,5" (Vietnamese grouping and decimal comma)."""
    value = Decimal(value).normalize()
    value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def _figure(measure, value):
    return f"{group_thousands(value)} đ" if measure == Measure.AID_VND else _number(value)


def _local(node):
    tag = node.tag if isinstance(node.tag, str) else ""
    return tag.rsplit("}", 1)[-1]


def _short(measure, value):
    """A bar's label: money in millions ("1.475 triệu đ"), so it fits above a narrow bar."""
    if not value:
        return None
    if measure == Measure.AID_VND:
        return _("%(amount)s million đ") % {"amount": group_thousands(value / 10**6)}
    return _number(value)


def _millions(value):
    return formats.number_format(Decimal(value).quantize(Decimal("0.1")), use_l10n=True, force_grouping=True)


def _scriptless(root):
    """pygal always writes its configuration into a <script> and each link's address into a
    <desc>, both for its tooltip script. We ship no script (the charts print their values), and a
    screen reader should not read addresses."""
    for node in list(root.iter()):
        if _local(node) == "script" or (_local(node) == "desc" and node.get("class") == "xlink"):
            node.getparent().remove(node)
        elif _local(node) == "title" and node.getparent() is root:
            node.set("id", f"{root.get('id')}-title")
            root.set("aria-labelledby", node.get("id"))
    root.set("role", "img")
    return root


def _values_after_bars(root):
    """Horizontal bars: each printed value starts just past its bar's end (pygal centres it on the
    end, so a long value covers the bar)."""
    for node in root.iter():
        if _local(node) == "text" and "value" in (node.get("class") or "").split():
            node.set("text-anchor", "start")
    return root


def _chart(kind, *, title, width, height, **options):
    config = {
        "js": [],  # pygal's tooltips come from a CDN script; the values are printed instead
        "disable_xml_declaration": True,
        "style": STYLE,
        "width": width,
        "height": height,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 4,
        "print_values": True,
        "print_values_position": "top",
        "print_zeroes": False,
        "margin": 8,
        "spacing": 12,
        "truncate_legend": -1,
        "truncate_label": -1,
        **options,
    }
    chart = kind(pygal.Config(title=str(title), **config))
    chart.add_xml_filter(_scriptless)
    if kind is pygal.HorizontalBar:
        chart.add_xml_filter(_values_after_bars)
    return chart


def _svg(chart):
    return chart.render(is_unicode=True)


def _count_axis(values):
    """Whole-number ticks for a count axis (pygal would draw 0.2, 0.4, … for small counts)."""
    top = max([int(v) for v in values] + [1])
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000) if top / s <= 8)
    return {"y_labels": list(range(0, top + step, step)), "value_formatter": group_thousands}


def _bar(value, url, label=None):
    bar = {"value": value, "xlink": {"href": url, "target": "_self"}}
    if label is not None:
        bar["formatter"] = lambda _v: label
    return bar


def _same_day(day, year):
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return day.replace(year=year, day=28)


class DashboardView(RelationsViewMixin, TemplateView):
    permission_model = YearPlan
    template_name = "plans/dashboard.html"
    header_icon = "table"

    def get_page_title(self):
        return _("Plan progress dashboard")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, organization, year = self.period()
        today = timezone.localdate()
        in_progress = year == today.year
        # The current year is counted up to today: a delegation planned for October is not yet done.
        until = today if in_progress else None
        this = year_figures(organization=organization, year=year, until=until)
        last = year_figures(organization=organization, year=year - 1)
        last_so_far = (
            year_figures(organization=organization, year=year - 1, until=_same_day(today, year - 1))
            if in_progress
            else last
        )
        plan = plan_for(organization=organization, year=year)
        share = elapsed_share(year, today)
        headline = self.headline_rows(organization, year, this, last_so_far, last)
        context.update(
            form=form,
            organization=organization,
            year=year,
            today=today,
            in_progress=in_progress,
            elapsed_percent=_number((share * 100).quantize(Decimal(1))),
            plan=plan,
            no_plan=NO_PLAN % {"name": organization.name, "year": year} if plan is None else "",
            targets=self.target_rows(plan, this, today),
            can_add_plan=policy_for(YearPlan).user_has_permission(self.request.user, "add"),
            add_plan_url=reverse("wagtailsnippets_plans_yearplan:add"),
            plan_url=self.plan_url(plan),
            headline=headline,
            month_chart=self.month_chart(organization, year, this, last),
            kind_charts=self.kind_charts(organization, year, this),
            comparison=self.comparison_charts(year, headline, in_progress),
        )
        return context

    def plan_url(self, plan):
        if plan is None:
            return ""
        user = self.request.user
        action = "edit" if policy_for(YearPlan).user_has_permission_for_instance(user, "change", plan) else "inspect"
        return reverse(f"wagtailsnippets_plans_yearplan:{action}", args=[plan.pk])

    # --- The plan's targets ---------------------------------------------------------------------

    def target_rows(self, plan, figures, today):
        if plan is None:
            return []
        rows = []
        for progress in plan_progress(plan=plan, figures=figures, today=today):
            target = progress.target
            rows.append(
                {
                    "measure": target.get_measure_display(),
                    "target": f"≥ {_number(target.value)} {target.get_unit_display()}",
                    "goal": _figure(target.measure, progress.goal),
                    "achieved": _figure(target.measure, progress.achieved),
                    "percent": _number(progress.percent) if progress.percent is not None else "",
                    "bar": min(progress.percent or Decimal(0), Decimal(100)).quantize(Decimal("0.1")),
                    "status": progress.status,
                    "status_label": STATUS_LABELS[progress.status],
                    "url": progress.url,
                    "directive": target.directive,
                    "note": target.note,
                }
            )
        return rows

    # --- Headline figures, this year against last ---------------------------------------------------

    def headline_rows(self, organization, year, this, last_so_far, last):
        rows = []
        for measure in HEADLINE:
            now, before, whole = this.value(measure), last_so_far.value(measure), last.value(measure)
            change = ""
            if before:
                change = _number(((now - before) * 100 / before).quantize(Decimal(1)))
                change = f"+{change}" if now > before else change
            rows.append(
                {
                    "measure": measure,
                    "label": Measure(measure).label,
                    "raw": now,
                    "raw_last_so_far": before,
                    "value": _figure(measure, now),
                    "short": _short(measure, now),
                    "short_last_so_far": _short(measure, before),
                    "url": records_url(measure, organization, year),
                    "last_so_far": _figure(measure, before),
                    "last": _figure(measure, whole),
                    "last_url": records_url(measure, organization, year - 1),
                    "change": change,
                }
            )
        return rows

    # --- Charts ---------------------------------------------------------------------------------

    def month_chart(self, organization, year, this, last):
        """Delegations received and sent and events, month by month, with last year's delegations."""

        def by_month(figures):
            return {
                month: (n_in, n_out, n_events) for _y, month, n_in, n_out, n_events in figures.relations.month_rows()
            }

        now, before = by_month(this), by_month(last)
        base = {"organization": organization.pk}
        months = range(1, 13)
        series = [
            (_("Received %(year)s") % {"year": year}, [now.get(m, (0, 0, 0))[0] for m in months],
             lambda m: _list_url(DELEGATION_LIST, **base, year=year, month=m, direction=IN)),
            (_("Sent %(year)s") % {"year": year}, [now.get(m, (0, 0, 0))[1] for m in months],
             lambda m: _list_url(DELEGATION_LIST, **base, year=year, month=m, direction=OUT)),
            (_("Events %(year)s") % {"year": year}, [now.get(m, (0, 0, 0))[2] for m in months],
             lambda m: _list_url(EVENT_LIST, **base, year=year, month=m)),
            (_("Delegations %(year)s") % {"year": year - 1}, [sum(before.get(m, (0, 0, 0))[:2]) for m in months],
             lambda m: _list_url(DELEGATION_LIST, **base, year=year - 1, month=m)),
        ]  # fmt: skip
        chart = _chart(
            pygal.Bar,
            title=_("Month by month, %(year)s against %(last)s") % {"year": year, "last": year - 1},
            width=960,
            height=380,
            x_labels=[_("M%(month)s") % {"month": m} for m in months],
            **_count_axis(v for _t, values, _u in series for v in values),
        )
        table = []
        for title, values, url in series:
            chart.add(title, [_bar(v, url(m)) for m, v in zip(months, values, strict=True)])
            table.append({"title": title, "cells": [(v, url(m)) for m, v in zip(months, values, strict=True)]})
        return {
            "svg": _svg(chart),
            "title": chart.config.title,
            "columns": list(chart.config.x_labels),
            "rows": table,
            "empty": not any(any(values) for _t, values, _u in series),
        }

    def kind_charts(self, organization, year, this):
        """Events by type, delegations by level, aid by kind."""
        base = {"organization": organization.pk, "year": year}
        relations, aid = this.relations, this.aid
        charts = []

        events = [
            (label, count, _list_url(EVENT_LIST, **base, kind=kind)) for kind, label, count in relations.event_rows()
        ]
        chart = _chart(pygal.HorizontalBar, title=_("Events by type"), width=880, height=80 + 30 * len(events),
                       show_legend=False, **_count_axis(c for _l, c, _u in events))  # fmt: skip
        chart.x_labels = [str(label) for label, _c, _u in events]
        chart.add(_("Events"), [_bar(count, url) for _l, count, url in events])
        charts.append(self._kind_chart(chart, [_("Events")], [(label, [(c, u)]) for label, c, u in events]))

        levels = [
            (label, n_in, n_out,
             _list_url(DELEGATION_LIST, **base, level=level, direction=IN),
             _list_url(DELEGATION_LIST, **base, level=level, direction=OUT))
            for level, label, n_in, n_out in relations.level_rows()
        ]  # fmt: skip
        counts = [n for _l, n_in, n_out, *_u in levels for n in (n_in, n_out)]
        chart = _chart(pygal.HorizontalBar, title=_("Delegations by level"), width=880, height=100 + 40 * len(levels),
                       margin_bottom=40, **_count_axis(counts))  # fmt: skip
        chart.x_labels = [str(label) for label, *_rest in levels]
        chart.add(_("Received"), [_bar(n_in, url) for _l, n_in, _o, url, _u in levels])
        chart.add(_("Sent"), [_bar(n_out, url) for _l, _i, n_out, _u, url in levels])
        charts.append(
            self._kind_chart(chart, [_("Received"), _("Sent")],
                             [(label, [(n_in, u_in), (n_out, u_out)]) for label, n_in, n_out, u_in, u_out in levels])
        )  # fmt: skip

        kinds = [
            (label, aid.by_kind.get(kind, Decimal(0)), _list_url(AID_LIST, **base, kind=kind))
            for kind, label in AidKind.choices
        ]
        # The axis in millions (719 rather than 719.000.000), each bar labelled with its full amount.
        chart = _chart(pygal.HorizontalBar, title=_("Aid received by kind (million đồng)"), width=880,
                       height=80 + 30 * len(kinds), show_legend=False, value_formatter=group_thousands)  # fmt: skip
        chart.x_labels = [str(label) for label, _a, _u in kinds]
        chart.add(_("Aid received"), [_bar(float(amount / 10**6), url, _millions(amount / 10**6) if amount else None)
                                      for _l, amount, url in kinds])  # fmt: skip
        charts.append(
            self._kind_chart(chart, [_("Aid received (đồng)")],
                             [(label, [(group_thousands(a), u)]) for label, a, u in kinds])
        )  # fmt: skip
        return charts

    def _kind_chart(self, chart, columns, rows):
        return {
            "svg": _svg(chart),
            "title": chart.config.title,
            "columns": columns,
            "rows": [{"title": label, "cells": cells} for label, cells in rows],
            "empty": not any(value not in (0, "0") for _label, cells in rows for value, _url in cells),
        }

    def comparison_charts(self, year, headline, in_progress):
        """Each headline measure, last year against this year: one small chart per measure, as the
        scales differ (22 delegations, 1.5 billion đồng)."""
        last_label = _("%(year)s to the same day") % {"year": year - 1} if in_progress else str(year - 1)
        this_label = _("%(year)s so far") % {"year": year} if in_progress else str(year)
        charts = []
        for row in headline:
            top = float(max(row["raw"], row["raw_last_so_far"], 1)) * 1.2  # room for the label above the bar
            chart = _chart(pygal.Bar, title=str(row["label"]), width=300, height=260, show_x_labels=False,
                           show_y_labels=False, show_y_guides=False, legend_at_bottom_columns=1, print_zeroes=True,
                           range=(0, top))  # fmt: skip
            chart.add(last_label, [_bar(float(row["raw_last_so_far"]), row["last_url"], row["short_last_so_far"])])
            chart.add(this_label, [_bar(float(row["raw"]), row["url"], row["short"])])
            charts.append({"svg": _svg(chart), "title": row["label"]})
        return {"charts": charts, "last_label": last_label, "this_label": this_label}
