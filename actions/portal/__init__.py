"""The province one-stop portal: dossier look-up client, simulator, subscriptions, poller.

- codes.py          find and normalise a dossier code (mã hồ sơ) in what a citizen typed
- client.py         PortalAdapter interface + REST dossier-search adapter (token, retries,
                    budget, circuit breaker)
- models.py         Dossier, name masking, portal dates
- wording.py        statuses.yml / messages.yml: what the assistant says (editable YAML)
- subscriptions.py  who follows which dossier (SQLAlchemy, DVCBOT_DATABASE_URL)
- poller.py         checks followed dossiers, notifies changes through Rasa's HTTP API
- simulator.py      a fake portal for demos and tests (`python -m actions.portal.simulator`)

The rasa-sdk actions that use all this are in actions/dossier.py.
"""
