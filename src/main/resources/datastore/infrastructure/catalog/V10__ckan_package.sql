-- CKAN's package and resource fields that the catalog's own records lack (title, url, licence, tags,
-- notes, people, version, extras; a resource's url, format, mimetype, size, extras), as one JSON
-- document per data source or data table, keyed by the record's id (UUIDs, unique across both).
-- A table of its own, so the catalog's tables and queries stay as they are.
CREATE TABLE datastore_catalog.ckan_fields (
    record_id VARCHAR(36) PRIMARY KEY,
    fields VARCHAR NOT NULL
);
