"""dvcbot's side facing citizens: channels, Vietnamese NLU components, the CLI and the runner."""
