package datastore.services.ratelimit;

/** The kinds of call rate limits tell apart: every call counts as a request, writes also against the burst. */
public enum RouteClass {
    READ,
    WRITE
}
