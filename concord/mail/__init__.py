"""E-mail to the agencies: MIME messages, the outbox, SMTP delivery."""
