"""The pipeline stages, in order: read -> plan -> clean -> extract -> load -> analyse (README, "Where
things are"). A stage imports only its own or an earlier one; `common/` is below them all."""
