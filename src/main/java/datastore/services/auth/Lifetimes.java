package datastore.services.auth;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Token lifetimes as people write them: {@code 3600}, {@code 90s}, {@code 15m}, {@code 12h}, {@code 30d}. */
public final class Lifetimes {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})\\s*([smhd]?)");

    private Lifetimes() {}

    /** The duration, or empty when {@code text} is not one of the accepted forms or is zero. */
    public static Optional<Duration> parse(String text) {
        Matcher m = FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        Duration d =
                switch (m.group(2)) {
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    case "d" -> Duration.ofDays(n);
                    default -> Duration.ofSeconds(n);
                };
        return d.isZero() ? Optional.empty() : Optional.of(d);
    }
}
