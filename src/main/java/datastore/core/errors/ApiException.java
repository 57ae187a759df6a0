package datastore.core.errors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The one exception type that crosses layers: an error code, a message, and for validation errors
 * the CKAN field → messages map plus any extra keys (such as {@code records_row}).
 */
public final class ApiException extends RuntimeException {
    /** The field under which {@link #invalidToken} carries its short reason. */
    public static final String TOKEN_FIELD = "token";

    private final ErrorCode code;
    private final Map<String, List<String>> fieldErrors;
    private final Map<String, Object> extras;

    private ApiException(
            ErrorCode code,
            String message,
            Map<String, List<String>> fieldErrors,
            Map<String, Object> extras,
            @Nullable Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code is null");
        this.fieldErrors = orderedCopy(fieldErrors);
        this.extras = new LinkedHashMap<>(extras);
    }

    /** A CKAN validation error (409) on one field. */
    public static ApiException validation(String field, String message) {
        return validation(Map.of(field, List.of(message)));
    }

    /** A CKAN validation error (409) on several fields. */
    public static ApiException validation(Map<String, List<String>> fieldErrors) {
        return new ApiException(ErrorCode.VALIDATION, describe(fieldErrors), orderedCopy(fieldErrors), Map.of(), null);
    }

    /** A validation error carrying extra top-level keys in the error object, e.g. records_row. */
    public static ApiException validation(
            Map<String, List<String>> fieldErrors, Map<String, Object> extras, @Nullable Throwable cause) {
        return new ApiException(ErrorCode.VALIDATION, describe(fieldErrors), orderedCopy(fieldErrors), extras, cause);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(ErrorCode.NOT_FOUND, "Not found: " + detail, Map.of(), Map.of(), null);
    }

    /** CKAN's 404 for a resource id (or alias) that names no table. */
    public static ApiException resourceNotFound(String name) {
        return notFound("Resource \"" + name + "\" was not found.");
    }

    /** {@code datastore_info}'s variant of {@link #resourceNotFound}, in CKAN's words. */
    public static ApiException resourceOrAliasNotFound(String name) {
        return notFound("Resource/Alias \"" + name + "\" was not found.");
    }

    public static ApiException notAuthorized(String detail) {
        return new ApiException(ErrorCode.NOT_AUTHORIZED, "Access denied: " + detail, Map.of(), Map.of(), null);
    }

    /**
     * A credential that is not (or no longer) good: {@link ErrorCode#INVALID_TOKEN}, with CKAN's message
     * ({@code Access denied: detail}) and the short reason (e.g. {@code Token has expired}) as the one
     * field error under {@link #TOKEN_FIELD}, for surfaces that answer in their own words.
     */
    public static ApiException invalidToken(String detail, String reason) {
        return new ApiException(
                ErrorCode.INVALID_TOKEN,
                "Access denied: " + detail,
                Map.of(TOKEN_FIELD, List.of(reason)),
                Map.of(),
                null);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(ErrorCode.BAD_REQUEST, message, Map.of(), Map.of(), null);
    }

    public static ApiException of(ErrorCode code, String message) {
        return new ApiException(code, message, Map.of(), Map.of(), null);
    }

    public static ApiException of(ErrorCode code, String message, @Nullable Throwable cause) {
        return new ApiException(code, message, Map.of(), Map.of(), cause);
    }

    public ErrorCode code() {
        return code;
    }

    /** Field → messages, in insertion order; empty for non-validation errors. */
    public Map<String, List<String>> fieldErrors() {
        return new LinkedHashMap<>(fieldErrors);
    }

    public Map<String, Object> extras() {
        return new LinkedHashMap<>(extras);
    }

    private static Map<String, List<String>> orderedCopy(Map<String, List<String>> errors) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        errors.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    private static String describe(Map<String, List<String>> errors) {
        StringBuilder sb = new StringBuilder();
        errors.forEach(
                (k, v) -> sb.append(k).append(": ").append(String.join("; ", v)).append(". "));
        return sb.toString().trim();
    }
}
