from django.db import migrations


def seed_methods(apps, schema_editor):
    from workshops.programme_template import METHODS

    Method = apps.get_model("workshops", "Method")
    for spec in METHODS:
        Method.objects.update_or_create(
            title=spec["title"],
            defaults={
                "summary": str(spec["summary"]),
                "minutes": spec["minutes"],
                "instructions": str(spec["instructions"]),
                "materials": str(spec["materials"]),
            },
        )


class Migration(migrations.Migration):
    dependencies = [("workshops", "0001_initial")]

    operations = [migrations.RunPython(seed_methods, migrations.RunPython.noop)]
