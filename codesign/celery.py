import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "codesign.settings")

app = Celery("codesign")
# Every Celery setting lives in Django settings under the CELERY_ prefix, read from the
# environment in one place.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
