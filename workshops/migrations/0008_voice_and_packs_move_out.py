# Reflections, check-outs, photos and suggestions move to voice, packs to packs.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('workshops', '0007_pledges'),
    ]

    operations = [
        # The tables stay as they are: only Django's idea of which app holds them moves.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='languagesuggestion',
                    name='decided_by',
                ),
                migrations.RemoveField(
                    model_name='languagesuggestion',
                    name='programme',
                ),
                migrations.RemoveField(
                    model_name='languagesuggestion',
                    name='suggested_by',
                ),
                migrations.RemoveField(
                    model_name='languagesuggestion',
                    name='term',
                ),
                migrations.RemoveField(
                    model_name='pack',
                    name='programme',
                ),
                migrations.RemoveField(
                    model_name='pack',
                    name='requested_by',
                ),
                migrations.RemoveField(
                    model_name='pack',
                    name='session',
                ),
                migrations.RemoveField(
                    model_name='photo',
                    name='programme',
                ),
                migrations.RemoveField(
                    model_name='photo',
                    name='session',
                ),
                migrations.RemoveField(
                    model_name='photo',
                    name='uploaded_by',
                ),
                migrations.RemoveField(
                    model_name='reflection',
                    name='author',
                ),
                migrations.RemoveField(
                    model_name='reflection',
                    name='chat_answered_by',
                ),
                migrations.RemoveField(
                    model_name='reflection',
                    name='hidden_by',
                ),
                migrations.RemoveField(
                    model_name='reflection',
                    name='session',
                ),
                migrations.RemoveField(
                    model_name='reflectionreport',
                    name='reflection',
                ),
                migrations.RemoveField(
                    model_name='reflectionreport',
                    name='reporter',
                ),
                migrations.DeleteModel(
                    name='CheckOut',
                ),
                migrations.DeleteModel(
                    name='LanguageSuggestion',
                ),
                migrations.DeleteModel(
                    name='Pack',
                ),
                migrations.DeleteModel(
                    name='Photo',
                ),
                migrations.DeleteModel(
                    name='Reflection',
                ),
                migrations.DeleteModel(
                    name='ReflectionReport',
                ),
            ],
            database_operations=[],
        ),
    ]
