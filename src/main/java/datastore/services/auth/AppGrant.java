package datastore.services.auth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** A token's right on one catalog app: read it, also change it, or also purge it. Each includes the ones before. */
public enum AppGrant {
    READ(EnumSet.of(Verb.READ)),
    WRITE(EnumSet.of(Verb.READ, Verb.INSERT, Verb.UPDATE, Verb.DELETE, Verb.CREATE)),
    ADMIN(EnumSet.allOf(Verb.class));

    private final Set<Verb> verbs;

    AppGrant(Set<Verb> verbs) {
        this.verbs = verbs;
    }

    public boolean covers(Verb verb) {
        return verbs.contains(verb);
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AppGrant> parse(String s) {
        return Arrays.stream(values()).filter(g -> g.label().equals(s)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(AppGrant::label).collect(Collectors.joining(", "));
    }
}
