"""The sample draft and agencies' answers that `concord demo` runs a round on (package data)."""
