-- The catalog: apps, data sources, data tables and the audit trail of their changes.
-- Portable between DuckDB and PostgreSQL: ids and JSON are text, times are UTC timestamps.
-- A row is inactive (soft-deleted) while deletion_id is set; one delete marks everything it
-- cascades to with the same deletion_id, so a restore brings back exactly that.
CREATE TABLE datastore_catalog.apps (
    id VARCHAR(36) PRIMARY KEY,
    name VARCHAR NOT NULL,
    slug VARCHAR(100) NOT NULL UNIQUE,
    description VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    deletion_id VARCHAR(36),
    deleted_at TIMESTAMP
);

-- Data source slugs are unique per instance: CKAN's package names are.
CREATE TABLE datastore_catalog.datasources (
    id VARCHAR(36) PRIMARY KEY,
    app_id VARCHAR(36) NOT NULL,
    name VARCHAR NOT NULL,
    slug VARCHAR(100) NOT NULL UNIQUE,
    provider_type VARCHAR(20) NOT NULL,
    provider_config VARCHAR NOT NULL,
    description VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    deletion_id VARCHAR(36),
    deleted_at TIMESTAMP
);

CREATE TABLE datastore_catalog.datatables (
    id VARCHAR(36) PRIMARY KEY,
    app_id VARCHAR(36) NOT NULL,
    datasource_id VARCHAR(36) NOT NULL,
    name VARCHAR NOT NULL,
    slug VARCHAR(100) NOT NULL,
    description VARCHAR NOT NULL,
    json_schema VARCHAR NOT NULL,
    schema_hash VARCHAR(64) NOT NULL,
    physical_name VARCHAR(63) NOT NULL UNIQUE,
    resource_id VARCHAR(63) NOT NULL UNIQUE,
    is_materialized BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    deletion_id VARCHAR(36),
    deleted_at TIMESTAMP,
    UNIQUE (app_id, slug)
);

CREATE TABLE datastore_catalog.operations (
    id VARCHAR(36) PRIMARY KEY,
    app_id VARCHAR(36) NOT NULL,
    target_type VARCHAR(20) NOT NULL,
    target_id VARCHAR(36) NOT NULL,
    operation VARCHAR(40) NOT NULL,
    actor VARCHAR NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    status VARCHAR(20) NOT NULL,
    schema_hash_before VARCHAR(64),
    schema_hash_after VARCHAR(64),
    diff VARCHAR NOT NULL,
    message VARCHAR
);

CREATE INDEX operations_app ON datastore_catalog.operations (app_id, occurred_at);
-- an edit after release
