"""Pipeline stages. I/O stages (`read`, `load`) are separate from pure ones (`clean`, `extract`)."""
