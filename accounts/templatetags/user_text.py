"""Marks what people typed or records hold (names, organisations, opinions) as data, not interface text.

The mark (``data-user-text``) is what the English-site check (tests/ui) leaves out: such text stays in the
language it was written in, while everything around it is translated.
"""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def user_text(value):
    """``{{ application.full_name|user_text }}`` → ``<span data-user-text>…</span>`` (escaped)."""
    if value in (None, ""):
        return value
    return format_html("<span data-user-text>{}</span>", value)


@register.filter
def user_text_block(value):
    """Multi-line text typed by a person, with its line breaks kept."""
    if value in (None, ""):
        return value
    return format_html('<span data-user-text class="pre">{}</span>', value)
