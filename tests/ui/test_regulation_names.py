"""One English (and one Chinese) name per regulation: every page and form asks regulations.names for it."""

import re

import pytest
from django.test import Client
from django.utils import translation

from regulations import codes
from regulations.models import Regulation
from regulations.policies import all_policies, policy_for, regulation_choices
from regulations.precheck import PrecheckForm
from regulations.templatetags.regulation_names import regulation_name
from talentportal.catalogues import catalogue_dirs, catalogue_path, parse_po

ENGLISH = {
    codes.BEIHAI: "Beihai foreign high-end and urgently-needed talent",
    codes.NANNING: "Nanning FTZ urgently-needed talent",
}


def test_each_regulation_has_one_name_per_language_given_by_its_policy():
    for code, english in ENGLISH.items():
        with translation.override("en"):
            assert regulation_name(code) == str(policy_for(code).name) == english
        with translation.override("zh-hans"):
            assert regulation_name(code) == str(policy_for(code).name)
    assert {p.code for p in all_policies()} == set(codes.REGULATION_CODES)


def test_no_catalogue_spells_a_regulation_name_of_its_own():
    """The English name is written once (the vocabulary's entry); other strings take it as a placeholder."""
    spelled = []
    pattern = re.compile(r"beihai foreign|nanning (ftz|area|zone)\W+urgently|high.(level|end) and urgently", re.I)
    for locale_dir in catalogue_dirs():
        for entry in parse_po(catalogue_path(locale_dir, "en")):
            if any(pattern.search(text) for text in entry.msgstrs):
                spelled.append((locale_dir.parent.name, entry.msgid))
    names = [("regulations", str(policy_for(code).name._args[0])) for code in codes.REGULATION_CODES]
    assert sorted(spelled) == sorted(names)


@pytest.mark.django_db
def test_the_regulation_record_and_the_precheck_form_use_the_same_name():
    with translation.override("en"):
        assert str(Regulation.objects.get(code=codes.BEIHAI)) == ENGLISH[codes.BEIHAI]
        labels = dict(PrecheckForm().fields["regulation"].choices)
        assert {str(v) for v in labels.values()} == set(ENGLISH.values())
        assert {str(v) for _, v in regulation_choices()} == set(ENGLISH.values())


@pytest.mark.django_db
def test_home_page_in_english_names_both_regulations_the_one_way():
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    html = client.get("/").content.decode()
    for english in ENGLISH.values():
        assert english in html
    assert "high-level and urgently" not in html
