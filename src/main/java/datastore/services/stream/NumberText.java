package datastore.services.stream;

import java.math.BigDecimal;

/** Shortest round-trip float text in PostgreSQL's and Python's spellings. */
final class NumberText {

    private NumberText() {}

    /** PostgreSQL float8out: {@code 1.5}, {@code 3}, {@code 1e+15}, {@code 1e-05}, {@code NaN}, {@code -Infinity}. */
    static String pgFloat8(double d) {
        if (!Double.isFinite(d)) {
            return nonFinite(d);
        }
        return format(signBit(d), Double.toString(Math.abs(d)), 15, false);
    }

    /** PostgreSQL float4out: like {@link #pgFloat8} with float digits, scientific from 1e+06. */
    static String pgFloat4(float f) {
        if (!Float.isFinite(f)) {
            return nonFinite(f);
        }
        return format(Float.floatToRawIntBits(f) < 0, Float.toString(Math.abs(f)), 6, false);
    }

    /** Python's {@code repr(float)}: {@code 1.5}, {@code 3.0}, {@code 1e+16}, {@code 1e-05}, {@code inf}. */
    static String pythonFloat(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return format(signBit(d), Double.toString(Math.abs(d)), 16, true);
    }

    private static boolean signBit(double d) {
        return Double.doubleToRawLongBits(d) < 0;
    }

    private static String nonFinite(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        return d > 0 ? "Infinity" : "-Infinity";
    }

    /**
     * Lays out the digits of Java's shortest repr (JDK 19+) in C printf {@code %g} style: plain
     * notation for decimal exponents in [-4, sciFrom), else {@code d.ddde±XX}.
     */
    private static String format(boolean negative, String javaRepr, int sciFrom, boolean pointZero) {
        StringBuilder sb = new StringBuilder(24);
        if (negative) {
            sb.append('-');
        }
        BigDecimal bd = new BigDecimal(javaRepr);
        if (bd.signum() == 0) {
            return sb.append(pointZero ? "0.0" : "0").toString();
        }
        bd = bd.stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int exp = digits.length() - 1 - bd.scale();
        if (exp < -4 || exp >= sciFrom) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            int abs = Math.abs(exp);
            sb.append('e')
                    .append(exp < 0 ? '-' : '+')
                    .append(abs < 10 ? "0" : "")
                    .append(abs);
        } else if (exp < 0) {
            sb.append("0.").append("0".repeat(-exp - 1)).append(digits);
        } else if (digits.length() <= exp + 1) {
            sb.append(digits).append("0".repeat(exp + 1 - digits.length()));
            if (pointZero) {
                sb.append(".0");
            }
        } else {
            sb.append(digits, 0, exp + 1).append('.').append(digits, exp + 1, digits.length());
        }
        return sb.toString();
    }
}
