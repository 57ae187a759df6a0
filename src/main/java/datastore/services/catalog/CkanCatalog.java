package datastore.services.catalog;

import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.infrastructure.ckan.CkanClient;
import datastore.infrastructure.ckan.CkanReply;
import datastore.infrastructure.ckan.CkanUnavailableException;
import datastore.services.auth.CkanErrors;
import datastore.services.auth.Credential;
import datastore.services.auth.Principal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * CKAN's resources, as CKAN's DataStore keeps them: {@code resource_create} (with the caller's
 * credential) before the table exists, {@code resource_patch} of {@code datastore_active} after it is
 * created or dropped.
 */
public final class CkanCatalog implements ResourceCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(CkanCatalog.class);
    private final CkanClient ckan;

    public CkanCatalog(CkanClient ckan) {
        this.ckan = Objects.requireNonNull(ckan, "ckan is null");
    }

    @Override
    public String createResource(ObjectNode resource, Principal caller) {
        ObjectNode body = ckan.newBody();
        body.setAll(resource);
        // As CKAN's datastore_create: a datastore-only resource has no real url.
        if (!body.has("url")) {
            body.put("url", "_datastore_only_resource");
        }
        body.put("url_type", "datastore");
        CkanReply reply;
        try {
            reply = ckan.call("resource_create", body, credentialOf(caller));
        } catch (CkanUnavailableException e) {
            throw ApiException.of(
                    ErrorCode.UNAVAILABLE, "the resource could not be created in CKAN: " + e.getMessage(), e);
        }
        if (!reply.success()) {
            throw CkanErrors.of(reply, "resource_create");
        }
        String id = reply.result().path("id").asString("");
        if (id.isEmpty()) {
            throw ApiException.of(ErrorCode.UNAVAILABLE, "CKAN's resource_create returned no resource id");
        }
        return id;
    }

    @Override
    public void datastoreActive(String resourceId, boolean active, Principal caller) {
        ObjectNode body = ckan.newBody();
        body.put("id", resourceId);
        body.put("datastore_active", active);
        // The table change has happened; a failed flag update is logged rather than reported as a failed
        // write, which a client would retry.
        try {
            CkanReply reply = ckan.call("resource_patch", body, credentialOf(caller));
            if (!reply.success()) {
                LOG.atWarn()
                        .addKeyValue("resource_id", resourceId)
                        .addKeyValue("error", reply.errorType() + ": " + reply.errorMessage())
                        .log("CKAN refused resource_patch of datastore_active");
            }
        } catch (CkanUnavailableException e) {
            LOG.atWarn()
                    .addKeyValue("resource_id", resourceId)
                    .addKeyValue("error", e.getMessage())
                    .log("could not set datastore_active in CKAN");
        }
    }

    /** The caller's own credential, so CKAN decides as it would for the caller; none for anonymous. */
    private static @Nullable String credentialOf(Principal caller) {
        Credential credential = caller.credential();
        return credential == null ? null : credential.value();
    }
}
