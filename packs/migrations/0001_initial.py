# The Pack model, moved from workshops with its table.

import django.core.validators
import django.db.models.deletion
import packs.models
from django.db import migrations, models


MODELS = ['pack']


def _move_content_types(apps, old_app, new_app):
    """Permissions and admin history follow the models to their new app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label=old_app, model__in=MODELS).exclude(
        model__in=ContentType.objects.filter(app_label=new_app).values("model")
    ).update(app_label=new_app)


def move_content_types(apps, schema_editor):
    _move_content_types(apps, "workshops", "packs")


def move_content_types_back(apps, schema_editor):
    _move_content_types(apps, "packs", "workshops")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('workshops', '0008_voice_and_packs_move_out'),
    ]

    operations = [
        # The tables stay as they are: only Django's idea of which app holds them moves.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Pack',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('session', 'Session pack'), ('handout', 'Handout'), ('handout_large', 'Handout in large print'), ('programme', 'Programme pack')], max_length=20)),
                        ('content_hash', models.CharField(max_length=64)),
                        ('status', models.CharField(choices=[('queued', 'Waiting to start'), ('rendering', 'Being made'), ('ready', 'Ready'), ('failed', 'Could not be made')], default='queued', max_length=10)),
                        ('progress', models.PositiveSmallIntegerField(default=0, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(100)])),
                        ('step', models.CharField(blank=True, max_length=100)),
                        ('file', models.FileField(blank=True, max_length=200, upload_to=packs.models.pack_path)),
                        ('pages', models.PositiveIntegerField(blank=True, null=True)),
                        ('size', models.PositiveIntegerField(blank=True, null=True)),
                        ('requested_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('started_at', models.DateTimeField(blank=True, null=True)),
                        ('finished_at', models.DateTimeField(blank=True, null=True)),
                        ('attempts', models.PositiveSmallIntegerField(default=0)),
                        ('error', models.CharField(blank=True, max_length=300)),
                        ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='packs', to='workshops.programme')),
                        ('requested_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workshops.membership')),
                        ('session', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='packs', to='workshops.session')),
                    ],
                    options={
                        'db_table': 'workshops_pack',
                        'ordering': ['-requested_at', '-pk'],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('session__isnull', True)), fields=('programme', 'kind', 'content_hash'), name='one_programme_pack_per_content'), models.UniqueConstraint(condition=models.Q(('session__isnull', False)), fields=('session', 'kind', 'content_hash'), name='one_session_pack_per_content'), models.CheckConstraint(condition=models.Q(('progress__gte', 0), ('progress__lte', 100)), name='pack_progress_0_to_100')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
