"""The staff console's banner when a year the deadlines will soon reach has no holiday calendar."""

from django import template

from regulations import calendar

register = template.Library()


@register.inclusion_tag("regulations/_calendar_banner.html")
def calendar_warning():
    return {"messages": [calendar.missing_year_message(year) for year in calendar.missing_years()]}
