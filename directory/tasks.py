from django.tasks import task

from core.task_leases import task_effect_once
from directory.models import Invitation
from directory.notifications import invitation_email_send as send_invitation_email


@task
def invitation_email_send(*, invitation_id: int, language: str) -> None:
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by").filter(pk=invitation_id).first()
    )
    if invitation is None or invitation.state != Invitation.State.PENDING:
        return
    with task_effect_once("email") as first:  # not twice when a killed worker's task runs again
        if first:
            send_invitation_email(invitation=invitation, language=language)
