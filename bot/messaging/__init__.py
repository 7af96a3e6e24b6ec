"""Outbound messaging shared by the channels, the volunteer hand-off and the dossier poller.

- `split`: the one way a long text is cut into messages (paragraph, line, sentence, word).
- `telegram`: the one Telegram sender (Bot API over python-telegram-bot/httpx: retries, flood
  control, blocked users, the outbox) and its settings.
- `zalo`: the one Zalo OA client (access token from the token store at every send, consultation
  and template messages, the outbox, the notice window rule) and its settings.
- `outbox`: messages not delivered yet, claimed by one sender at a time with a lease.
"""
