# The voice's models, moved from workshops with their tables.

import django.db.models.deletion
import voice.models
from django.db import migrations, models


MODELS = ['reflection', 'reflectionreport', 'checkout', 'photo', 'languagesuggestion']


def _move_content_types(apps, old_app, new_app):
    """Permissions and admin history follow the models to their new app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label=old_app, model__in=MODELS).exclude(
        model__in=ContentType.objects.filter(app_label=new_app).values("model")
    ).update(app_label=new_app)


def move_content_types(apps, schema_editor):
    _move_content_types(apps, "workshops", "voice")


def move_content_types_back(apps, schema_editor):
    _move_content_types(apps, "voice", "workshops")


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
                    name='LanguageSuggestion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('avoid', models.CharField(max_length=60, verbose_name='instead of')),
                        ('instead', models.CharField(max_length=120, verbose_name='say')),
                        ('why', models.CharField(blank=True, max_length=300, verbose_name='why')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('status', models.CharField(choices=[('open', 'Waiting'), ('accepted', 'Added to the guide'), ('declined', 'Not added')], default='open', max_length=10)),
                        ('decided_at', models.DateTimeField(blank=True, null=True)),
                        ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workshops.membership')),
                        ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workshops.programme')),
                        ('suggested_by', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workshops.membership')),
                        ('term', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='suggestions', to='workshops.languageterm', verbose_name='change a word already in the guide')),
                    ],
                    options={
                        'db_table': 'workshops_languagesuggestion',
                        'ordering': ['created_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Reflection',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('text', models.TextField(max_length=2000, verbose_name='what you thought')),
                        ('feeling', models.CharField(blank=True, choices=[('happy', 'Happy'), ('excited', 'Excited'), ('proud', 'Proud'), ('calm', 'Calm'), ('unsure', 'Unsure'), ('anxious', 'Anxious'), ('worried', 'Worried')], max_length=20, verbose_name='how you felt')),
                        ('shared', models.CharField(choices=[('group', 'Everyone in the group'), ('facilitators', 'Only the facilitators')], default='group', max_length=20, verbose_name='who can see it')),
                        ('anonymous', models.BooleanField(default=False, verbose_name="don't show my name to the group")),
                        ('wants_a_chat', models.BooleanField(default=False, verbose_name="I'd like someone to talk to about this")),
                        ('chat_emailed_at', models.DateTimeField(blank=True, null=True)),
                        ('chat_answered_at', models.DateTimeField(blank=True, null=True)),
                        ('hidden_at', models.DateTimeField(blank=True, null=True)),
                        ('hidden_reason', models.CharField(blank=True, max_length=300, verbose_name='why it is hidden')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('edited_at', models.DateTimeField(blank=True, null=True)),
                        ('author', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reflections', to='workshops.membership')),
                        ('chat_answered_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workshops.membership')),
                        ('hidden_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workshops.membership')),
                        ('session', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reflections', to='workshops.session')),
                    ],
                    options={
                        'db_table': 'workshops_reflection',
                        'ordering': ['-created_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='CheckOut',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('how_it_went', models.PositiveSmallIntegerField(choices=[(5, 'Really well'), (4, 'Well'), (3, 'OK'), (2, 'Not so well'), (1, 'Badly')], verbose_name='how did today go?')),
                        ('went_well', models.TextField(blank=True, max_length=1000, verbose_name='what went well?')),
                        ('could_be_better', models.TextField(blank=True, max_length=1000, verbose_name='what could be better?')),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('membership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='checkouts', to='workshops.membership')),
                        ('session', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='checkouts', to='workshops.session')),
                    ],
                    options={
                        'db_table': 'workshops_checkout',
                        'constraints': [models.UniqueConstraint(fields=('session', 'membership'), name='one_checkout_each')],
                    },
                ),
                migrations.CreateModel(
                    name='Photo',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('image', models.FileField(max_length=200, upload_to=voice.models.photo_path)),
                        ('thumbnail', models.FileField(max_length=200, upload_to=voice.models.photo_path)),
                        ('content_type', models.CharField(max_length=20)),
                        ('width', models.PositiveIntegerField()),
                        ('height', models.PositiveIntegerField()),
                        ('thumb_width', models.PositiveIntegerField()),
                        ('thumb_height', models.PositiveIntegerField()),
                        ('caption', models.CharField(blank=True, max_length=300, verbose_name='caption')),
                        ('alt_text', models.CharField(max_length=500, verbose_name="describe the photo for people who can't see it")),
                        ('consent', models.BooleanField(verbose_name='everyone in the photo agreed to it being shared')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workshops.programme')),
                        ('session', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='photos', to='workshops.session')),
                        ('uploaded_by', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='photos', to='workshops.membership')),
                    ],
                    options={
                        'db_table': 'workshops_photo',
                        'ordering': ['-created_at', '-pk'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('consent', True)), name='photo_has_consent')],
                    },
                ),
                migrations.CreateModel(
                    name='ReflectionReport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reason', models.CharField(blank=True, max_length=300, verbose_name='what worries you about it (if you want to say)')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('resolved_at', models.DateTimeField(blank=True, null=True)),
                        ('reflection', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reports', to='voice.reflection')),
                        ('reporter', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workshops.membership')),
                    ],
                    options={
                        'db_table': 'workshops_reflectionreport',
                        'ordering': ['created_at'],
                        'constraints': [models.UniqueConstraint(fields=('reflection', 'reporter'), name='one_report_each')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
