"""Moving the voice and the packs out of workshops moves no data: the tables stay, only
Django's idea of which app holds them changes (and the content types follow them)."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from packs.models import Pack, PackKind
from packs.tests.factories import ready_pack
from voice.models import CheckOut, LanguageSuggestion, Photo, Reflection, ReflectionReport
from workshops.models import Membership, Programme

BEFORE_THE_MOVE = [("workshops", "0007_pledges"), ("voice", None), ("packs", None)]
# Only as far as the move: later migrations add tables and columns of their own.
AFTER_THE_MOVE = [
    ("workshops", "0008_voice_and_packs_move_out"),
    ("voice", "0001_initial"),
    ("packs", "0001_initial"),
]
MOVED = {
    "voice": ["reflection", "reflectionreport", "checkout", "photo", "languagesuggestion"],
    "packs": ["pack"],
}


def _rows(table: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
        return sorted(cursor.fetchall(), key=repr)


def _tables() -> list[str]:
    return sorted(
        table
        for table in connection.introspection.table_names()
        if table not in ("django_migrations", "django_content_type")
    )


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_keeps_every_row():
    call_command("seed_demo", verbosity=0)
    programme = Programme.objects.get()
    facilitator = Membership.objects.get(programme=programme, user__username="facilitator")
    ready_pack(facilitator, PackKind.PROGRAMME)
    seeded = {
        "reflections": Reflection.objects.count(),
        "check-outs": CheckOut.objects.count(),
        "photos": Photo.objects.count(),
        "packs": Pack.objects.count(),
    }
    assert all(seeded.values()), seeded

    voice_type = ContentType.objects.get(app_label="voice", model="reflection")
    permission = Permission.objects.create(
        content_type=voice_type, codename="hide_reflection", name="Can hide a reflection"
    )

    try:
        _migrate(BEFORE_THE_MOVE)
        # As a database from before the move has them: the content types under workshops.
        old_type = ContentType.objects.get(pk=voice_type.pk)
        assert (old_type.app_label, old_type.model) == ("workshops", "reflection")
        # (Models added to those apps later keep their own types, which are not moved.)
        moved = [(app, model) for app, models in MOVED.items() for model in models]
        assert not [
            (t.app_label, t.model)
            for t in ContentType.objects.all()
            if (t.app_label, t.model) in moved
        ]
        before = {table: _rows(table) for table in _tables()}

        _migrate(AFTER_THE_MOVE)

        assert _tables() == sorted(before)
        for table, rows in before.items():
            assert _rows(table) == rows, table
    finally:
        _migrate(None)

    moved = ContentType.objects.get(pk=old_type.pk)
    assert (moved.app_label, moved.model) == ("voice", "reflection")
    assert Permission.objects.get(pk=permission.pk).content_type == moved
    assert not ContentType.objects.filter(app_label="workshops", model__in=MOVED["voice"]).exists()
    assert set(ContentType.objects.filter(app_label="packs").values_list("model", flat=True)) == {
        "pack"
    }
    assert {
        "reflections": Reflection.objects.count(),
        "check-outs": CheckOut.objects.count(),
        "photos": Photo.objects.count(),
        "packs": Pack.objects.count(),
    } == seeded
    assert ReflectionReport.objects.model._meta.db_table == "workshops_reflectionreport"
    assert LanguageSuggestion.objects.model._meta.db_table == "workshops_languagesuggestion"
