"""Both languages are complete: every string the code shows is translated in zh_Hans and en, none fuzzy, and
English text carries no full-width Chinese punctuation."""

from talentportal.catalogues import (
    BASE_DIR,
    all_problems,
    catalogue_dirs,
    entry_problems,
    extracted_msgids,
    fill_chinese_source,
    parse_po,
)

SAMPLE = r"""# header
#, fuzzy
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

msgid "登录"
msgstr "Sign in"

#, fuzzy
msgid "退出"
msgstr "Sign out"

msgid ""
"您的电子邮箱尚未"
"验证。"
msgstr ""

msgid "欢迎加入“%(org)s”。"
msgstr "Welcome to “%(org)s”."

msgid "说明（英文）"
msgstr "Description (English)"

msgid "共 %(counter)s 件"
msgid_plural "共 %(counter)s 件"
msgstr[0] "%(counter)s application"
msgstr[1] ""

#~ msgid "旧的"
#~ msgstr ""
"""


def _sample(tmp_path, text=SAMPLE):
    path = tmp_path / "django.po"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_check_finds_fuzzy_untranslated_and_full_width_entries(tmp_path):
    problems = {(p.msgid, p.what.split(" ")[0]) for p in entry_problems(_sample(tmp_path), "en")}
    assert problems == {
        ("退出", "fuzzy"),
        ("您的电子邮箱尚未验证。", "untranslated"),
        ("欢迎加入“%(org)s”。", "full-width"),
        ("共 %(counter)s 件", "untranslated"),
    }


def test_the_header_and_obsolete_entries_are_not_strings_of_the_site(tmp_path):
    msgids = [e.msgid for e in parse_po(_sample(tmp_path))]
    assert "" not in msgids and "旧的" not in msgids
    assert "您的电子邮箱尚未验证。" in msgids


def test_chinese_punctuation_is_allowed_in_the_chinese_catalogue(tmp_path):
    problems = entry_problems(_sample(tmp_path), "zh_Hans")
    assert not [p for p in problems if "full-width" in p.what]


def test_a_chinese_source_string_becomes_its_own_chinese_translation(tmp_path):
    """In zh_Hans, untranslated entries and msgmerge's fuzzy guesses take the source text; the rest stays."""
    path = _sample(tmp_path)
    assert fill_chinese_source(path) == 3
    entries = {e.msgid: e for e in parse_po(path)}
    assert entries["您的电子邮箱尚未验证。"].msgstrs == ["您的电子邮箱尚未验证。"]
    assert entries["退出"].msgstrs == ["退出"] and "fuzzy" not in entries["退出"].flags
    assert entries["共 %(counter)s 件"].msgstrs == ["共 %(counter)s 件", "共 %(counter)s 件"]
    assert entries["登录"].msgstrs == ["Sign in"]
    assert not entry_problems(path, "zh_Hans")


def test_the_sources_are_read_for_every_app_and_the_project():
    extracted = extracted_msgids()
    assert ("", "人才认定服务平台") in extracted[BASE_DIR / "locale"]  # templates/base.html
    assert ("", "我的申请") in extracted[BASE_DIR / "applications" / "locale"]
    assert all(extracted[d] for d in catalogue_dirs()), "a catalogue whose sources yielded no string"


def test_every_catalogue_translates_every_string_of_the_site():
    """makemessages runs over today's sources (in a scratch copy); each string must be in both catalogues."""
    problems = all_problems()
    assert not problems, "\n".join(str(p) for p in problems)
