"""E-mail: what the Caf writes to partners (`messages`), the outbox it goes through first
(`outbox`), the SMTP client that sends it (`smtp`), and the demo's capture server (`capture`)."""
