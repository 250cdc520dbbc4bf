from django.db import migrations


def seed(apps, schema_editor):
    from workshops.services import seed_language_guide

    Programme = apps.get_model("workshops", "Programme")
    LanguageTerm = apps.get_model("workshops", "LanguageTerm")
    for programme in Programme.objects.all():
        seed_language_guide(programme, term_model=LanguageTerm)


class Migration(migrations.Migration):
    dependencies = [("workshops", "0004_voice")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
