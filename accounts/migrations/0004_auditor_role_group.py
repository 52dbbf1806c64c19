"""The auditor role (reads the PIPL access log) is a group named by its code, like every role."""

from django.db import migrations

AUDITOR = "auditor"


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name=AUDITOR)


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=AUDITOR, user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_invitation_email_verified")]
    operations = [migrations.RunPython(forwards, backwards)]
