"""Role groups named by their codes, and the departments both regulations name."""

from django.db import migrations

ROLE_CODES = [
    "employer",
    "talent",
    "beihai-scitech-reviewer",
    "beihai-scitech-approver",
    "beihai-approval-bureau",
    "beihai-public-security",
    "beihai-consulted-department",
    "nanning-talent-bureau-reviewer",
    "nanning-committee-approver",
    "nanning-leadership-group",
]

DEPARTMENTS = [
    ("beihai-scitech", "北海市科学技术局", "Beihai Municipal Science and Technology Bureau", "beihai", False),
    ("beihai-approval-bureau", "北海市行政审批局", "Beihai Administrative Approval Bureau", "beihai", True),
    ("beihai-public-security", "北海市公安局", "Beihai Public Security Bureau", "beihai", True),
    ("beihai-health", "北海市卫生健康委员会", "Beihai Health Commission", "beihai", True),
    ("beihai-education", "北海市教育局", "Beihai Education Bureau", "beihai", True),
    ("beihai-hrss", "北海市人力资源和社会保障局", "Beihai Human Resources and Social Security Bureau", "beihai", True),
    (
        "nanning-talent-bureau",
        "自贸试验区南宁片区管委会组织人才局",
        "Organisation and Talent Bureau, Nanning Area of the Guangxi FTZ",
        "nanning-ftz",
        False,
    ),
    (
        "nanning-committee",
        "中国（广西）自由贸易试验区南宁片区管理委员会",
        "Management Committee, Nanning Area of the China (Guangxi) Pilot FTZ",
        "nanning-ftz",
        False,
    ),
    (
        "nanning-leadership-group",
        "五象新区（自贸试验区南宁片区）人才工作领导小组",
        "Talent Work Leadership Group, Wuxiang New Area (Nanning Area of the FTZ)",
        "nanning-ftz",
        False,
    ),
]


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Department = apps.get_model("accounts", "Department")
    for code in ROLE_CODES:
        Group.objects.get_or_create(name=code)
    for code, zh, en, city, consultable in DEPARTMENTS:
        Department.objects.update_or_create(
            code=code, defaults={"name_zh": zh, "name_en": en, "city": city, "consultable": consultable}
        )


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_CODES).delete()
    apps.get_model("accounts", "Department").objects.filter(code__in=[d[0] for d in DEPARTMENTS]).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(forwards, backwards)]
