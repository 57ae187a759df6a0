"""
ckanapi
-------

This module a thin wrapper around the CKAN's action API.

Vendored for the tests (see ../VENDORED.md): only RemoteCKAN and the errors.
"""

from ckanapi.errors import (
    CKANAPIError,
    NotAuthorized,
    NotFound,
    ValidationError,
    SearchQueryError,
    SearchError,
    SearchIndexError,
    ServerIncompatibleError,
    )
from ckanapi.remoteckan import RemoteCKAN
