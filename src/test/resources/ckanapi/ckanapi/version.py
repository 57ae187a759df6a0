# Vendored copy (see ../VENDORED.md): the upstream reads the installed distribution's version,
# and this copy is not installed.
__version__ = "4.11"
