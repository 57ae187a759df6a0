package datastore.schemas.frictionless;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import org.jspecify.annotations.Nullable;

/** Equality, order and hashing of cast values the way Python compares them (1 == 1.0, Decimal NaN orders with nothing). */
final class Values {
    private Values() {}

    /** A key with Python's equality: numbers by value, so 1, 1.0 and 1.00 are one key. */
    static @Nullable Object key(@Nullable Object v) {
        BigDecimal d = decimal(v);
        if (d != null) {
            return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        }
        return v;
    }

    static boolean same(@Nullable Object a, @Nullable Object b) {
        Object ka = key(a);
        return ka == null ? b == null : ka.equals(key(b));
    }

    /**
     * The order of two values, or null when Python could not order them (NaN, or different kinds). A naive and an aware
     * time are ordered by their local parts (Python raises; a bound check then fails rather than crash).
     */
    @SuppressWarnings("unchecked")
    static @Nullable Integer compare(Object a, Object b) {
        BigDecimal da = decimal(a);
        BigDecimal db = decimal(b);
        if (da != null && db != null) {
            return da.compareTo(db);
        }
        if (a instanceof Double || b instanceof Double) {
            double x = a instanceof Double d ? d : da != null ? da.doubleValue() : Double.NaN;
            double y = b instanceof Double d ? d : db != null ? db.doubleValue() : Double.NaN;
            return Double.isNaN(x) || Double.isNaN(y) ? null : Double.compare(x, y);
        }
        if (a instanceof OffsetDateTime x && b instanceof LocalDateTime y) {
            return x.toLocalDateTime().compareTo(y);
        }
        if (a instanceof LocalDateTime x && b instanceof OffsetDateTime y) {
            return x.compareTo(y.toLocalDateTime());
        }
        if (a instanceof OffsetTime x && b instanceof LocalTime y) {
            return x.toLocalTime().compareTo(y);
        }
        if (a instanceof LocalTime x && b instanceof OffsetTime y) {
            return x.compareTo(y.toLocalTime());
        }
        if (a instanceof OffsetDateTime x && b instanceof OffsetDateTime y) {
            return x.toInstant().compareTo(y.toInstant());
        }
        if (a.getClass() == b.getClass() && a instanceof Comparable<?>) {
            return ((Comparable<Object>) a).compareTo(b);
        }
        return null;
    }

    private static @Nullable BigDecimal decimal(@Nullable Object v) {
        return switch (v) {
            case BigDecimal d -> d;
            case Long l -> BigDecimal.valueOf(l);
            case Integer i -> BigDecimal.valueOf(i);
            case BigInteger i -> new BigDecimal(i);
            case null, default -> null;
        };
    }
}
