from django.dispatch import Signal

# Sent (with session_id) inside the transaction that hides, edits or removes something
# people shared in a session, so that apps holding copies of it can drop them. The printed
# packs do: see packs.receivers.
words_withdrawn = Signal()
