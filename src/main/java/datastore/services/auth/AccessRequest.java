package datastore.services.auth;

import datastore.schemas.write.WriteMethod;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One thing a request wants to do, as the access service sees it: the action, what it targets (a
 * resource, a package for a new resource, the table list, or the token register), the names the caller
 * used for the resource (its id or an alias), and the verbs it performs.
 *
 * @param id the resource id (the real table id) or the package id; empty for the catalog and tokens
 */
public record AccessRequest(String action, Target target, String id, Set<String> names, Set<Verb> verbs) {

    /** What a request targets. */
    public enum Target {
        RESOURCE,
        /** A new resource under a package: {@code datastore_create} with a {@code resource} dict. */
        PACKAGE,
        /** {@code datastore_search} of {@code _table_metadata}: the list of tables. */
        CATALOG,
        /** Creating, listing or revoking API tokens. */
        TOKENS,
        /**
         * A {@code datastore_search_sql} call as such, before its text is parsed: even SQL that reads no
         * table is a call of the action, and only a caller who may run SQL gets its text parsed.
         */
        SQL,
        /**
         * Something a caller does with its own credential, such as minting a narrower token of its own:
         * any valid credential will do, and anonymous callers never may.
         */
        SELF,
        /** A catalog app ({@code id} is its slug): reading it, changing what it holds, or purging it. */
        APP
    }

    private static final Set<Verb> READS = EnumSet.of(Verb.READ, Verb.SQL);

    public AccessRequest {
        Objects.requireNonNull(action, "action is null");
        Objects.requireNonNull(target, "target is null");
        Objects.requireNonNull(id, "id is null");
        names = Set.copyOf(new LinkedHashSet<>(names));
        verbs = verbs.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(verbs));
    }

    /** Search, info or dump of a resource reached as {@code requestedName} (its id or an alias). */
    public static AccessRequest read(String action, String resourceId, String requestedName) {
        return new AccessRequest(
                action, Target.RESOURCE, resourceId, names(resourceId, requestedName), Set.of(Verb.READ));
    }

    /** One table that a {@code datastore_search_sql} query reads, with the names the query used for it. */
    public static AccessRequest sql(String resourceId, Set<String> names) {
        Set<String> all = new LinkedHashSet<>(names);
        all.add(resourceId);
        return new AccessRequest(
                "datastore_search_sql", Target.RESOURCE, resourceId, all, EnumSet.of(Verb.SQL, Verb.READ));
    }

    /** The right to call {@code datastore_search_sql} at all, asked before the query is parsed. */
    public static AccessRequest sqlCall() {
        return new AccessRequest("datastore_search_sql", Target.SQL, "", Set.of(), Set.of(Verb.SQL));
    }

    /** {@code datastore_search} of {@code _table_metadata}. */
    public static AccessRequest catalog(String action) {
        return new AccessRequest(action, Target.CATALOG, "", Set.of(), Set.of(Verb.READ));
    }

    /** A catalog call on app {@code appSlug} that does {@code verbs} (read, update for changes, drop for purges). */
    public static AccessRequest app(String action, String appSlug, Set<Verb> verbs) {
        return new AccessRequest(action, Target.APP, appSlug, Set.of(appSlug), verbs);
    }

    /** Creating, listing or revoking tokens. */
    public static AccessRequest tokens(String action) {
        return new AccessRequest(action, Target.TOKENS, "", Set.of(), Set.of());
    }

    /** A call that needs only a valid credential of the caller's own (e.g. minting a narrower token). */
    public static AccessRequest self(String action) {
        return new AccessRequest(action, Target.SELF, "", Set.of(), Set.of());
    }

    /**
     * {@code datastore_create}: on {@code resourceId} when given, else a new resource under package
     * {@code packageId}; {@code create}, plus {@code insert} when it carries records.
     */
    public static AccessRequest create(@Nullable String resourceId, String packageId, boolean withRecords) {
        Set<Verb> verbs = EnumSet.of(Verb.CREATE);
        if (withRecords) {
            verbs.add(Verb.INSERT);
        }
        if (resourceId != null) {
            return new AccessRequest("datastore_create", Target.RESOURCE, resourceId, Set.of(resourceId), verbs);
        }
        return new AccessRequest("datastore_create", Target.PACKAGE, packageId, Set.of(), verbs);
    }

    /** {@code datastore_upsert}: insert, update, or both for upsert, on a table reached as {@code requestedName}. */
    public static AccessRequest upsert(WriteMethod method, String resourceId, String requestedName) {
        Set<Verb> verbs =
                switch (method) {
                    case INSERT, INSERT_IGNORE -> EnumSet.of(Verb.INSERT);
                    case UPDATE -> EnumSet.of(Verb.UPDATE);
                    case UPSERT -> EnumSet.of(Verb.UPDATE, Verb.INSERT);
                };
        return write("datastore_upsert", resourceId, requestedName, verbs);
    }

    /** {@code datastore_delete} (a drop when {@code drop}) and {@code datastore_records_delete}. */
    public static AccessRequest delete(String action, boolean drop, String resourceId, String requestedName) {
        return write(action, resourceId, requestedName, drop ? EnumSet.of(Verb.DROP) : EnumSet.of(Verb.DELETE));
    }

    private static AccessRequest write(String action, String resourceId, String requestedName, Set<Verb> verbs) {
        return new AccessRequest(action, Target.RESOURCE, resourceId, names(resourceId, requestedName), verbs);
    }

    private static Set<String> names(String id, String requested) {
        Set<String> names = new LinkedHashSet<>();
        names.add(id);
        names.add(requested);
        return names;
    }

    /** Reads need CKAN's {@code read}; any write to an existing resource {@code update}; a new one {@code create}. */
    public Permission permission() {
        if (target == Target.PACKAGE) {
            return Permission.CREATE;
        }
        return READS.containsAll(verbs) ? Permission.READ : Permission.UPDATE;
    }

    /** Whether the request only reads. */
    public boolean readOnly() {
        return target != Target.TOKENS && target != Target.SELF && READS.containsAll(verbs);
    }
}
