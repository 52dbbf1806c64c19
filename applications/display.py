"""How an application's data reads to people: its sections, field labels and display values.

One layout for the applicant's form, the employer's verification view and the staff console; internal
fields (the form's unvalidated copy, the engine's answer, codes kept for queries) are never shown raw.
"""

import datetime as dt

from django.utils.translation import gettext as _

from applications import states as s
from applications.models import Application

# Kept for the machine, not for people: shown nowhere as data (their content is shown elsewhere as labels).
INTERNAL_FIELDS = {"id", "facts", "eligibility", "form_data", "regulation_code", "criterion_code", "updated_at"}


def sections_for(application: Application):
    """The regulation's form layout, asked of its policy: ((legend, (field names...)), ...)."""
    from regulations.policies import policy_for

    return policy_for(application).sections


def _form_field(application, name):
    from applications.forms import ApplicationForm

    form = getattr(application, "_display_form", None)
    if form is None:
        form = ApplicationForm(application=application)
        application._display_form = form
    return form.fields.get(name)


def _model_field(name):
    try:
        return Application._meta.get_field(name)
    except Exception:
        return None


def _yes_no(value):
    if value is True:
        return _("是")
    if value is False:
        return _("否")
    return value


def display_value(application: Application, name: str, value):
    """`value` of field `name` as a person reads it: choices as labels, codes as names, yes/no."""
    from accounts.identity import country_name

    if value in (None, "", []):
        return "—"
    if isinstance(value, dt.datetime):
        from django.utils import timezone

        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if name == "nationality":
        return f"{country_name(value)} ({value})"
    if name == "state":
        return s.STATE_LABELS.get(value, value)
    model_field = _model_field(name)
    if model_field is not None and model_field.is_relation and not hasattr(value, "pk"):
        # A history row keeps the related row's key; people read the row itself.
        return str(model_field.related_model._default_manager.filter(pk=value).first() or "—")
    field = _form_field(application, name)
    choices = dict(getattr(field, "choices", None) or []) if field is not None else {}
    if not choices and model_field is not None:
        choices = dict(model_field.choices or [])
    if isinstance(value, list):
        return "；".join(str(choices.get(v, v)) for v in value) if choices else "；".join(map(str, value))
    if choices and value in choices:
        return choices[value]
    return _yes_no(value)


def field_label(application: Application, name: str) -> str:
    """The label the applicant saw on the form (the regulation's wording), else the model's."""
    field = _form_field(application, name)
    if field is not None and field.label:
        return str(field.label)
    model_field = _model_field(name)
    return str(model_field.verbose_name) if model_field is not None else name


def raw_value(application: Application, name: str):
    """A column of the application, or one of the facts the form keeps beside them (the policy knows which)."""
    from regulations.policies import policy_for

    return policy_for(application).field_value(application, name)


def application_sections(application: Application) -> list[tuple[object, list[tuple[str, object]]]]:
    """[(section title, [(label, display value)])] in the order of the regulation's application form."""
    result = []
    for title, names in sections_for(application):
        rows = [
            (field_label(application, name), display_value(application, name, raw_value(application, name)))
            for name in names
        ]
        result.append((title, rows))
    return result


def other_fields(application: Application) -> list[tuple[str, object]]:
    """Stored fields outside the form's sections (reference, dates, pledge …), labelled; internals left out."""
    shown = {name for _title, names in sections_for(application) for name in names}
    rows = []
    for field in Application._meta.concrete_fields:
        if field.name in INTERNAL_FIELDS or field.name in shown:
            continue
        if field.is_relation:
            value = getattr(application, field.name)
        else:
            value = getattr(application, field.attname)
        label = _("创建时间") if field.name == "created_at" else field.verbose_name  # no verbose name of its own
        rows.append((str(label), display_value(application, field.name, value)))
    return rows


_AFTER_LAST_STEP = {s.CERTIFIED, s.EXPIRED, s.REVOKED, s.SUPERSEDED}


def process_steps(application: Application) -> list[dict]:
    """The steps of the file's regulation, as its policy lists them, each "done", "current", "stopped" (refused
    or withdrawn there) or "todo"; a certified file has every step done."""
    from regulations.policies import policy_for

    steps = policy_for(application).process_steps(application)
    state = application.state
    stopped = state in (s.REFUSED, s.WITHDRAWN)
    where = state
    if stopped:
        last = application.transition_logs.order_by("-at", "-id").first()
        where = last.from_state if last else s.DRAFT
    if state in _AFTER_LAST_STEP:
        current = len(steps)
    else:
        current = next((i for i, (_label, states) in enumerate(steps) if where in states), 0)
    result = []
    for index, (label, _states) in enumerate(steps):
        if index < current:
            status = "done"
        elif index == current:
            status = "stopped" if stopped else "current"
        else:
            status = "todo"
        result.append({"number": index + 1, "label": label, "status": status})
    return result
