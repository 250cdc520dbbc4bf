from django.db import migrations


def seed_methods(apps, schema_editor):
    from workshops.programme_template import seed_method_library

    seed_method_library(apps.get_model("workshops", "Method"))


class Migration(migrations.Migration):
    dependencies = [("workshops", "0001_initial")]

    operations = [migrations.RunPython(seed_methods, migrations.RunPython.noop)]
