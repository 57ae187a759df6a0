package datastore.schemas.ckan.catalog;

import datastore.schemas.catalog.PackageFields;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/** What the CKAN dicts are rendered from: the catalog's records, as the CKAN surface sees them. */
public final class Views {
    private static final DateTimeFormatter CKAN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private Views() {}

    /** An app as a CKAN organization: {@code name} is its slug, {@code title} its name. */
    public record Organization(
            String id, String name, String title, String description, Instant created, boolean active, long packages) {
        public Organization {
            Objects.requireNonNull(id, "id is null");
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(title, "title is null");
            Objects.requireNonNull(description, "description is null");
            Objects.requireNonNull(created, "created is null");
        }
    }

    /** A data table as a CKAN resource: its id is the datastore resource id. */
    public record Resource(
            String id,
            String packageId,
            String name,
            String description,
            ObjectNode fields,
            int position,
            boolean datastoreActive,
            Instant created,
            Instant modified,
            boolean active) {
        public Resource {
            Objects.requireNonNull(id, "id is null");
            Objects.requireNonNull(packageId, "packageId is null");
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(description, "description is null");
            Objects.requireNonNull(fields, "fields is null");
            Objects.requireNonNull(created, "created is null");
            Objects.requireNonNull(modified, "modified is null");
        }
    }

    /** A data source as a CKAN package: {@code name} is its slug. */
    public record Package(
            String id,
            String name,
            String title,
            PackageFields fields,
            Organization organization,
            boolean active,
            Instant created,
            Instant modified,
            List<Resource> resources) {
        public Package {
            Objects.requireNonNull(id, "id is null");
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(title, "title is null");
            Objects.requireNonNull(fields, "fields is null");
            Objects.requireNonNull(organization, "organization is null");
            Objects.requireNonNull(created, "created is null");
            Objects.requireNonNull(modified, "modified is null");
            resources = List.copyOf(resources);
        }
    }

    /** CKAN's timestamps: UTC, no zone, microseconds. */
    static String time(Instant at) {
        return CKAN_TIME.format(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
    }
}
