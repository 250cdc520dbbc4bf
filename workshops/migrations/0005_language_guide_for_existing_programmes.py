from django.db import migrations

# The starting guide as it was when the guide was added; later changes to the template
# reach new programmes only.
GUIDE = [
    ('LAC', 'care experienced, or just their name', 'Nobody wants to be known by letters. It makes a person sound like a case.'),
    ('looked after child', 'young person, or just their name', 'It is a label from the law, not how anyone talks about themselves.'),
    ('placement', 'home', 'It is where someone lives. Call it their home.'),
    ('contact', 'family time', 'It is time with people you love, not an appointment.'),
    ('respite', 'a short break, or a sleepover', 'It can sound like people need a break from you.'),
    ('absconded', 'left without saying where they were going', 'It is a word for prisons, not for young people.'),
    ('attention seeking', 'looking for connection', 'Wanting people to notice you is a need, not a fault.'),
    ('challenging behaviour', 'say what happened, and what they might have needed', 'It blames the young person and hides what was going on for them.'),
    ('unit', 'home, or house', 'Young people live in homes, not units.'),
    ('case file', 'my records, or my file', "It is someone's life story, not a case."),
]


def seed(apps, schema_editor):
    Programme = apps.get_model("workshops", "Programme")
    LanguageTerm = apps.get_model("workshops", "LanguageTerm")
    for programme in Programme.objects.all():
        LanguageTerm.objects.bulk_create(
            LanguageTerm(programme=programme, avoid=avoid, instead=instead, why=why)
            for avoid, instead, why in GUIDE
        )


class Migration(migrations.Migration):
    dependencies = [("workshops", "0004_voice")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
