"""Primitives every part of dvcbot shares: text folding, dossier codes, masking, time zone, settings, texts."""
