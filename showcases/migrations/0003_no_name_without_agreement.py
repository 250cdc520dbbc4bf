from django.db import migrations, models


def forget_names_nobody_agreed_to(apps, schema_editor):
    apps.get_model("showcases", "Quote").objects.filter(named=False).exclude(name="").update(
        name=""
    )


class Migration(migrations.Migration):
    dependencies = [
        ("blueprints", "0004_vote_results"),
        ("showcases", "0002_showcases_and_feedback"),
    ]

    operations = [
        migrations.RunPython(forget_names_nobody_agreed_to, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="quote",
            constraint=models.CheckConstraint(
                condition=models.Q(("named", True), ("name", ""), _connector="OR"),
                name="no_name_without_agreement",
            ),
        ),
    ]
