# Models arrive with this part of the programme; see the issue tracker.
