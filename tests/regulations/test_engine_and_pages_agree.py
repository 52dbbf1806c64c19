"""`check_eligibility` (the engine) and every page that shows a verdict agree: the same facts give the same
verdict through the JSON API, the web pre-check, the applicant's form and the staff console."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from regulations.eligibility import evaluate
from regulations.models import DirectoryEnterprise
from reviews.selectors import eligibility_verdict
from tests.applications.factories import nanning_draft

pytestmark = pytest.mark.django_db
VERDICT = ("eligible", "tier", "matched", "best", "apply_by", "in_scope", "flags")


def _verdict(answer):
    return {key: answer.get(key) for key in VERDICT}


def _precheck_form(facts, enterprise):
    person, employment = facts["person"], facts["employment"]
    return {
        "regulation": facts["regulation"],
        "as_of": facts["as_of"],
        "nationality": person.get("nationality", ""),
        "birth_date": person.get("birth_date", ""),
        "highest_degree": person.get("highest_degree", ""),
        "city": employment["city"],
        "full_time": "yes" if employment.get("full_time") else "no",
        "civil_service": "yes" if employment.get("civil_service") else "no",
        "directory_enterprise": enterprise.pk,
        "hired_on": employment.get("hired_on", ""),
        "contract_years": employment.get("contract_years", ""),
        "role": employment.get("role", ""),
        "conditions_met_on": employment.get("conditions_met_on", ""),
        "contract_signed_on": employment.get("contract_signed_on", ""),
        "social_insurance_months": employment.get("social_insurance_months", ""),
        **(
            {f: "on" for f in ("attests_law_abiding", "attests_professional_ethics", "attests_health")}
            if person.get("basic_conditions_attested")
            else {}
        ),
    }


@pytest.mark.parametrize("attested", [True, False])
def test_the_same_application_gets_the_same_verdict_everywhere(client, tmp_path, attested):
    draft = nanning_draft(criterion=None)
    if not attested:
        draft.facts = {**draft.facts, "attests_health": False}
        draft.save()
    facts = draft.policy.facts_for(draft)
    engine = _verdict(evaluate(facts))
    assert engine["eligible"] is attested and (engine["best"] == "NN-II-3") is attested

    # The staff console judges the same facts.
    assert _verdict(eligibility_verdict(draft)) == engine

    # The JSON API and the command line.
    api = client.post("/api/eligibility", data=json.dumps(facts), content_type="application/json").json()
    assert _verdict(api) == engine
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(facts), encoding="utf-8")
    out = StringIO()
    with pytest.raises(SystemExit):  # the exit status tells a script the verdict
        call_command("check_eligibility", str(path), stdout=out)
    assert _verdict(json.loads(out.getvalue())) == engine

    # The web pre-check, answered with the same facts.
    enterprise = DirectoryEnterprise.objects.get(credit_code=draft.organisation.credit_code)
    page = client.post("/precheck/", _precheck_form(facts, enterprise))
    assert _verdict(page.context["answer"]) == engine
