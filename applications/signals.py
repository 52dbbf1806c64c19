"""Signals of the application lifecycle, so that apps above this one react without being imported here."""

from django.dispatch import Signal

# Sent after the transaction of a transition commits; `log_id` is the TransitionLog row written.
transition_committed = Signal()
