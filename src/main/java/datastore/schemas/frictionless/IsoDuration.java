package datastore.schemas.frictionless;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A cast {@code duration} value: an ISO 8601 / XSD duration with calendar months and exact seconds kept apart (a month
 * has no fixed length). {@link #toString} is the ISO text, which PostgreSQL's interval input reads.
 */
public record IsoDuration(BigDecimal months, BigDecimal seconds) implements Comparable<IsoDuration> {
    private static final String NUM = "(\\d+(?:[.,]\\d+)?)";
    private static final Pattern DESIGNATORS = Pattern.compile("([+-])?P(?!$)(?:" + NUM + "Y)?(?:" + NUM + "M)?(?:"
            + NUM + "W)?(?:" + NUM + "D)?(?:T(?=\\d)(?:" + NUM + "H)?(?:" + NUM + "M)?(?:" + NUM + "S)?)?");
    private static final Pattern ALTERNATIVE =
            Pattern.compile("([+-])?P(\\d{4})-?(\\d{2})-?(\\d{2})T(\\d{2}):?(\\d{2}):?(\\d{2}(?:[.,]\\d+)?)");
    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);

    public IsoDuration {
        months = months.stripTrailingZeros();
        seconds = seconds.stripTrailingZeros();
    }

    /** isodate's parse_duration: {@code PnYnMnWnDTnHnMnS} (decimals with . or ,, an optional sign) or {@code PYYYY-MM-DDThh:mm:ss}. */
    static @Nullable IsoDuration parse(String text) {
        Matcher m = DESIGNATORS.matcher(text);
        if (m.matches()) {
            BigDecimal months = n(m.group(2)).multiply(BigDecimal.valueOf(12)).add(n(m.group(3)));
            BigDecimal days = n(m.group(4)).multiply(BigDecimal.valueOf(7)).add(n(m.group(5)));
            BigDecimal seconds = days.multiply(BigDecimal.valueOf(86_400))
                    .add(n(m.group(6)).multiply(BigDecimal.valueOf(3600)))
                    .add(n(m.group(7)).multiply(SIXTY))
                    .add(n(m.group(8)));
            return signed("-".equals(m.group(1)), months, seconds);
        }
        m = ALTERNATIVE.matcher(text);
        if (m.matches()) {
            BigDecimal months = n(m.group(2)).multiply(BigDecimal.valueOf(12)).add(n(m.group(3)));
            BigDecimal seconds = n(m.group(4))
                    .multiply(BigDecimal.valueOf(86_400))
                    .add(n(m.group(5)).multiply(BigDecimal.valueOf(3600)))
                    .add(n(m.group(6)).multiply(SIXTY))
                    .add(n(m.group(7)));
            return signed("-".equals(m.group(1)), months, seconds);
        }
        return null;
    }

    private static IsoDuration signed(boolean negative, BigDecimal months, BigDecimal seconds) {
        return negative ? new IsoDuration(months.negate(), seconds.negate()) : new IsoDuration(months, seconds);
    }

    private static BigDecimal n(@Nullable String text) {
        return text == null ? BigDecimal.ZERO : new BigDecimal(text.replace(',', '.'));
    }

    /** Orders by an average month (30.436875 days) where months differ, so bounds on durations can be checked. */
    @Override
    public int compareTo(IsoDuration o) {
        BigDecimal monthSeconds = BigDecimal.valueOf(2_629_746);
        return months.multiply(monthSeconds)
                .add(seconds)
                .compareTo(o.months.multiply(monthSeconds).add(o.seconds));
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("P");
        if (months.signum() != 0) {
            out.append(months.toPlainString()).append('M');
        }
        if (seconds.signum() != 0 || months.signum() == 0) {
            out.append("T").append(seconds.toPlainString()).append('S');
        }
        return out.toString();
    }
}
