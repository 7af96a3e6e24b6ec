"""Vietnamese NLU for dvcbot: Rasa components, `dvcbot understand`, training data generator."""
