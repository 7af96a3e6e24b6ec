"""Rasa custom actions (rasa-sdk): answers from the knowledge base and the province portal."""
