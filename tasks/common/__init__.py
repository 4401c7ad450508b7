"""Helpers shared by several stages and below all of them: name keys (load, analyse), the site rule
for learned furniture (plan, clean, load) and the copy rule (plan, load). They import no stage."""
