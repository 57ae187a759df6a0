package datastore.core.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Typed reads of environment variables that collect every problem instead of failing on the first. */
public final class Env {
    private final Map<String, String> values;
    private final List<String> problems = new ArrayList<>();

    public Env(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public Optional<String> raw(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    public String string(String name, String fallback) {
        return raw(name).orElse(fallback);
    }

    public int integer(String name, int fallback, int min, int max) {
        Optional<String> v = raw(name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(v.get());
            if (parsed < min || parsed > max) {
                problems.add(name + " must be between " + min + " and " + max + " (got " + v.get() + ")");
                return fallback;
            }
            return parsed;
        } catch (NumberFormatException e) {
            problems.add(name + " must be a whole number (got '" + v.get() + "')");
            return fallback;
        }
    }

    /**
     * A duration in seconds, decimals allowed ({@code 0.5}), from a millisecond up to {@code maxSeconds};
     * {@code 0} only where {@code zeroAllowed} (meaning: no limit).
     */
    public java.time.Duration seconds(String name, long fallbackSeconds, long maxSeconds, boolean zeroAllowed) {
        Optional<String> v = raw(name);
        if (v.isEmpty()) {
            return java.time.Duration.ofSeconds(fallbackSeconds);
        }
        try {
            java.math.BigDecimal parsed = new java.math.BigDecimal(v.get());
            java.math.BigDecimal millis = parsed.movePointRight(3);
            boolean zero = parsed.signum() == 0;
            if ((zero && !zeroAllowed)
                    || (!zero && millis.compareTo(java.math.BigDecimal.ONE) < 0)
                    || parsed.compareTo(java.math.BigDecimal.valueOf(maxSeconds)) > 0) {
                problems.add(name + " must be " + (zeroAllowed ? "0 or " : "") + "between 0.001 and " + maxSeconds
                        + " seconds (got " + v.get() + ")");
                return java.time.Duration.ofSeconds(fallbackSeconds);
            }
            return java.time.Duration.ofMillis(millis.longValue());
        } catch (NumberFormatException e) {
            problems.add(name + " must be a number of seconds (got '" + v.get() + "')");
            return java.time.Duration.ofSeconds(fallbackSeconds);
        }
    }

    public boolean bool(String name, boolean fallback) {
        Optional<String> v = raw(name);
        if (v.isEmpty()) {
            return fallback;
        }
        return switch (v.get().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> {
                problems.add(name + " must be true or false (got '" + v.get() + "')");
                yield fallback;
            }
        };
    }

    public String oneOf(String name, String fallback, Set<String> allowed) {
        String v = string(name, fallback);
        String normal = v.toLowerCase(Locale.ROOT);
        if (!allowed.contains(normal)) {
            problems.add(name + " must be one of " + allowed.stream().sorted().toList() + " (got '" + v + "')");
            return fallback;
        }
        return normal;
    }

    public Optional<URI> url(String name, Set<String> schemes) {
        Optional<String> v = raw(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(v.get());
            if (uri.getScheme() == null
                    || !schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null) {
                problems.add(name + " must be a " + schemes.stream().sorted().toList() + " URL with a host (got '"
                        + v.get() + "')");
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (Exception e) {
            problems.add(name + " is not a valid URL (got '" + v.get() + "')");
            return Optional.empty();
        }
    }

    public Optional<Path> path(String name) {
        return raw(name).map(Path::of);
    }

    public void problem(String message) {
        problems.add(message);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }
}
