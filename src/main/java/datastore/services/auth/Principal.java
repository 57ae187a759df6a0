package datastore.services.auth;

/** Who a request acts as, once the access service has decided. */
public record Principal(String actor, boolean anonymous, boolean admin) {
    public static final Principal ANONYMOUS = new Principal("anonymous", true, false);
    public static final Principal OPEN = new Principal("local", false, true);
}
