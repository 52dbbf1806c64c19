"""The admin's criterion form: the engine's parameters (regulations.rules) as one field each, not raw JSON."""

from django import forms

from regulations.models import Criterion
from regulations.policies.vocabularies import (
    Degree,
    EmploymentRole,
    ForeignAClassItem,
    GuangxiTalentLevel,
    PermitClass,
    SkillLevel,
)
from regulations.rules import PARAM_LABELS, PARAM_TYPES

# The vocabulary each parameter draws its values from (regulations.policies.vocabularies).
PARAM_VOCABULARIES = {
    "work_permit_class": PermitClass,
    "guangxi_talent_levels": GuangxiTalentLevel,
    "roles": EmploymentRole,
    "degrees": Degree,
    "skill_levels": SkillLevel,
    "foreign_a_class_items": ForeignAClassItem,
}


def _param_field(key):
    """One form field for one parameter key: its type decides the widget, its vocabulary the choices."""
    kind, label = PARAM_TYPES[key], PARAM_LABELS[key]
    if kind is bool:
        return forms.BooleanField(label=label, required=False)
    if kind is int:
        return forms.IntegerField(label=label, required=False, min_value=0)
    choices = [(str(value), text) for value, text in PARAM_VOCABULARIES[key].choices]
    if kind is str:
        return forms.ChoiceField(label=label, required=False, choices=[("", "—"), *choices])
    return forms.MultipleChoiceField(label=label, required=False, choices=choices, widget=forms.CheckboxSelectMultiple)


# Declared on a base class so that the admin's fieldsets may name them like model fields.
ParamFields = type("ParamFields", (forms.Form,), {key: _param_field(key) for key in PARAM_TYPES})


class CriterionForm(ParamFields, forms.ModelForm):
    """Shows `params` as fields (PARAM_KEYS) and writes them back as the JSON the engine reads."""

    class Meta:
        model = Criterion
        fields = ("version", "code", "tier", "article_ref", "description_zh", "description_en", "materials")
        fields += ("sort_order",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        params = self.instance.params or {}
        for key, kind in PARAM_TYPES.items():
            field = self.fields[key]
            if kind is list:
                field.initial = [str(v) for v in params.get(key, [])]
            else:
                field.initial = params.get(key, "" if kind is str else None)

    def clean(self):
        data = super().clean()
        params = {}
        for key, kind in PARAM_TYPES.items():
            value = data.get(key)
            if kind is bool:
                if value:
                    params[key] = True
            elif kind is list:
                if value:
                    params[key] = [int(v) for v in value] if key == "foreign_a_class_items" else list(value)
            elif value not in (None, ""):
                params[key] = value
        self.instance.params = params
        return data


PARAM_FIELDSET_FIELDS = tuple(PARAM_TYPES)
