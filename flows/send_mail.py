"""Send messages waiting in the outbox; one that cannot be sent is reported and stays there."""

from __future__ import annotations

from prefect import flow, get_run_logger

from concord.tasks.mail import send_message


@flow(name="send-mail")
def send_mail(paths: list[str], actor: str = "concord") -> dict:
    """{"sent": [message ids], "waiting": [outbox files not sent after the retries]}."""
    logger = get_run_logger()
    sent, waiting = [], []
    for path in paths:
        state = send_message(path, actor, return_state=True)
        if state.is_completed():
            sent.append(state.result())
        else:
            waiting.append(path)
            logger.error("not sent, kept in the outbox: %s (%s)", path, state.message)
    return {"sent": sent, "waiting": waiting}
