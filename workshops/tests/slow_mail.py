"""An e-mail backend for the tests that is slow the first time: it notes that it has begun
(with the pid of the process sending), waits, then writes the message as the file backend
does. A worker killed while it waits has sent nothing, as with an SMTP server that had not
yet taken the message."""

import os
import time
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend


class SlowFirstFileBackend(EmailBackend):
    def send_messages(self, email_messages):
        begun = Path(self.file_path) / "sending"
        if not begun.exists():
            begun.write_text(str(os.getpid()))
            time.sleep(60)
        return super().send_messages(email_messages)
