"""Rasa input channels: Telegram, Zalo Official Account and the web chat."""
